/**
 * `npm run test:cluster`: the suites against a real Temporal cluster on PostgreSQL (tools/dev-stack/cluster.ts),
 * the docker-compose topology without Docker. Not part of `npm test` (it takes minutes longer). Three phases, each
 * run even when an earlier one failed, the exit code failing when any did:
 *   1. e2e     the jest e2e project, its global setup reusing the cluster (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE) and
 *              the cluster's PostgreSQL (DATABASE_ADMIN_URL) instead of starting a dev server and a database;
 *              arguments after `--` go to jest (e.g. a path filter), except `--phase <name>`
 *   2. fleet   two workers and two apis as processes, conventions driven to in force through both apis
 *              (scripts/cluster-fleet.ts)
 *   3. chaos   scripts/chaos.ts against the running cluster (`--temporal-address`, `--database-url`, two workers and
 *              two apis)
 * `--phase e2e|fleet|chaos` (repeatable) runs only those. Everything goes to test/artifacts/cluster/ (server, PostgreSQL and app logs, jest-results.json, summary.json).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTemporalCluster, type RunningTemporalCluster } from '../tools/dev-stack/cluster';
import { projectRoot } from '../tools/dev-stack/tools';
import { runFleet } from './cluster-fleet';

const artifacts = path.join(projectRoot, 'test', 'artifacts', 'cluster');
const log = (message: string): void => void process.stdout.write(`[cluster] ${message}\n`);

const phaseNames = ['e2e', 'fleet', 'chaos'] as const;
type PhaseName = (typeof phaseNames)[number];

interface PhaseResult {
  phase: PhaseName;
  status: 'passed' | 'failed';
  durationMs: number;
  detail: string;
}

/** Runs a child process with inherited output; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function phaseE2e(cluster: RunningTemporalCluster, jestArgs: string[]): Promise<PhaseResult> {
  const started = Date.now();
  const results = path.join(artifacts, 'jest-results.json');
  fs.rmSync(results, { force: true });
  const code = await run(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--selectProjects', 'e2e', '--json', `--outputFile=${results}`, ...jestArgs], {
    ...process.env,
    TEMPORAL_ADDRESS: cluster.address,
    TEMPORAL_NAMESPACE: cluster.namespace,
    DATABASE_ADMIN_URL: cluster.postgres.adminUrl,
  });
  let detail = `jest exit code ${code}`;
  if (fs.existsSync(results)) {
    const json = JSON.parse(fs.readFileSync(results, 'utf8'));
    detail =
      `${json.numPassedTests} of ${json.numTotalTests} tests passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped, ` +
      `in ${json.numTotalTestSuites} suites (${json.numFailedTestSuites} failed)`;
  }
  return { phase: 'e2e', status: code === 0 ? 'passed' : 'failed', durationMs: Date.now() - started, detail };
}

async function phaseFleet(cluster: RunningTemporalCluster): Promise<PhaseResult> {
  const started = Date.now();
  try {
    const fleet = await runFleet({
      temporalAddress: cluster.address,
      namespace: cluster.namespace,
      databaseAdminUrl: cluster.postgres.adminUrl,
      workers: 2,
      apis: 2,
      lifecycles: 6,
      logDir: path.join(artifacts, 'fleet'),
      log: (message) => log(`fleet: ${message}`),
    });
    for (const outcome of fleet.lifecycles) {
      log(`fleet: ${outcome.regulationId} ${outcome.stage} v${outcome.version} via ${outcome.apis.join(' + ')} in ${outcome.durationMs} ms`);
    }
    const slowest = Math.max(...fleet.lifecycles.map((outcome) => outcome.durationMs));
    return {
      phase: 'fleet',
      status: 'passed',
      durationMs: Date.now() - started,
      detail:
        `${fleet.lifecycles.length} conventions in force, seen so by both apis and found by their search attributes in SQL visibility; ` +
        `${fleet.workflowPollers} workers polled the task queue; slowest lifecycle ${slowest} ms`,
    };
  } catch (error) {
    log(`fleet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { phase: 'fleet', status: 'failed', durationMs: Date.now() - started, detail: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** `npm run chaos` against the cluster: two workers and two apis; only the workers are killed (the servers are shared). */
async function phaseChaos(cluster: RunningTemporalCluster): Promise<PhaseResult> {
  const started = Date.now();
  const script = path.join(projectRoot, 'scripts', 'chaos.ts');
  const code = await run(
    process.execPath,
    [
      '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script,
      '--temporal-address', cluster.address,
      '--database-url', cluster.postgres.adminUrl,
      '--workers', '2',
      '--apis', '2',
    ],
    { ...process.env, TEMPORAL_NAMESPACE: cluster.namespace },
  );
  return { phase: 'chaos', status: code === 0 ? 'passed' : 'failed', durationMs: Date.now() - started, detail: `scripts/chaos.ts exit code ${code}` };
}

async function main(): Promise<number> {
  const started = Date.now();
  const jestArgs: string[] = [];
  const selected = new Set<PhaseName>();
  for (let i = 2; i < process.argv.length; i += 1) {
    if (process.argv[i] !== '--phase') {
      jestArgs.push(process.argv[i]);
      continue;
    }
    const name = process.argv[++i] as PhaseName;
    if (!phaseNames.includes(name)) throw new Error(`--phase takes one of ${phaseNames.join(', ')}, not "${name}"`);
    selected.add(name);
  }
  const phasesToRun = selected.size > 0 ? phaseNames.filter((name) => selected.has(name)) : phaseNames;
  fs.mkdirSync(artifacts, { recursive: true });
  log('starting the Temporal cluster on PostgreSQL…');
  const cluster = await startTemporalCluster({ log, logDir: artifacts });
  const startupMs = Date.now() - started;
  const attributes = cluster.searchAttributes.map((c) => `${c.needed} of ${c.columns} ${c.type}`).join(', ');
  log(`ready in ${startupMs} ms: ${cluster.address}, namespace ${cluster.namespace}; SQL visibility columns used: ${attributes}`);

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the cluster…`);
    void cluster.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const phases: PhaseResult[] = [];
  try {
    const runners: Record<PhaseName, () => Promise<PhaseResult>> = {
      e2e: () => phaseE2e(cluster, jestArgs),
      fleet: () => phaseFleet(cluster),
      chaos: () => phaseChaos(cluster),
    };
    for (const name of phasesToRun) {
      if (stopping) break;
      const result = await runners[name]();
      phases.push(result);
      log(`${result.phase}: ${result.status} in ${(result.durationMs / 1000).toFixed(1)} s: ${result.detail}`);
    }
  } finally {
    const t = Date.now();
    await cluster.stop();
    log(`cluster stopped in ${Date.now() - t} ms`);
  }

  const summary = { startupMs, totalMs: Date.now() - started, address: cluster.address, searchAttributes: cluster.searchAttributes, phases };
  fs.writeFileSync(path.join(artifacts, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  log(`summary (test/artifacts/cluster/summary.json): cluster start ${(startupMs / 1000).toFixed(1)} s, total ${(summary.totalMs / 1000).toFixed(1)} s`);
  for (const phase of phases) log(`  ${phase.phase.padEnd(6)} ${phase.status.padEnd(8)} ${(phase.durationMs / 1000).toFixed(1).padStart(7)} s  ${phase.detail}`);
  return phases.some((phase) => phase.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[cluster] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
