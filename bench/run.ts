/**
 * `npm run bench`: officer commands over HTTP through the whole stack (api → Temporal Update → workflow → PostgreSQL
 * append) against a floor of no-op Temporal Updates on the same server at the same concurrency. Prints p50/p95/p99,
 * throughput and the officer/floor ratios; writes bench/results/<timestamp>-commands.json. Starts and stops its own
 * servers (or uses DATABASE_URL / TEMPORAL_ADDRESS), loopback only, bounded in count and time.
 * Settings (flag or environment): --regulations BENCH_REGULATIONS (40), --commands BENCH_COMMANDS_PER_REGULATION (10),
 * --concurrency BENCH_CONCURRENCY (8), --warmup BENCH_WARMUP_REGULATIONS (8), --timeout BENCH_TIMEOUT_SECONDS (600),
 * --worker-process BENCH_WORKER_PROCESS=1 (workers in a child process; default: everything in this process),
 * --cluster BENCH_CLUSTER=1 (against a real Temporal cluster on PostgreSQL, tools/dev-stack/cluster.ts, started and stopped
 * here, the event store in the same PostgreSQL, as deployed; default: the Temporal dev server).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { startTemporalCluster } from '../tools/dev-stack/cluster';
import { projectRoot } from '../tools/dev-stack/servers';
import { integerOptions, runBounded } from './bounded-run';
import { machine, revision, round, writeResult } from './record';
import { HistogramTotals, histogramDelta, histogramTotals } from './core-metrics';
import { cpuSince, CpuTimes, cpuTimes } from './cpu';
import { floorPhase, LoadSettings, officerPhase, Phase } from './load';
import { BenchStack, startBenchStack } from './stack';
import { byLabel, Distribution, distribution, LaneRun } from './stats';

interface Settings extends LoadSettings {
  regulations: number;
  warmup: number;
  timeoutSeconds: number;
  workerProcess: boolean;
  cluster: boolean;
}

type Side = Distribution & { throughputPerSecond: number; wallMs: number };

const log = (line: string): void => console.log(`[bench] ${line}`);

const FLAGS = ['regulations', 'commands', 'concurrency', 'warmup', 'timeout', 'worker-process', 'cluster'];

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, FLAGS);
  return {
    regulations: read('regulations', 'BENCH_REGULATIONS', 40, 1, 10_000),
    commands: read('commands', 'BENCH_COMMANDS_PER_REGULATION', 10, 1, 200),
    concurrency: read('concurrency', 'BENCH_CONCURRENCY', 8, 1, 256),
    warmup: read('warmup', 'BENCH_WARMUP_REGULATIONS', 8, 0, 1_000),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 600, 10, 3_600),
    workerProcess: argv.includes('--worker-process') || process.env.BENCH_WORKER_PROCESS === '1',
    cluster: argv.includes('--cluster') || process.env.BENCH_CLUSTER === '1',
  };
}

/** The measured phases of one side: their timed calls, the CPU they cost, the api's own command time, the workers' stages. */
interface Measured {
  runs: LaneRun[];
  cpuMs: CpuTimes;
  api: { seconds: number; count: number };
  stages: HistogramTotals;
}

const emptyMeasured = (): Measured => ({ runs: [], cpuMs: {}, api: { seconds: 0, count: 0 }, stages: new Map() });

/** The SDK core's histograms of the workers' workflow tasks and local activities (milliseconds), by task queue. */
const CORE_STAGES = [
  'temporal_workflow_task_schedule_to_start_latency',
  'temporal_workflow_task_execution_latency',
  'temporal_workflow_task_replay_latency',
  'temporal_local_activity_execution_latency',
] as const;
const APPEND_SECONDS = 'reglife_worker_append_duration_seconds';

/** The workers' stage histograms now: the core's by task queue, the append's parts (seconds) by part. */
async function stageTotals(stack: BenchStack): Promise<HistogramTotals> {
  const [core, worker] = await Promise.all([stack.coreMetricsUrl, stack.workerMetricsUrl].map(async (url) => (await fetch(url)).text()));
  return new Map([...histogramTotals(core, CORE_STAGES), ...histogramTotals(worker, [APPEND_SECONDS], 'part')]);
}

function addInto(into: HistogramTotals, delta: HistogramTotals): void {
  for (const [key, d] of delta) {
    const total = into.get(key) ?? { sum: 0, count: 0 };
    into.set(key, { sum: total.sum + d.sum, count: total.count + d.count });
  }
}

/** Sum and count of the api's `reglife_api_command_duration_seconds` (receiving a command → its result). */
async function apiCommandTime(stack: BenchStack): Promise<{ seconds: number; count: number }> {
  const text = await (await fetch(`${stack.apiUrl}/metrics`)).text();
  const total = (suffix: string) =>
    [...text.matchAll(new RegExp(`^reglife_api_command_duration_seconds_${suffix}\\{[^}]*\\} (\\S+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  return { seconds: total('sum'), count: total('count') };
}

async function measure(into: Measured, stack: BenchStack, phase: () => Promise<Phase>): Promise<Phase> {
  const api = await apiCommandTime(stack);
  const stages = await stageTotals(stack);
  const cpu = cpuTimes();
  const result = await phase();
  for (const [name, ms] of Object.entries(cpuSince(cpu))) into.cpuMs[name] = (into.cpuMs[name] ?? 0) + ms;
  addInto(into.stages, histogramDelta(stages, await stageTotals(stack)));
  const after = await apiCommandTime(stack);
  into.api.seconds += after.seconds - api.seconds;
  into.api.count += after.count - api.count;
  into.runs.push(result.run);
  return result;
}

function side(runs: readonly LaneRun[], keep: (label: string) => boolean = () => true): Side {
  const samples = runs.flatMap((r) => r.samples).filter((s) => keep(s.label));
  const wallMs = runs.reduce((sum, r) => sum + r.wallMs, 0);
  return { ...distribution(samples.map((s) => s.ms)), throughputPerSecond: round((samples.length / wallMs) * 1000), wallMs: round(wallMs) };
}

function ratios(officer: Distribution, floor: Distribution): { p50: number; p95: number; p99: number; mean: number } {
  return {
    p50: round(officer.p50Ms / floor.p50Ms),
    p95: round(officer.p95Ms / floor.p95Ms),
    p99: round(officer.p99Ms / floor.p99Ms),
    mean: round(officer.meanMs / floor.meanMs),
  };
}

const perCommand = (cpuMs: CpuTimes, count: number): CpuTimes =>
  Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, round(ms / count)]));

/** Mean (ms) and count per command of one stage histogram (core: ms; the append's: seconds). */
function stage(stages: HistogramTotals, key: string, commands: number, unitMs = 1): { meanMs: number; perCommand: number } | null {
  const total = stages.get(key);
  if (!total || total.count === 0) return null;
  return { meanMs: round((total.sum * unitMs) / total.count), perCommand: round(total.count / commands) };
}

/**
 * Where an officer command's time goes, from the api's metric, the workers' core metrics and the append's own timing,
 * all means over the measured phases; the floor's workflow tasks beside it. Stages overlap as nested: the Update round
 * trip holds the workflow tasks, a workflow task holds its local activities, the append holds its projection.
 */
function breakdown(officer: Side, floor: Side, measured: { officer: Measured; floor: Measured }, queues: { officer: string; floor: string }, apiCommandMeanMs: number | null) {
  const o = measured.officer.stages;
  const f = measured.floor.stages;
  const at = (metric: string, queue: string) => `${metric}|${queue}`;
  const wftStart = stage(o, at('temporal_workflow_task_schedule_to_start_latency', queues.officer), officer.count);
  const wftRun = stage(o, at('temporal_workflow_task_execution_latency', queues.officer), officer.count);
  const wftReplay = stage(o, at('temporal_workflow_task_replay_latency', queues.officer), officer.count);
  const local = stage(o, at('temporal_local_activity_execution_latency', queues.officer), officer.count);
  const transaction = stage(o, at(APPEND_SECONDS, 'transaction'), officer.count, 1000);
  const projection = stage(o, at(APPEND_SECONDS, 'projection'), officer.count, 1000);
  const perCommand = (s: { meanMs: number; perCommand: number } | null) => (s ? round(s.meanMs * s.perCommand) : null);
  const inWorker = (perCommand(wftStart) ?? 0) + (perCommand(wftRun) ?? 0);
  const floorStart = stage(f, at('temporal_workflow_task_schedule_to_start_latency', queues.floor), floor.count);
  const floorRun = stage(f, at('temporal_workflow_task_execution_latency', queues.floor), floor.count);
  return {
    officer: {
      httpMeanMs: officer.meanMs,
      httpGuardValidationMs: apiCommandMeanMs === null ? null : round(officer.meanMs - apiCommandMeanMs),
      updateRoundTripMs: apiCommandMeanMs,
      workflowTaskScheduleToStart: wftStart,
      workflowTaskExecution: wftRun,
      workflowTaskReplay: wftReplay,
      localActivity: local,
      appendTransaction: transaction,
      appendProjection: projection,
      workflowTasksPerCommandMs: round(inWorker),
      serverAndClientPerCommandMs: apiCommandMeanMs === null ? null : round(apiCommandMeanMs - inWorker),
    },
    floor: {
      updateRoundTripMs: floor.meanMs,
      workflowTaskScheduleToStart: floorStart,
      workflowTaskExecution: floorRun,
      workflowTasksPerCommandMs: round((perCommand(floorStart) ?? 0) + (perCommand(floorRun) ?? 0)),
      serverAndClientPerCommandMs: round(floor.meanMs - (perCommand(floorStart) ?? 0) - (perCommand(floorRun) ?? 0)),
    },
    note:
      'means over the measured phases; meanMs per occurrence and perCommand occurrences per command. The Update round trip ' +
      '(api: RegulationCommandClient call, plus the create\'s ward and id reads) holds the workflow tasks (scheduled → started ' +
      'in the worker, then executed); a workflow task\'s execution holds its local activities (appendEvents), whose ' +
      'transaction holds the projection. serverAndClient is the rest of the round trip: gRPC, the Temporal server, queues.',
  };
}

interface Report {
  officer: Side & { withoutCreateDraft: Side; byCommand: Record<string, Distribution> };
  floor: Side;
  ratios: ReturnType<typeof ratios> & { withoutCreateDraft: ReturnType<typeof ratios> };
  split: { httpMeanMs: number; apiCommandMeanMs: number | null };
  cpuPerCommandMs: { officer: CpuTimes; floor: CpuTimes };
  breakdown: ReturnType<typeof breakdown>;
}

function printReport(settings: Settings, report: Report): void {
  const { officer, floor } = report;
  const ms = (n: number) => n.toFixed(1).padStart(8);
  const row = (name: string, d: Distribution, throughput?: number) =>
    `${name.padEnd(30)}${String(d.count).padStart(6)}${ms(d.p50Ms)}${ms(d.p95Ms)}${ms(d.p99Ms)}${ms(d.meanMs)}${throughput === undefined ? '' : `${throughput.toFixed(1).padStart(10)}/s`}`;
  const cpu = os.cpus();
  const cpuLine = (times: CpuTimes) =>
    `${Object.entries(times).map(([name, t]) => `${name} ${t.toFixed(1)}`).join(', ')} (total ${Object.values(times).reduce((a, b) => a + b, 0).toFixed(1)})`;
  const verdict = (r: number) => (r <= 1.5 ? 'within' : 'above');
  const r = report.ratios;
  console.log('');
  console.log(`command latency (ms): ${settings.regulations} regulations × ${settings.commands} commands, concurrency ${settings.concurrency}, ` +
    `warm-up ${settings.warmup} × ${settings.commands} excluded; ${cpu.length} × ${cpu[0]?.model ?? '?'}, node ${process.version}` +
    `${settings.workerProcess ? ', workers in a child process' : ''}${settings.cluster ? ', Temporal cluster on PostgreSQL' : ', Temporal dev server'}`);
  console.log(`${''.padEnd(30)}${'n'.padStart(6)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'mean'.padStart(8)}${'throughput'.padStart(12)}`);
  console.log(row('officer commands over HTTP', officer, officer.throughputPerSecond));
  for (const [label, d] of Object.entries(officer.byCommand)) console.log(row(`  ${label}`, d));
  console.log(row('no-op Temporal Update (floor)', floor, floor.throughputPerSecond));
  console.log(`ratio officer/floor: p50 ${r.p50} (${verdict(r.p50)} 1.5), p95 ${r.p95}, p99 ${r.p99} (${verdict(r.p99)} 1.5), mean ${r.mean}`);
  const w = r.withoutCreateDraft;
  console.log(`  without CreateDraft: p50 ${w.p50}, p95 ${w.p95}, p99 ${w.p99}, mean ${w.mean}`);
  const { httpMeanMs, apiCommandMeanMs } = report.split;
  if (apiCommandMeanMs !== null) {
    console.log(`officer mean ${httpMeanMs.toFixed(1)} ms = api command handling (Temporal Update) ${apiCommandMeanMs.toFixed(1)} + ` +
      `HTTP client/server, guard, validation ${(httpMeanMs - apiCommandMeanMs).toFixed(1)}; floor mean ${floor.meanMs.toFixed(1)}`);
  }
  console.log(`CPU ms per command: officer ${cpuLine(report.cpuPerCommandMs.officer)}; floor ${cpuLine(report.cpuPerCommandMs.floor)}`);
  const b = report.breakdown.officer;
  const part = (name: string, s: { meanMs: number; perCommand: number } | null) => (s ? `${name} ${s.meanMs} ms × ${s.perCommand}` : `${name} –`);
  console.log(`officer stages: HTTP+guard+validation ${b.httpGuardValidationMs} ms, Update round trip ${b.updateRoundTripMs} ms, of which ` +
    `${[part('workflow task schedule-to-start', b.workflowTaskScheduleToStart), part('execution', b.workflowTaskExecution), part('local activity', b.localActivity), part('append transaction', b.appendTransaction), part('projection', b.appendProjection)].join(', ')}; ` +
    `server and client ${b.serverAndClientPerCommandMs} ms. Floor: workflow tasks ${report.breakdown.floor.workflowTasksPerCommandMs} ms, server and client ${report.breakdown.floor.serverAndClientPerCommandMs} ms`);
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}`);
  const cluster = settings.cluster ? await startTemporalCluster({ log, logDir: path.join(projectRoot, 'test', 'artifacts', 'bench-cluster') }) : null;
  if (cluster) {
    Object.assign(process.env, { TEMPORAL_ADDRESS: cluster.address, TEMPORAL_NAMESPACE: cluster.namespace, DATABASE_ADMIN_URL: cluster.postgres.adminUrl });
  }
  const stack = await startBenchStack({ officers: settings.concurrency, workerProcess: settings.workerProcess, log }).catch(async (error: unknown) => {
    await cluster?.stop();
    throw error;
  });
  const regulationIds: string[] = [];
  const officerPhaseOf = async (count: number) => {
    const phase = await officerPhase(stack, settings, count, signal);
    regulationIds.push(...phase.workflowIds);
    return phase;
  };
  try {
    if (settings.warmup > 0) {
      await officerPhaseOf(settings.warmup);
      await floorPhase(stack, settings, settings.warmup, signal);
      log(`warm-up done: ${settings.warmup * settings.commands} officer commands and as many no-op updates`);
    }
    // A B B A: a slow drift of the servers over the run weighs on both sides alike.
    const first = Math.ceil(settings.regulations / 2);
    const second = settings.regulations - first;
    const officerSide = emptyMeasured();
    const floorSide = emptyMeasured();
    await measure(officerSide, stack, () => officerPhaseOf(first));
    await measure(floorSide, stack, () => floorPhase(stack, settings, first, signal));
    if (second > 0) {
      await measure(floorSide, stack, () => floorPhase(stack, settings, second, signal));
      await measure(officerSide, stack, () => officerPhaseOf(second));
    }

    const officer = side(officerSide.runs);
    const withoutCreateDraft = side(officerSide.runs, (label) => label !== 'CreateDraft');
    const floor = side(floorSide.runs);
    const apiCommandMeanMs = officerSide.api.count === officer.count ? round((officerSide.api.seconds / officerSide.api.count) * 1000) : null;
    const report: Report = {
      officer: { ...officer, withoutCreateDraft, byCommand: byLabel(officerSide.runs.flatMap((r) => r.samples)) },
      floor,
      ratios: { ...ratios(officer, floor), withoutCreateDraft: ratios(withoutCreateDraft, floor) },
      split: { httpMeanMs: officer.meanMs, apiCommandMeanMs },
      cpuPerCommandMs: { officer: perCommand(officerSide.cpuMs, officer.count), floor: perCommand(floorSide.cpuMs, floor.count) },
      breakdown: breakdown(officer, floor, { officer: officerSide, floor: floorSide }, { officer: stack.taskQueue, floor: stack.noopTaskQueue }, apiCommandMeanMs),
    };
    printReport(settings, report);

    const sortedMs = (runs: LaneRun[]) => runs.flatMap((r) => r.samples.map((s) => round(s.ms))).sort((a, b) => a - b);
    const result = {
      benchmark: 'commands',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      parameters: {
        ...settings,
        commandMix: 'per regulation, in order: CreateDraft, ReviseDraft, OpenConsultation, then RecordComment',
        floor: 'per no-op workflow: an untimed update-with-start, then as many timed no-op Updates as commands per regulation',
        order: 'warm-up (officer, floor), then officer, floor, floor, officer over two halves of the regulations',
        officers: stack.officers.length,
        servers: stack.servers,
        temporalServer: cluster ? 'cluster: temporal-server on PostgreSQL (tools/dev-stack/cluster.ts)' : stack.servers.temporal,
        processes: settings.workerProcess
          ? 'api and load generator in this Node process (self), both workers in a child process (node)'
          : 'api, both workers and the load generator in this Node process (self)',
      },
      ...report,
      ratios: { ...report.ratios, target: 1.5 },
      samplesMs: { officer: sortedMs(officerSide.runs), floor: sortedMs(floorSide.runs) },
    };
    writeResult('commands', startedAt, result);
  } finally {
    if (stack.servers.temporal === 'TEMPORAL_ADDRESS') {
      await Promise.allSettled(regulationIds.map((id) => stack.client.workflow.getHandle(id).terminate('benchmark finished')));
    }
    await stack.stop();
    await cluster?.stop();
  }
}

runBounded('bench', readSettings, main);
