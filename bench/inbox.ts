/**
 * `npm run bench:inbox`: the supervisors' inbox over HTTP against the same questions asked of Temporal's visibility
 * store. Loads 100,000 regulations and 20,000 pending approval tasks (SQL generate_series) and one running workflow
 * per pending task carrying the regulation search attributes, then times, one request at a time, in blocks that
 * alternate between the two stores: the filtered inbox page and the per-ward counts over HTTP (the counts from the
 * api's cache, and not cached), the same SQL without HTTP, and the visibility list and count queries. Prints p50/p95/p99, the visibility/inbox ratios and the targets (inbox p99 ≤ 10 ms, visibility ≥ 10×
 * slower); writes bench/results/<timestamp>-inbox.json. Starts and stops its own servers (or uses DATABASE_URL /
 * TEMPORAL_ADDRESS), loopback only, bounded in count and time.
 * Settings (flag or environment): --regulations BENCH_INBOX_REGULATIONS (100000), --tasks BENCH_INBOX_TASKS (20000),
 * --visibility-workflows BENCH_VISIBILITY_WORKFLOWS (20000), --requests BENCH_INBOX_REQUESTS (500),
 * --visibility-requests BENCH_VISIBILITY_REQUESTS (250 list calls) and --visibility-count-requests
 * BENCH_VISIBILITY_COUNT_REQUESTS (50 times the 18 count calls), both spread evenly over the rounds,
 * --warmup BENCH_INBOX_WARMUP (20), --start-concurrency BENCH_INBOX_START_CONCURRENCY (64), --timeout BENCH_TIMEOUT_SECONDS (900).
 */
import * as os from 'node:os';
import { AdminUnitsStore } from '@app/admin-units';
import { addCalendarDays, agingLimits, civilDateInVietnam } from '@app/domain';
import { createEventStoreDataSource } from '@app/event-store';
import { InboxFilter, InboxRepository } from '../apps/api/src/inbox/inbox.repository';
import { integerOptions, runBounded } from './bounded-run';
import { cpuSince, CpuTimes, cpuTimes } from './cpu';
import { loadInboxData, pendingTasks } from './inbox-data';
import {
  countWorkflows,
  listPage,
  overdueQuery,
  startTaskWorkflows,
  terminateTaskWorkflows,
  waitUntilCounted,
  wardCountQuery,
} from './inbox-visibility';
import { machine, revision, round, writeResult } from './record';
import { startBenchStack } from './stack';
import { Distribution, distribution } from './stats';

interface Settings {
  regulations: number;
  tasks: number;
  visibilityWorkflows: number;
  requests: number;
  visibilityRequests: number;
  visibilityCountRequests: number;
  warmup: number;
  startConcurrency: number;
  timeoutSeconds: number;
}

/** `dueBefore` past every due date: the counts of every pending task, under a filter the api has not cached yet. */
const FAR_FUTURE = '2100-01-01';

const log = (line: string): void => console.log(`[bench:inbox] ${line}`);

const FLAGS = ['regulations', 'tasks', 'visibility-workflows', 'requests', 'visibility-requests', 'visibility-count-requests', 'warmup', 'start-concurrency', 'timeout'];

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, FLAGS);
  const regulations = read('regulations', 'BENCH_INBOX_REGULATIONS', 100_000, 1, 1_000_000);
  const tasks = read('tasks', 'BENCH_INBOX_TASKS', 20_000, 1, regulations);
  const requests = read('requests', 'BENCH_INBOX_REQUESTS', 500, 1, 100_000);
  return {
    regulations,
    tasks,
    visibilityWorkflows: read('visibility-workflows', 'BENCH_VISIBILITY_WORKFLOWS', Math.min(20_000, tasks), 1, tasks),
    requests,
    visibilityRequests: read('visibility-requests', 'BENCH_VISIBILITY_REQUESTS', Math.min(250, requests), 1, requests),
    visibilityCountRequests: read('visibility-count-requests', 'BENCH_VISIBILITY_COUNT_REQUESTS', Math.min(50, requests), 1, requests),
    warmup: read('warmup', 'BENCH_INBOX_WARMUP', 20, 0, 10_000),
    startConcurrency: read('start-concurrency', 'BENCH_INBOX_START_CONCURRENCY', 64, 1, 512),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 900, 10, 3_600),
  };
}

/** One timed question; `run` is given how many times it was asked before in its phase (the ward rotates with it). */
interface Probe {
  key: string;
  label: string;
  /** The store it asks: the probes of one store run together, in blocks alternating with the other's. */
  store: 'inbox' | 'visibility';
  /** Asked in every `every`-th round only (of the warm-up rounds as of the timed ones). */
  every: number;
  run(call: number): Promise<void>;
}

/** Rounds per block: each store in turn runs this many rounds of its probes while the other is idle. */
const BLOCK_ROUNDS = 25;

/**
 * The probes one call at a time, round after round, in blocks of 25 rounds: the inbox's probes, then the visibility
 * store's over the same rounds, and so on, so that a drift of the machine weighs on both alike while neither is
 * timed with the other's server busy on the same two cores. The first `warmup` rounds are not kept.
 */
async function measure(probes: readonly Probe[], warmup: number, requests: number, signal: AbortSignal): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(probes.map((p) => [p.key, []]));
  const total = warmup + requests;
  for (let from = 0; from < total; from += BLOCK_ROUNDS) {
    for (const store of ['inbox', 'visibility'] as const) {
      for (let r = from; r < Math.min(from + BLOCK_ROUNDS, total); r += 1) {
        const inPhase = r < warmup ? r : r - warmup;
        for (const probe of probes.filter((p) => p.store === store && inPhase % p.every === 0)) {
          signal.throwIfAborted();
          const t = performance.now();
          await probe.run(inPhase / probe.every);
          if (r >= warmup) samples[probe.key].push(performance.now() - t);
        }
      }
    }
  }
  return samples;
}

/** A server settled: under a tenth of a core, summed over the servers and worker this benchmark started, over a second. */
const QUIET_CPU_MS_PER_SECOND = 100;

/**
 * Waits until the Temporal server and the worker process have worked through the workflows just started (each one's
 * first workflow task: minutes for 20,000 on two cores), so that neither store is timed while that backlog takes the
 * CPU; at most `maxMs`. Returns how long it waited.
 */
async function waitUntilQuiet(maxMs: number, signal: AbortSignal): Promise<{ waitedMs: number; quiet: boolean }> {
  const started = performance.now();
  const servers = (times: CpuTimes) => Object.entries(times).reduce((sum, [name, ms]) => (name === 'self' ? sum : sum + ms), 0);
  for (let before = cpuTimes(); performance.now() - started < maxMs; ) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    signal.throwIfAborted();
    const busyMs = servers(cpuSince(before));
    before = cpuTimes();
    if (busyMs < QUIET_CPU_MS_PER_SECOND) return { waitedMs: performance.now() - started, quiet: true };
  }
  return { waitedMs: performance.now() - started, quiet: false };
}

interface Verdict {
  value: number;
  target: number;
  met: boolean;
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}`);
  const stack = await startBenchStack({ officers: 1, workerProcess: true, apiProcess: true, log });
  const dataSource = await createEventStoreDataSource(process.env.DATABASE_MIGRATION_URL as string).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  try {
    const today = civilDateInVietnam(Date.now());
    const data = await loadInboxData(dataSource, settings.regulations, settings.tasks, today);
    log(`PostgreSQL: ${data.regulations} regulations, ${data.pendingTasks} pending and ${data.closedTasks} closed tasks loaded, vacuumed and analyzed in ${Math.round(data.loadMs)} ms`);

    const client = stack.client;
    const taskQueue = stack.noopTaskQueue;
    const tasks = await pendingTasks(dataSource, settings.visibilityWorkflows);
    const starts = await startTaskWorkflows({
      client,
      taskQueue,
      workflowIdPrefix: `inbox-bench-${taskQueue}-`,
      tasks,
      concurrency: settings.startConcurrency,
      signal,
    });
    const startLatency = distribution(starts.samples.map((s) => s.ms));
    const startsPerSecond = round((tasks.length / starts.wallMs) * 1000);
    log(`Temporal: ${tasks.length} workflows started in ${Math.round(starts.wallMs)} ms (${startsPerSecond}/s, ${settings.startConcurrency} in flight)`);
    const visibleAfterMs = await waitUntilCounted(client, `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`, tasks.length, signal);
    log(`visibility lists all ${tasks.length} as Running ${Math.round(visibleAfterMs)} ms after the last start`);
    const settled = await waitUntilQuiet(600_000, signal);
    log(`the servers and the worker ${settled.quiet ? 'settled' : 'were still busy'} ${Math.round(settled.waitedMs)} ms later`);

    // The same questions of both stores, before timing: the pending tasks per ward, and those overdue.
    const limits = agingLimits(today);
    const wards = await new AdminUnitsStore(dataSource).wardsOf('hoan-kiem');
    const repository = new InboxRepository(dataSource);
    const sqlTotals = new Map((await repository.countsByWard({ wards: null, limits })).map((row) => [row.wardCode, row.total]));
    const sqlOverdue = new Map((await repository.countsByWard({ wards: null, overdue: true, limits })).map((row) => [row.wardCode, row.total]));
    const check = await Promise.all(
      wards.map(async ({ code }) => ({
        ward: code,
        inbox: { pending: sqlTotals.get(code) ?? 0, overdue: sqlOverdue.get(code) ?? 0 },
        visibility: { running: await countWorkflows(client, wardCountQuery(code)), overdue: await countWorkflows(client, overdueQuery(code, today)) },
      })),
    );
    const same = check.every((c) => c.inbox.pending === c.visibility.running && c.inbox.overdue === c.visibility.overdue);
    log(`both stores give the same per-ward pending and overdue counts: ${same ? 'yes' : 'no'}` +
      `${same ? '' : ` (visibility holds ${tasks.length} of ${data.pendingTasks} pending tasks, or other workflows of the namespace)`}`);

    const get = async (pathAndQuery: string): Promise<string> => {
      const response = await fetch(`${stack.apiUrl}${pathAndQuery}`, { headers: { Authorization: stack.supervisor }, signal });
      const body = await response.text();
      if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${body.slice(0, 500)}`);
      return body;
    };
    const firstPage = JSON.parse(await get(`/inbox?ward=${wards[0].code}&overdue=true&limit=50`)) as { items: unknown[] };
    const counts = JSON.parse(await get('/inbox/counts')) as { total: number; byWard: unknown[] };
    log(`GET /inbox: ${firstPage.items.length} items; GET /inbox/counts: total ${counts.total} over ${counts.byWard.length} wards`);

    const wardOf = (call: number) => wards[call % wards.length].code;
    const overdueFilter = (call: number): InboxFilter => ({ wards: [wardOf(call)], overdue: true, limits });
    const every = (samples: number) => Math.max(1, Math.round(settings.requests / samples));
    const probes: Probe[] = [
      {
        key: 'inboxList',
        label: 'GET /inbox?ward=…&overdue=true&limit=50',
        store: 'inbox',
        every: 1,
        run: (call) => get(`/inbox?ward=${wardOf(call)}&overdue=true&limit=50`).then(() => undefined),
      },
      {
        key: 'inboxListSql',
        label: '  its SQL, without HTTP',
        store: 'inbox',
        every: 1,
        run: (call) => repository.page(overdueFilter(call), 'due_on', undefined, 51).then(() => undefined),
      },
      {
        key: 'visibilityList',
        label: 'ListWorkflowExecutions, page of 50',
        store: 'visibility',
        every: every(settings.visibilityRequests),
        run: (call) => listPage(client, overdueQuery(wardOf(call), today), 50).then(() => undefined),
      },
      { key: 'inboxCounts', label: 'GET /inbox/counts (cached)', store: 'inbox', every: 1, run: () => get('/inbox/counts').then(() => undefined) },
      {
        key: 'inboxCountsUncached',
        label: '  not cached: a new dueBefore each call',
        store: 'inbox',
        every: 1,
        run: (call) => get(`/inbox/counts?dueBefore=${addCalendarDays(FAR_FUTURE, call)}`).then(() => undefined),
      },
      { key: 'inboxCountsSql', label: '  its SQL, without HTTP', store: 'inbox', every: 1, run: () => repository.countsByWard({ wards: null, limits }).then(() => undefined) },
      {
        key: 'visibilityCounts',
        label: `CountWorkflowExecutions × ${wards.length} wards`,
        store: 'visibility',
        every: every(settings.visibilityCountRequests),
        run: () => Promise.all(wards.map(({ code }) => countWorkflows(client, wardCountQuery(code)))).then(() => undefined),
      },
    ];
    log(`timing ${settings.requests} rounds after ${settings.warmup} warm-up rounds, one call at a time ` +
      `(visibility: the list every ${every(settings.visibilityRequests)} rounds, the ${wards.length} counts every ${every(settings.visibilityCountRequests)})`);
    const measuredAt = performance.now();
    const samples = await measure(probes, settings.warmup, settings.requests, signal);
    const measureMs = performance.now() - measuredAt;
    const results = Object.fromEntries(probes.map((p) => [p.key, distribution(samples[p.key])])) as Record<string, Distribution>;

    const ratio = (slow: Distribution, fast: Distribution) => ({ p50: round(slow.p50Ms / fast.p50Ms), p95: round(slow.p95Ms / fast.p95Ms), p99: round(slow.p99Ms / fast.p99Ms) });
    const ratios = {
      list: ratio(results.visibilityList, results.inboxList),
      counts: ratio(results.visibilityCounts, results.inboxCounts),
      countsUncached: ratio(results.visibilityCounts, results.inboxCountsUncached),
    };
    const atMost = (value: number, target: number): Verdict => ({ value, target, met: value <= target });
    const atLeast = (value: number, target: number): Verdict => ({ value, target, met: value >= target });
    const targets = {
      inboxListP99Ms: atMost(results.inboxList.p99Ms, 10),
      inboxCountsP99Ms: atMost(results.inboxCounts.p99Ms, 10),
      inboxCountsUncachedP99Ms: atMost(results.inboxCountsUncached.p99Ms, 10),
      listRatioP99: atLeast(ratios.list.p99, 10),
      countsRatioP99: atLeast(ratios.counts.p99, 10),
      countsUncachedRatioP99: atLeast(ratios.countsUncached.p99, 10),
    };

    const cpu = os.cpus();
    const ms = (n: number) => n.toFixed(2).padStart(9);
    const met = (v: Verdict) => (v.met ? 'met' : 'NOT MET');
    console.log('');
    console.log(`inbox vs Temporal visibility (ms): ${data.regulations} regulations, ${data.pendingTasks} pending + ${data.closedTasks} closed tasks, ` +
      `${tasks.length} running workflows; ${settings.requests} rounds after ${settings.warmup} warm-up, one call at a time; ` +
      `${cpu.length} × ${cpu[0]?.model ?? '?'}, node ${process.version}`);
    console.log(`${''.padEnd(46)}${'n'.padStart(6)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}${'mean'.padStart(9)}`);
    for (const probe of probes) {
      const d = results[probe.key];
      console.log(`${probe.label.padEnd(46)}${String(d.count).padStart(6)}${ms(d.p50Ms)}${ms(d.p95Ms)}${ms(d.p99Ms)}${ms(d.maxMs)}${ms(d.meanMs)}`);
    }
    console.log(`visibility/inbox: list p50 ${ratios.list.p50}×, p99 ${ratios.list.p99}× (target ≥ 10×: ${met(targets.listRatioP99)}); ` +
      `counts p50 ${ratios.counts.p50}×, p99 ${ratios.counts.p99}× (target ≥ 10×: ${met(targets.countsRatioP99)}), ` +
      `not cached p50 ${ratios.countsUncached.p50}×, p99 ${ratios.countsUncached.p99}× (${met(targets.countsUncachedRatioP99)})`);
    console.log(`inbox p99 ≤ 10 ms: list ${results.inboxList.p99Ms} ms (${met(targets.inboxListP99Ms)}), counts ${results.inboxCounts.p99Ms} ms ` +
      `(${met(targets.inboxCountsP99Ms)}), not cached ${results.inboxCountsUncached.p99Ms} ms (${met(targets.inboxCountsUncachedP99Ms)})`);

    const result = {
      benchmark: 'inbox',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      parameters: {
        ...settings,
        today,
        servers: stack.servers,
        processes: 'the api in a child process; the production and no-op workers in another; data loader and load generator in this one',
        queries: {
          inboxList: 'GET /inbox?ward=<ward>&overdue=true&limit=50 as a supervisor (every ward), the ward rotating over the 18',
          inboxCounts: 'GET /inbox/counts as a supervisor: per ward, by status and aging bucket; the api keeps counts until a task changes',
          inboxCountsUncached: `GET /inbox/counts?dueBefore=<${FAR_FUTURE} plus the call's number of days>: the same counts, never from the cache`,
          sql: 'InboxRepository.page / countsByWard (the api’s SQL) through TypeORM and pg, without HTTP',
          visibilityList: `ListWorkflowExecutions pageSize 50, query ${overdueQuery('<ward>', today)} (SQL visibility has no ORDER BY)`,
          visibilityCounts: `${wards.length} CountWorkflowExecutions in parallel, query ${wardCountQuery('<ward>')} ` +
            '(GROUP BY is supported for ExecutionStatus only); totals per ward, no status or aging split',
        },
        workflows: 'bench/noop.workflow.ts started with the RegulationStage, WardCode, RegulationKind and RegulationDueAt of the ' +
          'task’s regulation; run by the benchmark’s worker, so each is Running and blocked on its condition, as a regulation waiting for a decision',
      },
      load: {
        postgres: { ...data, loadMs: round(data.loadMs) },
        temporal: {
          workflows: tasks.length,
          startWallMs: round(starts.wallMs),
          startsPerSecond,
          startConcurrency: settings.startConcurrency,
          startLatency,
          visibleAfterMs: round(visibleAfterMs),
          settledAfterMs: round(settled.waitedMs),
          settled: settled.quiet,
        },
      },
      equivalence: { same, byWard: check },
      measureWallMs: round(measureMs),
      results,
      ratios,
      targets,
      samplesMs: Object.fromEntries(probes.map((p) => [p.key, samples[p.key].map(round).sort((a, b) => a - b)])),
    };
    writeResult('inbox', startedAt, result);
  } finally {
    await dataSource.destroy();
    if (stack.servers.temporal === 'TEMPORAL_ADDRESS') {
      await terminateTaskWorkflows(stack.client, stack.noopTaskQueue).catch((error: unknown) => console.error(`[bench:inbox] clean-up: ${String(error)}`));
    }
    await stack.stop();
  }
}

runBounded('bench:inbox', readSettings, main);
