/**
 * What the chaos run runs against: PostgreSQL and the Temporal dev server (its own, restartable on the same data
 * directory / SQLite file and port, or servers already running, which it then neither starts nor touches), the event
 * store database migrated by its owner, and workers and apis as processes (tools/dev-stack/app-processes.ts) that can
 * be SIGKILLed and started again under the same name.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrateEventStore } from '@app/event-store';
import { createTestAuth } from '../../apps/api/src/auth/testing';
import { getWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { startAppProcess, type AppProcess } from '../dev-stack/app-processes';
import { provisionDatabase } from '../dev-stack/database-roles';
import { freePort, startEmbeddedPostgres, startTemporalDevServer, type RunningPostgres, type RunningTemporalDevServer } from '../dev-stack/servers';
import type { Principals } from './lifecycles';

export interface StackOptions {
  /** Run against this Temporal server (not started, frozen or restarted here). */
  temporalAddress?: string;
  namespace: string;
  /** Superuser URL of a running PostgreSQL: the run's own database is created there (the server is not touched). */
  databaseUrl?: string;
  workers: number;
  apis: number;
  /** Server data (PostgreSQL's data directory, Temporal's SQLite file); PostgreSQL runs as `postgres` when we are root, so it must be reachable by others. */
  workDir: string;
  /** Server and app logs. */
  logDir: string;
  log: (message: string) => void;
}

/** A server this run started: signalled by pid, restarted on the same data and port. */
export interface OwnServer {
  name: 'postgres' | 'temporal';
  pid(): number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChaosStack {
  /** The application role on the run's database (what the apps use). */
  databaseUrl: string;
  /** The migration owner on the run's database (the checks and the broken-invariant tests use it). */
  migrationUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  servers: OwnServer[];
  workers: AppProcess[];
  apis: AppProcess[];
  principals: Principals;
  /** SIGKILLs worker i at once and starts it again; the promise resolves once the new one polls. */
  killWorker(i: number): Promise<void>;
  /** The workers being started again after a kill, by index. */
  restarting: Map<number, Promise<void>>;
  stop(): Promise<void>;
}

export async function startChaosStack(options: StackOptions): Promise<ChaosStack> {
  const { log } = options;
  fs.mkdirSync(options.workDir, { recursive: true });
  fs.mkdirSync(options.logDir, { recursive: true });
  const servers: OwnServer[] = [];
  const apps: AppProcess[] = [];
  const stopAll = async (): Promise<void> => {
    for (const app of [...apps].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'api' ? -1 : 1))) await app.stop();
    for (const server of [...servers].reverse()) await server.stop();
  };
  try {
    const [pg, temporal] = await Promise.all([
      options.databaseUrl ? undefined : ownPostgres(options.workDir, options.logDir),
      options.temporalAddress ? undefined : ownTemporal(options.workDir, options.logDir),
    ]);
    if (pg) servers.push(pg.server);
    if (temporal) servers.push(temporal.server);
    const database = options.databaseUrl ? `reglife_chaos_${Date.now().toString(36)}` : 'reglife';
    const urls = await provisionDatabase(options.databaseUrl ?? pg!.adminUrl, database);
    await migrateEventStore(urls.migrationUrl);
    const temporalAddress = options.temporalAddress ?? temporal!.address;
    log(`servers: PostgreSQL ${pg ? `own (pid ${pg.server.pid()})` : 'given'}, database ${database}; Temporal ${temporal ? `own (pid ${temporal.server.pid()})` : 'given'} at ${temporalAddress}`);
    const bundle = await getWorkflowBundle();
    log(`workflow bundle ${bundle.source} (sources ${bundle.hash})`);

    const auth = await createTestAuth();
    const principals: Principals = {
      officer: await auth.bearer({ sub: 'officer-chaos', role: 'officer', wards: ['*'] }),
      chair: await auth.bearer({ sub: 'chair-chaos', role: 'ward_chair', wards: ['*'] }),
    };
    const taskQueue = `chaos-${randomUUID()}`;
    const { WORKFLOW_BUNDLE_PATH: _bundlePath, DATABASE_MIGRATION_URL: _owner, DATABASE_ADMIN_URL: _admin, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      DATABASE_URL: urls.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: options.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      AUTH_PUBLIC_KEY: auth.publicKeyPem,
      REPORT_SCHEDULES: 'off',
      LOG_LEVEL: 'warn',
      // Shorter than the longer freezes (and the client's 40 s per attempt): a command the api cannot confirm in time
      // answers 504 COMMAND.TIMEOUT and is retried with the same Idempotency-Key, as a real client would.
      API_COMMAND_TIMEOUT_MS: '4000',
    };
    const { logDir } = options;
    const restarts = new Map<string, number>();
    const startWorker = (name: string): Promise<AppProcess> => {
      const count = (restarts.get(name) ?? 0) + 1;
      restarts.set(name, count);
      return startAppProcess({ kind: 'worker', name: count === 1 ? name : `${name}.${count}`, env, logDir });
    };
    const started = Date.now();
    const results = await Promise.allSettled([
      ...Array.from({ length: options.workers }, (_, i) => startWorker(`worker-${i + 1}`)),
      ...Array.from({ length: options.apis }, async (_, i) =>
        startAppProcess({ kind: 'api', name: `api-${i + 1}`, env: { ...env, HOST: '127.0.0.1', PORT: String(await freePort()) }, logDir }),
      ),
    ]);
    for (const result of results) if (result.status === 'fulfilled') apps.push(result.value);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    log(`${options.workers} workers and ${options.apis} apis ready in ${Date.now() - started} ms (task queue ${taskQueue}, logs ${logDir})`);

    const restarting = new Map<number, Promise<void>>();
    const stack: ChaosStack = {
      databaseUrl: urls.url,
      migrationUrl: urls.migrationUrl,
      temporalAddress,
      namespace: options.namespace,
      taskQueue,
      servers,
      workers: apps.filter((app) => app.kind === 'worker'),
      apis: apps.filter((app) => app.kind === 'api'),
      principals,
      killWorker(i: number) {
        const old = stack.workers[i];
        process.kill(old.pid, 'SIGKILL');
        const restarted = (async () => {
          await old.stop(); // waits for the exit the SIGKILL caused
          // A server being frozen or restarted meanwhile may fail the worker's start: it is tried again, as an orchestrator would.
          let fresh: AppProcess | undefined;
          for (let attempt = 1; !fresh; attempt += 1) {
            try {
              fresh = await startWorker(`worker-${i + 1}`);
            } catch (error) {
              if (attempt === 3) throw error;
            }
          }
          stack.workers[i] = fresh;
          apps[apps.indexOf(old)] = fresh;
        })().finally(() => restarting.delete(i));
        restarting.set(i, restarted);
        return restarted;
      },
      restarting,
      stop: async () => {
        await Promise.allSettled(restarting.values());
        await stopAll();
      },
    };
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A server of our own that the faults may restart on the same data, and that removes its data when stopped. */
async function restartable<T extends { pid: number; stop(): Promise<void> }>(
  name: OwnServer['name'],
  start: () => Promise<T>,
  removeData: () => void,
): Promise<{ first: T; server: OwnServer }> {
  let current = await start();
  return {
    first: current,
    server: {
      name,
      pid: () => current.pid,
      async restart() {
        await current.stop();
        current = await start();
      },
      async stop() {
        await current.stop();
        removeData();
      },
    },
  };
}

async function ownPostgres(workDir: string, logDir: string): Promise<{ server: OwnServer; adminUrl: string }> {
  const dataDir = path.join(workDir, 'postgres');
  const port = await freePort();
  const logFile = path.join(logDir, 'postgres.log');
  // persistent: a restart must find the data again (and fsync stays on, as in production).
  const start = (): Promise<RunningPostgres> =>
    startEmbeddedPostgres({ dataDir, port, persistent: true, onLog: (line) => fs.appendFileSync(logFile, `${line}\n`) });
  const { first, server } = await restartable('postgres', start, () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { adminUrl: first.adminUrl, server };
}

async function ownTemporal(workDir: string, logDir: string): Promise<{ server: OwnServer; address: string }> {
  const port = await freePort();
  const dbFile = path.join(workDir, 'temporal.db');
  const start = (): Promise<RunningTemporalDevServer> =>
    startTemporalDevServer({ port, headless: true, dbFile, logFile: path.join(logDir, 'temporal.log') });
  const { first, server } = await restartable('temporal', start, () => fs.rmSync(dbFile, { force: true }));
  return { address: first.address, server };
}
