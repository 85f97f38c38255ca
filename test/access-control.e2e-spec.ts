/**
 * Access control over HTTP against the real stack (api from createApp, a worker with the production workflows,
 * the Temporal dev server, a fresh PostgreSQL database): bearer tokens, every endpoint × every role × own and
 * other ward (and the legacy regime, where the district decides), separation of duties, the actor from the
 * token, public verification keys, the command and read rate limits and the audit log. Every refusal must leave the
 * event log untouched.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import request from 'supertest';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { AuditLog, RefusalEntry } from '../apps/api/src/auth/audit-log';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../apps/api/src/auth/auth.config';
import { TokenClaims } from '../apps/api/src/auth/dev-tokens';
import { createTestAuth } from '../apps/api/src/auth/testing';
import { validateApiEnv } from '../apps/api/src/api.config';
import { createApp } from '../apps/api/src/create-app';
import { freePort } from '../tools/dev-stack/servers';
import { localPublicKeyPem, mintDemoTokens } from '../scripts/token';
import { ApiRig, startApiRig } from './support/api-rig';
import { createTestDatabase } from './support/database';

jest.setTimeout(180_000);

type Caller = 'officer' | 'ward_chair' | 'district_approver' | 'supervisor' | 'front' | 'auditor' | 'anonymous';
const callers: Caller[] = ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor', 'anonymous'];

/** The callers of the matrix: the ward-bound ones hold Hàng Bạc only; the other ward is Hàng Đào. */
const principals: Record<Exclude<Caller, 'anonymous'>, TokenClaims> = {
  officer: { sub: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] },
  ward_chair: { sub: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] },
  district_approver: { sub: 'district-approver-1', role: 'district_approver', wards: ['hang-bac'] },
  supervisor: { sub: 'bcd-hoan-kiem', role: 'supervisor', wards: ['*'] },
  front: { sub: 'front-hang-bac', role: 'front', wards: ['hang-bac'] },
  auditor: { sub: 'auditor-1', role: 'auditor', wards: ['*'] },
};
const OWN = 'hang-bac';
const OTHER = 'hang-dao';
/** A day both wards existed (until 30/6/2025, admin_units) under the ward-recognition regime: the drafts' start. */
const DRAFTED_ON = '2025-06-02';

let rig: ApiRig;
let auth: ApiRig['auth'];
let db: ApiRig['db'];
let app: ApiRig['app'];
let http: ApiRig['http'];
const headers = {} as Record<Caller, Record<string, string>>;
const setup: Record<'officer' | 'chair', Record<string, string>> = { officer: {}, chair: {} };
let audit: RefusalEntry[] = [];

beforeAll(async () => {
  rig = await startApiRig('access-e2e');
  ({ auth, db, app, http } = rig);
  jest.spyOn(app.get(AuditLog), 'write').mockImplementation((entry) => void audit.push(entry));
  for (const [caller, claims] of Object.entries(principals)) headers[caller as Caller] = await auth.bearer(claims);
  headers.anonymous = {};
  setup.officer = await auth.bearer({ sub: 'setup-officer', role: 'officer', wards: ['*'] });
  setup.chair = await auth.bearer({ sub: 'setup-chair', role: 'ward_chair', wards: ['*'] });
});

afterAll(() => rig?.close());

const today = () => civilDateInVietnam(Date.now());
const daysAgo = (n: number) => addCalendarDays(today(), -n);
const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const eventCount = async (): Promise<number> => (await db.dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n;

function draftBody(regulationId: string, wardCode: string, over: Record<string, unknown> = {}) {
  return {
    regulationId,
    wardCode,
    kind: 'community_convention',
    title: 'Quy ước tổ dân phố văn minh',
    text: 'Điều 1. Giữ gìn vệ sinh chung.',
    startedOn: DRAFTED_ON,
    ...over,
  };
}

async function create(wardCode: string, over: Record<string, unknown> = {}, as = setup.officer): Promise<string> {
  const id = uniqueId('ac');
  const res = await http.post('/regulations').set(as).send(draftBody(id, wardCode, over));
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return id;
}

async function command(id: string, route: string, body: object, as: Record<string, string>, status = 200) {
  const res = await http.post(`/regulations/${id}/${route}`).set(as).send(body);
  expect({ route, status: res.status, body: res.status === status ? 'as expected' : res.body }).toEqual({ route, status, body: 'as expected' });
  return res;
}

async function detail(id: string) {
  const res = await http.get(`/regulations/${id}`).set(setup.officer);
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until the workflow's own timer has committed its event and the projection shows it. */
async function eventually(id: string, check: (view: Record<string, any>) => boolean): Promise<Record<string, any>> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const view = await detail(id);
    if (check(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`regulation ${id} never reached the expected state`);
}

/**
 * Takes a convention, drafted on `startedOn`, to a dossier submitted by `submitter` (back-dated steps), and waits for
 * the workflow's escalation of its decision task, overdue since the back-dated deadline, so no timer writes later.
 */
async function toSubmittedDossier(id: string, dates: { opened: string; vote: string; submitted: string }, submitter: Record<string, string>) {
  await command(id, 'open-consultation', { openedOn: dates.opened, days: 30, channels: ['meeting'] }, setup.officer);
  await eventually(id, (view) => view.stage === 'revising');
  await command(id, 'record-vote', { method: 'meeting', heldOn: dates.vote, totalHouseholds: 80, present: 60, approving: 55 }, setup.officer);
  await command(id, 'submit-dossier', { submittedOn: dates.submitted, documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }, submitter);
  await eventually(id, (view) => view.timeline.some((entry: { type: string }) => entry.type === 'TaskEscalated'));
}

const commandBodies: Record<string, object> = {
  'revise-draft': { text: 'Điều 1.', summary: 'Sửa' },
  'open-consultation': { days: 30, channels: ['meeting'] },
  'extend-consultation': { days: 5, reason: 'Thêm thời gian' },
  'close-consultation': {},
  'record-comment': { commentId: 'x-1', channel: 'meeting', content: 'Ý kiến của hộ ông Nguyễn Văn A, số nhà 12', receivedOn: '2026-01-05' },
  'submit-critique': { content: 'Phản biện', submittedOn: '2026-01-05' },
  'record-disposition': { commentId: 'x-1', disposition: 'accepted' },
  'record-vote': { method: 'meeting', heldOn: '2026-01-05', totalHouseholds: 100, present: 60, approving: 55 },
  'record-conference': { heldOn: '2026-01-05', form: 'plenary', convened: 60, present: 45, approving: 40 },
  'submit-dossier': { submittedOn: '2026-01-05', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] },
  'start-review': {},
  recognize: { decisionNo: '15/QĐ-UBND', decidedOn: '2026-01-05' },
  'return-dossier': { returnedOn: '2026-01-05', reasons: 'Thiếu biên bản' },
  withdraw: { reason: 'Không cần nữa' },
  'record-annual-review': { outcome: 'keep', reviewedOn: '2026-01-05', notes: 'Giữ nguyên' },
  'start-amendment': { text: 'Điều 1 mới.', startedOn: '2026-01-05', reason: 'Sửa đổi' },
  'receive-complaint': { complaintId: 'don-1', receivedOn: '2026-01-05', source: 'written_complaint', summary: 'Trái luật' },
  'dismiss-complaint': { complaintId: 'don-1', answeredOn: '2026-01-05', reason: 'Không có cơ sở' },
  suspend: {
    complaintId: 'don-1',
    decisionNo: '15/QĐ-UBND',
    suspendedOn: '2026-01-05',
    ground: 'procedure',
    scope: 'whole',
    redraftDueOn: '2026-03-05',
    reason: 'Trái luật',
  },
  repeal: { repealedOn: '2026-01-05', decisionNo: '16/QĐ-UBND', ground: 'unlawful_content', reason: 'Trái luật' },
  'record-proposal': { proposedOn: '2026-01-05', proposer: 'group_head', content: 'Giữ gìn vệ sinh chung', frontHeadAgreedOn: '2026-01-04' },
  'form-drafting-group': { formedOn: '2026-01-05', members: [{ name: 'Nguyễn Văn An', represents: 'Chi hội Người cao tuổi' }] },
  'choose-name': { name: 'quy_uoc', decidedOn: '2026-01-05' },
  'record-signatures': { signedOn: '2026-01-05', groupHead: 'Lê Văn Cường', frontHead: 'Phạm Thị Dung', householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'] },
  'stamp-text': { stampedOn: '2026-01-05' },
  'record-disclosure': { subject: 'recognized_text', disclosedOn: '2026-01-05', place: 'Bảng tin nhà văn hóa' },
  'claim-task': { taskId: 'x:dossier_decision:1' },
  'release-task': { taskId: 'x:dossier_decision:1' },
  'reassign-task': { taskId: 'x:dossier_decision:1', assigneeId: 'chair-2' },
};

/**
 * Who holds each command, stated here independently of the api's policy table: under the current regimes the
 * ward decides the dossier; under Decision 22/2018 the district does. `workplace`: who else holds it on an agency's
 * or an enterprise's own regulation (the officer records its head's or the employer's decision), so may ever send it.
 */
const holders: Record<string, { current: Caller[]; legacy: Caller[]; workplace?: Caller[] }> = {
  create: { current: ['officer'], legacy: ['officer'] },
  ...Object.fromEntries(
    ['revise-draft', 'open-consultation', 'extend-consultation', 'close-consultation', 'record-comment', 'record-disposition', 'record-vote', 'record-conference', 'submit-dossier', 'start-amendment'].map(
      (route) => [route, { current: ['officer'] as Caller[], legacy: ['officer'] as Caller[] }],
    ),
  ),
  ...Object.fromEntries(
    ['record-proposal', 'form-drafting-group', 'choose-name', 'record-signatures', 'record-disclosure'].map((route) => [
      route,
      { current: ['officer'] as Caller[], legacy: ['officer'] as Caller[] },
    ]),
  ),
  'stamp-text': { current: ['officer', 'ward_chair'], legacy: ['officer', 'ward_chair'] },
  'submit-critique': { current: ['front'], legacy: ['front'] },
  'start-review': { current: ['officer', 'ward_chair'], legacy: ['district_approver'] },
  recognize: { current: ['ward_chair'], legacy: ['district_approver'], workplace: ['officer'] },
  'return-dossier': { current: ['ward_chair'], legacy: ['district_approver'] },
  withdraw: { current: ['officer', 'ward_chair'], legacy: ['officer', 'ward_chair'] },
  'record-annual-review': { current: ['officer', 'ward_chair'], legacy: ['officer', 'ward_chair'] },
  'receive-complaint': { current: ['officer', 'ward_chair'], legacy: ['officer', 'ward_chair'] },
  'dismiss-complaint': { current: ['ward_chair'], legacy: ['ward_chair'] },
  suspend: { current: ['ward_chair'], legacy: ['ward_chair'] },
  repeal: { current: ['ward_chair'], legacy: ['ward_chair'], workplace: ['officer'] },
  ...Object.fromEntries(
    ['claim-task', 'release-task', 'reassign-task'].map((route) => [
      route,
      { current: ['ward_chair', 'district_approver'] as Caller[], legacy: ['ward_chair', 'district_approver'] as Caller[] },
    ]),
  ),
};

describe('every command × every role × own ward, own ward under the legacy regime, another ward', () => {
  /** Withdrawn conventions: a command that passes access control reaches the workflow and is refused there (409), so no row writes. */
  const targets = {} as Record<'own' | 'ownLegacy' | 'other', { id: string; ward: string }>;

  beforeAll(async () => {
    const withdrawn = async (ward: string, over: Record<string, unknown> = {}) => {
      const id = await create(ward, over);
      await command(id, 'withdraw', { reason: 'Fixture' }, setup.officer);
      return { id, ward };
    };
    targets.own = await withdrawn(OWN);
    targets.ownLegacy = await withdrawn(OWN, { startedOn: '2020-03-02' });
    targets.other = await withdrawn(OTHER);
  });

  function expected(route: string, caller: Caller, target: keyof typeof targets): string {
    if (caller === 'anonymous') return '401 AUTH.UNAUTHENTICATED';
    const holds = holders[route][target === 'ownLegacy' ? 'legacy' : 'current'].includes(caller);
    if (target === 'other') {
      // Another ward's regulation is answered as a missing one to a role that may ever send the command (under any
      // regime); a draft in another ward names the ward, not a regulation.
      const mayEver = [...holders[route].current, ...holders[route].legacy, ...(holders[route].workplace ?? [])].includes(caller);
      return mayEver && route !== 'create' ? '404 REGULATION.NOT_FOUND' : '403 AUTH.FORBIDDEN';
    }
    if (!holds) return '403 AUTH.FORBIDDEN';
    return route === 'create' ? '409 REGULATION.ALREADY_EXISTS' : '409 REGULATION.INVALID_TRANSITION';
  }

  it.each(['create', ...Object.keys(commandBodies)])('POST %s: the status of each caller on each regulation, and nothing written', async (route) => {
    const before = await eventCount();
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const caller of callers) {
      for (const target of Object.keys(targets) as (keyof typeof targets)[]) {
        const { id, ward } = targets[target];
        const res =
          route === 'create'
            ? await http.post('/regulations').set(headers[caller]).send(draftBody(id, ward, target === 'ownLegacy' ? { startedOn: '2020-03-02' } : {}))
            : await http.post(`/regulations/${id}/${route}`).set(headers[caller]).send(commandBodies[route]);
        actual[`${caller} → ${target}`] = `${res.status} ${res.body.code}`;
        wanted[`${caller} → ${target}`] = expected(route, caller, target);
      }
    }
    expect(actual).toEqual(wanted);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a command on a regulation that does not exist with 404 to a holder, 403 to a non-holder', async () => {
    await http.post('/regulations/no-such-regulation/recognize').set(headers.ward_chair).send(commandBodies.recognize).expect(404);
    const res = await http.post('/regulations/no-such-regulation/recognize').set(headers.front).send(commandBodies.recognize);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
  });

  it('answers a command on another ward’s regulation exactly as on a missing one, and audits it', async () => {
    const missing = uniqueId('ac');
    const answer = async (id: string) => {
      const res = await http.post(`/regulations/${id}/recognize`).set(headers.ward_chair).send(commandBodies.recognize);
      return { status: res.status, body: JSON.parse(JSON.stringify(res.body).split(id).join('<id>')) };
    };
    audit = [];
    const other = await answer(targets.other.id);
    expect(other).toEqual(await answer(missing));
    expect(other).toEqual({ status: 404, body: { code: 'REGULATION.NOT_FOUND', message: 'regulation <id> does not exist', details: { regulationId: '<id>' } } });
    expect(audit).toEqual([
      expect.objectContaining({ actor: { id: 'chair-hang-bac', role: 'ward_chair' }, route: '/regulations/:id/recognize', regulationId: targets.other.id, status: 404, code: 'REGULATION.NOT_FOUND' }),
    ]);
  });

  it('refuses the creation of a draft in another ward, and in a ward not in the catalogue, with 403', async () => {
    const before = await eventCount();
    for (const ward of [OTHER, 'ba-dinh']) {
      const res = await http.post('/regulations').set(headers.officer).send(draftBody(uniqueId('x'), ward));
      expect({ ward, status: res.status, code: res.body.code }).toEqual({ ward, status: 403, code: 'AUTH.FORBIDDEN' });
    }
    expect(await eventCount()).toBe(before);
  });
});

describe('every read endpoint × every role × own and other ward', () => {
  let own: string;
  let other: string;

  beforeAll(async () => {
    own = await create(OWN);
    other = await create(OTHER);
  });

  const readers: Caller[] = ['supervisor', 'auditor'];
  const wardBound: Caller[] = ['officer', 'ward_chair', 'district_approver', 'front'];

  it('scopes one regulation and its as-of view to the caller’s wards (404 outside them); supervisors and auditors read every ward', async () => {
    const actual: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const caller of callers) {
      for (const [where, id] of [['own', own], ['other', other]] as const) {
        for (const path of [`/regulations/${id}`, `/regulations/${id}/as-of?date=${today()}`]) {
          const key = `${caller} GET ${path.replace(id, `<${where}>`).replace(/\?.*/, '')}`;
          actual[key] = (await http.get(path).set(headers[caller])).status;
          wanted[key] = caller === 'anonymous' ? 401 : where === 'other' && wardBound.includes(caller) ? 404 : 200;
        }
      }
    }
    expect(actual).toEqual(wanted);
  });

  it('answers a read of another ward’s regulation exactly as of a missing one, and audits it', async () => {
    const missing = uniqueId('ac');
    const answer = async (id: string, suffix: string) => {
      const res = await http.get(`/regulations/${id}${suffix}`).set(headers.officer);
      return { status: res.status, body: JSON.parse(JSON.stringify(res.body).split(id).join('<id>')) };
    };
    for (const suffix of ['', `/as-of?date=${today()}`]) {
      audit = [];
      const outside = await answer(other, suffix);
      expect({ suffix, outside }).toEqual({ suffix, outside: await answer(missing, suffix) });
      expect(outside).toEqual({ status: 404, body: { code: 'REGULATION.NOT_FOUND', message: 'regulation <id> does not exist', details: { regulationId: '<id>' } } });
      expect(audit).toEqual([expect.objectContaining({ actor: { id: 'officer-hang-bac', role: 'officer' }, method: 'GET', regulationId: other, status: 404, code: 'REGULATION.NOT_FOUND' })]);
    }
  });

  it('filters the list to the caller’s wards and refuses a ward filter outside them', async () => {
    for (const caller of callers) {
      const all = await http.get('/regulations').query({ limit: 100 }).set(headers[caller]);
      const ownList = await http.get('/regulations').query({ ward: OWN }).set(headers[caller]);
      const otherList = await http.get('/regulations').query({ ward: OTHER }).set(headers[caller]);
      if (caller === 'anonymous') {
        expect([all.status, ownList.status, otherList.status]).toEqual([401, 401, 401]);
        continue;
      }
      const wardsSeen = new Set(all.body.items.map((r: { wardCode: string }) => r.wardCode));
      expect({ caller, status: all.status, wards: [...wardsSeen].sort() }).toEqual({
        caller,
        status: 200,
        wards: readers.includes(caller) ? [OWN, OTHER].sort() : [OWN],
      });
      expect(ownList.status).toBe(200);
      expect(ownList.body.items.map((r: { regulationId: string }) => r.regulationId)).toContain(own);
      expect({ caller, status: otherList.status, code: otherList.body.code }).toEqual(
        readers.includes(caller) ? { caller, status: 200, code: undefined } : { caller, status: 403, code: 'AUTH.FORBIDDEN' },
      );
    }
  });

  it('scopes the inbox, its counts and its stream to the caller’s wards (403 for another ward); supervisors and auditors read every ward', async () => {
    // One pending task in each ward, as the projector writes them.
    for (const ward of [OWN, OTHER]) {
      const regulationId = uniqueId('ac-inbox');
      await db.dataSource.query(
        `INSERT INTO approval_tasks (task_id, regulation_id, ward_code, kind, title, step, authority, candidate_role, authority_unit, status,
           priority, opened_on, opened_at, due_on, due_at, remind_at, updated_at, last_global_position)
         VALUES ($1, $2, $3, 'community_convention', 'Quy ước', 'dossier_decision', 'ward_peoples_committee', 'ward_chair', $3, 'open',
           2, $4, now(), $4, now(), now(), now(), 1)`,
        [`${regulationId}:dossier_decision:5`, regulationId, ward, today()],
      );
    }
    // The stream never ends: it is opened over a real connection, its status read, and closed.
    await app.listen(0, '127.0.0.1');
    const baseUrl = await app.getUrl();
    const streamStatus = async (query: string, as: Record<string, string>): Promise<number> => {
      const abort = new AbortController();
      const res = await fetch(`${baseUrl}/inbox/stream${query}`, { headers: as, signal: abort.signal });
      abort.abort();
      return res.status;
    };
    const actual: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const caller of callers) {
      for (const [where, query] of [['all', ''], ['own', `?ward=${OWN}`], ['other', `?ward=${OTHER}`]] as const) {
        for (const path of ['/inbox', '/inbox/counts', '/inbox/stream']) {
          const key = `${caller} GET ${path} ${where}`;
          actual[key] = path === '/inbox/stream' ? await streamStatus(query, headers[caller]) : (await http.get(`${path}${query}`).set(headers[caller])).status;
          wanted[key] = caller === 'anonymous' ? 401 : where === 'other' && wardBound.includes(caller) ? 403 : 200;
        }
      }
    }
    expect(actual).toEqual(wanted);
    for (const caller of callers.filter((c) => c !== 'anonymous')) {
      const page = await http.get('/inbox').query({ limit: 100 }).set(headers[caller]);
      const counts = await http.get('/inbox/counts').set(headers[caller]);
      expect({
        caller,
        page: [...new Set(page.body.items.map((task: { wardCode: string }) => task.wardCode))].sort(),
        counts: counts.body.byWard.map((ward: { wardCode: string }) => ward.wardCode),
      }).toEqual({ caller, page: readers.includes(caller) ? [OWN, OTHER].sort() : [OWN], counts: readers.includes(caller) ? [OWN, OTHER].sort() : [OWN] });
    }
  });

  it('serves the catalogue to any valid token; liveness, readiness, metrics and the OpenAPI document to anyone', async () => {
    const actual: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const caller of callers) {
      for (const path of ['/catalogue', '/ready', '/health', '/metrics', '/docs-json']) {
        actual[`${caller} GET ${path}`] = (await http.get(path).set(headers[caller])).status;
        wanted[`${caller} GET ${path}`] = caller === 'anonymous' && path === '/catalogue' ? 401 : 200;
      }
    }
    expect(actual).toEqual(wanted);
  });

  it('lets supervisors and auditors read reports, and supervisors alone run them', async () => {
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    const calls: [string, () => request.Test, (caller: Caller) => string][] = [
      ['GET /reports', () => http.get('/reports'), (c) => (['supervisor', 'auditor'].includes(c) ? '200' : '403')],
      ['GET /reports/:id', () => http.get('/reports/annual-1999'), (c) => (['supervisor', 'auditor'].includes(c) ? '404' : '403')],
      ['GET /reports/runs/:id', () => http.get('/reports/runs/no-such-run'), (c) => (['supervisor', 'auditor'].includes(c) ? '404' : '403')],
      // A name that is no period: refused (400) only once access is granted, and nothing is computed.
      ['GET /reports/:id/restated', () => http.get('/reports/quarterly-1999/restated'), (c) => (['supervisor', 'auditor'].includes(c) ? '400' : '403')],
      // An unknown kind: the body is refused (400) only once access is granted, and nothing runs.
      ['POST /reports/runs', () => http.post('/reports/runs').send({ kind: 'quarterly', periodStart: '2025-01-01' }), (c) => (c === 'supervisor' ? '400' : '403')],
      ['POST /reports/schedules/:kind/pause', () => http.post('/reports/schedules/quarterly/pause').send({}), (c) => (c === 'supervisor' ? '400' : '403')],
      ['POST /reports/schedules/:kind/backfill', () => http.post('/reports/schedules/quarterly/backfill').send({ fromYear: 2024, toYear: 2025 }), (c) => (c === 'supervisor' ? '400' : '403')],
    ];
    for (const caller of callers) {
      for (const [name, call, expectation] of calls) {
        actual[`${caller} ${name}`] = String((await call().set(headers[caller])).status);
        wanted[`${caller} ${name}`] = caller === 'anonymous' ? '401' : expectation(caller);
      }
    }
    expect(actual).toEqual(wanted);
  });

  it('lets auditors alone reconcile and repair, refuses a bad regulation id with 400, and documents both routes', async () => {
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    const calls: [string, () => request.Test, string][] = [
      ['GET /reconcile?regulation=<own>', () => http.get('/reconcile').query({ regulation: own }), '200'],
      ['POST /reconcile/repair?regulation=<own>', () => http.post('/reconcile/repair').query({ regulation: own }), '200'],
      ['GET /reconcile?regulation=<bad>', () => http.get('/reconcile').query({ regulation: 'bad id!' }), '400 QUERY.INVALID'],
      ['GET /reconcile?regulation=<unknown>', () => http.get('/reconcile').query({ regulation: 'no-such-regulation' }), '404 REGULATION.NOT_FOUND'],
      ['GET /reconcile?limit=0', () => http.get('/reconcile').query({ limit: 0 }), '400 QUERY.INVALID'],
      ['GET /reconcile?limit=1', () => http.get('/reconcile').query({ limit: 1 }), '200'],
    ];
    for (const caller of callers) {
      for (const [name, call, forAuditors] of calls) {
        const res = await call().set(headers[caller]);
        actual[`${caller} ${name}`] = res.status === 200 ? '200' : `${res.status} ${res.body.code}`;
        wanted[`${caller} ${name}`] = caller === 'anonymous' ? '401 AUTH.UNAUTHENTICATED' : caller === 'auditor' ? forAuditors : '403 AUTH.FORBIDDEN';
      }
    }
    expect(actual).toEqual(wanted);
    const report = await http.get('/reconcile').query({ regulation: own }).set(headers.auditor);
    expect(report.body).toEqual({ checked: 1, differences: [], repaired: [], next: null });
    const page = await http.get('/reconcile').query({ limit: 1 }).set(headers.auditor);
    expect(page.body).toMatchObject({ checked: 1, next: expect.any(String) });
    const doc = (await http.get('/docs-json')).body;
    expect([doc.paths['/reconcile']?.get?.security, doc.paths['/reconcile/repair']?.post?.security]).toEqual([[{ bearer: [] }], [{ bearer: [] }]]);
  });
});

describe('probes', () => {
  /** What a probe's answer must never show: the dependencies' addresses, drivers' errors, versions, stacks. */
  function expectNothingSensitive(res: request.Response, extra: string[] = []) {
    const text = JSON.stringify({ body: res.body, text: res.text });
    const database = new URL(db.url);
    for (const secret of [db.url, database.host, database.pathname.slice(1), process.env.TEMPORAL_ADDRESS as string, ...extra]) {
      expect({ leaked: secret, found: text.includes(secret) }).toEqual({ leaked: secret, found: false });
    }
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|postgres|ECONN|refused|unavailable|timeout|error:|stack|\bat \w|\d+\.\d+\.\d+/i);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  }

  it('answer /health and /ready with 200 without a token and with any token, valid or not, and say up or down per dependency only', async () => {
    const foreign = await createTestAuth();
    const expired = await new SignJWT({ ...principals.officer })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(auth.key.privateKey);
    const presented: Record<string, Record<string, string>> = {
      ...headers,
      'not a JWT': { Authorization: 'Bearer not-a-token' },
      'Basic credentials': { Authorization: 'Basic b2ZmaWNlcjpwYXNz' },
      'an expired token': { Authorization: `Bearer ${expired}` },
      'a token of another key': await foreign.bearer(principals.ward_chair),
    };
    const actual: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    for (const [who, as] of Object.entries(presented)) {
      for (const [path, body] of [
        ['/health', { status: 'ok' }],
        ['/ready', { status: 'ok', checks: { database: 'up', temporal: 'up' } }],
      ] as const) {
        const res = await http.get(path).set(as);
        actual[`${who} GET ${path}`] = { status: res.status, body: res.body };
        wanted[`${who} GET ${path}`] = { status: 200, body };
        expectNothingSensitive(res);
      }
    }
    expect(actual).toEqual(wanted);
    // HEAD, as some load balancers probe.
    expect((await http.head('/ready')).status).toBe(200);
  });

  it('documents /health and /ready with no security requirement, and /ready’s 503', async () => {
    const doc = (await http.get('/docs-json')).body;
    for (const path of ['/health', '/ready']) {
      const operation = doc.paths[path].get;
      expect({ path, security: operation.security, responses: Object.keys(operation.responses).sort() }).toEqual({
        path,
        security: undefined,
        responses: path === '/ready' ? ['200', '503'] : ['200'],
      });
    }
    expect(doc.paths['/ready'].get.responses['503'].content['application/json'].schema.$ref).toBe('#/components/schemas/ReadinessDto');
    expect(doc.components.schemas.ReadinessChecksDto.properties).toEqual({
      database: expect.objectContaining({ enum: ['up', 'down'] }),
      temporal: expect.objectContaining({ enum: ['up', 'down'] }),
    });
    expect(doc.paths['/catalogue'].get.security).toEqual([{ bearer: [] }]);
  });

  /** A second api on the suite's key, with these environment overrides, for one test. */
  async function appWith(env: Record<string, string>): Promise<NestExpressApplication> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return await createApp();
    } finally {
      process.env = saved;
    }
  }

  it('answers /ready with 503 {status: error, checks: {temporal: down}} while Temporal is unreachable, naming no address; /health stays 200', async () => {
    const closed = await freePort();
    const isolated = await appWith({ TEMPORAL_ADDRESS: `127.0.0.1:${closed}` });
    try {
      const api = request(isolated.getHttpServer());
      for (const as of [headers.anonymous, headers.supervisor]) {
        const ready = await api.get('/ready').set(as);
        expect({ status: ready.status, body: ready.body }).toEqual({ status: 503, body: { status: 'error', checks: { database: 'up', temporal: 'down' } } });
        expectNothingSensitive(ready, [String(closed)]);
        const live = await api.get('/health');
        expect({ status: live.status, body: live.body }).toEqual({ status: 200, body: { status: 'ok' } });
      }
      // Every other route still wants a token.
      expect((await api.get('/catalogue')).status).toBe(401);
    } finally {
      await isolated.close();
    }
  });

  it('answers /ready with 503 {status: error, checks: {database: down}} once its PostgreSQL database is gone', async () => {
    const doomed = await createTestDatabase();
    const isolated = await appWith({ DATABASE_URL: doomed.url });
    try {
      const api = request(isolated.getHttpServer());
      expect((await api.get('/ready')).status).toBe(200);
      await doomed.drop();
      // The previous answer serves for a second at most.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const ready = await api.get('/ready');
      expect({ status: ready.status, body: ready.body }).toEqual({ status: 503, body: { status: 'error', checks: { database: 'down', temporal: 'up' } } });
      expectNothingSensitive(ready, [new URL(doomed.url).pathname.slice(1)]);
      expect((await api.get('/health')).status).toBe(200);
    } finally {
      await isolated.close();
      await doomed.drop();
    }
  });
});

describe('separation of duties and the deciding authority', () => {
  it('refuses the recognition by the actor who submitted the dossier, even holding a chair’s token; another chair recognizes', async () => {
    const id = await create(OWN);
    const dual = { sub: 'nguyen-van-b', wards: [OWN] };
    await toSubmittedDossier(id, { opened: daysAgo(110), vote: daysAgo(70), submitted: daysAgo(68) }, await auth.bearer({ ...dual, role: 'officer' }));
    await command(id, 'start-review', {}, headers.officer);
    const asChair = await auth.bearer({ ...dual, role: 'ward_chair' });
    const before = await eventCount();
    const refused = await http.post(`/regulations/${id}/recognize`).set(asChair).send({ decisionNo: '9/QĐ-UBND', decidedOn: daysAgo(65) });
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 403,
      body: { code: 'AUTH.SEPARATION_OF_DUTIES', message: expect.any(String), details: { regulationId: id } },
    });
    expect(await eventCount()).toBe(before);

    await command(id, 'recognize', { decisionNo: '9/QĐ-UBND', decidedOn: daysAgo(65) }, headers.ward_chair);
    const view = await detail(id);
    expect(view.stage).toBe('in_force');
    const actorOf = (type: string) => view.timeline.find((entry: { type: string }) => entry.type === type).actor;
    expect(actorOf('DossierSubmitted')).toEqual({ id: 'nguyen-van-b', role: 'officer' });
    expect(actorOf('RegulationRecognized')).toEqual({ id: 'chair-hang-bac', role: 'ward_chair' });
  });

  it('lets the district, not the ward chair, review and recognize a convention drafted under Decision 22/2018', async () => {
    const id = await create(OWN, { startedOn: '2020-03-02' });
    await toSubmittedDossier(id, { opened: '2020-03-05', vote: '2020-04-20', submitted: '2020-04-22' }, headers.officer);
    const before = await eventCount();
    for (const caller of ['officer', 'ward_chair'] as const) {
      const res = await http.post(`/regulations/${id}/start-review`).set(headers[caller]).send({});
      expect({ caller, status: res.status, code: res.body.code, authority: res.body.details?.authority }).toEqual({
        caller,
        status: 403,
        code: 'AUTH.FORBIDDEN',
        authority: 'district_peoples_committee',
      });
    }
    expect(await eventCount()).toBe(before);
    await command(id, 'start-review', {}, headers.district_approver);
    await command(id, 'recognize', { decisionNo: '31/QĐ-UBND', decidedOn: '2020-04-27' }, headers.ward_chair, 403);
    await command(id, 'recognize', { decisionNo: '31/QĐ-UBND', decidedOn: '2020-04-27' }, headers.district_approver);
    const view = await detail(id);
    expect(view).toMatchObject({ stage: 'in_force', regimeId: 'decision-22-2018', inForce: { authority: 'district_peoples_committee' } });
    // Recognized in 2020: the annual review it owes may already follow on the timeline.
    expect(view.timeline.find((event: { type: string }) => event.type === 'RegulationRecognized')?.actor).toEqual({
      id: 'district-approver-1',
      role: 'district_approver',
    });
  });
});

describe('approval tasks', () => {
  it('lets the deciding role claim, reassign and release a dossier’s task; others get 403 and nothing is written', async () => {
    const id = await create(OWN);
    await toSubmittedDossier(id, { opened: daysAgo(110), vote: daysAgo(70), submitted: daysAgo(68) }, headers.officer);
    const [{ task_id: taskId }] = await db.dataSource.query(`SELECT task_id FROM approval_tasks WHERE regulation_id = $1`, [id]);
    const before = await eventCount();
    const refusals: [Caller, string, object, string][] = [
      ['district_approver', 'claim-task', { taskId }, '403 TASK.NOT_CANDIDATE'],
      ['officer', 'claim-task', { taskId }, '403 AUTH.FORBIDDEN'],
      ['ward_chair', 'release-task', { taskId }, '409 TASK.NOT_CLAIMED'],
      ['ward_chair', 'claim-task', { taskId: `${id}:annual_review:1` }, '404 TASK.UNKNOWN'],
      ['ward_chair', 'claim-task', { taskId: 'not a task id' }, '400 COMMAND.INVALID'],
    ];
    for (const [caller, route, body, status] of refusals) {
      const res = await http.post(`/regulations/${id}/${route}`).set(headers[caller]).send(body);
      expect({ caller, route, result: `${res.status} ${res.body.code}` }).toEqual({ caller, route, result: status });
    }
    expect(await eventCount()).toBe(before);

    await command(id, 'claim-task', { taskId }, headers.ward_chair);
    const deputy = await auth.bearer({ sub: 'deputy-hang-bac', role: 'ward_chair', wards: [OWN] });
    await command(id, 'claim-task', { taskId }, deputy, 409);
    await command(id, 'release-task', { taskId }, deputy, 403);
    await command(id, 'reassign-task', { taskId, assigneeId: 'deputy-hang-bac' }, headers.ward_chair);
    await command(id, 'release-task', { taskId }, deputy);
    const view = await detail(id);
    const taskEvents = view.timeline.filter((entry: { type: string }) => entry.type.startsWith('Task')).map((entry: { type: string; actor: object }) => [entry.type, entry.actor]);
    expect(taskEvents).toEqual([
      ['TaskEscalated', { id: 'system', role: 'system' }],
      ['TaskClaimed', { id: 'chair-hang-bac', role: 'ward_chair' }],
      ['TaskReassigned', { id: 'chair-hang-bac', role: 'ward_chair' }],
      ['TaskReleased', { id: 'deputy-hang-bac', role: 'ward_chair' }],
    ]);
    const [row] = await db.dataSource.query(`SELECT status, assignee, escalations FROM approval_tasks WHERE task_id = $1`, [taskId]);
    expect(row).toEqual({ status: 'open', assignee: null, escalations: 1 });
  });
});

describe('the actor comes from the token', () => {
  it('records the token’s subject and role, ignores X-Actor headers and refuses an actor in the body', async () => {
    const id = uniqueId('actor');
    const created = await http
      .post('/regulations')
      .set({ ...headers.officer, 'X-Actor-Id': 'mallory', 'X-Actor-Role': 'ward_chair' })
      .send(draftBody(id, OWN));
    expect(created.status).toBe(201);
    const [{ metadata }] = await db.dataSource.query('SELECT metadata FROM events WHERE stream_id = $1', [id]);
    expect(metadata.actor).toEqual({ id: 'officer-hang-bac', role: 'officer' });
    const before = await eventCount();
    const withActor = await http.post(`/regulations/${id}/revise-draft`).set(headers.officer).send({ text: 'a', summary: 'b', actor: { id: 'mallory', role: 'ward_chair' } });
    expect({ status: withActor.status, field: withActor.body.details?.field }).toEqual({ status: 400, field: 'actor' });
    expect(await eventCount()).toBe(before);
  });
});

describe('bearer tokens', () => {
  const officerClaims = principals.officer;
  const now = () => Math.floor(Date.now() / 1000);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  /** A token signed with the suite's key, or another, with any header and claims. */
  function sign(claims: Record<string, unknown>, options: { key?: Parameters<SignJWT['sign']>[0]; alg?: string; exp?: number | null; iss?: string; aud?: string } = {}) {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'ES256' }).setIssuedAt().setIssuer(options.iss ?? LOCAL_ISSUER).setAudience(options.aud ?? DEFAULT_AUDIENCE);
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 600);
    return jwt.sign(options.key ?? auth.key.privateKey);
  }

  it('refuses missing, malformed, expired, not yet valid, wrongly signed, alg none, HS256 and foreign-issuer tokens with 401, writing nothing', async () => {
    const otherEc = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const valid = await auth.token(officerClaims);
    const [header, payload] = valid.split('.');
    const cases: [string, string | undefined, string][] = [
      ['no Authorization header', undefined, 'missing'],
      ['Basic credentials', 'Basic b2ZmaWNlcjpwYXNz', 'malformed'],
      ['not a JWT', 'Bearer not-a-token', 'malformed'],
      ['a JWT with garbage segments', 'Bearer abc.def.ghi', 'malformed'],
      ['a token of 9000 characters', `Bearer ${'a'.repeat(4500)}.${'b'.repeat(4500)}.c`, 'malformed'],
      ['expired an hour ago', `Bearer ${await sign({ ...officerClaims }, { exp: now() - 3600 })}`, 'expired'],
      ['not valid before tomorrow', `Bearer ${await new SignJWT({ ...officerClaims }).setProtectedHeader({ alg: 'ES256' }).setIssuer(LOCAL_ISSUER).setAudience(DEFAULT_AUDIENCE).setNotBefore(now() + 86_400).setExpirationTime(now() + 90_000).sign(auth.key.privateKey)}`, 'not_yet_valid'],
      ['signed by another key', `Bearer ${await sign({ ...officerClaims }, { key: otherEc })}`, 'signature'],
      ['a tampered payload', `Bearer ${header}.${b64({ ...officerClaims, wards: ['*'], iss: LOCAL_ISSUER, aud: DEFAULT_AUDIENCE, exp: now() + 600 })}.${valid.split('.')[2]}`, 'signature'],
      ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, 'algorithm'],
      ['HS256 with the public key as secret', `Bearer ${await sign({ ...officerClaims }, { alg: 'HS256', key: new TextEncoder().encode(auth.key.publicKey.export({ format: 'pem', type: 'spki' }).toString()) })}`, 'algorithm'],
      ['RS256 by an RSA key', `Bearer ${await sign({ ...officerClaims }, { alg: 'RS256', key: rsa })}`, 'algorithm'],
      ['another issuer', `Bearer ${await sign({ ...officerClaims }, { iss: 'https://evil.example/realms/x' })}`, 'claims'],
      ['another audience', `Bearer ${await sign({ ...officerClaims }, { aud: 'some-other-api' })}`, 'claims'],
      ['no exp', `Bearer ${await sign({ ...officerClaims }, { exp: null })}`, 'claims'],
    ];
    const before = await eventCount();
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const [name, authorization, reason] of cases) {
      const req = http.post('/regulations').send(draftBody(uniqueId('tok'), OWN));
      const res = await (authorization === undefined ? req : req.set('Authorization', authorization));
      actual[name] = `${res.status} ${res.body.code} ${res.body.details?.reason} ${res.headers['www-authenticate']?.startsWith('Bearer') ?? false}`;
      wanted[name] = `401 AUTH.UNAUTHENTICATED ${reason} true`;
    }
    expect(actual).toEqual(wanted);
    expect(await eventCount()).toBe(before);
    // The same token, correctly signed, is accepted: the cases above fail for the stated reason only.
    await http.get('/catalogue').set('Authorization', `Bearer ${valid}`).expect(200);
  });

  it('refuses tokens whose sub, role or wards claim is missing or wrong with 401 and names the claim', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['no sub', { role: 'officer', wards: [OWN] }, 'sub'],
      ['a sub with spaces', { sub: 'nguyen van a', role: 'officer', wards: [OWN] }, 'sub'],
      ['no role', { sub: 'x', wards: [OWN] }, 'role'],
      ['the system role', { sub: 'x', role: 'system', wards: [OWN] }, 'role'],
      ['an unknown role', { sub: 'x', role: 'admin', wards: [OWN] }, 'role'],
      ['an officer without wards', { sub: 'x', role: 'officer' }, 'wards'],
      ['an empty ward list', { sub: 'x', role: 'ward_chair', wards: [] }, 'wards'],
      ['wards as a string', { sub: 'x', role: 'officer', wards: OWN }, 'wards'],
      ['a ward not in the catalogue', { sub: 'x', role: 'front', wards: ['ba-dinh'] }, 'wards'],
    ];
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const [name, claims, claim] of cases) {
      const token = await sign(claims);
      const res = await http.get('/catalogue').set('Authorization', `Bearer ${token}`);
      actual[name] = `${res.status} ${res.body.code} ${res.body.details?.claim}`;
      wanted[name] = `401 AUTH.UNAUTHENTICATED ${claim}`;
    }
    expect(actual).toEqual(wanted);
    // Supervisors and auditors read every ward: their tokens may leave `wards` out.
    await http.get('/catalogue').set('Authorization', `Bearer ${await sign({ sub: 'bcd-2', role: 'supervisor' })}`).expect(200);
  });

  it('accepts an RS256 public key as AUTH_PUBLIC_KEY', async () => {
    const rsaAuth = await createTestAuth('RS256');
    const saved = { ...process.env };
    process.env.AUTH_PUBLIC_KEY = rsaAuth.publicKeyPem;
    const rsaApp = await createApp();
    process.env = saved;
    try {
      const api = request(rsaApp.getHttpServer());
      await api.get('/catalogue').set(await rsaAuth.bearer(officerClaims)).expect(200);
      await api.get('/catalogue').set(headers.officer).expect(401);
    } finally {
      await rsaApp.close();
    }
  });
});

describe('an identity provider’s JWKS', () => {
  /** Serves a JSON Web Key Set on a loopback port, as Keycloak's …/protocol/openid-connect/certs does. */
  async function jwksServer(keys: object[]): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/realms/reglife/protocol/openid-connect/certs`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  async function appWith(env: Record<string, string>) {
    const saved = { ...process.env };
    delete process.env.AUTH_PUBLIC_KEY;
    Object.assign(process.env, env);
    try {
      return await createApp();
    } finally {
      process.env = saved;
    }
  }

  const issuer = 'https://sso.example.vn/realms/reglife';

  it('verifies tokens signed by a key of the set, for the configured issuer and audience only', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwks = await jwksServer([{ ...(await exportJWK(publicKey)), kid: 'realm-key-1', alg: 'RS256', use: 'sig' }]);
    const idpApp = await appWith({ AUTH_JWKS_URL: jwks.url, AUTH_ISSUER: issuer });
    try {
      const api = request(idpApp.getHttpServer());
      const signed = (claims: Record<string, unknown>, over: { iss?: string; kid?: string } = {}) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: over.kid ?? 'realm-key-1' })
          .setIssuer(over.iss ?? issuer)
          .setAudience(DEFAULT_AUDIENCE)
          .setExpirationTime('5m')
          .sign(privateKey);
      const token = await signed({ ...principals.officer });
      await api.get('/catalogue').set('Authorization', `Bearer ${token}`).expect(200);
      const created = await api.post('/regulations').set('Authorization', `Bearer ${token}`).send(draftBody(uniqueId('idp'), OWN));
      expect(created.status).toBe(201);
      expect((await detail(created.body.regulationId)).timeline[0].actor).toEqual({ id: 'officer-hang-bac', role: 'officer' });
      const refusals = {
        'the local key': (await api.get('/catalogue').set(headers.officer)).body.details?.reason,
        'another issuer': (await api.get('/catalogue').set('Authorization', `Bearer ${await signed({ ...principals.officer }, { iss: LOCAL_ISSUER })}`)).body.details?.reason,
        'an unknown kid': (await api.get('/catalogue').set('Authorization', `Bearer ${await signed({ ...principals.officer }, { kid: 'nope' })}`)).body.details?.reason,
      };
      expect(refusals).toEqual({ 'the local key': expect.stringMatching(/^(unknown_key|algorithm)$/), 'another issuer': 'claims', 'an unknown kid': 'unknown_key' });
    } finally {
      await idpApp.close();
      await jwks.close();
    }
  });

  it('answers 503 AUTH.PROVIDER_UNAVAILABLE, not 401, while the key set cannot be fetched', async () => {
    const gone = await jwksServer([]);
    await gone.close();
    const idpApp = await appWith({ AUTH_JWKS_URL: gone.url, AUTH_ISSUER: issuer });
    try {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const token = await new SignJWT({ ...principals.officer }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer(issuer).setAudience(DEFAULT_AUDIENCE).setExpirationTime('5m').sign(privateKey);
      const res = await request(idpApp.getHttpServer()).get('/catalogue').set('Authorization', `Bearer ${token}`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'AUTH.PROVIDER_UNAVAILABLE' });
    } finally {
      await idpApp.close();
    }
  });

  it('refuses to start with a private key, or with no key, and starts with the public key of `npm run token`’s key', async () => {
    // The start-up validation (run once per process, as main.ts starts it) refuses the private key by name…
    expect(() => validateApiEnv({ ...process.env, AUTH_SIGNING_KEY: auth.signingKeyPem })).toThrow(/AUTH_SIGNING_KEY is a private key: the api verifies with a public key only/);
    // …and the api given only a private key has nothing to verify with.
    await expect(appWith({ AUTH_SIGNING_KEY: auth.signingKeyPem })).rejects.toThrow(/no key to verify bearer tokens with/);
    await expect(appWith({ AUTH_PUBLIC_KEY: auth.signingKeyPem })).rejects.toThrow(/AUTH_PUBLIC_KEY holds a private key/);
    await expect(appWith({})).rejects.toThrow(/no key to verify bearer tokens with/);
    await expect(appWith({ AUTH_PUBLIC_KEY: 'not a key' })).rejects.toThrow(/AUTH_PUBLIC_KEY is not a public key/);
    // The token command's key (DATA_DIR/keys), its public half alone in a file: the api accepts the demo tokens.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-keys-'));
    const saved = { ...process.env };
    Object.assign(process.env, { DATA_DIR: dataDir });
    delete process.env.AUTH_SIGNING_KEY;
    let tokens: Record<string, string>;
    let publicKey: string | null;
    try {
      tokens = await mintDemoTokens();
      publicKey = await localPublicKeyPem();
    } finally {
      process.env = saved;
    }
    const publicKeyFile = path.join(dataDir, 'public-key.pem');
    fs.writeFileSync(publicKeyFile, publicKey as string);
    const keyApp = await appWith({ AUTH_PUBLIC_KEY_FILE: publicKeyFile });
    try {
      const api = request(keyApp.getHttpServer());
      await api.get('/catalogue').set('Authorization', `Bearer ${tokens.officer}`).expect(200);
      await api.get('/catalogue').set(headers.officer).expect(401);
    } finally {
      await keyApp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('command rate limit', () => {
  it('answers 429 with Retry-After past the client’s limit, writes nothing, and leaves other clients and reads alone', async () => {
    const id = await create(OWN);
    await command(id, 'withdraw', { reason: 'Fixture' }, setup.officer);
    const saved = { ...process.env };
    Object.assign(process.env, { API_COMMAND_RATE_LIMIT: '3', API_COMMAND_RATE_WINDOW_SECONDS: '60' });
    const limited = await createApp();
    process.env = saved;
    try {
      const api = request(limited.getHttpServer());
      const before = await eventCount();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await api.post(`/regulations/${id}/withdraw`).set(headers.officer).send({ reason: 'x' })).status);
      expect(statuses).toEqual([409, 409, 409]);
      const refused = await api.post(`/regulations/${id}/withdraw`).set(headers.officer).send({ reason: 'x' });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'RATE_LIMIT.EXCEEDED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
      expect(refused.body.details).toMatchObject({ limit: 3, windowSeconds: 60 });
      await api.get(`/regulations/${id}`).set(headers.officer).expect(200);
      expect((await api.post(`/regulations/${id}/withdraw`).set(headers.ward_chair).send({ reason: 'x' })).status).toBe(409);
      expect(await eventCount()).toBe(before);
    } finally {
      await limited.close();
    }
  });
});

describe('read rate limit', () => {
  it('answers 429 with Retry-After past the client’s read limit, audits it, and leaves other clients, commands and probes alone', async () => {
    const id = await create(OWN);
    const saved = { ...process.env };
    Object.assign(process.env, { API_READ_RATE_LIMIT: '4', API_READ_RATE_WINDOW_SECONDS: '60' });
    const limited = await createApp();
    process.env = saved;
    jest.spyOn(limited.get(AuditLog), 'write').mockImplementation((entry) => void audit.push(entry));
    try {
      const api = request(limited.getHttpServer());
      const reads = [`/regulations/${id}`, '/regulations', '/inbox', '/catalogue'];
      const statuses: number[] = [];
      for (const url of reads) statuses.push((await api.get(url).set(headers.officer)).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      audit = [];
      const refused = await api.get(`/regulations/${id}`).set(headers.officer);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'RATE_LIMIT.EXCEEDED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15);
      expect(refused.body.details).toMatchObject({ limit: 4, windowSeconds: 60 });
      expect((await api.get('/reports').set(headers.supervisor)).status).toBe(200);
      expect((await api.get('/inbox/counts').set(headers.officer)).status).toBe(429);
      expect(audit).toEqual([
        expect.objectContaining({ actor: { id: 'officer-hang-bac', role: 'officer' }, method: 'GET', route: '/regulations/:id', status: 429, code: 'RATE_LIMIT.EXCEEDED' }),
        expect.objectContaining({ actor: { id: 'officer-hang-bac', role: 'officer' }, method: 'GET', route: '/inbox/counts', status: 429, code: 'RATE_LIMIT.EXCEEDED' }),
      ]);
      // Commands have their own bucket; probes, metrics and the OpenAPI document take no token and are not counted.
      expect((await api.post(`/regulations/${id}/withdraw`).set(headers.officer).send({ reason: 'Fixture' })).status).toBe(200);
      for (const url of ['/health', '/ready', '/metrics', '/docs-json']) {
        for (let i = 0; i < 5; i += 1) expect({ url, status: (await api.get(url).set(headers.officer)).status }).toEqual({ url, status: 200 });
      }
      // Nor are the web app's pages (index.html for a browser's navigation).
      for (let i = 0; i < 5; i += 1) expect((await api.get('/workspace').set({ ...headers.officer, Accept: 'text/html' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('audit log', () => {
  it('logs every refused command with actor, route and code, and never a body', async () => {
    const id = await create(OWN);
    audit = [];
    const comment = 'Ý kiến của bà Trần Thị C, số nhà 45 phố Hàng Bạc, điện thoại 0912345678';
    const body = { commentId: 'c-9', channel: 'meeting', content: comment, receivedOn: today() };
    await http.post(`/regulations/${id}/record-comment`).send(body).expect(401);
    await http.post(`/regulations/${id}/record-comment`).set(headers.front).send(body).expect(403);
    await http.post(`/regulations/${id}/record-comment`).set(headers.officer).send(body).expect(409);
    await http.post(`/regulations/${id}/open-consultation`).set(headers.officer).send({ days: 10, channels: ['meeting'] }).expect(422);
    await http.get(`/regulations/${id}`).set(headers.officer).expect(200);
    expect(audit).toEqual([
      expect.objectContaining({ actor: null, method: 'POST', route: '/regulations/:id/record-comment', regulationId: id, status: 401, code: 'AUTH.UNAUTHENTICATED' }),
      expect.objectContaining({ actor: { id: 'front-hang-bac', role: 'front' }, route: '/regulations/:id/record-comment', status: 403, code: 'AUTH.FORBIDDEN' }),
      expect.objectContaining({ actor: { id: 'officer-hang-bac', role: 'officer' }, route: '/regulations/:id/record-comment', status: 409, code: 'REGULATION.INVALID_TRANSITION' }),
      expect.objectContaining({ actor: { id: 'officer-hang-bac', role: 'officer' }, route: '/regulations/:id/open-consultation', status: 422, code: 'CONSULTATION.WINDOW_TOO_SHORT' }),
    ]);
    for (const entry of audit) {
      expect(Object.keys(entry).sort()).toEqual(['actor', 'code', 'event', 'method', 'regulationId', 'requestId', 'route', 'status']);
      expect(JSON.stringify(entry)).not.toMatch(/Trần|0912345678|Hàng Bạc/);
    }
  });
});

describe('web sign-in without an OpenID provider (no OIDC_ISSUER)', () => {
  it('answers the sign-in routes 404 AUTH.WEB_SIGN_IN_DISABLED; /auth/session takes bearer tokens as before', async () => {
    for (const res of [await http.get('/auth/login?returnTo=/'), await http.get('/auth/callback?code=x&state=y'), await http.post('/auth/logout').send({})]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'AUTH.WEB_SIGN_IN_DISABLED' });
    }
    const none = await http.get('/auth/session');
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 401, code: 'AUTH.NO_SESSION' });
    const own = await http.get('/auth/session').set(headers.officer);
    expect({ status: own.status, body: { ...own.body, expiresAt: typeof own.body.expiresAt } }).toEqual({
      status: 200,
      body: { id: 'officer-hang-bac', name: null, role: 'officer', wards: ['hang-bac'], expiresAt: 'string' },
    });
    const forged = await http.get('/auth/session').set(headers.officer).set('Authorization', `${headers.officer.Authorization}x`);
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
  });
});
