/**
 * Reconciliation of log, projections and workflow on the time-skipping test server with a real PostgreSQL: a clean
 * regulation reports nothing; tampering by the owner role behind the triggers' back is reported with the stream and
 * the position; a projection is rebuilt from a sound log; a log behind its workflow stays an alarm and an incident.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DomainError, EVENT_SCHEMA_VERSION } from '@app/domain';
import { EventStore, Reconciler, RegulationIncidents } from '@app/event-store';
import { RegulationCommandClient, regulationStateReader } from '@app/temporal';
import { createDraft, envelope, officer, uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';
import { createTimeSkippingEnv } from '../support/time-skipping';

jest.setTimeout(180_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let store: EventStore;
let reconciler: Reconciler;
let commands: RegulationCommandClient;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  // The workflows of earlier tests have no worker any more: their queries give up after 3 s (WORKFLOW_UNREACHABLE).
  reconciler = new Reconciler(db.dataSource, regulationStateReader(env.client, { timeoutMs: 3000 }));
});

afterAll(async () => {
  await db?.drop();
  await env?.teardown();
});

/** Runs the test with a worker of its own on a task queue of its own. */
async function withWorker(test: () => Promise<void>): Promise<void> {
  const taskQueue = uniqueId('tq');
  const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
  commands = new RegulationCommandClient(env.client, taskQueue);
  await worker.runUntil(test);
}

/** A convention in consultation: three events (drafted, revised, consultation opened). */
async function consultation(): Promise<string> {
  const id = uniqueId('conv');
  const startedOn = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
  await commands.execute(id, envelope(createDraft(id, { startedOn })));
  await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1.', summary: 'r2' }));
  await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting'] }));
  return id;
}

/** Runs SQL as the owner of the tables (the migration role), with the append-only triggers off. */
async function asOwner(sql: string, params: unknown[]): Promise<void> {
  const owner = new Client({ connectionString: db.migrationUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE events DISABLE TRIGGER USER');
    await owner.query(sql, params);
    await owner.query('ALTER TABLE events ENABLE TRIGGER USER');
    await owner.query('COMMIT');
  } finally {
    await owner.end();
  }
}

const codes = (report: { differences: { code: string; streamId: string; position: number | null }[] }) =>
  report.differences.map(({ code, streamId, position }) => ({ code, streamId, position }));

it('checks every regulation once, page by page in id order', async () => {
  await withWorker(async () => {
    await consultation();
    await consultation();
    const all = await reconciler.run();
    expect(all.checked).toBeGreaterThanOrEqual(2);
    let checked = 0;
    let pages = 0;
    for (let after: string | undefined; ; pages += 1) {
      const page = await reconciler.run({ after, limit: 2 });
      expect(page.checked).toBeLessThanOrEqual(2);
      checked += page.checked;
      if (page.next === null) break;
      expect(page.next > (after ?? '')).toBe(true);
      after = page.next;
    }
    expect(checked).toBe(all.checked);
    expect(pages).toBe(Math.floor(all.checked / 2));
  });
});

it('reports nothing for a clean regulation, alone or among all', async () => {
  await withWorker(async () => {
    const id = await consultation();
    expect(await reconciler.run({ regulationId: id })).toEqual({ checked: 1, differences: [], repaired: [], next: null });
    const all = await reconciler.run();
    expect(all.checked).toBeGreaterThanOrEqual(1);
    expect(all.next).toBeNull();
    expect(all.differences.filter((d) => d.streamId === id)).toEqual([]);
  });
});

it('refuses a regulation that exists nowhere with REGULATION.NOT_FOUND', async () => {
  await withWorker(async () => {
    const error = await reconciler.run({ regulationId: 'no-such-regulation' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('REGULATION.NOT_FOUND');
  });
});

it('reports a tampered regulations row and rebuilds it from the log', async () => {
  await withWorker(async () => {
    const behind = await consultation();
    const changed = await consultation();
    const rowOf = async (id: string) => (await db.dataSource.query('SELECT version, stage, state FROM regulations WHERE regulation_id = $1', [id]))[0];
    const clean = await rowOf(changed);
    await asOwner(`UPDATE regulations SET version = 2 WHERE regulation_id = $1`, [behind]);
    await asOwner(`UPDATE regulations SET stage = 'in_force', state = jsonb_set(state, '{status}', '"in_force"') WHERE regulation_id = $1`, [changed]);

    expect(codes(await reconciler.run({ regulationId: behind }))).toEqual([{ code: 'RECONCILE.PROJECTION_BEHIND', streamId: behind, position: 3 }]);
    const report = await reconciler.run({ regulationId: changed });
    expect(report.differences).toEqual([
      expect.objectContaining({ code: 'RECONCILE.FOLD_MISMATCH', streamId: changed, position: 3, remedy: 'rebuild_projection', detail: { projectedStage: 'in_force', foldStage: 'consultation', version: 3 } }),
    ]);

    for (const id of [behind, changed]) {
      const repaired = await reconciler.run({ regulationId: id, repair: true });
      expect({ id, differences: repaired.differences, repaired: repaired.repaired.map((d) => d.code) }).toEqual({
        id,
        differences: [],
        repaired: [id === behind ? 'RECONCILE.PROJECTION_BEHIND' : 'RECONCILE.FOLD_MISMATCH'],
      });
    }
    expect(await rowOf(changed)).toEqual(clean);
    expect((await rowOf(behind)).version).toBe(3);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM regulation_timeline WHERE regulation_id = $1', [behind])).toEqual([{ n: 3 }]);
  });
});

it('names the stream and position of an event inserted or changed behind the triggers’ back, and repairs nothing', async () => {
  await withWorker(async () => {
    const inserted = await consultation();
    const changed = await consultation();
    await asOwner(
      `INSERT INTO events (event_id, stream_id, stream_position, event_type, schema_version, data, metadata, occurred_at)
       VALUES ($1, $2, 4, 'ConsultationClosed', $3, '{}', $4, now())`,
      [crypto.randomUUID(), inserted, EVENT_SCHEMA_VERSION, JSON.stringify({ actor: officer, commandId: 'forged', correlationId: 'forged', occurredAt: new Date().toISOString(), reason: null, legalBasis: null })],
    );
    await asOwner(`UPDATE events SET data = jsonb_set(data, '{summary}', '"forged"') WHERE stream_id = $1 AND stream_position = 2`, [changed]);

    const report = await reconciler.run({ regulationId: inserted, repair: true });
    expect(codes(report)).toEqual([
      { code: 'RECONCILE.EVENT_NOT_PROJECTED', streamId: inserted, position: 4 },
      { code: 'RECONCILE.PROJECTION_BEHIND', streamId: inserted, position: 4 },
      { code: 'RECONCILE.WORKFLOW_BEHIND_LOG', streamId: inserted, position: 4 },
    ]);
    expect(report.differences[2].remedy).toBe('catch_up_on_next_command');
    expect(report.repaired).toEqual([]);
    expect(await db.dataSource.query('SELECT version FROM regulations WHERE regulation_id = $1', [inserted])).toEqual([{ version: 3 }]);

    const edited = await reconciler.run({ regulationId: changed, repair: true });
    // The revision's summary is part of the written record: the projected record no longer matches the log's fold either.
    expect(codes(edited)).toEqual([
      { code: 'RECONCILE.EVENT_MISMATCH', streamId: changed, position: 2 },
      { code: 'RECONCILE.FOLD_MISMATCH', streamId: changed, position: 3 },
    ]);
    expect(edited.repaired).toEqual([]);
  });
});

it('reports a lost last event as a log behind its workflow, repairs nothing and opens a log_behind incident until the event is restored', async () => {
  await withWorker(async () => {
    const id = await consultation();
    const [{ lost }] = (await db.dataSource.query(
      'SELECT to_jsonb(e) AS lost FROM events e WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT 1',
      [id],
    )) as { lost: Record<string, unknown> }[];
    await asOwner(
      'DELETE FROM events WHERE stream_id = $1 AND stream_position = (SELECT max(stream_position) FROM events WHERE stream_id = $1)',
      [id],
    );
    const report = await reconciler.run({ regulationId: id, repair: true });
    expect(report.differences).toEqual([
      expect.objectContaining({ code: 'RECONCILE.PROJECTION_AHEAD', streamId: id, position: 3, remedy: 'alarm', detail: { table: 'regulation_timeline', logVersion: 2 } }),
      expect.objectContaining({ code: 'RECONCILE.PROJECTION_AHEAD', streamId: id, position: 3, detail: { table: 'regulations', projectionVersion: 3, logVersion: 2 } }),
      expect.objectContaining({ code: 'RECONCILE.LOG_BEHIND_WORKFLOW', streamId: id, position: 3, remedy: 'alarm', detail: { workflowVersion: 3, logVersion: 2 } }),
    ]);
    expect(report.repaired).toEqual([]);
    expect(await store.currentVersion(id)).toBe(2);
    expect(await db.dataSource.query('SELECT version FROM regulations WHERE regulation_id = $1', [id])).toEqual([{ version: 3 }]);
    expect(await new RegulationIncidents(db.dataSource).openOf(id)).toEqual([
      expect.objectContaining({ kind: 'log_behind', code: 'REGULATION.LOG_BEHIND', detail: { source: 'reconcile', workflowVersion: 3, logVersion: 2 } }),
    ]);

    // The operator restores the lost row from a backup: the log, its projections and the workflow agree again.
    await asOwner('INSERT INTO events SELECT * FROM jsonb_populate_record(NULL::events, $1::jsonb)', [JSON.stringify(lost)]);
    expect(await reconciler.run({ regulationId: id })).toMatchObject({ differences: [] });
    expect(await new RegulationIncidents(db.dataSource).openOf(id)).toHaveLength(1);
    await reconciler.run({ regulationId: id, repair: true });
    expect(await new RegulationIncidents(db.dataSource).openOf(id)).toEqual([]);
  });
});

it('npm run reconcile prints the differences and exits 1 while one remains, 0 once --repair rebuilt the projection', async () => {
  await withWorker(async () => {
    const id = await consultation();
    await asOwner(`UPDATE regulations SET stage = 'withdrawn' WHERE regulation_id = $1`, [id]);
    const cli = (...args: string[]) =>
      promisify(execFile)('bash', ['scripts/with-node.sh', 'ts-node', '-r', 'tsconfig-paths/register', '--transpile-only', 'scripts/reconcile.ts', ...args], {
        env: { ...process.env, DATABASE_URL: db.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default' },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
      );

    const reported = await cli('--regulation', id);
    expect(reported.code).toBe(1);
    expect(reported.stdout).toContain(`RECONCILE.FOLD_MISMATCH\t${id}\tposition 3\trebuild_projection`);
    expect(reported.stdout).toContain('1 regulations checked, 0 differences repaired, 1 remain');
    const repaired = await cli('--regulation', id, '--repair');
    expect(repaired).toEqual({ code: 0, stdout: expect.stringContaining('1 regulations checked, 1 differences repaired, 0 remain') });
    expect(await cli('--regulation')).toEqual({ code: 2, stdout: expect.stringContaining('RECONCILE.INVALID_ARGUMENT') });
  });
});
