/**
 * A real Temporal cluster on this machine, the docker-compose topology without containers: an embedded PostgreSQL
 * holding Temporal's databases (`temporal`, `temporal_visibility`, SQL visibility) beside the event store's `reglife`,
 * and `temporal-server start` (frontend, history, matching and worker services) built from go.temporal.io/server by
 * `scripts/ensure-tools.sh --for cluster`. Its schemas are set up with the server's SQL tool, its configuration is
 * rendered from tools/temporal-cluster/, and the namespace and the project's search attributes are registered
 * before it counts as ready. Used by `npm run test:cluster` (scripts/test-cluster.ts); run on its own
 * (`bash scripts/with-node.sh ts-node -r tsconfig-paths/register --transpile-only tools/dev-stack/cluster.ts`) it
 * serves until Ctrl-C. Logs and the rendered configuration go to test/artifacts/cluster/.
 *
 * SQL visibility: custom search attributes map onto the visibility table's pre-allocated columns (Keyword01–10,
 * Datetime01–03, … in schema/postgresql/v12/visibility/schema.sql), per namespace. The columns are counted from the
 * schema and the project's attributes checked against them before they are registered.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { Client as PgClient } from 'pg';
import {
  freePort,
  isRunning,
  OutputTail,
  portAccepts,
  registerEmergencyStop,
  sleep,
  startEmbeddedPostgres,
  waitForExit,
  type RunningPostgres,
} from './servers';
import { searchAttributeIndexedTypes, searchAttributeKeys, type AnySearchAttributeKey } from './search-attributes';
import { projectRoot, requireTool, toolCacheDir } from './tools';

/** The role Temporal connects as; it owns the `temporal` and `temporal_visibility` databases. Local only. */
const temporalRole = { user: 'temporal', password: 'temporal' };
const temporalDatabases = [
  { database: 'temporal', schema: 'temporal' },
  { database: 'temporal_visibility', schema: 'visibility' },
] as const;
const services = ['frontend', 'history', 'matching', 'worker'] as const;
const templateDir = path.join(projectRoot, 'tools', 'temporal-cluster');

export class ClusterError extends Error {
  constructor(
    readonly code: 'CLUSTER.TOOLS_MISSING' | 'CLUSTER.SCHEMA_FAILED' | 'CLUSTER.NOT_READY' | 'CLUSTER.SEARCH_ATTRIBUTES_DO_NOT_FIT',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface ClusterToolPaths {
  version: string;
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 copied from the module: `temporal/` and `visibility/`. */
  schemaDir: string;
}

/** The server version is written once, in scripts/ensure-tools.sh (TEMPORAL_SERVER_VERSION), which builds it. */
export function clusterToolPaths(): ClusterToolPaths {
  const script = fs.readFileSync(path.join(projectRoot, 'scripts', 'ensure-tools.sh'), 'utf8');
  const version = /^TEMPORAL_SERVER_VERSION="([^"]+)"/m.exec(script)?.[1];
  if (!version) throw new ClusterError('CLUSTER.TOOLS_MISSING', 'no TEMPORAL_SERVER_VERSION in scripts/ensure-tools.sh');
  const dir = path.join(toolCacheDir(), `temporal-server-${version}`);
  return {
    version,
    server: path.join(dir, 'bin', 'temporal-server'),
    sqlTool: path.join(dir, 'bin', 'temporal-sql-tool'),
    schemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
}

// ------------------------------------------------------------------------------------------ SQL visibility

export interface SearchAttributeCapacity {
  /** Metadata type (`Keyword`, `Datetime`, …). */
  type: string;
  /** How many of the project's attributes have this type. */
  needed: number;
  /** Pre-allocated columns of this type in the visibility schema. */
  columns: number;
}

/** Counts the visibility table's pre-allocated custom columns per type (`Keyword01`…`Keyword10` → Keyword: 10). */
export function sqlVisibilityColumns(visibilitySchemaSql: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of visibilitySchemaSql.matchAll(/^\s*(Bool|Datetime|Double|Int|Keyword|KeywordList|Text)\d{2}\s/gm)) {
    counts[match[1]] = (counts[match[1]] ?? 0) + 1;
  }
  return counts;
}

/** Per type, what the project needs against what SQL visibility offers; throws when one type does not fit. */
export function checkSearchAttributeCapacity(
  columns: Record<string, number>,
  keys: readonly AnySearchAttributeKey[] = searchAttributeKeys,
): SearchAttributeCapacity[] {
  const needed: Record<string, number> = {};
  for (const key of keys) {
    const type = TypedSearchAttributes.toMetadataType(key.type);
    needed[type] = (needed[type] ?? 0) + 1;
  }
  const capacity = Object.entries(needed).map(([type, count]) => ({ type, needed: count, columns: columns[type] ?? 0 }));
  const short = capacity.filter((c) => c.needed > c.columns);
  if (short.length > 0) {
    throw new ClusterError(
      'CLUSTER.SEARCH_ATTRIBUTES_DO_NOT_FIT',
      `SQL visibility has too few columns: ${short.map((c) => `${c.type} needs ${c.needed}, has ${c.columns}`).join('; ')}`,
    );
  }
  return capacity;
}

// ------------------------------------------------------------------------------------------ PostgreSQL side

/** Idempotent: the `temporal` role and its two databases, owned by it (btree_gin, which the visibility schema creates, is a trusted extension). */
async function provisionTemporalDatabases(adminUrl: string): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = admin.escapeIdentifier(temporalRole.user);
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [temporalRole.user]);
    if (exists.rowCount === 0) await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${admin.escapeLiteral(temporalRole.password)}`);
    for (const { database } of temporalDatabases) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${role}`);
    }
  } finally {
    await admin.end();
  }
}

async function hasSchemaVersionTable(adminUrl: string, database: string): Promise<boolean> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new PgClient({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT to_regclass('public.schema_version') IS NOT NULL AS present");
    return rows[0].present === true;
  } finally {
    await client.end();
  }
}

/**
 * `temporal-sql-tool setup-schema -v 0.0` (only on a database without its version table), then
 * `update-schema -d <versioned dir>`, which applies only the versions not yet applied: safe to repeat.
 */
async function setUpSchemas(tools: ClusterToolPaths, pg: RunningPostgres, logFile: string): Promise<void> {
  const run = (database: string, args: string[]): void => {
    const env = {
      ...process.env,
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: '127.0.0.1',
      SQL_PORT: String(pg.port),
      SQL_USER: temporalRole.user,
      SQL_PASSWORD: temporalRole.password,
      SQL_DATABASE: database,
    };
    fs.appendFileSync(logFile, `$ temporal-sql-tool --database ${database} ${args.join(' ')}\n`);
    const result = spawnSync(tools.sqlTool, args, { env, encoding: 'utf8', timeout: 120_000 });
    fs.appendFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.status !== 0) {
      throw new ClusterError('CLUSTER.SCHEMA_FAILED', `temporal-sql-tool ${args[0]} on ${database} failed (${result.error?.message ?? `exit ${result.status}`}); see ${logFile}`);
    }
  };
  for (const { database, schema } of temporalDatabases) {
    if (!(await hasSchemaVersionTable(pg.adminUrl, database))) run(database, ['setup-schema', '-v', '0.0']);
    run(database, ['update-schema', '-d', path.join(tools.schemaDir, schema, 'versioned')]);
  }
}

// ------------------------------------------------------------------------------------------ the server

type PortName =
  | 'frontendPort' | 'frontendHttpPort' | 'frontendMembershipPort'
  | 'historyPort' | 'historyMembershipPort'
  | 'matchingPort' | 'matchingMembershipPort'
  | 'workerPort' | 'workerMembershipPort';

/** Resolves true when nothing listens on 127.0.0.1:port (a moment ago). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A free port for the server. Not one the OS would pick (freePort): Temporal's cluster_membership table keeps the
 * membership port in a smallint column, so a port above 32767 stops the server ("out of range for type smallint"),
 * and Linux hands out ephemeral ports from 32768 up.
 */
async function freeServerPort(taken: ReadonlySet<number>): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await canListen(port))) return port;
  }
  throw new ClusterError('CLUSTER.NOT_READY', 'no free port between 20000 and 32000');
}

/** Replaces every `{{name}}` of the template; a placeholder without a value is an error, not an empty string. */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}} in the Temporal server template`);
    return String(values[name]);
  });
}

export interface TemporalClusterOptions {
  /** Frontend gRPC port; default a free one. */
  port?: number;
  /** PostgreSQL port; default a free one. */
  pgPort?: number;
  /** PostgreSQL data directory, kept across runs; default a temporary one, deleted on stop. */
  dataDir?: string;
  /** Default TEMPORAL_NAMESPACE, else `default` (libs/config/src/temporal.config.ts). */
  namespace?: string;
  /** Default test/artifacts/cluster. */
  logDir?: string;
  /** Progress lines; default none. */
  log?: (message: string) => void;
  /** Until the namespace and search attributes answer; default 120 s. */
  startTimeoutMs?: number;
}

export interface RunningTemporalCluster {
  /** `127.0.0.1:<port>`: TEMPORAL_ADDRESS. */
  address: string;
  namespace: string;
  /** The PostgreSQL holding Temporal's databases and the event store's `reglife` (its roles provisioned). */
  postgres: RunningPostgres;
  /** The project's search attributes per type against the SQL visibility columns. */
  searchAttributes: SearchAttributeCapacity[];
  serverPid: number;
  logDir: string;
  /** The server (SIGTERM, SIGKILL after 20 s), then PostgreSQL. */
  stop(): Promise<void>;
}

const namespaceRetention = msToTs(3 * 86_400_000);

/** gRPC status code of an error from @temporalio/client, when it has one. */
const grpcCode = (error: unknown): number | undefined => (error as { code?: number } | null)?.code;
const ALREADY_EXISTS = 6;

/** Registers the namespace when missing and waits until the frontend serves it. */
async function ensureNamespace(connection: Connection, namespace: string, deadline: number): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: namespaceRetention });
  } catch (error) {
    if (grpcCode(error) !== ALREADY_EXISTS) throw error;
  }
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

/** Adds the missing search attributes to the namespace (SQL visibility keeps them per namespace); a clash of types is an error. */
async function ensureSearchAttributes(connection: Connection, namespace: string, deadline: number): Promise<void> {
  const wanted = searchAttributeIndexedTypes();
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = customAttributes ?? {};
  const clashes = Object.entries(wanted).filter(([name, type]) => name in existing && existing[name] !== type);
  if (clashes.length > 0) {
    throw new ClusterError('CLUSTER.SEARCH_ATTRIBUTES_DO_NOT_FIT', `registered with another type in ${namespace}: ${clashes.map(([name]) => name).join(', ')}`);
  }
  const missing = Object.fromEntries(Object.entries(wanted).filter(([name]) => !(name in existing)));
  if (Object.keys(missing).length > 0) {
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
    } catch (error) {
      if (grpcCode(error) !== ALREADY_EXISTS) throw error;
    }
  }
  for (;;) {
    const listed = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
    const absent = Object.keys(wanted).filter((name) => !(name in listed));
    if (absent.length === 0) return;
    if (Date.now() > deadline) throw new ClusterError('CLUSTER.NOT_READY', `search attributes not listed in time: ${absent.join(', ')}`);
    await sleep(500);
  }
}

/**
 * Starts PostgreSQL, sets up Temporal's schemas, starts the server and registers the namespace and search
 * attributes. Everything started is stopped again when a step fails.
 */
export async function startTemporalCluster(options: TemporalClusterOptions = {}): Promise<RunningTemporalCluster> {
  const say = options.log ?? (() => undefined);
  const tools = clusterToolPaths();
  for (const file of [tools.server, tools.sqlTool]) {
    if (!fs.existsSync(file)) throw new ClusterError('CLUSTER.TOOLS_MISSING', `${file} is missing: run \`bash scripts/ensure-tools.sh --for cluster\``);
  }
  requireTool(path.join(tools.schemaDir, 'visibility', 'schema.sql'));
  const searchAttributes = checkSearchAttributeCapacity(sqlVisibilityColumns(fs.readFileSync(path.join(tools.schemaDir, 'visibility', 'schema.sql'), 'utf8')));
  const namespace = options.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default';
  const logDir = path.resolve(options.logDir ?? path.join(projectRoot, 'test', 'artifacts', 'cluster'));
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = (name: string): string => {
    const file = path.join(logDir, name);
    fs.writeFileSync(file, '');
    return file;
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  const persistent = options.dataDir !== undefined;
  const dataDir = persistent ? path.resolve(options.dataDir as string) : fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-cluster-pg-'));

  let started = Date.now();
  const pgLog = logFile('postgres.log');
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: options.pgPort ?? (await freePort()),
    persistent,
    onLog: (line) => fs.appendFileSync(pgLog, `${line}\n`),
  }).catch((error: unknown) => {
    if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  say(`PostgreSQL on 127.0.0.1:${postgres.port} in ${Date.now() - started} ms (${dataDir})`);

  const stops: (() => Promise<void>)[] = [postgres.stop];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop();
    if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    started = Date.now();
    await provisionTemporalDatabases(postgres.adminUrl);
    await setUpSchemas(tools, postgres, logFile('sql-tool.log'));
    say(`schemas of temporal and temporal_visibility up to date in ${Date.now() - started} ms (temporal-sql-tool ${tools.version})`);

    const portNames: PortName[] = [
      'frontendPort', 'frontendHttpPort', 'frontendMembershipPort', 'historyPort', 'historyMembershipPort',
      'matchingPort', 'matchingMembershipPort', 'workerPort', 'workerMembershipPort',
    ];
    const ports = {} as Record<PortName, number>;
    for (const name of portNames) {
      ports[name] = name === 'frontendPort' && options.port ? options.port : await freeServerPort(new Set(Object.values(ports)));
    }
    const configFile = path.join(logDir, 'temporal-server.yaml');
    fs.writeFileSync(
      configFile,
      renderTemplate(fs.readFileSync(path.join(templateDir, 'temporal-server.template.yaml'), 'utf8'), {
        ...ports,
        logLevel: 'warn',
        pgHost: '127.0.0.1',
        pgPort: postgres.port,
        pgUser: temporalRole.user,
        pgPassword: temporalRole.password,
        dynamicConfigFile: path.join(templateDir, 'dynamic-config.yaml'),
      }),
    );

    started = Date.now();
    const server = await startServer(tools.server, configFile, logFile('temporal-server.log'));
    stops.push(server.stop);
    const address = `127.0.0.1:${ports.frontendPort}`;
    await waitUntilReady(address, namespace, deadline, server);
    say(`Temporal server ${tools.version} (${services.join(', ')}) on ${address}, namespace ${namespace} and search attributes ready in ${Date.now() - started} ms`);

    let stopping: Promise<void> | undefined;
    return {
      address,
      namespace,
      postgres,
      searchAttributes,
      serverPid: server.pid,
      logDir,
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface ServerProcess {
  pid: number;
  exitReason(): string | undefined;
  output(): string;
  stop(): Promise<void>;
}

async function startServer(binary: string, configFile: string, logFile: string): Promise<ServerProcess> {
  const args = ['--config-file', configFile, '--allow-no-auth', 'start', ...services.flatMap((service) => ['--service', service])];
  fs.appendFileSync(logFile, `$ ${binary} ${args.join(' ')}\n`);
  // Its error lines carry whole stack traces: the tail keeps the start of each.
  const output = new OutputTail(30);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], cwd: path.dirname(configFile) });
  child.unref();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output.push(chunk.replace(/^(.{400}).*$/gm, '$1…'));
      log.write(chunk);
    });
    (stream as unknown as { unref?: () => void }).unref?.();
  }
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => {
    exitReason = signal ? `signal ${signal}` : `code ${code}`;
    log.end();
  });
  const pid = child.pid;
  if (pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new ClusterError('CLUSTER.NOT_READY', `could not spawn ${binary}`);
  }
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const unregister = registerEmergencyStop(() => isRunning(child) && signalGroup('SIGTERM'));
  return {
    pid,
    exitReason: () => exitReason,
    output: () => output.text(),
    async stop() {
      if (isRunning(child)) {
        signalGroup('SIGTERM');
        if (!(await waitForExit(child, 20_000))) {
          signalGroup('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      unregister();
    },
  };
}

/** Frontend health SERVING, then the namespace and the search attributes. */
async function waitUntilReady(address: string, namespace: string, deadline: number, server: ServerProcess): Promise<void> {
  const [host, port] = [address.split(':')[0], Number(address.split(':')[1])];
  let connection: Connection | undefined;
  let lastProblem = 'port not open';
  try {
    for (;;) {
      const exited = server.exitReason();
      if (exited) throw new ClusterError('CLUSTER.NOT_READY', `temporal-server exited (${exited}) before it was ready:\n${server.output()}`);
      if (Date.now() > deadline) throw new ClusterError('CLUSTER.NOT_READY', `not ready on ${address} in time (${lastProblem}):\n${server.output()}`);
      if (await portAccepts(port, host)) {
        try {
          connection ??= await Connection.connect({ address, connectTimeout: 5_000 });
          const health = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
          if (health.status !== 1) throw new Error(`frontend health ${health.status}`);
          await ensureNamespace(connection, namespace, deadline);
          await ensureSearchAttributes(connection, namespace, deadline);
          return;
        } catch (error) {
          if (error instanceof ClusterError) throw error;
          lastProblem = error instanceof Error ? error.message : String(error);
        }
      }
      await sleep(500);
    }
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------------------ on its own

async function main(): Promise<void> {
  const say = (message: string): void => void process.stdout.write(`[cluster] ${message}\n`);
  const cluster = await startTemporalCluster({
    log: say,
    dataDir: process.env.CLUSTER_DATA_DIR || undefined,
    port: process.env.TEMPORAL_PORT ? Number(process.env.TEMPORAL_PORT) : undefined,
  });
  say(`TEMPORAL_ADDRESS=${cluster.address} TEMPORAL_NAMESPACE=${cluster.namespace} DATABASE_ADMIN_URL=${cluster.postgres.adminUrl}`);
  say(`logs in ${cluster.logDir}; Ctrl-C stops the server and PostgreSQL`);
  const onSignal = (): void => {
    void cluster.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[cluster] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
