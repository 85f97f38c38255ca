/**
 * The api and the worker as deployed, each in its own process (apps/api/src/main.ts, apps/worker/src/main.ts under
 * ts-node), configured by environment variables only and stopped with SIGTERM like a container. Each resolves once
 * ready: the worker when it logs that it polls its task queue, the api when GET /ready answers 200. Output goes to a
 * log file. Used by `npm run test:cluster` to run several of each against one Temporal cluster.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep } from './servers';
import { projectRoot } from './tools';

export type AppKind = 'api' | 'worker';

export interface AppProcess {
  kind: AppKind;
  /** e.g. `api-1`. */
  name: string;
  pid: number;
  /** The api's base URL (`http://127.0.0.1:<PORT>`); undefined for a worker. */
  url?: string;
  logFile: string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

const entries: Record<AppKind, string> = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' };

export interface AppProcessOptions {
  kind: AppKind;
  name: string;
  /** The whole environment of the process (DATABASE_URL, TEMPORAL_*, and PORT/HOST for an api). */
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Default 120 s: a worker that must bundle the workflows first takes tens of seconds on a busy machine. */
  readyTimeoutMs?: number;
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const { kind, name, env } = options;
  const logFile = path.join(options.logDir, `${name}.log`);
  fs.mkdirSync(options.logDir, { recursive: true });
  const log = fs.createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', path.join(projectRoot, entries[kind])],
    { cwd: projectRoot, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let recent = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      recent = (recent + chunk).slice(-20_000);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => log.end());
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const killOnExit = (): void => void (running() && child.kill('SIGKILL'));
  process.once('exit', killOnExit);

  const url = kind === 'api' ? `http://${env.HOST ?? '127.0.0.1'}:${env.PORT}` : undefined;
  const app: AppProcess = {
    kind,
    name,
    pid: child.pid!,
    url,
    logFile,
    async stop() {
      process.off('exit', killOnExit);
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const isReady = async (): Promise<boolean> => {
    if (kind === 'worker') return recent.includes('polling task queue');
    try {
      return (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) })).status === 200;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (!(await isReady())) {
    if (!running() || Date.now() > deadline) {
      await app.stop();
      throw new Error(`${name} did not become ready (${running() ? 'timed out' : `exit ${child.exitCode ?? child.signalCode}`}); its log: ${logFile}\n${recent.slice(-4_000)}`);
    }
    await sleep(200);
  }
  return app;
}
