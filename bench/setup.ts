/**
 * `npm run bench:setup`: what a new machine pays before the system runs. In a fresh clone of HEAD with an empty
 * tool cache of its own (REGLIFE_CACHE), it times:
 *   1. cold start: `npm start` until /health answers and the demo data is loaded (node_modules, Node 24, the
 *      Temporal CLI installed on the way), then a clean stop;
 *   2. warm restart: `npm start` again on the same data (the demo data already there), the cache now full;
 *   3. warm start: `npm start` with the full cache and a new data directory (the demo data loaded anew);
 *   4. `npm test` to its end, in the same clone (the test-only tools installed on the way).
 * `--cold-npm` also starts from an empty npm cache (npm_config_cache), as on a machine that never ran npm.
 * Targets (issue 11): cold start ≤ 120 s, warm (re)start ≤ 30 s, `npm test` ≤ 600 s. The run's own baseline, on the
 * same machine at the same moment, is `git clone` and a bare `node -e 0`, so the figures can be read against the
 * machine's speed. The clone holds the committed HEAD only: commit before measuring.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, toolCacheDir } from '../tools/dev-stack/servers';
import { integerOptions, runBounded } from './bounded-run';
import { machine, revision, round, writeResult } from './record';

const root = path.resolve(__dirname, '..');
const targets = { coldStartSeconds: 120, warmStartSeconds: 30, testSeconds: 600 };

interface Settings {
  timeoutSeconds: number;
  coldNpm: boolean;
  skipTest: boolean;
}

interface Timed {
  seconds: number;
  /** `[setup] tools ready in N s` of that run. */
  toolsSeconds: number | null;
}

const seconds = (fromMs: number): number => round((Date.now() - fromMs) / 1000);

function readSettings(argv: readonly string[]): Settings {
  const flags = ['cold-npm', 'skip-test'];
  const option = integerOptions(
    argv.filter((a) => !flags.includes(a.slice(2))),
    ['timeout'],
  );
  return { timeoutSeconds: option('timeout', 'BENCH_TIMEOUT_SECONDS', 1800, 60, 5400), coldNpm: argv.includes('--cold-npm'), skipTest: argv.includes('--skip-test') };
}

/** Runs `npm start` in the clone until /health answers 200 and the demo data is loaded; then stops it. */
async function timeStart(clone: string, env: NodeJS.ProcessEnv, logFile: string, signal: AbortSignal): Promise<Timed> {
  const port = await freePort();
  const runEnv = {
    ...env,
    PORT: String(port),
    PG_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  };
  const log = fs.createWriteStream(logFile);
  const started = Date.now();
  const child = spawn('npm', ['start'], { cwd: clone, env: runEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  try {
    let healthy = false;
    while (!healthy || !/\[start\] (demo data loaded|demo data already loaded)/.test(output)) {
      if (signal.aborted) throw signal.reason as Error;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}; see ${logFile}`);
      if (!healthy) healthy = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const result = { seconds: seconds(started), toolsSeconds: toolsSeconds(output) };
    console.log(`[bench:setup]   ready in ${result.seconds} s (tools ${result.toolsSeconds ?? '?'} s)`);
    return result;
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    log.end();
    if (code !== 0 && code !== null) console.log(`[bench:setup]   npm start stopped with exit code ${code}`);
  }
}

function toolsSeconds(output: string): number | null {
  const match = /\[setup\] tools ready in (\d+) s/.exec(output);
  return match ? Number(match[1]) : null;
}

function timeCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<Timed & { exitCode: number | null }> {
  const started = Date.now();
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log] });
  return new Promise((resolve) =>
    child.once('exit', (exitCode) => {
      fs.closeSync(log);
      resolve({ seconds: seconds(started), toolsSeconds: toolsSeconds(fs.readFileSync(logFile, 'utf8')), exitCode });
    }),
  );
}

function baseline(work: string): { gitCloneSeconds: number; nodeStartMs: number } {
  const cloneStarted = Date.now();
  spawnSync('git', ['clone', '--quiet', '--no-local', root, path.join(work, 'baseline-clone')], { stdio: 'ignore' });
  const gitCloneSeconds = seconds(cloneStarted);
  const nodeStarted = Date.now();
  for (let i = 0; i < 5; i += 1) spawnSync(process.execPath, ['-e', '0']);
  return { gitCloneSeconds, nodeStartMs: round((Date.now() - nodeStarted) / 5) };
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-setup-'));
  fs.chmodSync(work, 0o755); // PostgreSQL runs as "postgres" when we are root and must reach its data directory
  const clone = path.join(work, 'clone');
  const logs = path.join(root, 'test', 'artifacts', 'bench-setup');
  fs.mkdirSync(logs, { recursive: true });
  // As a new terminal would have it: nothing from this machine's tool cache or this checkout's node_modules on PATH.
  const own = [toolCacheDir(), path.join(root, 'node_modules')].map((dir) => `${fs.existsSync(dir) ? fs.realpathSync(dir) : dir}${path.sep}`);
  const PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !own.some((prefix) => `${fs.existsSync(dir) ? fs.realpathSync(dir) : dir}${path.sep}`.startsWith(prefix)))
    .join(path.delimiter);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH, REGLIFE_CACHE: path.join(work, 'cache'), CI: 'true' };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATA_DIR', 'npm_config_prefix']) delete env[name];
  if (settings.coldNpm) env.npm_config_cache = path.join(work, 'npm-cache');
  console.log(`[bench:setup] work directory ${work}; logs in ${path.relative(process.cwd(), logs)}`);

  const base = baseline(work);
  console.log(`[bench:setup] baseline: git clone ${base.gitCloneSeconds} s, node -e 0 ${base.nodeStartMs} ms`);
  spawnSync('git', ['clone', '--quiet', '--no-local', root, clone], { stdio: 'inherit' });

  try {
    console.log('[bench:setup] 1. npm start, empty tool cache…');
    const cold = await timeStart(clone, { ...env, DATA_DIR: path.join(work, 'data-cold') }, path.join(logs, 'cold-start.log'), signal);
    console.log('[bench:setup] 2. npm start again, warm tool cache, same data (the demo data already there)…');
    const restart = await timeStart(clone, { ...env, DATA_DIR: path.join(work, 'data-cold') }, path.join(logs, 'warm-restart.log'), signal);
    console.log('[bench:setup] 3. npm start, warm tool cache, new data directory (the demo data loaded anew)…');
    const warm = await timeStart(clone, { ...env, DATA_DIR: path.join(work, 'data-warm') }, path.join(logs, 'warm-start.log'), signal);
    let test: (Timed & { exitCode: number | null }) | null = null;
    if (!settings.skipTest) {
      console.log('[bench:setup] 4. npm test…');
      test = await timeCommand('npm', ['test'], clone, env, path.join(logs, 'npm-test.log'));
      console.log(`[bench:setup]   npm test ended in ${test.seconds} s with exit code ${test.exitCode}`);
    }
    const result = {
      benchmark: 'setup',
      startedAt: startedAt.toISOString(),
      machine: machine(),
      revision: revision(),
      coldNpmCache: settings.coldNpm,
      baseline: base,
      targets,
      coldStart: { ...cold, withinTarget: cold.seconds <= targets.coldStartSeconds, ratioToGitClone: round(cold.seconds / base.gitCloneSeconds) },
      warmRestart: { ...restart, withinTarget: restart.seconds <= targets.warmStartSeconds, ratioToGitClone: round(restart.seconds / base.gitCloneSeconds) },
      warmStart: { ...warm, withinTarget: warm.seconds <= targets.warmStartSeconds, ratioToGitClone: round(warm.seconds / base.gitCloneSeconds) },
      test: test && { ...test, withinTarget: test.seconds <= targets.testSeconds },
    };
    console.table({
      'cold start': { seconds: cold.seconds, tools: cold.toolsSeconds, target: targets.coldStartSeconds },
      'warm restart': { seconds: restart.seconds, tools: restart.toolsSeconds, target: targets.warmStartSeconds },
      'warm start, new data': { seconds: warm.seconds, tools: warm.toolsSeconds, target: targets.warmStartSeconds },
      ...(test ? { 'npm test': { seconds: test.seconds, tools: test.toolsSeconds, target: targets.testSeconds } } : {}),
    });
    writeResult('setup', startedAt, result);
    if (test && test.exitCode !== 0) throw new Error(`npm test failed in the clone (exit code ${test.exitCode}); see ${path.join(logs, 'npm-test.log')}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runBounded('bench:setup', readSettings, main);
