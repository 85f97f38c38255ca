/**
 * `npm run bench:worker-cache`: the production worker's memory against the number of workflows in its sticky cache
 * (issue 16: RSS ≤ 300 MB with 10,000 cached). The worker (apps/worker/src/main.ts, configured by environment as
 * deployed) runs in a child process with a cache as large as the run; regulations are created by update-with-start
 * (RegulationCommandClient, CreateDraft, a bounded number at a time), each staying in the cache; at each checkpoint
 * (none, 1,000, 5,000, all) its RSS (/proc/<pid>/status VmRSS), its V8 heaps (bench/worker-probe.ts) and Core's
 * sticky cache gauge are sampled, every thread collected first. The floor, in the same run: a bare SDK worker of the
 * no-op workflow (bench/noop-cache-worker.ts) with as large a cache takes as many no-op workflows, also created by
 * update-with-start; the regulation's cost per cached workflow is reported against it. Then a worker with a small cache on a fresh task queue takes more regulations than
 * it may keep, and the evicted ones must answer a query and accept a command (replayed from their history).
 * Writes bench/results/<timestamp>-worker-cache.json. Starts its own PostgreSQL and Temporal dev server unless
 * DATABASE_ADMIN_URL / TEMPORAL_ADDRESS are set.
 * Settings (flag or environment): --workflows BENCH_CACHE_WORKFLOWS (10000), --concurrency BENCH_CACHE_CONCURRENCY (16),
 * --eviction-cache BENCH_CACHE_EVICTION_CACHE (50), --eviction-workflows BENCH_CACHE_EVICTION_WORKFLOWS (200),
 * --timeout BENCH_TIMEOUT_SECONDS (1800).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { DomainError, RegulationState, stageOf } from '@app/domain';
import { RegulationCommandClient } from '@app/temporal';
import { getRegulationStateQuery, regulationWorkflowId } from '../workflows/messages';
import { createDraft, envelope } from '../test/support/commands';
import { createTestDatabase } from '../test/support/database';
import { startProductionWorker, ProductionWorker } from '../test/support/production-worker';
import { freePort, startEphemeralServers } from '../tools/dev-stack/servers';
import { integerOptions, runBounded } from './bounded-run';
import { noopUpdate, noopWorkflow } from './noop.workflow';
import { machine, revision, round, writeResult } from './record';
import type { ProbeSample } from './worker-probe';

interface Settings {
  workflows: number;
  concurrency: number;
  evictionCache: number;
  evictionWorkflows: number;
  timeoutSeconds: number;
}

const log = (line: string): void => console.log(`[bench:worker-cache] ${line}`);

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, ['workflows', 'concurrency', 'eviction-cache', 'eviction-workflows', 'timeout']);
  const settings = {
    workflows: read('workflows', 'BENCH_CACHE_WORKFLOWS', 10_000, 10, 100_000),
    concurrency: read('concurrency', 'BENCH_CACHE_CONCURRENCY', 16, 1, 256),
    evictionCache: read('eviction-cache', 'BENCH_CACHE_EVICTION_CACHE', 50, 2, 10_000),
    evictionWorkflows: read('eviction-workflows', 'BENCH_CACHE_EVICTION_WORKFLOWS', 200, 3, 100_000),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 1_800, 10, 7_200),
  };
  if (settings.evictionWorkflows <= settings.evictionCache) throw new Error('--eviction-workflows must exceed --eviction-cache: the check needs evicted workflows');
  return settings;
}

/** One reading of the worker process. */
interface Sample extends ProbeSample {
  /** Regulations created so far on this worker. */
  workflows: number;
  /** VmRSS: resident memory of the whole process (main thread, workflow thread, Temporal Core), MB. */
  rssMb: number;
  /** VmHWM: the process's peak RSS so far, MB. */
  peakRssMb: number;
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return round(Number(match[1]) / 1024);
}

/**
 * The worker as the image runs it: the project compiled by tsc into dist/bench-worker-cache (ts-node would add the
 * TypeScript compiler, about 150 MB, to every figure), the `@app/*` aliases resolved by symlinks as in the Dockerfile.
 */
function compileWorker(): string {
  const root = path.resolve(__dirname, '..');
  const build = path.join(root, 'dist', 'bench-worker-cache');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', build], { stdio: 'inherit' });
  const aliases = path.join(build, 'node_modules', '@app');
  mkdirSync(aliases, { recursive: true });
  for (const lib of readdirSync(path.join(build, 'libs'))) {
    const link = path.join(aliases, lib);
    if (!existsSync(link)) symlinkSync(path.join('..', '..', 'libs', lib, 'src'), link);
  }
  // The bundle the image builds, so that the first worker does not bundle (webpack in its heap) before it is measured.
  execFileSync(process.execPath, [path.join(build, 'apps/worker/src/build-workflow-bundle.js'), '--out', path.join(build, 'workflow-bundle.js')], { stdio: 'ignore' });
  return build;
}

/** The floor worker's bundle: the no-op workflow alone. */
async function bundleNoopWorkflow(build: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(build, 'bench', 'noop.workflow.js'), logger: new DefaultLogger('WARN') });
  const file = path.join(build, 'noop-workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker under measurement: the production worker with the probe preloaded. */
class MeasuredWorker {
  private constructor(
    readonly process: ProductionWorker,
    private readonly probePort: number,
  ) {}

  /** The production worker, or (with `floor`) the floor worker and the no-op bundle. */
  static async start(build: string, env: NodeJS.ProcessEnv, cacheSize: number, floor?: { bundle: string }): Promise<MeasuredWorker> {
    const probePort = await freePort();
    const metricsPort = await freePort();
    const process = await startProductionWorker(
      {
        ...env,
        NODE_ENV: 'production',
        WORKFLOW_BUNDLE_PATH: floor?.bundle ?? path.join(build, 'workflow-bundle.js'),
        WORKER_MAX_CACHED_WORKFLOWS: String(cacheSize),
        BENCH_PROBE_PORT: String(probePort),
        BENCH_CORE_METRICS_PORT: String(metricsPort),
      },
      120_000,
      { main: path.join(build, floor ? 'bench/noop-cache-worker.js' : 'apps/worker/src/main.js'), preload: [path.join(build, 'bench/worker-probe.js')] },
    );
    return new MeasuredWorker(process, probePort);
  }

  async sample(workflows: number): Promise<Sample> {
    const probe = (await (await fetch(`http://127.0.0.1:${this.probePort}/`)).json()) as ProbeSample;
    return { workflows, rssMb: procStatusMb(this.process.pid, 'VmRSS'), peakRssMb: procStatusMb(this.process.pid, 'VmHWM'), ...probe };
  }

  /** After `settleMs` idle, three samples a second apart; the one of median RSS. */
  async settledSample(workflows: number, settleMs = 3_000): Promise<Sample> {
    await sleep(settleMs);
    const samples: Sample[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await sleep(1_000);
      samples.push(await this.sample(workflows));
    }
    return samples.sort((a, b) => a.rssMb - b.rssMb)[1];
  }
}

/**
 * Runs `work(i)` for i in [from, to), at most `concurrency` at a time. The first failure (or the signal) stops the
 * others from starting more; the calls under way are awaited, so that none runs on after the connection is closed.
 */
async function bounded(from: number, to: number, concurrency: number, signal: AbortSignal, work: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, to - from) }, async () => {
      while (next < to && failure === undefined && !signal.aborted) {
        const i = next++;
        await work(i).catch((error: unknown) => {
          failure ??= { error };
          log(`item ${i} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    }),
  );
  if (failure !== undefined) throw failure.error;
  signal.throwIfAborted();
}

const summary = (s: Sample): string =>
  `${s.workflows} workflows, ${s.stickyCacheSize ?? '?'} cached: RSS ${s.rssMb} MB (peak ${s.peakRssMb}), heap main ${s.mainHeapUsedMb} MB (of ${s.mainHeapTotalMb}), workflow thread ${s.threadHeapUsedMb.join('+')} MB (of ${s.threadHeapTotalMb.join('+')})`;

/** The floor's figures: its empty and full samples and the growth per cached no-op workflow. */
interface FloorFigure {
  empty: Sample;
  full: Sample;
  cached: number;
  growthMb: number;
  mbPer1000: number;
  /** The regulation's MB per 1,000 cached (at the fill's largest checkpoint) ÷ the floor's. */
  regulationRatio: number | null;
}

interface CacheFigure {
  cached: number;
  sample: Sample;
  /** RSS above the empty worker's, MB. */
  growthMb: number;
  /** growthMb per 1,000 cached workflows. */
  mbPer1000: number | null;
  /** RSS ÷ the empty worker's RSS. */
  ratioToEmpty: number;
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}`);
  const servers = await startEphemeralServers();
  const cleanups: Array<() => Promise<unknown>> = [() => servers.stop()];
  try {
    log(`servers: ${servers.started.length ? `started ${servers.started.join(' + ')}` : 'reused'}`);
    process.env.DATABASE_ADMIN_URL = servers.databaseAdminUrl;
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const connection = await Connection.connect({ address: servers.temporalAddress });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: servers.temporalNamespace });
    const suffix = randomBytes(4).toString('hex');
    const workerEnv = (taskQueue: string): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: servers.temporalNamespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      REPORT_SCHEDULES: 'off',
      LOG_LEVEL: 'warn',
    });
    // A creation is idempotent (update-with-start, the same command id): one lost to a timeout on a loaded machine is
    // sent again once, and counted.
    let retried = 0;
    const create = async (commands: RegulationCommandClient, id: string): Promise<void> => {
      const command = envelope(createDraft(id));
      const result = await commands.create(command).catch((error: unknown) => {
        if (error instanceof DomainError) throw error;
        retried += 1;
        return commands.create(command);
      });
      if (result.version !== 1 || result.stage !== 'drafting') throw new Error(`${id}: created as ${JSON.stringify(result)}`);
    };

    // 1. The fill: a cache as large as the run, sampled empty and at each checkpoint.
    const compileStarted = performance.now();
    const build = compileWorker();
    log(`compiled the worker into ${path.relative(process.cwd(), build)} in ${round((performance.now() - compileStarted) / 1000)} s`);
    const fillQueue = `bench-cache-${suffix}`;
    const fillCommands = new RegulationCommandClient(client, fillQueue);
    const worker = await MeasuredWorker.start(build, workerEnv(fillQueue), settings.workflows);
    let stopWorker: (() => Promise<void>) | undefined = () => worker.process.stop();
    cleanups.push(() => stopWorker?.() ?? Promise.resolve());
    const empty = await worker.settledSample(0);
    log(`empty worker: ${summary(empty)}`);
    const checkpoints = [...new Set([1_000, 2_500, 5_000, 7_500, settings.workflows].filter((n) => n <= settings.workflows))];
    const figures: CacheFigure[] = [];
    const fillStarted = performance.now();
    let created = 0;
    // A time limit or Ctrl-C during the fill keeps the checkpoints reached: they are written, marked interrupted.
    let interrupted: string | null = null;
    for (const checkpoint of checkpoints) {
      try {
        await bounded(created, checkpoint, settings.concurrency, signal, (i) => create(fillCommands, `cache-${suffix}-${i}`));
      } catch (error) {
        if (!signal.aborted || figures.length === 0) throw error;
        interrupted = `${String((signal.reason as Error).message)} during the fill to ${checkpoint}`;
        log(`${interrupted}: writing the ${figures.length} checkpoints reached, without the eviction check`);
        break;
      }
      created = checkpoint;
      const sample = await worker.settledSample(created);
      const cached = sample.stickyCacheSize ?? created;
      const growthMb = round(sample.rssMb - empty.rssMb);
      figures.push({ cached, sample, growthMb, mbPer1000: cached > 0 ? round(growthMb / (cached / 1000)) : null, ratioToEmpty: round(sample.rssMb / empty.rssMb) });
      log(`${summary(sample)}; +${growthMb} MB over the empty worker = ${figures.at(-1)!.mbPer1000} MB per 1,000 cached, ×${figures.at(-1)!.ratioToEmpty}`);
    }
    const fillSeconds = round((performance.now() - fillStarted) / 1000);
    await worker.process.stop();
    stopWorker = undefined;

    // 2. The floor: the SDK's cost per cached workflow, the no-op workflow in a bare worker, as many as the fill made.
    let floor: FloorFigure | null = null;
    if (interrupted === null) {
      const floorQueue = `bench-floor-${suffix}`;
      const bare = await MeasuredWorker.start(build, workerEnv(floorQueue), settings.workflows, { bundle: await bundleNoopWorkflow(build) });
      stopWorker = () => bare.process.stop();
      const floorEmpty = await bare.settledSample(0);
      await bounded(0, created, settings.concurrency, signal, async (i) => {
        const startWorkflowOperation = new WithStartWorkflowOperation(noopWorkflow, {
          workflowId: `floor-${suffix}-${i}`,
          taskQueue: floorQueue,
          workflowIdConflictPolicy: 'FAIL',
        });
        await client.workflow.executeUpdateWithStart(noopUpdate, { args: [i], startWorkflowOperation });
      });
      const floorFull = await bare.settledSample(created);
      await bare.process.stop();
      stopWorker = undefined;
      const cached = floorFull.stickyCacheSize ?? created;
      const growthMb = round(floorFull.rssMb - floorEmpty.rssMb);
      const mbPer1000 = round(growthMb / (cached / 1000));
      const regulationPer1000 = figures.at(-1)!.mbPer1000;
      floor = { empty: floorEmpty, full: floorFull, cached, growthMb, mbPer1000, regulationRatio: regulationPer1000 === null ? null : round(regulationPer1000 / mbPer1000) };
      log(`floor: no-op workflows in a bare worker: ${summary(floorEmpty)} → ${summary(floorFull)}; ${mbPer1000} MB per 1,000 cached; the regulation ×${floor.regulationRatio}`);
    }

    // 3. Eviction: a small cache, more regulations than it keeps; the first ones, long evicted, replay from history.
    let eviction: object | null = null;
    if (interrupted === null) {
      const evictQueue = `bench-evict-${suffix}`;
      const evictCommands = new RegulationCommandClient(client, evictQueue);
      const small = await MeasuredWorker.start(build, workerEnv(evictQueue), settings.evictionCache);
      stopWorker = () => small.process.stop();
      const evictId = (i: number) => `evict-${suffix}-${i}`;
      await bounded(0, settings.evictionWorkflows, settings.concurrency, signal, (i) => create(evictCommands, evictId(i)));
      const full = await small.settledSample(settings.evictionWorkflows, 1_000);
      const evicted = Math.min(settings.evictionWorkflows - settings.evictionCache, 20);
      let answered = 0;
      await bounded(0, evicted, settings.concurrency, signal, async (i) => {
        const handle = client.workflow.getHandle(regulationWorkflowId(evictId(i)));
        const before = await handle.query<RegulationState>(getRegulationStateQuery);
        const revised = await evictCommands.execute(evictId(i), envelope({ type: 'ReviseDraft', text: 'Điều 1. Sửa đổi.', summary: 'sửa lời văn' }));
        const after = await handle.query<RegulationState>(getRegulationStateQuery);
        if (before.version !== 1 || revised.version !== 2 || after.version !== 2 || stageOf(after) !== 'drafting') {
          throw new Error(`evicted ${evictId(i)}: query before v${before.version}, command v${revised.version}, query after v${after.version} ${stageOf(after)}`);
        }
        answered += 1;
      });
      const afterEviction = await small.sample(settings.evictionWorkflows);
      const cacheHeld = Math.max(full.stickyCacheSize ?? 0, afterEviction.stickyCacheSize ?? 0) <= settings.evictionCache;
      log(
        `eviction: cache of ${settings.evictionCache}, ${settings.evictionWorkflows} regulations (${summary(full)}); ` +
          `${answered} of ${evicted} evicted ones answered the query (v1), took ReviseDraft (v2) and answered again (v2); cache held its size: ${cacheHeld}`,
      );
      await small.process.stop();
      stopWorker = undefined;
      if (!cacheHeld) throw new Error(`the sticky cache held more than ${settings.evictionCache} workflows`);
      eviction = { cacheSize: settings.evictionCache, workflows: settings.evictionWorkflows, sample: full, afterChecks: afterEviction, evictedChecked: evicted, answered, cacheHeld };
    }

    const largest = figures.at(-1)!;
    const met = largest.cached >= 10_000 && largest.sample.rssMb <= 300;
    log(
      `RSS with ${largest.cached} cached: ${largest.sample.rssMb} MB (target ≤ 300 MB with 10,000: ${met ? 'met' : largest.cached >= 10_000 ? 'MISSED' : 'not measured at 10,000'}); ` +
        `empty ${empty.rssMb} MB; ${largest.mbPer1000} MB per 1,000 cached; fill ${created} in ${fillSeconds} s`,
    );
    writeResult('worker-cache', startedAt, {
      benchmark: 'worker-cache',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      parameters: {
        ...settings,
        worker: 'apps/worker/src/main.js compiled by tsc (as in the image), in a child process, WORKER_MAX_CACHED_WORKFLOWS = workflows (the fill), reuseV8Context, bench/worker-probe.js preloaded',
        workflow: 'a community convention created by update-with-start (CreateDraft), left in drafting',
        sample: 'after 3 s idle, the median of three readings a second apart; RSS from /proc/<pid>/status',
      },
      servers: { postgres: servers.started.includes('postgres') ? 'embedded' : 'DATABASE_ADMIN_URL', temporal: servers.started.includes('temporal') ? 'dev-server' : 'TEMPORAL_ADDRESS' },
      empty,
      figures,
      floor,
      fill: { workflows: created, seconds: fillSeconds, perSecond: round(created / fillSeconds), creationsSentTwice: retried },
      interrupted,
      eviction,
      target: { cached: 10_000, rssMb: 300, met },
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`[bench:worker-cache] shutdown step failed: ${String(error)}`));
  }
}

runBounded('bench:worker-cache', readSettings, main);
