/** The summary workflow and its Schedules on the dev server: idempotent creation, backfill, trigger, pause, progress. */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { EventStore } from '@app/event-store';
import {
  ensureSummarySchedules,
  parseScheduleTime,
  ReportingConfig,
  SummaryReportService,
  SummaryScheduleClient,
} from '@app/reporting';
import { SummaryActivitiesService } from '../../apps/worker/src/reporting/summary.activities';
import { getSummaryProgressQuery, latestClosedPeriodAt, summaryReportId, summaryScheduleIds } from '../../workflows/summary.messages';
import { uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { getWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { appendStreams, StreamBuilder } from './summary-fixture';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let reports: SummaryReportService;
let client: Client;

const config: ReportingConfig = {
  semiannualAt: parseScheduleTime('semiannual', '07-05 02:00'),
  annualAt: parseScheduleTime('annual', '01-05 02:00'),
  catchupDays: 30,
  manageSchedules: true,
};

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS });
  client = env.client;
  db = await createTestDatabase();
  reports = new SummaryReportService(db.dataSource);
  const store = new EventStore(db.dataSource);
  const streams = [2021, 2022, 2023, 2024].map((year) =>
    new StreamBuilder(`wf-${year}`, 'hang-gai', 'community_convention').drafted(`${year}-03-02`).consultation(`${year}-03-03`, `${year}-04-02`),
  );
  await appendStreams(store, streams);
});

afterAll(async () => {
  for (const id of Object.values(summaryScheduleIds)) await client?.schedule.getHandle(id).delete().catch(() => undefined);
  await db?.drop();
  await env?.teardown();
});

async function createWorker(taskQueue: string): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code: (await getWorkflowBundle()).code },
    activities: new SummaryActivitiesService(reports).activities(),
  });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('creates the two schedules once: a second start is a no-op', async () => {
  const taskQueue = uniqueId('summary');
  const first = await ensureSummarySchedules(client, config, taskQueue);
  expect(Object.values(first).every((o) => o === 'created' || o === 'updated')).toBe(true);
  const before = await client.schedule.getHandle(summaryScheduleIds.annual).describe();

  const second = await ensureSummarySchedules(client, config, taskQueue);
  expect(second).toEqual({ semiannual: 'unchanged', annual: 'unchanged' });
  const after = await client.schedule.getHandle(summaryScheduleIds.annual).describe();
  expect(after.info.lastUpdatedAt).toEqual(before.info.lastUpdatedAt);
  expect(after.policies).toMatchObject({ overlap: 'BUFFER_ONE', catchupWindow: 30 * 86_400_000 });
  expect(after.spec.timezone).toBe('Asia/Ho_Chi_Minh');

  // A changed time is an update, and the paused state a supervisor set survives it.
  const schedules = new SummaryScheduleClient(client, config);
  await schedules.pause('annual', 'kiểm tra');
  const moved = { ...config, annualAt: parseScheduleTime('annual', '01-07 03:30') };
  expect(await ensureSummarySchedules(client, moved, taskQueue)).toEqual({ semiannual: 'unchanged', annual: 'updated' });
  expect(await schedules.describe('annual')).toMatchObject({ paused: true, note: 'kiểm tra' });
  await schedules.resume('annual');
  expect((await schedules.describe('annual')).paused).toBe(false);
});

it('backfills several past years in order, each report against the one before', async () => {
  const taskQueue = uniqueId('summary');
  await ensureSummarySchedules(client, config, taskQueue);
  const schedules = new SummaryScheduleClient(client, config);
  const worker = await createWorker(taskQueue);
  await worker.runUntil(async () => {
    const times = await schedules.backfill('annual', 2021, 2023);
    expect(times).toEqual(['2022-01-04T19:00:00.000Z', '2023-01-04T19:00:00.000Z', '2024-01-04T19:00:00.000Z']);
    await until(async () => ((await reports.list('annual')).length >= 3 ? true : undefined), 'three annual reports');
  });
  const listed = await reports.list('annual');
  expect(listed.map((r) => r.id)).toEqual(['annual-2023', 'annual-2022', 'annual-2021']);
  const y2022 = await reports.get('annual-2022');
  expect(y2022.content.adjustments.basis.reportId).toBe('annual-2021');
  expect(y2022.content.area.inPeriod.drafted).toBe(1);
  expect(y2022.content.area.consultations.opened).toBe(1);
});

it('runs a given period with progress, and a second run verifies the stored bytes', async () => {
  const taskQueue = uniqueId('summary');
  const worker = await createWorker(taskQueue);
  await worker.runUntil(async () => {
    const handle = await client.workflow.start('summaryWorkflow', {
      taskQueue,
      workflowId: uniqueId('summary-h1'),
      args: [{ kind: 'semiannual', periodStart: '2024-01-01' }],
    });
    const first = await handle.result();
    expect(first).toMatchObject({ reportId: 'semiannual-2024-h1', created: true, periodEnd: '2024-06-30' });
    expect(await handle.query(getSummaryProgressQuery)).toMatchObject({ phase: 'done', result: first });

    const again = await client.workflow.execute('summaryWorkflow', {
      taskQueue,
      workflowId: uniqueId('summary-h1'),
      args: [{ kind: 'semiannual', periodStart: '2024-01-01' }],
    });
    expect(again).toMatchObject({ created: false, contentHash: first.contentHash, computedAtPosition: first.computedAtPosition });
  });
});

it('triggers a run now for the latest closed period', async () => {
  const taskQueue = uniqueId('summary');
  await ensureSummarySchedules(client, config, taskQueue);
  const schedules = new SummaryScheduleClient(client, config);
  const worker = await createWorker(taskQueue);
  const expected = summaryReportId(latestClosedPeriodAt('semiannual', new Date()));
  await worker.runUntil(async () => {
    await schedules.trigger('semiannual');
    await until(async () => ((await reports.list('semiannual')).some((r) => r.id === expected) ? true : undefined), expected);
  });
});
