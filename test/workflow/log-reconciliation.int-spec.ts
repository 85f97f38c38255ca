/**
 * The log decides what the workflow believes, on the time-skipping test server with a real PostgreSQL: a workflow
 * behind the log catches up from it; a log behind the workflow is refused with a code, counted and shown as an
 * incident; a timer command that keeps failing backs off instead of spinning.
 */
import { Client } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DomainError, EVENT_SCHEMA_VERSION } from '@app/domain';
import { EventStore, RegulationIncidents } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { WorkerMetrics } from '../../apps/worker/src/worker-metrics.service';
import { createDraft, envelope, officer, uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';
import { createTimeSkippingEnv } from '../support/time-skipping';

jest.setTimeout(180_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let store: EventStore;
let incidents: RegulationIncidents;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  incidents = new RegulationIncidents(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
  await env?.teardown();
});

async function rig() {
  const taskQueue = uniqueId('tq');
  const metrics = new WorkerMetrics();
  const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store, metrics });
  return { worker, metrics, commands: new RegulationCommandClient(env.client, taskQueue) };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** Loses the stream's last event, as a restore from an older backup would: the owner, behind the trigger's back. */
async function loseLastEvent(regulationId: string): Promise<void> {
  const owner = new Client({ connectionString: db.migrationUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE events DISABLE TRIGGER USER');
    await owner.query(
      'DELETE FROM events WHERE stream_id = $1 AND stream_position = (SELECT max(stream_position) FROM events WHERE stream_id = $1)',
      [regulationId],
    );
    await owner.query('ALTER TABLE events ENABLE TRIGGER USER');
    await owner.query('COMMIT');
  } finally {
    await owner.end();
  }
}

it('catches up from the log when the log is ahead of the workflow, and the next command succeeds', async () => {
  const id = uniqueId('conv');
  const { worker, metrics, commands } = await rig();
  await worker.runUntil(async () => {
    await commands.execute(id, envelope(createDraft(id, { startedOn: '2025-03-03' })));
    // Another writer (a reset workflow's earlier run, a restore) appended a revision the workflow never saw.
    await store.append(id, 1, [
      {
        eventId: crypto.randomUUID(),
        streamId: id,
        type: 'DraftRevised',
        schemaVersion: EVENT_SCHEMA_VERSION,
        data: { revision: 2, title: 'Quy ước (bản sửa từ nhật ký)', text: 'Điều 1 (log).', summary: 'from the log' },
        metadata: { actor: officer, commandId: 'outside', correlationId: 'outside', occurredAt: new Date().toISOString(), reason: null, legalBasis: null },
      },
    ]);

    const result = await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (workflow).', summary: 'after catch-up' }));
    expect(result).toMatchObject({ version: 3, stage: 'drafting' });
    expect(result.events).toEqual([expect.objectContaining({ type: 'DraftRevised', streamPosition: 3 })]);
    const stored = await store.readStream(id);
    expect(stored.map((e) => e.type)).toEqual(['RegulationDrafted', 'DraftRevised', 'DraftRevised']);
    // Decided against the caught-up state: revision 3 keeps the title the log gave.
    expect(stored[2].data).toMatchObject({ revision: 3, title: 'Quy ước (bản sửa từ nhật ký)' });
    expect(await metrics.appendAlarmCount('REGULATION.LOG_BEHIND')).toBe(0);
  });
});

it('refuses a command when the log is behind the workflow, counts it and shows it; a failing timer backs off', async () => {
  const id = uniqueId('conv');
  const { worker, metrics, commands } = await rig();
  await worker.runUntil(async () => {
    const startedOn = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
    await commands.execute(id, envelope(createDraft(id, { startedOn })));
    await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1.', summary: 'r2' }));
    await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting'] }));
    await loseLastEvent(id);

    const comment = envelope({ type: 'RecordComment', commentId: 'c1', channel: 'meeting', content: 'ý kiến', receivedOn: startedOn } as const);
    const error = await rejection(commands.execute(id, comment));
    expect(error.code).toBe('REGULATION.LOG_BEHIND');
    expect(error.details).toMatchObject({ streamId: id, workflowVersion: 3, logVersion: 2 });
    expect(await store.currentVersion(id)).toBe(2);
    expect(await metrics.appendAlarmCount('REGULATION.LOG_BEHIND')).toBe(1);
    expect(await incidents.openOf(id)).toEqual([expect.objectContaining({ kind: 'log_behind', code: 'REGULATION.LOG_BEHIND' })]);

    // The consultation's 30 days run out: its closing keeps failing against the log, two hours of virtual time on.
    await env.sleep('30 days');
    await env.sleep('2 hours');
    const attempts = (await metrics.appendAlarmCount('REGULATION.LOG_BEHIND')) - 1;
    // 10 s doubled, capped at 1 h: about ten attempts in two hours, never one a millisecond.
    expect(attempts).toBeGreaterThanOrEqual(8);
    expect(attempts).toBeLessThanOrEqual(12);
    const timer = (await incidents.openOf(id)).find((i) => i.kind === 'timer_command_failing');
    expect(timer).toMatchObject({ code: 'REGULATION.LOG_BEHIND', attempts });
    expect(await store.currentVersion(id)).toBe(2);
  });
});
