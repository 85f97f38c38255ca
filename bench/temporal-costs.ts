/**
 * `npm run bench:temporal-costs`: what each Temporal feature the regulation workflow uses per command adds to a no-op
 * Update, on the same server in the same run, one update at a time (no queueing: the features' own latency). The
 * variants (bench/costs.workflow.ts): the no-op Update; with a timer restarted after it (the main loop's
 * `condition(progressed, timeout)`); with a local activity that does nothing; with a search attribute upsert; with
 * all three. Rounds interleave the variants (one workflow of each per round), so drift in the machine's load falls on
 * all alike. Prints p50/p90/mean and each variant's extra over the no-op at p50; writes
 * bench/results/<timestamp>-temporal-costs.json. Starts and stops its own servers (or uses TEMPORAL_ADDRESS).
 * Settings (flag or environment): --rounds BENCH_COSTS_ROUNDS (20), --updates BENCH_COSTS_UPDATES (15 per workflow),
 * --warmup BENCH_COSTS_WARMUP (2 rounds, not timed), --timeout BENCH_TIMEOUT_SECONDS (600).
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startEphemeralServers } from '../tools/dev-stack/servers';
import { integerOptions, runBounded } from './bounded-run';
import { costsUpdate, CostsFeatures } from './costs.workflow';
import { machine, revision, round, writeResult } from './record';
import { distribution } from './stats';

interface Settings {
  rounds: number;
  updates: number;
  warmup: number;
  timeoutSeconds: number;
}

const VARIANTS: Record<string, CostsFeatures> = {
  noop: { timer: false, localActivity: false, searchAttribute: false },
  timer: { timer: true, localActivity: false, searchAttribute: false },
  localActivity: { timer: false, localActivity: true, searchAttribute: false },
  searchAttribute: { timer: false, localActivity: false, searchAttribute: true },
  all: { timer: true, localActivity: true, searchAttribute: true },
};

const log = (line: string): void => console.log(`[bench:temporal-costs] ${line}`);

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, ['rounds', 'updates', 'warmup', 'timeout']);
  return {
    rounds: read('rounds', 'BENCH_COSTS_ROUNDS', 20, 1, 1_000),
    updates: read('updates', 'BENCH_COSTS_UPDATES', 15, 1, 500),
    warmup: read('warmup', 'BENCH_COSTS_WARMUP', 2, 0, 100),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 600, 10, 3_600),
  };
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const servers = await startEphemeralServers();
  const taskQueue = `bench-costs-${randomBytes(4).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: servers.temporalNamespace,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: { nothing: async () => null },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const client = new Client({ connection, namespace: servers.temporalNamespace });
  const timings = new Map<string, number[]>(Object.keys(VARIANTS).map((name) => [name, []]));
  try {
    for (let roundNo = 0; roundNo < settings.warmup + settings.rounds; roundNo++) {
      for (const [name, features] of Object.entries(VARIANTS)) {
        signal.throwIfAborted();
        const handle = await client.workflow.start('costsWorkflow', { taskQueue, workflowId: `${taskQueue}-${name}-${roundNo}`, args: [features] });
        // The first update after the start is not timed: it meets the workflow's first task.
        await handle.executeUpdate(costsUpdate, { args: [0] });
        for (let n = 1; n <= settings.updates; n++) {
          const started = process.hrtime.bigint();
          await handle.executeUpdate(costsUpdate, { args: [n === settings.updates ? -1 : n] });
          if (roundNo >= settings.warmup) timings.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
    await servers.stop();
  }

  const variants = Object.fromEntries([...timings].map(([name, ms]) => [name, distribution(ms)]));
  const noop = variants.noop;
  const extraOverNoop = Object.fromEntries(
    Object.entries(variants).map(([name, d]) => [name, { p50Ms: round(d.p50Ms - noop.p50Ms), meanMs: round(d.meanMs - noop.meanMs) }]),
  );
  console.log(`Temporal's part of a command, one update at a time (ms); ${machine().cpus} × ${machine().cpuModel}, Temporal dev server`);
  console.log(`${'variant'.padEnd(18)}${'n'.padStart(6)}${'p50'.padStart(8)}${'p90'.padStart(8)}${'mean'.padStart(8)}${'+p50'.padStart(8)}`);
  for (const [name, d] of Object.entries(variants)) {
    console.log(`${name.padEnd(18)}${String(d.count).padStart(6)}${d.p50Ms.toFixed(1).padStart(8)}${d.p90Ms.toFixed(1).padStart(8)}${d.meanMs.toFixed(1).padStart(8)}${extraOverNoop[name].p50Ms.toFixed(1).padStart(8)}`);
  }
  writeResult('temporal-costs', startedAt, {
    benchmark: 'temporal-costs',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    revision: revision(),
    parameters: { ...settings, concurrency: 1, temporalServer: servers.started.includes('temporal') ? 'dev-server' : 'given', variants: VARIANTS },
    variants,
    extraOverNoop,
  });
}

runBounded('bench:temporal-costs', readSettings, main);
