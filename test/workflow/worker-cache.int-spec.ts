/**
 * The production worker with a sticky cache smaller than the regulations it runs: evicted workflows replay from their
 * history and answer queries and commands as if they had stayed cached. The cache's fill is read from Temporal
 * Core's own gauge (bench/worker-probe.ts, preloaded as the benchmark does).
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { RegulationState, stageOf } from '@app/domain';
import { RegulationCommandClient } from '@app/temporal';
import { freePort } from '../../tools/dev-stack/servers';
import type { ProbeSample } from '../../bench/worker-probe';
import { getRegulationStateQuery, regulationWorkflowId } from '../../workflows/messages';
import { createDraft, envelope, uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ProductionWorker, startProductionWorker } from '../support/production-worker';

let env: TestWorkflowEnvironment;
let db: TestDatabase;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS });
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
  await env?.teardown();
});

async function startWorker(taskQueue: string, cacheSize: string, probePort?: number): Promise<ProductionWorker> {
  const { WORKFLOW_BUNDLE_PATH: _default, ...inherited } = process.env;
  const probe = probePort === undefined ? {} : { BENCH_PROBE_PORT: String(probePort), BENCH_CORE_METRICS_PORT: String(await freePort()) };
  return startProductionWorker(
    { ...inherited, ...probe, DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, REPORT_SCHEDULES: 'off', WORKER_MAX_CACHED_WORKFLOWS: cacheSize },
    90_000,
    { preload: probePort === undefined ? [] : [require.resolve('../../bench/worker-probe')] },
  );
}

describe('the worker sticky cache', () => {
  it('keeps at most WORKER_MAX_CACHED_WORKFLOWS (2) of 5 regulations, and the evicted ones still take every command in turn', async () => {
    const taskQueue = uniqueId('tq-cache');
    const probePort = await freePort();
    const worker = await startWorker(taskQueue, '2', probePort);
    try {
      const commands = new RegulationCommandClient(env.client, taskQueue);
      const cached = async () => ((await (await fetch(`http://127.0.0.1:${probePort}/`)).json()) as ProbeSample).stickyCacheSize;
      const ids = Array.from({ length: 5 }, () => uniqueId('conv-cache'));
      for (const id of ids) expect(await commands.execute(id, envelope(createDraft(id)))).toMatchObject({ version: 1, stage: 'drafting' });
      expect(await cached()).toBe(2);

      // Round after round, each regulation's command comes after the other four: with room for two, it was evicted.
      for (const version of [2, 3]) {
        for (const id of ids) {
          const result = await commands.execute(id, envelope({ type: 'ReviseDraft', text: `Điều 1. Bản ${version}.`, summary: `lần ${version}` }));
          expect({ id, version: result.version, stage: result.stage }).toEqual({ id, version, stage: 'drafting' });
        }
        expect(await cached()).toBeLessThanOrEqual(2);
      }
      for (const id of ids) {
        const state = await env.client.workflow.getHandle(regulationWorkflowId(id)).query<RegulationState>(getRegulationStateQuery);
        expect({ id, version: state.version, stage: stageOf(state) }).toEqual({ id, version: 3, stage: 'drafting' });
      }
      // Replays appended nothing twice: the log holds exactly the three events of each regulation.
      const rows = (await db.dataSource.query('SELECT stream_id, count(*)::int AS n FROM events WHERE stream_id = ANY($1) GROUP BY stream_id', [ids])) as { n: number }[];
      expect(rows.map((row) => row.n)).toEqual([3, 3, 3, 3, 3]);
    } finally {
      await worker.stop();
    }
  });

  it('refuses to start with a cache of 1 (the SDK would make it 2 behind our back), naming the variable', async () => {
    const failure = await startWorker(`tq-cache-${randomUUID()}`, '1').then(
      async (worker) => {
        await worker.stop();
        return 'started';
      },
      (error: unknown) => String(error),
    );
    expect(failure).toContain('WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or a whole number from 2 to 1,000,000, not "1"');
  });
});
