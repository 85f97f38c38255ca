/**
 * The chaos run's checks (tools/chaos/checks.ts) must be able to fail: on real regulations driven through a real
 * worker (the suite's Temporal dev server and PostgreSQL), every check passes; then the log is broken by the owner role
 * (a gap, a duplicate position), a projection is set back, a success is claimed for a command that wrote nothing and a
 * lifecycle is abandoned, and each check FAILS, naming what broke.
 */
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CommandEnvelope } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient, regulationStateReader } from '@app/temporal';
import { runChecks, type CheckResult } from '../../tools/chaos/checks';
import type { CommandRecord } from '../../tools/chaos/http-client';
import type { LifecycleOutcome } from '../../tools/chaos/lifecycles';
import { createDraft, envelope, uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';

jest.setTimeout(120_000);

let db: TestDatabase;
let native: NativeConnection;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  const address = process.env.TEMPORAL_ADDRESS!;
  native = await NativeConnection.connect({ address });
  connection = await Connection.connect({ address });
  client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
});

afterAll(async () => {
  await connection?.close();
  await native?.close();
  await db?.drop();
});

async function asOwner(sql: string, params: unknown[] = []): Promise<void> {
  const owner = new PgClient({ connectionString: db.migrationUrl });
  await owner.connect();
  try {
    await owner.query(sql, params);
  } finally {
    await owner.end();
  }
}

const byName = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

it('passes on sound regulations and fails on a gap, a duplicate, a stale projection, a command without events and an abandoned lifecycle', async () => {
  const taskQueue = uniqueId('chaos-checks');
  const worker: Worker = await createRegulationWorker({ connection: native, namespace: client.options.namespace, taskQueue, store: new EventStore(db.dataSource) });
  const commands = new RegulationCommandClient(client, taskQueue);
  const records: CommandRecord[] = [];
  const lifecycles: LifecycleOutcome[] = [];
  const today = new Date().toISOString().slice(0, 10);

  await worker.runUntil(async () => {
    const [gap, duplicate, stale] = ['gap', 'dup', 'stale'].map((prefix) => uniqueId(`chaos-${prefix}`));
    for (const id of [gap, duplicate, stale]) {
      for (const sent of [
        envelope(createDraft(id, { startedOn: today })),
        envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa).', summary: 'r2' }),
      ] as CommandEnvelope[]) {
        const result = await commands.execute(id, sent);
        records.push({ lifecycle: id, step: sent.command.type, route: '-', commandId: sent.commandId, attempts: 1, outcome: 'succeeded', status: 200, version: result.version, stage: result.stage, events: result.events, retriedOn: [] });
      }
      lifecycles.push({ regulationId: id, variant: 'in_force', expectedStage: 'drafting', stage: 'drafting', finalStage: 'drafting', reachedExpected: true, commands: 2, durationMs: 0 });
    }
    const check = () => runChecks({ databaseUrl: db.migrationUrl, workflowState: regulationStateReader(client, { timeoutMs: 5_000 }), commands: records, lifecycles, reconcileAttempts: 1 });

    const sound = byName(await check());
    for (const result of Object.values(sound)) expect({ name: result.name, passed: result.passed, problems: result.problems }).toEqual({ name: result.name, passed: true, problems: [] });
    expect(sound.streams.figures).toMatch(/^3 streams, 6 events: 0 with a gap, 0 with a duplicate$/);

    // A gap: an event at position 4 of a stream at version 2 (the log is append-only, but the owner may insert).
    await asOwner(
      `INSERT INTO events (event_id, stream_id, stream_position, event_type, schema_version, data, metadata, occurred_at)
       SELECT gen_random_uuid(), stream_id, 4, event_type, schema_version, data, metadata, occurred_at FROM events WHERE stream_id = $1 AND stream_position = 2`,
      [gap],
    );
    // A duplicate: position 2 twice, once the owner has dropped the constraint that forbids it.
    await asOwner('ALTER TABLE events DROP CONSTRAINT events_stream_position_key');
    await asOwner(
      `INSERT INTO events (event_id, stream_id, stream_position, event_type, schema_version, data, metadata, occurred_at)
       SELECT gen_random_uuid(), stream_id, 2, event_type, schema_version, data, metadata, occurred_at FROM events WHERE stream_id = $1 AND stream_position = 2`,
      [duplicate],
    );
    // A projection set back one version.
    await asOwner('UPDATE regulations SET version = version - 1 WHERE regulation_id = $1', [stale]);
    // A command that answered success but wrote nothing, and a lifecycle abandoned on a 503.
    records.push({ lifecycle: stale, step: 'RecordComment', route: '-', commandId: `${stale}:never-written`, attempts: 3, outcome: 'succeeded', status: 200, version: 3, events: [], retriedOn: ['503 TEMPORAL.UNAVAILABLE'] });
    lifecycles.push({
      regulationId: stale,
      variant: 'in_force',
      expectedStage: 'in_force',
      stage: 'drafting',
      finalStage: 'drafting',
      reachedExpected: false,
      stoppedAt: { step: 'OpenConsultation', outcome: 'gave_up', status: 503, code: 'TEMPORAL.UNAVAILABLE' },
      commands: 3,
      durationMs: 0,
    });

    const broken = byName(await check());
    expect(Object.values(broken).map((c) => [c.name, c.passed])).toEqual([
      ['streams', false],
      ['projections', false],
      ['workflows', false],
      ['commands', false],
      ['lifecycles', false],
    ]);
    expect(broken.streams.figures).toBe('3 streams, 8 events: 1 with a gap, 1 with a duplicate');
    expect(broken.streams.problems.join('\n')).toEqual(expect.stringContaining(`${gap}: positions 1..4 hold only 3 distinct positions`));
    expect(broken.streams.problems.join('\n')).toEqual(expect.stringContaining(`${duplicate}: 1 duplicate position(s) among 3 events`));
    expect(broken.projections.problems).toEqual(
      expect.arrayContaining([`${gap}: projection version 2, stream's last position 4`, `${stale}: projection version 1, stream's last position 2`]),
    );
    const differences = broken.workflows.problems.join('\n');
    expect(differences).toContain(`${gap}: RECONCILE.STREAM_GAP at 3`);
    expect(differences).toContain(`${gap}: RECONCILE.WORKFLOW_BEHIND_LOG`);
    expect(differences).toContain(`${duplicate}: RECONCILE.STREAM_DUPLICATE at 2`);
    expect(differences).toContain(`${stale}: RECONCILE.PROJECTION_BEHIND at 2`);
    expect(broken.commands.problems).toEqual([`${stale}:never-written (RecordComment) answered 200 v3 but the log holds no event of it`]);
    expect(broken.lifecycles.problems).toEqual([`${stale}: OpenConsultation got no definite answer before its deadline (last: 503 TEMPORAL.UNAVAILABLE)`]);
  });
});
