/**
 * The production worker as deployed: apps/worker/src/main.ts in its own process (the WorkerModule Nest context),
 * configured by environment variables only (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_TASK_QUEUE, WORKFLOW_BUNDLE_PATH, ...), stopped with SIGTERM like a container.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface ProductionWorker {
  pid: number;
  /** Everything the worker printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '..', '..');

/** Another build of the worker to start: its compiled `main.js` (run by plain node, as in the image), and modules to preload. */
export interface WorkerLaunch {
  main?: string;
  preload?: readonly string[];
}

/** Starts the worker and resolves once it polls its task queue (its "polling task queue" log line). */
export async function startProductionWorker(env: NodeJS.ProcessEnv, timeoutMs = 90_000, launch: WorkerLaunch = {}): Promise<ProductionWorker> {
  const compiled = launch.main?.endsWith('.js') ?? false;
  const child = spawn(
    process.execPath,
    [
      ...(compiled ? [] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']),
      ...(launch.preload ?? []).flatMap((module) => ['-r', module]),
      launch.main ?? path.join(repoRoot, 'apps/worker/src/main.ts'),
    ],
    { cwd: repoRoot, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => running() && child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const worker: ProductionWorker = {
    pid: child.pid!,
    output: () => output,
    async stop() {
      process.off('exit', killOnExit);
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + timeoutMs;
  while (!output.includes('polling task queue')) {
    if (!running() || Date.now() > deadline) {
      await worker.stop();
      throw new Error(`the worker did not start (${running() ? 'timed out' : `exit ${child.exitCode ?? child.signalCode}`}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return worker;
}
