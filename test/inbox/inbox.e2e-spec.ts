/**
 * The supervisors' inbox over HTTP against a real PostgreSQL: the api from createApp, listening on a free port, the
 * `approval_tasks` rows written here with SQL (as the projector would) and the day set through the InboxClock.
 * The fixture's day is Friday 13 February 2026, the last working day before a weekend and Tết (16–20 February), so
 * that "2 working days left" reaches 24 February and a task due on a Friday or on the Saturday after is as late.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { addCalendarDays, taskDueAt, taskRemindAt } from '@app/domain';
import { createTestAuth, TestAuth } from '../../apps/api/src/auth/testing';
import { createApp } from '../../apps/api/src/create-app';
import { InboxClock } from '../../apps/api/src/inbox/inbox-clock';
import { inboxSorts } from '../../apps/api/src/inbox/inbox-query.dto';
import { createTestDatabase, TestDatabase } from '../support/database';

jest.setTimeout(120_000);

type Step = 'dossier_decision' | 'suspension_report' | 'annual_review';
type Ward = 'hang-bac' | 'hang-dao' | 'hang-bo';

interface TaskSpec {
  name: string;
  ward: Ward;
  dueOn: string;
  step: Step;
  status?: 'open' | 'claimed' | 'done' | 'cancelled';
  assignee?: string;
  district?: boolean;
  kind?: 'community_convention' | 'democracy_regulation';
  escalations?: number;
  /** Minutes after 2026-02-01 00:00 UTC, plus microseconds, so that two tasks may differ below the millisecond. */
  openedMinute: number;
  openedMicros?: number;
}

/**
 * The tasks, with the aging and working days late each has on Friday 13 February 2026 (hand-counted on the calendar:
 * 14–15 February weekend, 16–20 Tết, 21–22 weekend). Two closed tasks must never show.
 */
const fixture: (TaskSpec & { aging?: string; late?: number })[] = [
  { name: 'bac-ontime', ward: 'hang-bac', dueOn: '2026-02-27', step: 'dossier_decision', openedMinute: 90, aging: 'on_time', late: 0 },
  {
    name: 'bac-after-tet',
    ward: 'hang-bac',
    dueOn: '2026-02-24',
    step: 'dossier_decision',
    status: 'claimed',
    assignee: 'chair-hang-bac',
    openedMinute: 30,
    aging: 'due_soon',
    late: 0,
  },
  { name: 'bac-in-tet', ward: 'hang-bac', dueOn: '2026-02-20', step: 'suspension_report', kind: 'democracy_regulation', openedMinute: 60, aging: 'due_soon', late: 0 },
  { name: 'bac-today', ward: 'hang-bac', dueOn: '2026-02-13', step: 'annual_review', openedMinute: 10, openedMicros: 200, aging: 'due_soon', late: 0 },
  { name: 'bac-yesterday', ward: 'hang-bac', dueOn: '2026-02-12', step: 'dossier_decision', district: true, openedMinute: 10, openedMicros: 100, aging: 'overdue', late: 1 },
  { name: 'bac-saturday', ward: 'hang-bac', dueOn: '2026-02-07', step: 'annual_review', kind: 'democracy_regulation', openedMinute: 50, aging: 'overdue', late: 5 },
  {
    name: 'bac-friday',
    ward: 'hang-bac',
    dueOn: '2026-02-06',
    step: 'dossier_decision',
    status: 'claimed',
    assignee: 'chair-hang-bac',
    openedMinute: 20,
    aging: 'overdue',
    late: 5,
  },
  { name: 'bac-thursday', ward: 'hang-bac', dueOn: '2026-02-05', step: 'suspension_report', kind: 'democracy_regulation', openedMinute: 70, aging: 'overdue_long', late: 6 },
  { name: 'bac-january', ward: 'hang-bac', dueOn: '2026-01-30', step: 'dossier_decision', district: true, escalations: 2, openedMinute: 5, aging: 'overdue_long', late: 10 },
  {
    name: 'dao-monday',
    ward: 'hang-dao',
    dueOn: '2026-02-23',
    step: 'dossier_decision',
    status: 'claimed',
    assignee: 'chair-hang-dao',
    openedMinute: 80,
    aging: 'due_soon',
    late: 0,
  },
  { name: 'dao-overdue', ward: 'hang-dao', dueOn: '2026-02-09', step: 'dossier_decision', district: true, openedMinute: 40, aging: 'overdue', late: 4 },
  {
    name: 'bo-march',
    ward: 'hang-bo',
    dueOn: '2026-03-10',
    step: 'annual_review',
    kind: 'democracy_regulation',
    status: 'claimed',
    assignee: 'chair-hang-bo',
    openedMinute: 100,
    aging: 'on_time',
    late: 0,
  },
  { name: 'bac-done', ward: 'hang-bac', dueOn: '2026-02-01', step: 'dossier_decision', status: 'done', openedMinute: 1 },
  { name: 'dao-cancelled', ward: 'hang-dao', dueOn: '2026-02-02', step: 'annual_review', status: 'cancelled', openedMinute: 2 },
];
const pending = fixture.filter((task) => task.aging !== undefined);

const FRIDAY_BEFORE_TET = Date.parse('2026-02-13T03:00:00Z'); // 10:00 in Hà Nội
const MONDAY_AFTER_TET = Date.parse('2026-02-23T03:00:00Z');
const priorities: Record<Step, number> = { suspension_report: 1, dossier_decision: 2, annual_review: 3 };

const taskIdOf = (spec: Pick<TaskSpec, 'name' | 'step'>) => `inbox-${spec.name}:${spec.step}:7`;
const openedAtOf = (spec: TaskSpec) =>
  `${new Date(Date.UTC(2026, 1, 1) + spec.openedMinute * 60_000).toISOString().slice(0, 19)}.${String(spec.openedMicros ?? 0).padStart(6, '0')}Z`;

let db: TestDatabase;
let app: NestExpressApplication;
let baseUrl: string;
let clock: InboxClock;
let http: ReturnType<typeof request>;
const headers: Record<'supervisor' | 'officer' | 'chairDao' | 'district' | 'auditor', Record<string, string>> = {
  supervisor: {},
  officer: {},
  chairDao: {},
  district: {},
  auditor: {},
};
const savedEnv = { ...process.env };
let auth: TestAuth;

beforeAll(async () => {
  db = await createTestDatabase();
  auth = await createTestAuth();
  headers.supervisor = await auth.bearer({ sub: 'bcd-hoan-kiem', role: 'supervisor', wards: ['*'] });
  headers.officer = await auth.bearer({ sub: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] });
  headers.chairDao = await auth.bearer({ sub: 'chair-hang-dao', role: 'ward_chair', wards: ['hang-dao', 'hang-bo'] });
  headers.district = await auth.bearer({ sub: 'district-1', role: 'district_approver', wards: ['*'] });
  headers.auditor = await auth.bearer({ sub: 'auditor-1', role: 'auditor', wards: ['hang-bac'] });
  Object.assign(process.env, { DATABASE_URL: db.url, LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY: auth.publicKeyPem });
  app = await createApp();
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
  http = request(app.getHttpServer());
  clock = app.get(InboxClock);
  jest.spyOn(clock, 'now').mockReturnValue(FRIDAY_BEFORE_TET);
  for (const spec of fixture) await insertTask(spec);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
  process.env = savedEnv;
});

/** The row the projector would write for the task. */
function taskRow(spec: TaskSpec): unknown[] {
  const status = spec.status ?? (spec.assignee ? 'claimed' : 'open');
  const openedOn = addCalendarDays(spec.dueOn, -5);
  return [
    taskIdOf(spec),
    `inbox-${spec.name}`,
    spec.ward,
    spec.kind ?? 'community_convention',
    `Quy ước ${spec.name}`,
    spec.step,
    spec.district ? 'district_peoples_committee' : 'ward_peoples_committee',
    spec.district ? 'district_approver' : 'ward_chair',
    spec.district ? 'hoan-kiem' : spec.ward,
    spec.assignee ?? null,
    status,
    priorities[spec.step],
    openedOn,
    openedAtOf(spec),
    spec.dueOn,
    new Date(taskDueAt({ dueOn: spec.dueOn })),
    new Date(taskRemindAt({ openedOn, dueOn: spec.dueOn })),
    spec.escalations ?? 0,
    spec.escalations ? '2026-02-03T01:00:00.000Z' : null,
    status === 'done' || status === 'cancelled' ? '2026-02-10T01:00:00.000Z' : null,
  ];
}

const INSERT = `INSERT INTO approval_tasks (task_id, regulation_id, ward_code, kind, title, step, authority, candidate_role, authority_unit,
    assignee, status, priority, opened_on, opened_at, due_on, due_at, remind_at, reminders, escalations, last_escalated_at, closed_at,
    updated_at, last_global_position)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, $18, $19, $20, now(), 1)`;

type Notice = { taskId: string; regulationId: string; wardCode: string; status: string };

const noticeOf = (spec: TaskSpec, status: string): Notice => ({ taskId: taskIdOf(spec), regulationId: `inbox-${spec.name}`, wardCode: spec.ward, status });

/** Writes a change and announces it on the channel in one transaction, as the projector does with each append. */
async function changeAndNotify(sql: string, params: unknown[], ...notices: Notice[]) {
  await db.dataSource.transaction(async (manager) => {
    await manager.query(sql, params);
    for (const notice of notices) await manager.query(`SELECT pg_notify('approval_tasks', $1)`, [JSON.stringify(notice)]);
  });
}

async function insertTask(spec: TaskSpec): Promise<void> {
  await changeAndNotify(INSERT, taskRow(spec), noticeOf(spec, spec.status ?? (spec.assignee ? 'claimed' : 'open')));
}

/** Takes a test's tasks away again, announced like a cancellation. */
async function removeTasks(...specs: TaskSpec[]): Promise<void> {
  await changeAndNotify(`DELETE FROM approval_tasks WHERE task_id = ANY($1)`, [specs.map(taskIdOf)], ...specs.map((spec) => noticeOf(spec, 'cancelled')));
}

const names = (items: { taskId: string }[]) => items.map((item) => item.taskId.replace(/^inbox-/, '').replace(/:.*$/, ''));

type Item = { taskId: string; wardCode: string; aging: string; overdueWorkingDays: number } & Record<string, unknown>;

async function inbox(query: Record<string, unknown>, as = headers.supervisor): Promise<{ items: Item[]; nextCursor: string | null; today: string }> {
  const res = await http.get('/inbox').query(query).set(as);
  expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
  return res.body;
}

/** The default order: due date, then task id. */
function byDueDate(a: TaskSpec, b: TaskSpec): number {
  return a.dueOn.localeCompare(b.dueOn) || taskIdOf(a).localeCompare(taskIdOf(b));
}

describe('GET /inbox', () => {
  it('lists the pending tasks by due date with every field, the aging and the working days late on the inbox’s day', async () => {
    const page = await inbox({});
    expect(page.today).toBe('2026-02-13');
    expect(page.nextCursor).toBeNull();
    expect(names(page.items)).toEqual([...pending].sort(byDueDate).map((spec) => spec.name));
    expect(page.items.map((item) => [names([item])[0], item.aging, item.overdueWorkingDays])).toEqual(
      [...pending].sort(byDueDate).map((spec) => [spec.name, spec.aging, spec.late]),
    );
    const january = page.items.find((item) => item.taskId === taskIdOf({ name: 'bac-january', step: 'dossier_decision' }));
    expect(january).toEqual({
      taskId: 'inbox-bac-january:dossier_decision:7',
      regulationId: 'inbox-bac-january',
      wardCode: 'hang-bac',
      wardName: 'Hàng Bạc',
      kind: 'community_convention',
      title: 'Quy ước bac-january',
      step: 'dossier_decision',
      authority: 'district_peoples_committee',
      candidateRole: 'district_approver',
      authorityUnit: 'hoan-kiem',
      assignee: null,
      status: 'open',
      priority: 2,
      openedAt: '2026-02-01T00:05:00.000Z',
      openedOn: '2026-01-25',
      dueOn: '2026-01-30',
      dueAt: '2026-01-30T17:00:00.000Z',
      aging: 'overdue_long',
      overdueWorkingDays: 10,
      reminders: 0,
      escalations: 2,
      lastEscalatedAt: '2026-02-03T01:00:00.000Z',
    });
  });

  it('computes the aging again on another day: on the Monday after Tết a task due on the 13th is 1 working day late', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(MONDAY_AFTER_TET);
    try {
      const page = await inbox({ ward: 'hang-bac' });
      expect(page.today).toBe('2026-02-23');
      expect(Object.fromEntries(page.items.map((item) => [names([item])[0], `${item.aging} ${item.overdueWorkingDays}`]))).toEqual({
        'bac-january': 'overdue_long 11',
        'bac-thursday': 'overdue_long 7',
        'bac-friday': 'overdue_long 6',
        'bac-saturday': 'overdue_long 6',
        'bac-yesterday': 'overdue 2',
        'bac-today': 'overdue 1',
        'bac-in-tet': 'overdue 1',
        'bac-after-tet': 'due_soon 0',
        'bac-ontime': 'on_time 0',
      });
    } finally {
      jest.spyOn(clock, 'now').mockReturnValue(FRIDAY_BEFORE_TET);
    }
  });

  it.each<[string, Record<string, unknown>, (spec: TaskSpec & { aging?: string }) => boolean]>([
    ['one ward', { ward: 'hang-dao' }, (t) => t.ward === 'hang-dao'],
    ['a comma list of wards', { ward: 'hang-dao,hang-bo' }, (t) => t.ward !== 'hang-bac'],
    ['a repeated ward parameter', { ward: ['hang-bo', 'hang-dao'] }, (t) => t.ward !== 'hang-bac'],
    ['the deciding body', { authority: 'district_peoples_committee' }, (t) => t.district === true],
    ['the ward People’s Committee', { authority: 'ward_peoples_committee' }, (t) => !t.district],
    ['the kind', { kind: 'democracy_regulation' }, (t) => t.kind === 'democracy_regulation'],
    ['the step', { step: 'suspension_report' }, (t) => t.step === 'suspension_report'],
    ['open', { status: 'open' }, (t) => !t.assignee],
    ['claimed', { status: 'claimed' }, (t) => t.assignee !== undefined],
    ['the assignee', { assignee: 'chair-hang-bac' }, (t) => t.assignee === 'chair-hang-bac'],
    ['overdue', { overdue: 'true' }, (t) => t.dueOn < '2026-02-13'],
    ['not overdue', { overdue: 'false' }, (t) => t.dueOn >= '2026-02-13'],
    ['on time', { aging: 'on_time' }, (t) => t.aging === 'on_time'],
    ['due soon', { aging: 'due_soon' }, (t) => t.aging === 'due_soon'],
    ['overdue by 1 to 5 working days', { aging: 'overdue' }, (t) => t.aging === 'overdue'],
    ['overdue by more than 5 working days', { aging: 'overdue_long' }, (t) => t.aging === 'overdue_long'],
    ['due before a date (exclusive)', { dueBefore: '2026-02-20' }, (t) => t.dueOn < '2026-02-20'],
    [
      'several filters at once',
      { ward: 'hang-bac', step: 'dossier_decision', overdue: 'true', authority: 'ward_peoples_committee' },
      (t) => t.ward === 'hang-bac' && t.step === 'dossier_decision' && t.dueOn < '2026-02-13' && !t.district,
    ],
  ])('filters by %s', async (_, query, keep) => {
    const page = await inbox(query);
    expect(names(page.items)).toEqual(pending.filter(keep).sort(byDueDate).map((spec) => spec.name));
  });

  const orders: Record<(typeof inboxSorts)[number], (a: TaskSpec, b: TaskSpec) => number> = {
    due_on: byDueDate,
    '-due_on': (a, b) => byDueDate(b, a),
    opened_at: (a, b) => openedAtOf(a).localeCompare(openedAtOf(b)) || taskIdOf(a).localeCompare(taskIdOf(b)),
    '-opened_at': (a, b) => openedAtOf(b).localeCompare(openedAtOf(a)) || taskIdOf(b).localeCompare(taskIdOf(a)),
    priority: (a, b) => priorities[a.step] - priorities[b.step] || byDueDate(a, b),
    ward: (a, b) => a.ward.localeCompare(b.ward) || byDueDate(a, b),
  };

  it.each(inboxSorts)('sorts by %s and walks every page of 1, 2 and 5 items without a duplicate or a miss', async (sort) => {
    const expected = [...pending].sort(orders[sort]).map((spec) => spec.name);
    expect(names((await inbox({ sort })).items)).toEqual(expected);
    for (const limit of [1, 2, 5]) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      let pages = 0;
      do {
        const page = await inbox({ sort, limit, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...names(page.items));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect({ limit, seen }).toEqual({ limit, seen: expected });
      expect(pages).toBe(Math.ceil(expected.length / limit));
    }
  });

  it('keeps its place under concurrent inserts: a task added behind the cursor is not shown, one ahead of it is', async () => {
    const first = await inbox({ limit: 4 });
    expect(names(first.items)).toEqual(['bac-january', 'bac-thursday', 'bac-friday', 'bac-saturday']);
    const behind: TaskSpec = { name: 'new-behind', ward: 'hang-bo', dueOn: '2026-02-01', step: 'annual_review', openedMinute: 3 };
    const ahead: TaskSpec = { name: 'new-ahead', ward: 'hang-bo', dueOn: '2026-02-21', step: 'annual_review', openedMinute: 4 };
    await insertTask(behind);
    await insertTask(ahead);
    try {
      const rest: string[] = [];
      for (let cursor = first.nextCursor; cursor; ) {
        const page = await inbox({ limit: 4, cursor });
        rest.push(...names(page.items));
        cursor = page.nextCursor;
      }
      expect(rest).toEqual(['dao-overdue', 'bac-yesterday', 'bac-today', 'bac-in-tet', 'new-ahead', 'dao-monday', 'bac-after-tet', 'bac-ontime', 'bo-march']);
    } finally {
      await removeTasks(behind, ahead);
    }
  });

  it('shows ward-bound callers their wards only; supervisors, auditors and a district-wide approver every ward', async () => {
    const wardsOf = (page: { items: Item[] }) => [...new Set(page.items.map((item) => item.wardCode))].sort();
    expect(wardsOf(await inbox({}, headers.officer))).toEqual(['hang-bac']);
    expect(wardsOf(await inbox({}, headers.chairDao))).toEqual(['hang-bo', 'hang-dao']);
    expect(wardsOf(await inbox({ ward: 'hang-bo' }, headers.chairDao))).toEqual(['hang-bo']);
    for (const caller of [headers.supervisor, headers.auditor, headers.district]) {
      expect(wardsOf(await inbox({}, caller))).toEqual(['hang-bac', 'hang-bo', 'hang-dao']);
    }
  });
});

describe('GET /inbox/counts', () => {
  const zero = { on_time: 0, due_soon: 0, overdue: 0, overdue_long: 0 };

  it('counts by aging bucket and by ward, as hand-counted for the Friday before Tết', async () => {
    const res = await http.get('/inbox/counts').set(headers.supervisor).expect(200);
    expect(res.body).toEqual({
      today: '2026-02-13',
      total: 12,
      byAging: { on_time: 2, due_soon: 4, overdue: 4, overdue_long: 2 },
      byWard: [
        { wardCode: 'hang-bac', wardName: 'Hàng Bạc', total: 9, open: 7, claimed: 2, on_time: 1, due_soon: 3, overdue: 3, overdue_long: 2 },
        { wardCode: 'hang-bo', wardName: 'Hàng Bồ', total: 1, open: 0, claimed: 1, ...zero, on_time: 1 },
        { wardCode: 'hang-dao', wardName: 'Hàng Đào', total: 2, open: 1, claimed: 1, ...zero, due_soon: 1, overdue: 1 },
      ],
    });
  });

  it('moves the tasks between buckets by working days: the Monday after Tết', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(MONDAY_AFTER_TET);
    try {
      const res = await http.get('/inbox/counts').set(headers.supervisor).expect(200);
      expect(res.body).toMatchObject({
        today: '2026-02-23',
        total: 12,
        byAging: { on_time: 2, due_soon: 2, overdue: 4, overdue_long: 4 },
        byWard: [
          { wardCode: 'hang-bac', on_time: 1, due_soon: 1, overdue: 3, overdue_long: 4 },
          { wardCode: 'hang-bo', on_time: 1, due_soon: 0, overdue: 0, overdue_long: 0 },
          { wardCode: 'hang-dao', on_time: 0, due_soon: 1, overdue: 1, overdue_long: 0 },
        ],
      });
    } finally {
      jest.spyOn(clock, 'now').mockReturnValue(FRIDAY_BEFORE_TET);
    }
  });

  it('takes the filters of the inbox and the caller’s wards', async () => {
    const district = await http.get('/inbox/counts').query({ authority: 'district_peoples_committee' }).set(headers.supervisor).expect(200);
    expect(district.body).toMatchObject({
      total: 3,
      byAging: { on_time: 0, due_soon: 0, overdue: 2, overdue_long: 1 },
      byWard: [
        { wardCode: 'hang-bac', total: 2, overdue: 1, overdue_long: 1 },
        { wardCode: 'hang-dao', total: 1, overdue: 1 },
      ],
    });
    const overdue = await http.get('/inbox/counts').query({ overdue: 'true', ward: 'hang-bac' }).set(headers.supervisor).expect(200);
    expect(overdue.body).toMatchObject({ total: 5, byAging: { overdue: 3, overdue_long: 2 } });
    const officer = await http.get('/inbox/counts').set(headers.officer).expect(200);
    expect(officer.body.byWard.map((ward: { wardCode: string }) => ward.wardCode)).toEqual(['hang-bac']);
    expect(officer.body.total).toBe(9);
    const none = await http.get('/inbox/counts').query({ assignee: 'nobody' }).set(headers.supervisor).expect(200);
    expect(none.body).toEqual({ today: '2026-02-13', total: 0, byAging: zero, byWard: [] });
  });
});

describe('GET /inbox/counts after a change', () => {
  /** The counts once they differ from `before`, asking again until the change's notice has reached the api (5 s at most). */
  async function countsOtherThan(before: unknown): Promise<{ total: number; byWard: { wardCode: string; total: number; overdue_long: number }[] }> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await http.get('/inbox/counts').set(headers.supervisor).expect(200);
      if (JSON.stringify(res.body) !== JSON.stringify(before) || Date.now() > deadline) return res.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('counts a task opened or taken away as soon as its notice is heard, not a cached figure', async () => {
    const before = (await http.get('/inbox/counts').set(headers.supervisor).expect(200)).body;
    expect(before.total).toBe(12);
    const late: TaskSpec = { name: 'counted-late', ward: 'hang-bo', dueOn: '2026-01-20', step: 'suspension_report', openedMinute: 6 };
    await insertTask(late);
    let after: unknown;
    try {
      const counts = await countsOtherThan(before);
      after = counts;
      expect(counts.total).toBe(13);
      expect(counts.byWard.find((ward) => ward.wardCode === 'hang-bo')).toMatchObject({ total: 2, overdue_long: 1 });
    } finally {
      await removeTasks(late);
    }
    expect(await countsOtherThan(after)).toEqual(before);
  });
});

describe('refusals', () => {
  function expectError(res: request.Response, status: number, code: string, field?: string) {
    expect({ status: res.status, code: res.body.code, field: res.body.details?.field }).toEqual({ status, code, field });
  }

  it.each<[string, Record<string, unknown>, string]>([
    ['a page of 0', { limit: 0 }, 'limit'],
    ['a page of 101', { limit: 101 }, 'limit'],
    ['a page size that is no number', { limit: 'ten' }, 'limit'],
    ['an unknown sort', { sort: 'title' }, 'sort'],
    ['an unknown aging bucket', { aging: 'late' }, 'aging'],
    ['overdue that is no boolean', { overdue: 'yes' }, 'overdue'],
    ['a closed status', { status: 'done' }, 'status'],
    ['an unknown step', { step: 'vote' }, 'step'],
    ['an unknown kind', { kind: 'decree' }, 'kind'],
    ['an unknown authority', { authority: 'province' }, 'authority'],
    ['a date that does not exist', { dueBefore: '2026-02-30' }, 'dueBefore'],
    ['a ward in capitals', { ward: 'HANG-BAC' }, 'ward'],
    ['an empty ward', { ward: '' }, 'ward'],
    ['a ward list with a gap', { ward: 'hang-bac,,hang-dao' }, 'ward'],
    ['101 wards in repeated parameters', { ward: Array.from({ length: 101 }, () => 'hang-bac') }, 'ward'],
    ['101 wards in a comma list', { ward: Array.from({ length: 101 }, () => 'hang-dao').join(',') }, 'ward'],
    ['a blank assignee', { assignee: '  ' }, 'assignee'],
    ['a cursor this api did not give out', { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    ['a forged cursor with an impossible instant', { sort: 'opened_at', cursor: Buffer.from('["opened_at","2026-02-01T25:00:00.000000Z","x"]').toString('base64url') }, 'cursor'],
    ['an unknown parameter', { page: 2 }, 'page'],
  ])('answers 400 QUERY.INVALID to %s', async (_, query, field) => {
    expectError(await http.get('/inbox').query(query).set(headers.supervisor), 400, 'QUERY.INVALID', field);
  });

  it('answers 422 UNIT.UNKNOWN to a ward the administrative units table does not hold', async () => {
    for (const path of ['/inbox', '/inbox/counts']) {
      expectError(await http.get(path).query({ ward: 'hang-bac,ba-dinh' }).set(headers.supervisor), 422, 'UNIT.UNKNOWN', 'ward');
    }
  });

  it('refuses a cursor given out for another sort, and the page parameters on the counts', async () => {
    const page = await inbox({ limit: 2, sort: 'priority' });
    expectError(await http.get('/inbox').query({ sort: 'ward', cursor: page.nextCursor }).set(headers.supervisor), 400, 'QUERY.INVALID', 'cursor');
    expectError(await http.get('/inbox/counts').query({ sort: 'ward' }).set(headers.supervisor), 400, 'QUERY.INVALID', 'sort');
    expectError(await http.get('/inbox/counts').query({ limit: 5 }).set(headers.supervisor), 400, 'QUERY.INVALID', 'limit');
  });

  it('answers 403 AUTH.FORBIDDEN to a ward outside the caller’s, alone or in a list', async () => {
    for (const ward of ['hang-dao', 'hang-bac,hang-dao', ['hang-bac', 'hang-dao']]) {
      for (const path of ['/inbox', '/inbox/counts', '/inbox/stream']) {
        const res = await http.get(path).query({ ward }).set(headers.officer);
        expect({ path, ward, status: res.status, code: res.body.code, wardCode: res.body.details?.wardCode }).toEqual({
          path,
          ward,
          status: 403,
          code: 'AUTH.FORBIDDEN',
          wardCode: 'hang-dao',
        });
      }
    }
  });

  it('answers 401 without a token, and 405 to another method', async () => {
    for (const path of ['/inbox', '/inbox/counts', '/inbox/stream']) {
      const res = await http.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'AUTH.UNAUTHENTICATED' });
      const post = await http.post(path).set(headers.supervisor).send({});
      expect({ path, status: post.status, allow: post.headers.allow }).toEqual({ path, status: 405, allow: 'GET' });
    }
  });
});

interface StreamMessage {
  event: string;
  data: string;
}

/** An event stream read with fetch and a stream reader, as the dashboard reads it (no EventSource: it sends the token). */
async function openStream(path: string, as: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}${path}`, { headers: as, signal: abort.signal });
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status: 200, type: 'text/event-stream' });
  const messages: StreamMessage[] = [];
  let wake: () => void = () => undefined;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const pump = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end).split('\n').filter((line) => line && !line.startsWith(':'));
        buffer = buffer.slice(end + 2);
        if (block.length === 0) continue;
        const field = (name: string) => block.filter((line) => line.startsWith(`${name}: `)).map((line) => line.slice(name.length + 2));
        messages.push({ event: field('event')[0] ?? 'message', data: field('data').join('\n') });
        wake();
      }
    }
  })().catch(() => undefined);
  let read = 0;
  return {
    /** The next message, waiting up to 10 s for it. */
    async next(): Promise<StreamMessage> {
      const deadline = Date.now() + 10_000;
      while (read >= messages.length) {
        if (Date.now() > deadline) throw new Error(`no message on ${path} within 10 s; got ${JSON.stringify(messages)}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return messages[read++];
    },
    all: () => messages,
    /** Settles when the server has ended the stream (or after close). */
    ended: pump,
    async close(): Promise<void> {
      abort.abort();
      await pump;
    },
  };
}

describe('GET /inbox/stream', () => {
  const claimRow = `UPDATE approval_tasks SET status = 'claimed', assignee = $2, updated_at = now() WHERE task_id = $1`;
  const closeRow = `UPDATE approval_tasks SET status = 'done', closed_at = now(), updated_at = now() WHERE task_id = $1`;
  const live = (name: string, ward: Ward): TaskSpec => ({ name, ward, dueOn: '2026-02-26', step: 'dossier_decision', openedMinute: 110 });

  it('says ready, then delivers each change in the caller’s wards with the task as the inbox shows it, and none elsewhere', async () => {
    const officer = await openStream('/inbox/stream', headers.officer);
    const supervisor = await openStream('/inbox/stream', headers.supervisor);
    const foreign = live('live-dao', 'hang-dao');
    const own = live('live-bac', 'hang-bac');
    try {
      for (const stream of [officer, supervisor]) {
        const ready = await stream.next();
        expect({ event: ready.event, data: JSON.parse(ready.data) }).toEqual({ event: 'ready', data: { today: '2026-02-13' } });
      }
      await changeAndNotify(INSERT, taskRow(foreign), noticeOf(foreign, 'open'));
      await changeAndNotify(INSERT, taskRow(own), noticeOf(own, 'open'));

      const opened = await officer.next();
      expect({ event: opened.event, data: JSON.parse(opened.data) }).toEqual({
        event: 'task',
        data: {
          ...noticeOf(own, 'open'),
          item: {
            taskId: taskIdOf(own),
            regulationId: 'inbox-live-bac',
            wardCode: 'hang-bac',
            wardName: 'Hàng Bạc',
            kind: 'community_convention',
            title: 'Quy ước live-bac',
            step: 'dossier_decision',
            authority: 'ward_peoples_committee',
            candidateRole: 'ward_chair',
            authorityUnit: 'hang-bac',
            assignee: null,
            status: 'open',
            priority: 2,
            openedAt: '2026-02-01T01:50:00.000Z',
            openedOn: '2026-02-21',
            dueOn: '2026-02-26',
            dueAt: '2026-02-26T17:00:00.000Z',
            aging: 'on_time',
            overdueWorkingDays: 0,
            reminders: 0,
            escalations: 0,
            lastEscalatedAt: null,
          },
        },
      });
      // Claimed only once both streams delivered the opening: a stream reads the task when it hears of a change, so a
      // claim committed before that read would rightly show the opening's notice with the task already claimed.
      const seen = [];
      for (let i = 0; i < 2; i += 1) seen.push(JSON.parse((await supervisor.next()).data));
      await changeAndNotify(claimRow, [taskIdOf(own), 'chair-hang-bac'], noticeOf(own, 'claimed'));
      const claimed = JSON.parse((await officer.next()).data);
      expect(claimed).toEqual({ ...noticeOf(own, 'claimed'), item: expect.objectContaining({ status: 'claimed', assignee: 'chair-hang-bac' }) });
      // Decided only once the claim was delivered: a stream reads the task when it hears of a change, so a decision
      // committed before that read would rightly show the claim's notice with the task already gone (item null).
      await changeAndNotify(closeRow, [taskIdOf(own)], noticeOf(own, 'done'));
      const done = await officer.next();
      expect({ event: done.event, data: JSON.parse(done.data) }).toEqual({ event: 'task', data: { ...noticeOf(own, 'done'), item: null } });

      // The supervisor's stream carries all four, in commit order: the foreign notice was sent, and the officer's left it out.
      for (let i = 0; i < 2; i += 1) seen.push(JSON.parse((await supervisor.next()).data));
      expect(seen.map((data) => [data.taskId, data.status, data.item?.status ?? null])).toEqual([
        [taskIdOf(foreign), 'open', 'open'],
        [taskIdOf(own), 'open', 'open'],
        [taskIdOf(own), 'claimed', 'claimed'],
        [taskIdOf(own), 'done', null],
      ]);
      expect(officer.all().map((message) => `${message.event} ${JSON.parse(message.data).wardCode ?? ''}`.trim())).toEqual([
        'ready',
        'task hang-bac',
        'task hang-bac',
        'task hang-bac',
      ]);
    } finally {
      await officer.close();
      await supervisor.close();
      await removeTasks(foreign, own);
    }
  });

  it('keeps to the wards asked for', async () => {
    const stream = await openStream('/inbox/stream?ward=hang-bo', headers.chairDao);
    const dao = live('live-dao-2', 'hang-dao');
    const bo = live('live-bo', 'hang-bo');
    try {
      expect((await stream.next()).event).toBe('ready');
      await changeAndNotify(INSERT, taskRow(dao), noticeOf(dao, 'open'));
      await changeAndNotify(INSERT, taskRow(bo), noticeOf(bo, 'open'));
      expect(JSON.parse((await stream.next()).data)).toMatchObject({ ...noticeOf(bo, 'open'), item: { taskId: taskIdOf(bo), wardName: 'Hàng Bồ' } });
      expect(stream.all()).toHaveLength(2);
    } finally {
      await stream.close();
      await removeTasks(dao, bo);
    }
  });

  it('ends with an `expired` message when the token expires, closes, and delivers nothing after', async () => {
    const ttlSeconds = 3;
    const token = await auth.bearer({ sub: 'bcd-short-session', role: 'supervisor', wards: ['*'] }, ttlSeconds);
    const expiresAt = (JSON.parse(Buffer.from(token.Authorization.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
    const stream = await openStream('/inbox/stream', token);
    const bo = live('live-bo-expiry', 'hang-bo');
    try {
      expect((await stream.next()).event).toBe('ready');
      // An earlier test's removed tasks may still be on their way to every open stream: only this test's messages count.
      const ours = (message: StreamMessage) => message.event !== 'task' || (JSON.parse(message.data) as { taskId: string }).taskId === taskIdOf(bo);
      let expired = await stream.next();
      while (!ours(expired)) expired = await stream.next();
      expect({ event: expired.event, data: JSON.parse(expired.data) }).toEqual({ event: 'expired', data: { expiredAt: new Date(expiresAt).toISOString() } });
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
      // The server closes the stream: the reader ends without the client aborting.
      let ended = false;
      await Promise.race([stream.ended.then(() => (ended = true)), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      expect(ended).toBe(true);
      await changeAndNotify(INSERT, taskRow(bo), noticeOf(bo, 'open'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stream.all().filter(ours).map((message) => message.event)).toEqual(['ready', 'expired']);
    } finally {
      await stream.close();
      await removeTasks(bo);
    }
  });

  it('holds at most API_STREAMS_PER_CLIENT (5) open streams per client: one more is 429 with Retry-After, a closed one frees its slot', async () => {
    const token = await auth.bearer({ sub: 'bcd-many-tabs', role: 'supervisor', wards: ['*'] });
    const streams = [];
    try {
      for (let i = 0; i < 5; i += 1) streams.push(await openStream('/inbox/stream', token));
      const extra = new AbortController();
      const refused = await fetch(`${baseUrl}/inbox/stream`, { headers: token, signal: extra.signal });
      // A stream (not a refusal) would never end: read its body only when it is the refusal.
      const code = refused.status === 429 ? ((await refused.json()) as { code: string }).code : (extra.abort(), undefined);
      expect({ status: refused.status, retryAfter: refused.headers.get('retry-after'), code }).toEqual({
        status: 429,
        retryAfter: '30',
        code: 'RATE_LIMIT.EXCEEDED',
      });
      // Another client is not affected.
      streams.push(await openStream('/inbox/stream', headers.supervisor));
      await streams.shift()!.close();
      // The server sees the disconnect asynchronously: the freed slot is taken again within a second.
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) {
        const abort = new AbortController();
        status = (await fetch(`${baseUrl}/inbox/stream`, { headers: token, signal: abort.signal })).status;
        abort.abort();
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(200);
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  it('reconnects its listener when the connection drops, says ready again, and delivers the next change', async () => {
    const stream = await openStream('/inbox/stream', headers.supervisor);
    const bo = live('live-bo-2', 'hang-bo');
    try {
      expect((await stream.next()).event).toBe('ready');
      const [{ terminated }] = await db.dataSource.query(
        `SELECT count(pg_terminate_backend(pid))::int AS terminated FROM pg_stat_activity
          WHERE application_name = 'reglife-api-inbox' AND datname = current_database()`,
      );
      expect(terminated).toBe(1);
      expect((await stream.next()).event).toBe('ready');
      await changeAndNotify(INSERT, taskRow(bo), noticeOf(bo, 'open'));
      expect(JSON.parse((await stream.next()).data)).toMatchObject({ ...noticeOf(bo, 'open'), item: { taskId: taskIdOf(bo) } });
    } finally {
      await stream.close();
      await removeTasks(bo);
    }
  });
});
