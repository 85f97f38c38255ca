/**
 * The officer API over HTTP against the real stack: the app from createApp, the production worker exactly as
 * deployed (apps/worker/src/main.ts in its own process, configured by environment variables, on the prebuilt
 * workflow bundle), the Temporal dev server and PostgreSQL from the global setup, a fresh database.
 * The dev server runs on the wall clock: a live consultation cannot reach its 30 days here, so the later steps
 * run on a regulation recorded afterwards (back-dated) and, live, in regulation-lifecycle.e2e-spec.ts on the
 * time-skipping server. The callers hold district-wide tokens here; test/access-control.e2e-spec.ts covers who may do
 * what in which ward.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { civilDateInVietnam, addCalendarDays } from '@app/domain';
import { createTestAuth } from '../apps/api/src/auth/testing';
import { createApp } from '../apps/api/src/create-app';
import { getWorkflowBundle, type WorkflowBundle } from '../apps/worker/src/workflow-bundle';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort } from '../tools/dev-stack/servers';
import { startProductionWorker, type ProductionWorker } from './support/production-worker';

jest.setTimeout(120_000);

// Authorization headers, filled in beforeAll with tokens signed by this suite's own key.
const officer: Record<string, string> = {};
const chair: Record<string, string> = {};
const front: Record<string, string> = {};

let db: TestDatabase;
/** What `npm run build:workflows` would have written: dist/workflow-bundle.js, for the sources as they are. */
let prebuilt: WorkflowBundle;
let worker: ProductionWorker;
/** The production worker's WORKER_METRICS_PORT. */
let workerMetricsPort: number;
let app: NestExpressApplication;
/** Sends the officer's token unless a request sets another. */
let http: ReturnType<typeof request.agent>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase();
  const taskQueue = `api-e2e-${randomUUID()}`;
  prebuilt = await getWorkflowBundle();
  const { WORKFLOW_BUNDLE_PATH: _default, ...env } = process.env;
  // As deployed, but for the summary Schedules: their ids are one per namespace, which the suites share, and the
  // reporting suites own them (REPORT_SCHEDULES=off, as for a second deployment in one namespace).
  workerMetricsPort = await freePort();
  worker = await startProductionWorker({
    ...env,
    DATABASE_URL: db.url,
    TEMPORAL_TASK_QUEUE: taskQueue,
    REPORT_SCHEDULES: 'off',
    WORKER_METRICS_PORT: String(workerMetricsPort),
  });
  const auth = await createTestAuth();
  Object.assign(officer, await auth.bearer({ sub: 'officer-hang-bac', role: 'officer', wards: ['*'] }));
  Object.assign(chair, await auth.bearer({ sub: 'chair-hang-bac', role: 'ward_chair', wards: ['*'] }));
  Object.assign(front, await auth.bearer({ sub: 'front-hang-bac', role: 'front', wards: ['*'] }));
  Object.assign(process.env, { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY: auth.publicKeyPem });
  app = await createApp();
  http = request.agent(app.getHttpServer()).set(officer);
});

afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await db?.drop();
  process.env = savedEnv;
});

const today = () => civilDateInVietnam(Date.now());
const eventCount = async (): Promise<number> => (await db.dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n;
const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function post(path: string, body: object = {}, headers: Record<string, string> = {}) {
  return http.post(path).set({ ...officer, ...headers }).send(body);
}

function draftBody(regulationId: string, over: Record<string, unknown> = {}) {
  return {
    regulationId,
    wardCode: 'hoan-kiem-2025',
    kind: 'community_convention',
    title: 'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp',
    text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
    residentialGroup: 'Tổ dân phố số 3',
    startedOn: today(),
    ...over,
  };
}

async function createRegulation(over: Record<string, unknown> = {}): Promise<string> {
  const id = uniqueId('reg');
  const res = await post('/regulations', draftBody(id, over));
  expect(res.status).toBe(201);
  return id;
}

async function detail(id: string) {
  const res = await http.get(`/regulations/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Runs `act` and checks that not a single event was appended meanwhile. */
async function writesNothing(act: () => Promise<void>): Promise<void> {
  const before = await eventCount();
  await act();
  expect(await eventCount()).toBe(before);
}

function expectError(res: request.Response, status: number, code: string, details: Record<string, unknown> = {}) {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(res.body.details).toMatchObject(details);
}

/** Checks the as-of view at the instant of the latest event, and just before it. */
async function expectAsOfFollows(id: string): Promise<void> {
  const current = await detail(id);
  const last = current.timeline[current.timeline.length - 1];
  const atLast = await http.get(`/regulations/${id}/as-of`).query({ date: last.occurredAt });
  expect(atLast.status).toBe(200);
  expect(atLast.body).toMatchObject({ asOf: last.occurredAt, version: current.version, stage: current.stage });
  expect(atLast.body.allowedActions).toEqual(current.allowedActions);
  expect(atLast.body.timeline).toEqual(current.timeline);
  if (current.version > 1) {
    const previous = current.timeline[current.timeline.length - 2];
    const before = await http.get(`/regulations/${id}/as-of`).query({ date: previous.occurredAt });
    expect(before.body.version).toBe(previous.streamPosition);
  }
}

describe('community convention over HTTP', () => {
  it('is drafted, revised, consulted on, commented and critiqued; projection, timeline and as-of follow each step', async () => {
    const id = uniqueId('conv');
    const created = await post('/regulations', draftBody(id), { 'Idempotency-Key': `create-${id}` });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/regulations/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ regulationId: id, commandId: `create-${id}`, version: 1, stage: 'drafting' });
    expect(created.body.allowedActions).toEqual(['RecordProposal', 'FormDraftingGroup', 'ChooseName', 'ReviseDraft', 'OpenConsultation', 'Withdraw']);
    expect(created.body.events).toEqual([expect.objectContaining({ type: 'RegulationDrafted', streamPosition: 1 })]);

    let view = await detail(id);
    expect(view).toMatchObject({
      regulationId: id,
      wardCode: 'hoan-kiem-2025',
      wardName: 'Hoàn Kiếm',
      kind: 'community_convention',
      stage: 'drafting',
      status: 'developing',
      version: 1,
      residentialGroup: 'Tổ dân phố số 3',
      text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
      inForce: null,
      draft: expect.objectContaining({ amendment: false, phase: 'drafting', revision: 1 }),
    });
    expect(view.timeline).toEqual([
      expect.objectContaining({ streamPosition: 1, type: 'RegulationDrafted', actor: { id: 'officer-hang-bac', role: 'officer' }, commandId: `create-${id}` }),
    ]);
    expect(view.timeline[0].data).not.toHaveProperty('text');
    await expectAsOfFollows(id);

    const revised = await post(
      `/regulations/${id}/revise-draft`,
      { text: 'Điều 1. Giữ gìn vệ sinh chung.\nĐiều 2. Giữ trật tự sau 22 giờ.', summary: 'Thêm điều 2 về giờ giữ trật tự', legalBasis: 'Nghị định 61/2023/NĐ-CP, Điều 5' },
      { 'If-Match': '"1"' },
    );
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ version: 2, stage: 'drafting' });
    view = await detail(id);
    expect(view.revisions.map((r: { revision: number; origin: string }) => [r.revision, r.origin])).toEqual([
      [1, 'drafted'],
      [2, 'revised'],
    ]);
    expect(view.text).toBe('Điều 1. Giữ gìn vệ sinh chung.\nĐiều 2. Giữ trật tự sau 22 giờ.');
    expect(view.timeline[1]).toMatchObject({
      type: 'DraftRevised',
      reason: 'Thêm điều 2 về giờ giữ trật tự',
      legalBasis: 'Nghị định 61/2023/NĐ-CP, Điều 5',
    });
    await expectAsOfFollows(id);

    const opened = await post(`/regulations/${id}/open-consultation`, { days: 30, channels: ['meeting', 'online'], expectedVersion: 2 });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ version: 3, stage: 'consultation' });
    expect(opened.body.allowedActions).toEqual(
      expect.arrayContaining(['ExtendConsultation', 'RecordComment', 'SubmitCritique', 'Withdraw', 'CloseConsultation']),
    );
    view = await detail(id);
    expect(view.consultation).toMatchObject({ days: 30, channels: ['meeting', 'online'], closedAt: null });
    expect(view.due).toEqual({ step: 'consultation_close', dueOn: addCalendarDays(today(), 30) });
    await expectAsOfFollows(id);

    await post(`/regulations/${id}/record-comment`, { commentId: 'c-1', channel: 'meeting', content: 'Đề nghị bỏ mức phạt.', receivedOn: today() }).expect(200);
    await post(`/regulations/${id}/record-comment`, { commentId: 'c-2', channel: 'online', content: 'Thêm giờ đổ rác.', receivedOn: today() }).expect(200);
    const critique = await post(`/regulations/${id}/submit-critique`, { content: 'Ban công tác Mặt trận đồng ý với dự thảo.', submittedOn: today() }, front);
    expect(critique.status).toBe(200);
    view = await detail(id);
    expect(view.version).toBe(6);
    expect(view.comments).toEqual([
      expect.objectContaining({ commentId: 'c-1', consultation: 1, content: 'Đề nghị bỏ mức phạt.', disposition: null }),
      expect.objectContaining({ commentId: 'c-2', consultation: 1, channel: 'online', disposition: null }),
    ]);
    expect(view.critiques).toEqual([expect.objectContaining({ content: 'Ban công tác Mặt trận đồng ý với dự thảo.', actor: { id: 'front-hang-bac', role: 'front' } })]);
    expect(view.timeline[5]).toMatchObject({ type: 'CritiqueSubmitted', actor: { role: 'front' } });
    await expectAsOfFollows(id);

    const list = await http.get('/regulations').query({ ward: 'hoan-kiem-2025', stage: 'consultation', q: 'NEP SONG van minh' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { regulationId: string }) => r.regulationId)).toContain(id);
    const item = list.body.items.find((r: { regulationId: string }) => r.regulationId === id);
    expect(item).toMatchObject({ stage: 'consultation', version: 6, due: { step: 'consultation_close' } });

    // The legal minimum of 30 days has not passed: an officer cannot close it yet, and nothing is written.
    await writesNothing(async () => {
      expectError(await post(`/regulations/${id}/close-consultation`), 422, 'CONSULTATION.MINIMUM_NOT_REACHED');
    });
    expect((await detail(id)).stage).toBe('consultation');
  });
});

describe('community convention recorded afterwards', () => {
  /** Waits until the workflow's own timer has committed its event and the projection shows it. */
  async function eventually(id: string, check: (view: Record<string, any>) => boolean): Promise<Record<string, any>> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const view = await detail(id);
      if (check(view)) return view;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`regulation ${id} never reached the expected state: ${JSON.stringify(await detail(id))}`);
  }

  it('reaches in force with back-dated steps; the dev server timers close its consultation and raise its annual reviews', async () => {
    const daysAgo = (n: number) => addCalendarDays(today(), -n);
    // Hàng Bồ existed until 30/6/2025 (admin_units); a draft begun after that is in the ward that took it.
    const startedOn = daysAgo(800);
    const id = await createRegulation({ wardCode: startedOn < '2025-07-01' ? 'hang-bo' : 'hoan-kiem-2025', startedOn });

    // Posted 790 days ago for 30 days: the window is long over, so the workflow's timer closes it at once.
    const opened = await post(`/regulations/${id}/open-consultation`, { openedOn: daysAgo(790), days: 30, channels: ['meeting'] });
    expect(opened.status).toBe(200);
    let view = await eventually(id, (v) => v.stage === 'revising');
    expect(view.timeline[view.timeline.length - 1]).toMatchObject({ type: 'ConsultationClosed', actor: { id: 'system', role: 'system' }, data: { automatic: true } });
    await expectAsOfFollows(id);

    await post(`/regulations/${id}/record-vote`, { method: 'meeting', heldOn: daysAgo(760), totalHouseholds: 90, present: 60, approving: 55 }).expect(200);
    await post(`/regulations/${id}/submit-dossier`, { submittedOn: daysAgo(758), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }).expect(200);
    const late = await detail(id);
    expect(late.dossier).toMatchObject({ submittedOn: daysAgo(758), late: false });
    await post(`/regulations/${id}/start-review`, {}, chair).expect(200);
    await expectAsOfFollows(id);
    const recognized = await post(`/regulations/${id}/recognize`, { decisionNo: '7/QĐ-UBND', decidedOn: daysAgo(755) }, chair);
    expect(recognized.body).toMatchObject({ stage: 'in_force' });

    // Recognized 755 days ago: the first annual review fell due on the 18 November after, so the timer raises it now. Its task is
    // long overdue at once, so the task's escalation may already follow it on the timeline.
    view = await eventually(id, (v) => v.reviewDue === true);
    const steps = view.timeline.filter((event: { type: string }) => !['TaskReminderSent', 'TaskEscalated'].includes(event.type));
    expect(steps[steps.length - 1]).toMatchObject({ type: 'AnnualReviewDue', actor: { role: 'system' } });
    expect(view.allowedActions).toContain('RecordAnnualReview');
    await expectAsOfFollows(id);
    await post(`/regulations/${id}/record-annual-review`, { outcome: 'keep', reviewedOn: today(), notes: 'Rà soát năm thứ nhất: giữ nguyên' }, chair).expect(200);

    // Reviews fall on 18 November (Decree 61/2023 art. 15(4)): every one due since then follows on the next run of the
    // workflow (continued as new), two or three of them depending on today's date.
    const notes = ['Rà soát năm thứ nhất: giữ nguyên'];
    for (view = await detail(id); view.nextReviewDueOn <= today(); view = await detail(id)) {
      view = await eventually(id, (v) => v.reviewDue === true && v.reviews.length === notes.length);
      expect(view.nextReviewDueOn.slice(5)).toBe('11-18');
      notes.push(`Rà soát lần ${notes.length + 1}: giữ nguyên`);
      await post(`/regulations/${id}/record-annual-review`, { outcome: 'keep', reviewedOn: today(), notes: notes[notes.length - 1] }, chair).expect(200);
    }
    expect(view).toMatchObject({ stage: 'in_force', reviewDue: false, firstInForceOn: daysAgo(755) });
    expect(notes.length).toBeGreaterThanOrEqual(2);
    expect(view.reviews.map((r: { notes: string }) => r.notes)).toEqual(notes);
    expect(view.nextReviewDueOn > today()).toBe(true);
    await expectAsOfFollows(id);
    const asOfDraft = await http.get(`/regulations/${id}/as-of`).query({ date: view.timeline[0].occurredAt });
    expect(asOfDraft.body).toMatchObject({ version: 1, stage: 'drafting', reviews: [] });
  });
});

describe('ward democracy regulation over HTTP', () => {
  it('is drafted, consulted on with an extension and a critique, then withdrawn; afterwards it refuses commands', async () => {
    const id = uniqueId('qc');
    const created = await post('/regulations', draftBody(id, { kind: 'democracy_regulation', title: 'Quy chế dân chủ ở cơ sở phường Hàng Bạc', residentialGroup: undefined }));
    expect(created.status).toBe(201);
    await expectAsOfFollows(id);

    const opened = await post(`/regulations/${id}/open-consultation`, { days: 45, channels: ['meeting', 'comment_box'] });
    expect(opened.body.allowedActions).not.toContain('RecordVote');
    await expectAsOfFollows(id);

    await post(`/regulations/${id}/record-comment`, { commentId: 'staff-1', channel: 'comment_box', content: 'Công khai tài chính hằng quý.', receivedOn: today() }).expect(200);
    const extended = await post(`/regulations/${id}/extend-consultation`, { days: 10, reason: 'Thêm thời gian cho các tổ dân phố' }, { 'If-Match': '"3"' });
    expect(extended.status).toBe(200);
    let view = await detail(id);
    expect(view.consultation.days).toBe(55);
    expect(view.timeline[3]).toMatchObject({ type: 'ConsultationExtended', reason: 'Thêm thời gian cho các tổ dân phố' });
    await expectAsOfFollows(id);

    await post(`/regulations/${id}/submit-critique`, { content: 'Ủy ban MTTQ phường góp ý: bổ sung cơ chế giám sát.', submittedOn: today() }, front).expect(200);
    await expectAsOfFollows(id);

    const withdrawn = await post(`/regulations/${id}/withdraw`, { reason: 'Ban hành theo văn bản mới của thành phố' }, chair);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ version: 6, stage: 'withdrawn', allowedActions: [] });
    view = await detail(id);
    expect(view).toMatchObject({ stage: 'withdrawn', status: 'withdrawn', endedOn: today(), allowedActions: [] });
    expect(view.timeline[5]).toMatchObject({ type: 'RegulationWithdrawn', actor: { id: 'chair-hang-bac', role: 'ward_chair' } });
    await expectAsOfFollows(id);

    await writesNothing(async () => {
      expectError(await post(`/regulations/${id}/revise-draft`, { text: 't', summary: 's' }), 409, 'REGULATION.INVALID_TRANSITION');
      expectError(await post('/regulations', draftBody(id)), 409, 'REGULATION.ALREADY_EXISTS');
    });
  });
});

describe('queries', () => {
  it('pages through a filtered list with an opaque cursor, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(await createRegulation({ wardCode: 'ba-dinh-2025', title: `Quy ước tổ dân phố số ${i + 1}` }));
    const first = await http.get('/regulations').query({ ward: 'ba-dinh-2025', limit: 2 });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { regulationId: string }) => r.regulationId)).toEqual([ids[2], ids[1]]);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await http.get('/regulations').query({ ward: 'ba-dinh-2025', limit: 2, cursor: first.body.nextCursor });
    expect(second.body).toEqual({ items: [expect.objectContaining({ regulationId: ids[0], wardCode: 'ba-dinh-2025', stage: 'drafting' })], nextCursor: null });

    const kinds = await http.get('/regulations').query({ ward: 'ba-dinh-2025', kind: 'democracy_regulation' });
    expect(kinds.body.items).toEqual([]);
    const several = await http.get('/regulations').query({ ward: 'ba-dinh-2025', stage: 'drafting,consultation' });
    expect(several.body.items).toHaveLength(3);
    const searched = await http.get('/regulations').query({ ward: 'ba-dinh-2025', q: 'TO DAN PHO SO 2' });
    expect(searched.body.items.map((r: { regulationId: string }) => r.regulationId)).toEqual([ids[1]]);
  });

  it('filters by due date', async () => {
    const id = await createRegulation({ wardCode: 'cua-nam-2025' });
    await post(`/regulations/${id}/open-consultation`, { days: 30, channels: ['meeting'] }).expect(200);
    const dueSoon = await http.get('/regulations').query({ ward: 'cua-nam-2025', dueBefore: addCalendarDays(today(), 31) });
    expect(dueSoon.body.items.map((r: { regulationId: string }) => r.regulationId)).toEqual([id]);
    const dueNow = await http.get('/regulations').query({ ward: 'cua-nam-2025', dueBefore: today() });
    expect(dueNow.body.items).toEqual([]);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const id = await createRegulation();
    const first = await http.get(`/regulations/${id}`);
    expect(first.headers.etag).toBe('"1"');
    await http.get(`/regulations/${id}`).set('If-None-Match', '"1"').expect(304);
    const list = await http.get('/regulations').query({ ward: 'hoan-kiem-2025' });
    expect(list.headers.etag).toMatch(/^"/);
    await http.get('/regulations').query({ ward: 'hoan-kiem-2025' }).set('If-None-Match', list.headers.etag).expect(304);
    await post(`/regulations/${id}/withdraw`, { reason: 'Trùng lặp' }).expect(200);
    await http.get(`/regulations/${id}`).set('If-None-Match', '"1"').expect(200);
  });

  it('shows a regulation as of a civil date and refuses dates before it existed', async () => {
    const id = await createRegulation();
    const now = await http.get(`/regulations/${id}/as-of`).query({ date: today() });
    expect(now.body).toMatchObject({ asOf: today(), version: 1, stage: 'drafting' });
    expectError(await http.get(`/regulations/${id}/as-of`).query({ date: addCalendarDays(today(), -1) }), 404, 'REGULATION.NOT_FOUND');
    expectError(await http.get(`/regulations/${id}/as-of`).query({ date: '2025-02-30' }), 400, 'QUERY.INVALID', { field: 'date' });
    expectError(await http.get(`/regulations/${id}/as-of`), 400, 'QUERY.INVALID', { field: 'date' });
  });

  it('serves the catalogue: the wards from the administrative units table (Hoàn Kiếm’s 18 until 30/6/2025 and the 4 after), the kinds, the regimes by date', async () => {
    const res = await http.get('/catalogue');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeDefined();
    expect(res.body.wards).toHaveLength(22);
    expect(res.body.wards).toContainEqual(expect.objectContaining({ code: 'hang-bac', name: 'Hàng Bạc', parent: 'hoan-kiem', validTo: '2025-06-30' }));
    expect(res.body.kinds.map((k: { id: string }) => k.id)).toEqual(['community_convention', 'democracy_regulation', 'agency_democracy_regulation', 'enterprise_democracy_regulation']);
    expect(res.body.regimes.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['decree-61-2023']));
    expect(res.body.regimes[res.body.regimes.length - 1].effectiveUntil).toBeNull();
    const byId = Object.fromEntries(res.body.regimes.map((r: { id: string }) => [r.id, r]));
    expect(byId['decree-61-2023'].dossierDocuments).toEqual(['request_form_01', 'minutes_form_02', 'adopted_text']);
    expect(byId['decree-61-2023'].sources.decisionDeadline).toEqual({
      text: 'Nghị định 61/2023/NĐ-CP',
      article: '11',
      clause: '3(b)',
      status: 'confirmed',
      note: expect.any(String),
    });
    expect(byId['decision-22-2018'].sources.decisionDeadline).toMatchObject({ text: 'Quyết định 22/2018/QĐ-TTg', status: 'unconfirmed' });
    for (const regime of res.body.regimes) {
      expect(Object.keys(regime.sources).sort()).toEqual(
        ['adoption', 'annualReviewDay', 'annualReviewInterval', 'consultationMinimum', 'decisionDeadline', 'dossierDocuments', 'quorum', 'recognizingAuthority', 'submissionDeadline', 'suspensionReportDeadline'],
      );
    }
    expect(byId['decree-61-2023'].annualReviewDay).toEqual({ month: 11, day: 18 });
    expect(byId['decision-22-2018'].annualReviewDay).toBeNull();
    expect(res.body.transitions.map((t: { id: string; source: { status: string } }) => [t.id, t.source.status])).toEqual([
      ['recognized_texts_continue', 'confirmed'],
      ['dossier_to_authority_on_sending', 'unconfirmed'],
      ['district_dossiers_to_ward', 'unconfirmed'],
    ]);
  });

  it('rejects bad query parameters with QUERY.INVALID and the field', async () => {
    expectError(await http.get('/regulations').query({ limit: 101 }), 400, 'QUERY.INVALID', { field: 'limit' });
    expectError(await http.get('/regulations').query({ limit: 'ten' }), 400, 'QUERY.INVALID', { field: 'limit' });
    expectError(await http.get('/regulations').query({ stage: 'in_force,dreaming' }), 400, 'QUERY.INVALID', { field: 'stage' });
    expectError(await http.get('/regulations').query({ kind: 'law' }), 400, 'QUERY.INVALID', { field: 'kind' });
    expectError(await http.get('/regulations').query({ cursor: 'not-a-cursor' }), 400, 'QUERY.INVALID', { field: 'cursor' });
    expectError(await http.get('/regulations').query({ dueBefore: '2025-13-01' }), 400, 'QUERY.INVALID', { field: 'dueBefore' });
    expectError(await http.get('/regulations').query({ sort: 'title' }), 400, 'QUERY.INVALID', { field: 'sort' });
    const nulInCursor = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'a\u0000b'])).toString('base64url');
    expectError(await http.get('/regulations').query({ cursor: nulInCursor }), 400, 'QUERY.INVALID', { field: 'cursor' });
    expectError(await http.get('/regulations').query({ q: 'nul \u0000' }), 400, 'QUERY.INVALID', { field: 'q' });
    expectError(await http.get('/regulations/x/as-of').query({ date: '2026-02-31T00:00:00Z' }), 400, 'QUERY.INVALID', { field: 'date' });
    expectError(await http.get('/regulations/%ff'), 400, 'REQUEST.MALFORMED');
  });
});

describe('bad input writes nothing', () => {
  let drafting: string;
  let consulting: string;

  beforeAll(async () => {
    drafting = await createRegulation();
    consulting = await createRegulation();
    await post(`/regulations/${consulting}/open-consultation`, { days: 30, channels: ['meeting'] }).expect(200);
  });

  const validBodies: Record<string, object> = {
    'revise-draft': { text: 'Điều 1.', summary: 'Sửa' },
    'open-consultation': { days: 30, channels: ['meeting'] },
    'extend-consultation': { days: 5, reason: 'Thêm thời gian' },
    'close-consultation': {},
    'record-comment': { commentId: 'x-1', channel: 'meeting', content: 'Ý kiến', receivedOn: '2026-01-05' },
    'submit-critique': { content: 'Phản biện', submittedOn: '2026-01-05' },
    'record-disposition': { commentId: 'x-1', disposition: 'accepted' },
    'record-vote': { method: 'meeting', heldOn: '2026-01-05', totalHouseholds: 100, present: 60, approving: 55 },
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
  };

  it('refuses every command in a wrong stage with 409 and the allowed actions', async () => {
    const allowed: Record<string, string[]> = {
      [drafting]: ['record-proposal', 'form-drafting-group', 'choose-name', 'revise-draft', 'open-consultation', 'withdraw'],
      [consulting]: ['choose-name', 'extend-consultation', 'record-comment', 'submit-critique', 'withdraw', 'close-consultation'],
    };
    // Each command sent by a role that holds it, so that only the stage refuses it.
    const holder = (route: string) =>
      route === 'submit-critique' ? front : ['recognize', 'return-dossier', 'record-annual-review', 'dismiss-complaint', 'suspend', 'repeal'].includes(route) ? chair : officer;
    await writesNothing(async () => {
      for (const id of [drafting, consulting]) {
        const { version, allowedActions } = await detail(id);
        for (const [route, body] of Object.entries(validBodies)) {
          if (allowed[id].includes(route)) continue;
          const res = await post(`/regulations/${id}/${route}`, body, holder(route));
          expectError(res, 409, 'REGULATION.INVALID_TRANSITION', { allowedActions });
        }
        expect((await detail(id)).version).toBe(version);
      }
      expectError(await post('/regulations', draftBody(drafting)), 409, 'REGULATION.ALREADY_EXISTS');
    });
  });

  it('refuses a stale version with 409 and the current version', async () => {
    await writesNothing(async () => {
      expectError(await post(`/regulations/${drafting}/revise-draft`, { text: 'a', summary: 'b' }, { 'If-Match': '"0"' }), 409, 'REGULATION.CONCURRENCY', {
        expectedVersion: 0,
        actualVersion: 1,
      });
      expectError(await post(`/regulations/${drafting}/revise-draft`, { text: 'a', summary: 'b', expectedVersion: 7 }), 409, 'REGULATION.CONCURRENCY', {
        actualVersion: 1,
      });
      expectError(await post(`/regulations/${drafting}/revise-draft`, { text: 'a', summary: 'b', expectedVersion: 1 }, { 'If-Match': '"2"' }), 400, 'COMMAND.INVALID', {
        field: 'expectedVersion',
      });
      expectError(await post(`/regulations/${drafting}/revise-draft`, { text: 'a', summary: 'b' }, { 'If-Match': 'yesterday' }), 400, 'COMMAND.INVALID', {
        field: 'If-Match',
      });
    });
  });

  it('lets the key of a refused command carry the corrected command (a refusal processes nothing)', async () => {
    const id = await createRegulation();
    const key = randomUUID();
    await writesNothing(async () => {
      const refused = await post(`/regulations/${id}/open-consultation`, { days: 10, channels: ['meeting'] }, { 'Idempotency-Key': key });
      expectError(refused, 422, 'CONSULTATION.WINDOW_TOO_SHORT');
    });
    const corrected = await post(`/regulations/${id}/open-consultation`, { days: 30, channels: ['meeting'] }, { 'Idempotency-Key': key });
    expect({ status: corrected.status, stage: corrected.body.stage }).toEqual({ status: 200, stage: 'consultation' });
  });

  it('applies a command once for the same Idempotency-Key and refuses the key with another body', async () => {
    const id = await createRegulation();
    const key = randomUUID();
    const body = { text: 'Điều 1. Bản sửa lần hai.', summary: 'Sửa câu chữ' };
    const before = await eventCount();
    const first = await post(`/regulations/${id}/revise-draft`, body, { 'Idempotency-Key': key });
    expect(first.status).toBe(200);
    const reordered = { summary: body.summary, text: body.text };
    const again = await post(`/regulations/${id}/revise-draft`, reordered, { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(before + 1);

    await writesNothing(async () => {
      const other = await post(`/regulations/${id}/revise-draft`, { ...body, text: 'Một nội dung khác' }, { 'Idempotency-Key': key });
      expectError(other, 422, 'COMMAND.ID_REUSED');
    });
    expect((await detail(id)).version).toBe(2);

    const createKey = randomUUID();
    const draft = draftBody('ignored');
    const { regulationId: _ignored, ...withoutId } = draft;
    const created = await post('/regulations', withoutId, { 'Idempotency-Key': createKey });
    expect(created.status).toBe(201);
    await writesNothing(async () => {
      const retried = await post('/regulations', withoutId, { 'Idempotency-Key': createKey });
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual(created.body);
      expectError(await post('/regulations', { ...withoutId, title: 'Khác' }, { 'Idempotency-Key': createKey }), 422, 'COMMAND.ID_REUSED');
    });
  });

  it('answers 404 for unknown regulations and routes', async () => {
    await writesNothing(async () => {
      expectError(await post('/regulations/no-such-regulation/revise-draft', validBodies['revise-draft']), 404, 'REGULATION.NOT_FOUND');
      expectError(await post('/regulations/no-such-regulation/start-review'), 404, 'REGULATION.NOT_FOUND');
      expectError(await post(`/regulations/${'x'.repeat(300)}/withdraw`, validBodies.withdraw), 404, 'REGULATION.NOT_FOUND');
      expectError(await post('/regulations/bad%20id/withdraw', validBodies.withdraw), 404, 'REGULATION.NOT_FOUND');
      expectError(await http.get('/regulations/no-such-regulation'), 404, 'REGULATION.NOT_FOUND');
      expectError(await http.get('/regulations/no-such-regulation/as-of').query({ date: today() }), 404, 'REGULATION.NOT_FOUND');
      expectError(await post(`/regulations/${drafting}/approve-everything`), 404, 'ROUTE.NOT_FOUND');
      expectError(await http.get('/nowhere'), 404, 'ROUTE.NOT_FOUND');
      const deleted = await http.delete(`/regulations/${drafting}`);
      expectError(deleted, 405, 'REQUEST.METHOD_NOT_ALLOWED', { allowed: ['GET'] });
      expect(deleted.headers.allow).toBe('GET');
    });
  });

  it('refuses wrong types, missing and unknown fields with 400 COMMAND.INVALID and the field', async () => {
    const id = consulting;
    const cases: [string, object, string][] = [
      ['/regulations', { ...draftBody(uniqueId('t')), title: 123 }, 'title'],
      ['/regulations', { ...draftBody(uniqueId('t')), title: undefined }, 'title'],
      ['/regulations', { ...draftBody(uniqueId('t')), title: '   ' }, 'title'],
      ['/regulations', { ...draftBody(uniqueId('t')), startedOn: '2025-02-29' }, 'startedOn'],
      ['/regulations', { ...draftBody(uniqueId('t')), regulationId: 'có dấu' }, 'regulationId'],
      ['/regulations', { ...draftBody(uniqueId('t')), actor: { id: 'someone-else' } }, 'actor'],
      ['/regulations', { ...draftBody(uniqueId('t')), type: 'Repeal' }, 'type'],
      [`/regulations/${id}/extend-consultation`, { days: '5', reason: 'x' }, 'days'],
      [`/regulations/${id}/extend-consultation`, { days: 1.5, reason: 'x' }, 'days'],
      [`/regulations/${id}/extend-consultation`, { days: 0, reason: 'x' }, 'days'],
      [`/regulations/${id}/extend-consultation`, { days: 5 }, 'reason'],
      [`/regulations/${id}/record-comment`, { ...validBodies['record-comment'], channel: 'pigeon' }, 'channel'],
      [`/regulations/${id}/record-comment`, { ...validBodies['record-comment'], receivedOn: 20260105 }, 'receivedOn'],
      [`/regulations/${id}/record-comment`, { ...validBodies['record-comment'], commentId: null }, 'commentId'],
      [`/regulations/${id}/submit-critique`, { content: ['a'], submittedOn: '2026-01-05' }, 'content'],
      [`/regulations/${drafting}/open-consultation`, { days: 30, channels: 'meeting' }, 'channels'],
      [`/regulations/${drafting}/open-consultation`, { days: 30, channels: [] }, 'channels'],
      [`/regulations/${drafting}/open-consultation`, { days: 30, channels: ['meeting', 'radio'] }, 'channels'],
      [`/regulations/${drafting}/revise-draft`, { text: 'a', summary: 'b', expectedVersion: -1 }, 'expectedVersion'],
      [`/regulations/${drafting}/revise-draft`, { text: 'a', summary: 'b', legalBasis: 42 }, 'legalBasis'],
    ];
    await writesNothing(async () => {
      for (const [path, body, field] of cases) {
        const res = await post(path, body, path.endsWith('/submit-critique') ? front : {});
        expect({ path, field, status: res.status, code: res.body.code, got: res.body.details?.field }).toEqual({
          path,
          field,
          status: 400,
          code: 'COMMAND.INVALID',
          got: field,
        });
      }
      expectError(await post(`/regulations/${drafting}/withdraw`, validBodies.withdraw, { 'Idempotency-Key': 'x'.repeat(101) }), 400, 'COMMAND.INVALID', {
        field: 'Idempotency-Key',
      });
    });
  });

  it('refuses domain rules the DTOs cannot see with 422 and the stable code', async () => {
    await writesNothing(async () => {
      expectError(await post('/regulations', draftBody(uniqueId('t'), { wardCode: 'ba-dinh' })), 422, 'UNIT.UNKNOWN', { field: 'wardCode' });
      expectError(await post('/regulations', draftBody(uniqueId('t'), { kind: 'law' })), 422, 'REGULATION.UNKNOWN_KIND');
      expectError(await post('/regulations', draftBody(uniqueId('t'), { wardCode: 'hang-bac', startedOn: '1999-01-01' })), 422, 'REGIME.NOT_IN_FORCE');
      expectError(await post('/regulations', draftBody(uniqueId('t'), { startedOn: addCalendarDays(today(), 2) })), 400, 'COMMAND.INVALID', {
        field: 'startedOn',
      });
      expectError(await post(`/regulations/${drafting}/open-consultation`, { days: 10, channels: ['meeting'] }), 422, 'CONSULTATION.WINDOW_TOO_SHORT');
    });
  });

  it('refuses oversize text with 400 COMMAND.TEXT_TOO_LONG and a 10 MB body with 413', async () => {
    await writesNothing(async () => {
      const long = await post(`/regulations/${drafting}/revise-draft`, { text: 'đ'.repeat(100_001), summary: 's' });
      expectError(long, 400, 'COMMAND.TEXT_TOO_LONG', { field: 'text', length: 100_001, maximum: 100_000 });
      const title = await post('/regulations', draftBody(uniqueId('t'), { title: 'Ư'.repeat(301) }));
      expectError(title, 400, 'COMMAND.TEXT_TOO_LONG', { field: 'title', maximum: 300 });
      const huge = await http
        .post(`/regulations/${drafting}/revise-draft`)
        .set({ ...officer, 'Content-Type': 'application/json' })
        .send(JSON.stringify({ text: 'a'.repeat(10 * 1024 * 1024), summary: 's' }));
      expectError(huge, 413, 'REQUEST.TOO_LARGE');
    });
  });

  it('refuses malformed JSON, non-JSON and non-UTF-8 bodies', async () => {
    // Sent byte for byte: superagent would otherwise serialise a Buffer as JSON.
    const raw = (body: string | Buffer, contentType = 'application/json') =>
      http
        .post(`/regulations/${drafting}/revise-draft`)
        .set({ ...officer, 'Content-Type': contentType })
        .serialize((value: unknown) => value as string)
        .send(body as string);
    await writesNothing(async () => {
      expectError(await raw('{"text": "a", "summary": '), 400, 'REQUEST.MALFORMED');
      expectError(await raw('[1, 2]'), 400, 'REQUEST.MALFORMED');
      expectError(await raw('"text"'), 400, 'REQUEST.MALFORMED');
      expectError(await raw('text=a&summary=b', 'application/x-www-form-urlencoded'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      const latin1 = Buffer.concat([Buffer.from('{"text": "Ph'), Buffer.from([0xfb]), Buffer.from('ng", "summary": "s"}')]);
      expectError(await raw(latin1), 400, 'REQUEST.INVALID_ENCODING');
      expectError(await raw(latin1, 'application/json; charset=iso-8859-1'), 400, 'REQUEST.INVALID_ENCODING');
      expectError(await raw('{"text": "\\ud800 lone surrogate", "summary": "s"}'), 400, 'COMMAND.INVALID', { field: 'text' });
      expectError(await raw('{"text": "nul \\u0000 byte", "summary": "s"}'), 400, 'COMMAND.INVALID', { field: 'text' });
    });
  });

  it('refuses hostile JSON: deep nesting, prototype keys, long lists, many fields, oversize headers', async () => {
    const raw = (path: string, body: string, headers: Record<string, string> = {}) =>
      http
        .post(path)
        .set({ ...officer, 'Content-Type': 'application/json', ...headers })
        .serialize((value: unknown) => value as string)
        .send(body);
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    await writesNothing(async () => {
      // Found by fuzzing: 100,000 nested arrays overflowed the stack of the body transformation (500).
      for (const depth of [40, 100_000, 500_000]) {
        const res = await raw(`/regulations/${drafting}/revise-draft`, `{"text": ${deep(depth)}, "summary": "s"}`);
        expect({ depth, status: res.status, code: res.body.code }).toEqual({ depth, status: 400, code: 'REQUEST.MALFORMED' });
        const nested = await raw(`/regulations/${drafting}/revise-draft`, `{"text": "t", "summary": "s", "x": {"y": ${deep(depth)}}}`);
        expect({ depth, status: nested.status, code: nested.body.code }).toEqual({ depth, status: 400, code: 'REQUEST.MALFORMED' });
      }
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const res = await raw(`/regulations/${drafting}/revise-draft`, `{"text": "t", "summary": "s", "${key}": {"role": "ward_chair", "isAdmin": true}}`);
        expect({ key, status: res.status, code: res.body.code }).toEqual({ key, status: 400, code: 'COMMAND.INVALID' });
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      for (const query of ['__proto__=x', '__proto__=x&limit=5000', 'constructor=x&limit=5000', '__proto__[isAdmin]=1', 'constructor=x', 'constructor[prototype][isAdmin]=1', 'ward[]=hang-bac&ward[]=hang-dao']) {
        const res = await http.get(`/regulations?${query}`);
        expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'QUERY.INVALID' });
      }
      const manyChannels = await post(`/regulations/${drafting}/open-consultation`, { days: 30, channels: Array(50_000).fill('meeting') });
      expectError(manyChannels, 400, 'COMMAND.INVALID', { field: 'channels' });
      const manyFields = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}`, i]));
      expectError(await post(`/regulations/${drafting}/revise-draft`, { text: 't', summary: 's', ...manyFields }), 400, 'COMMAND.INVALID');
      const bigHeader = await http.post(`/regulations/${drafting}/revise-draft`).set({ ...officer, 'X-Filler': 'x'.repeat(20_000) }).send({ text: 't', summary: 's' }).catch((e: Error) => e);
      expect(bigHeader instanceof Error ? 'connection closed' : bigHeader.status).toEqual(expect.anything());
      if (!(bigHeader instanceof Error)) expect(bigHeader.status).toBe(431);
    });
    expect((await detail(drafting)).version).toBe(1);
    // Brackets inside strings are text, not nesting.
    const plain = await createRegulation();
    const bracketsInText = await raw(`/regulations/${plain}/revise-draft`, JSON.stringify({ text: '['.repeat(1000), summary: '{\\"['.repeat(100) }));
    expect(bracketsInText.status).toBe(200);
  });

  it('keeps Vietnamese text exactly as sent, composed or decomposed', async () => {
    const composed = 'Hương ước tổ dân phố Hàng Đào: “Giữ gìn trật tự, vệ sinh” – ngõ 12';
    const decomposed = 'Quy ước khu tập thể'.normalize('NFD');
    const text = `Điều 1. ${decomposed}\nĐiều 2. Ưu tiên người cao tuổi 👵🏻.\tHết.`;
    const id = await createRegulation({ title: composed, text, residentialGroup: decomposed });
    const view = await detail(id);
    expect(Buffer.from(view.title)).toEqual(Buffer.from(composed));
    expect(Buffer.from(view.text)).toEqual(Buffer.from(text));
    expect(Buffer.from(view.residentialGroup)).toEqual(Buffer.from(decomposed));
    const [stored] = await db.dataSource.query('SELECT data FROM events WHERE stream_id = $1 AND stream_position = 1', [id]);
    expect(stored.data.text).toBe(text);
    const found = await http.get('/regulations').query({ q: 'hang dao' });
    expect(found.body.items.map((r: { regulationId: string }) => r.regulationId)).toContain(id);
  });
});

describe('operations', () => {
  it('reports liveness, readiness of PostgreSQL and Temporal, and Prometheus metrics', async () => {
    expect((await http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await http.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', temporal: 'up' } });
    const metrics = await http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/reglife_api_commands_total\{command="CreateDraft",outcome="accepted"\} \d+/);
    expect(metrics.text).toMatch(/reglife_api_command_duration_seconds_bucket\{le="[\d.]+",command="ReviseDraft"\}/);
    expect(metrics.text).toMatch(/reglife_api_errors_total\{code="REGULATION.INVALID_TRANSITION",status="409"\} \d+/);
  });

  it('serves queries and reports not ready while Temporal is unreachable; commands answer 503 or 504', async () => {
    const id = await createRegulation({ wardCode: 'hong-ha-2025' });
    const unreachable = await freePort();
    const saved = { ...process.env };
    Object.assign(process.env, { TEMPORAL_ADDRESS: `127.0.0.1:${unreachable}`, API_COMMAND_TIMEOUT_MS: '3000' });
    const isolated = await createApp();
    process.env = saved;
    try {
      const api = request.agent(isolated.getHttpServer()).set(officer);
      expect((await api.get(`/regulations/${id}`)).status).toBe(200);
      expect((await api.get('/regulations').query({ ward: 'hong-ha-2025' })).body.items).toHaveLength(1);
      expect((await api.get('/health')).status).toBe(200);
      const ready = await api.get('/ready');
      expect({ status: ready.status, body: ready.body }).toEqual({ status: 503, body: { status: 'error', checks: { database: 'up', temporal: 'down' } } });
      await writesNothing(async () => {
        const res = await api.post(`/regulations/${id}/withdraw`).set(officer).send({ reason: 'x' });
        expect(['TEMPORAL.UNAVAILABLE', 'COMMAND.TIMEOUT']).toContain(res.body.code);
        expect(res.status).toBe(res.body.code === 'TEMPORAL.UNAVAILABLE' ? 503 : 504);
      });
    } finally {
      await isolated.close();
    }
  });

  it('echoes a request id', async () => {
    const res = await http.get('/health').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect((await http.get('/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI document with every route, schema and error code', async () => {
    const res = await http.get('/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    const routes = [
      'revise-draft', 'open-consultation', 'extend-consultation', 'close-consultation', 'record-comment', 'submit-critique',
      'record-disposition', 'record-vote', 'submit-dossier', 'start-review', 'recognize', 'return-dossier', 'withdraw',
      'record-annual-review', 'start-amendment', 'receive-complaint', 'dismiss-complaint', 'suspend', 'repeal',
      'record-proposal', 'form-drafting-group', 'choose-name', 'record-signatures', 'stamp-text', 'record-disclosure',
    ];
    for (const route of routes) {
      const operation = doc.paths[`/regulations/{id}/${route}`]?.post;
      expect({ route, documented: !!operation }).toEqual({ route, documented: true });
      expect(operation.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/CommandResultDto');
      expect(operation.responses['409'].description).toContain('REGULATION.INVALID_TRANSITION');
      expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
      expect(operation.parameters.map((p: { name: string }) => p.name)).not.toContain('X-Actor-Id');
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
    }
    expect(doc.paths['/regulations'].post.responses['201']).toBeDefined();
    expect(doc.paths['/regulations'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['ward', 'kind', 'stage', 'q', 'dueBefore', 'cursor', 'limit']),
    );
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/regulations/{id}', '/regulations/{id}/as-of', '/catalogue', '/health', '/ready']));
    expect(doc.components.schemas.RecordVoteDto.required).toEqual(expect.arrayContaining(['method', 'heldOn', 'totalHouseholds', 'present', 'approving']));
    expect(doc.components.schemas.RegimeDto.properties.sources.$ref ?? doc.components.schemas.RegimeDto.properties.sources.allOf?.[0]?.$ref).toBe(
      '#/components/schemas/RegimeSourcesDto',
    );
    expect(doc.components.schemas.LegalSourceDto.properties.status.enum).toEqual(['confirmed', 'unconfirmed']);
    expect(doc.components.schemas.ErrorResponseDto.properties.code.enum).toEqual(expect.arrayContaining(['COMMAND.ID_REUSED', 'REQUEST.TOO_LARGE']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/health'].get.security).toBeUndefined();
    expect(doc.components.schemas.ErrorResponseDto.properties.code.enum).toEqual(
      expect.arrayContaining(['AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN', 'AUTH.SEPARATION_OF_DUTIES', 'RATE_LIMIT.EXCEEDED']),
    );
    expect((await request(app.getHttpServer()).get('/docs')).status).toBe(200);
    expect((await request(app.getHttpServer()).get('/docs-json')).status).toBe(200);
  });
});

describe('the production worker', () => {
  it('started from the prebuilt workflow bundle, which matched the sources, and runs the workflows of this suite', () => {
    expect(prebuilt.codePath).not.toBeNull();
    const log = worker.output();
    expect(log).toContain(`workflow bundle: using the prebuilt ${prebuilt.codePath} (sources ${prebuilt.hash},`);
    expect(log).not.toContain('bundling the workflows');
    expect(log).toMatch(/polling task queue api-e2e-/);
  });

  it('serves its counters on GET /metrics at WORKER_METRICS_PORT, and nothing else there', async () => {
    const metrics = await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await metrics.text();
    expect(body).toContain('# TYPE reglife_worker_append_alarms_total counter');
    expect(body).toContain('reglife_worker_catch_ups_total 0');
    expect((await fetch(`http://127.0.0.1:${workerMetricsPort}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
