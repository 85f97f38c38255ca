/**
 * `npm start` (through scripts/start.sh): the whole system on one machine.
 *   - PostgreSQL: embedded, data in $DATA_DIR/postgres, port $PG_PORT (5433), unless DATABASE_URL is set; with the
 *     migration owner and the application role (tools/dev-stack/database-roles.ts). The event store migrations run
 *     here, as the owner (DATABASE_MIGRATION_URL when DATABASE_URL is given); the apps connect as the application role
 *   - Temporal:   CLI dev server, SQLite $DATA_DIR/temporal.db, gRPC 7233, UI 8233, unless TEMPORAL_ADDRESS is set
 *   - worker (apps/worker/src/main.ts) and api (apps/api/src/main.ts) as child processes, started together; the
 *     worker starts from the saved workflow bundle (dist/workflow-bundle.js, shared with `npm run build:workflows`
 *     and the tests) when it matches workflows/ and libs/domain/, else it bundles them (some seconds, meanwhile the
 *     api boots) and saves the bundle for the next start. Its log says which, with the hash.
 * SIGINT / SIGTERM stop everything in reverse order: api and worker, then Temporal, then PostgreSQL.
 * Bearer tokens: unless AUTH_JWKS_URL or a public key is configured, the api gets AUTH_PUBLIC_KEY, the public half of
 * the token command's key ($DATA_DIR/keys/signing-key.pem or AUTH_SIGNING_KEY, scripts/token.ts); no private key
 * reaches the api or the worker.
 * Web sign-in: unless OIDC_ISSUER names a provider, the embedded OpenID provider (apps/idp/src/main.ts) runs on
 * IDP_PORT (8090) with the demo accounts (apps/idp/src/demo-accounts.json; passwords generated per data directory in
 * $DATA_DIR/idp/demo-passwords.json, or IDP_DEMO_PASSWORD for all), and the api gets OIDC_* for it: it then accepts
 * the provider's tokens (web sessions) and the token command's alike, each for its own issuer.
 * Data survives restarts. DATA_DIR defaults to ./data.
 * Flags: --no-demo skips the demo data; --reset deletes DATA_DIR first (the event log is append-only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { migrateEventStore } from '@app/event-store';
import { portAccepts, projectRoot, startEmbeddedPostgres, startTemporalDevServer } from '../tools/dev-stack/servers';
import { regulationTaskQueue } from '../workflows/messages';
import { AccountRecord } from '../apps/idp/src/accounts';
import { API_RESOURCE, WEB_CLIENT_ID } from '../apps/idp/src/identity-provider';
import { demoAccountRecords, idpStateDir, IdpState, loadOrCreateIdpState } from '../apps/idp/src/idp-state';
import { ensureWebBuild } from '../tools/web/build';
import { loadDemoData } from './demo-data';
import { localPublicKeyPem, mintDemoTokens } from './token';

const log = (message: string): void => {
  process.stdout.write(`[start] ${message}\n`);
};
// A closed terminal or pipe (EPIPE) must not crash the process before it has stopped its children.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

interface Running {
  name: string;
  stop(): Promise<void>;
}

const running: Running[] = [];
let shuttingDown = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${reason}: stopping…`);
  for (const item of [...running].reverse()) {
    const started = Date.now();
    try {
      await item.stop();
      log(`stopped ${item.name} (${Date.now() - started} ms)`);
    } catch (error) {
      log(`could not stop ${item.name} cleanly: ${String(error)}`);
    }
  }
  log('everything stopped');
  process.exit(exitCode);
}

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    log(`${signal} again: exiting now (servers get a last signal)`);
    process.exit(1);
  }
  void shutdown(`received ${signal}`, 0);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

function envPort(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a port number, got "${value}"`);
  return Number(value);
}

async function assertPortFree(port: number, what: string, hint: string): Promise<void> {
  if (await portAccepts(port)) throw new Error(`port ${port} for ${what} is already in use (${hint})`);
}

/** Runs a TypeScript entry point with ts-node; its output is prefixed with [name]. */
function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): Running | undefined {
  const file = path.join(projectRoot, entry);
  if (!fs.existsSync(file)) {
    log(`${entry} does not exist yet: not starting the ${name}`);
    return undefined;
  }
  const tsNode = require.resolve('ts-node/dist/bin.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [tsNode, '-r', 'tsconfig-paths/register', '--transpile-only', file],
    { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) target.write(`[${name}] ${line}\n`);
    });
    stream?.on('end', () => partial && target.write(`[${name}] ${partial}\n`));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should this process die without its ordered shutdown, the child goes with it.
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);
  child.once('exit', (code, signal) => {
    if (!shuttingDown) void shutdown(`the ${name} exited (${signal ?? `code ${code}`})`, 1);
  });
  log(`started the ${name} (pid ${child.pid}): ${entry}`);
  return {
    name: `the ${name}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function main(): Promise<void> {
  const flags = new Set(process.argv.slice(2));
  const dataDir = path.resolve(projectRoot, process.env.DATA_DIR || 'data');
  if (flags.has('--reset')) {
    log(`--reset: deleting ${dataDir}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  // The apps never get the migration owner's URL (the migrations run here, before they start) nor the token signing key.
  const { DATABASE_MIGRATION_URL: givenMigrationUrl, AUTH_SIGNING_KEY: _signingKey, ...env } = process.env;
  let migrationUrl: string | undefined;

  if (env.DATABASE_URL) {
    log(`using DATABASE_URL from the environment`);
    migrationUrl = givenMigrationUrl;
  } else {
    const port = envPort('PG_PORT', 5433);
    await assertPortFree(port, 'PostgreSQL', 'is another `npm start` running? set PG_PORT, or DATABASE_URL to use that server');
    const pgDir = path.join(dataDir, 'postgres');
    const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    log(`starting PostgreSQL on 127.0.0.1:${port} (${fresh ? 'new cluster in' : 'data'} ${pgDir})…`);
    const started = Date.now();
    const logFile = path.join(dataDir, 'postgres.log');
    const pg = await startEmbeddedPostgres({
      dataDir: pgDir,
      port,
      persistent: true,
      onLog: (line) => fs.appendFileSync(logFile, `${line}\n`),
    });
    running.push({ name: 'PostgreSQL', stop: pg.stop });
    env.DATABASE_URL = pg.url;
    migrationUrl = pg.migrationUrl;
    log(`PostgreSQL ready in ${Date.now() - started} ms: ${pg.url} (log ${logFile})`);
  }
  if (shuttingDown) return;

  let uiUrl: string | undefined;
  if (env.TEMPORAL_ADDRESS) {
    log(`using TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS} from the environment`);
  } else {
    const port = envPort('TEMPORAL_PORT', 7233);
    const uiPort = envPort('TEMPORAL_UI_PORT', 8233);
    await assertPortFree(port, 'Temporal', 'is another `npm start` or dev server running? set TEMPORAL_ADDRESS to use it');
    await assertPortFree(uiPort, 'the Temporal UI', 'set TEMPORAL_UI_PORT');
    const dbFile = path.join(dataDir, 'temporal.db');
    log(`starting the Temporal dev server on 127.0.0.1:${port} (${dbFile})…`);
    const started = Date.now();
    const temporal = await startTemporalDevServer({
      port,
      uiPort,
      headless: false,
      dbFile,
      logFile: path.join(dataDir, 'temporal.log'),
    });
    running.push({ name: 'the Temporal dev server', stop: temporal.stop });
    env.TEMPORAL_ADDRESS = temporal.address;
    env.TEMPORAL_NAMESPACE = temporal.namespace;
    uiUrl = temporal.uiUrl;
    log(`Temporal ready in ${Date.now() - started} ms: ${temporal.address} (log ${path.join(dataDir, 'temporal.log')})`);
  }
  env.TEMPORAL_NAMESPACE ??= 'default';
  if (shuttingDown) return;

  if (migrationUrl) {
    const executed = await migrateEventStore(migrationUrl);
    log(executed.length === 0 ? 'event store schema is up to date' : `event store migrations run: ${executed.join(', ')}`);
  } else {
    log('DATABASE_MIGRATION_URL is not set: not migrating (the api and the worker refuse a schema behind the code)');
  }
  if (shuttingDown) return;

  if (!env.AUTH_JWKS_URL && !env.AUTH_PUBLIC_KEY && !env.AUTH_PUBLIC_KEY_FILE) env.AUTH_PUBLIC_KEY = (await localPublicKeyPem()) ?? undefined;
  const demoAccounts = env.OIDC_ISSUER ? undefined : await startIdentityProvider(env, dataDir);
  if (shuttingDown) return;
  const worker = spawnApp('worker', 'apps/worker/src/main.ts', env);
  if (worker) running.push(worker);
  // The api serves the web app from apps/web/dist: built here when its sources changed since the last build.
  ensureWebBuild({ log });
  const api = spawnApp('api', 'apps/api/src/main.ts', env);
  if (api) running.push(api);

  log('ready:');
  if (uiUrl) log(`  Temporal UI   ${uiUrl}`);
  log(`  Temporal      ${env.TEMPORAL_ADDRESS} (namespace ${env.TEMPORAL_NAMESPACE})`);
  log(`  PostgreSQL    ${env.DATABASE_URL}`);
  if (api) log(`  API           http://127.0.0.1:${env.PORT || 3000} (OpenAPI /docs)`);
  if (api) log(`  Web app       http://127.0.0.1:${env.PORT || 3000}/ (officers, ward chairs, supervisors, auditors)`);
  if (!flags.has('--no-demo') && worker) await loadDemo(env);
  if (api) await printDemoTokens();
  if (api && env.OIDC_ISSUER) log(`web sign-in: http://127.0.0.1:${env.PORT || 3000}/auth/login (OpenID provider ${env.OIDC_ISSUER})`);
  if (api && demoAccounts) printDemoAccounts(demoAccounts.records, demoAccounts.state, dataDir);
  log('press Ctrl-C to stop');
}

/**
 * Starts the embedded OpenID provider with the demo accounts and points the api at it (OIDC_*): the api is its
 * confidential client `reglife-web`, asking for access tokens for the api's resource.
 */
async function startIdentityProvider(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ records: AccountRecord[]; state: IdpState }> {
  const port = envPort('IDP_PORT', 8090);
  await assertPortFree(port, 'the identity provider', 'set IDP_PORT, or OIDC_ISSUER to use another provider');
  const records = demoAccountRecords();
  const state = loadOrCreateIdpState(dataDir, records, env.IDP_DEMO_PASSWORD || undefined);
  const issuer = env.IDP_ISSUER || `http://127.0.0.1:${port}`;
  const idp = spawnApp('idp', 'apps/idp/src/main.ts', { ...env, IDP_PORT: String(port), DATA_DIR: dataDir });
  if (!idp) return { records, state };
  running.push(idp);
  const started = Date.now();
  while (!(await fetch(`${issuer}/.well-known/openid-configuration`).then((res) => res.ok, () => false))) {
    if (shuttingDown) return { records, state };
    if (Date.now() - started > 60_000) throw new Error(`the identity provider did not answer at ${issuer} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`identity provider ready in ${Date.now() - started} ms: ${issuer}`);
  Object.assign(env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: WEB_CLIENT_ID, OIDC_CLIENT_SECRET: state.clientSecret, OIDC_RESOURCE: API_RESOURCE });
  return { records, state };
}

/** The demo accounts' user names and passwords, a line per ward (the demo's; a real deployment uses its own provider). */
function printDemoAccounts(records: AccountRecord[], state: IdpState, dataDir: string): void {
  log(`demo accounts of the sign-in page (user name / password; kept in ${path.join(idpStateDir(dataDir), 'demo-passwords.json')}):`);
  const byWard = new Map<string, AccountRecord[]>();
  for (const record of records) byWard.set(record.wards.join(','), [...(byWard.get(record.wards.join(',')) ?? []), record]);
  for (const [wards, accounts] of byWard) {
    log(`  ${(wards === '*' ? 'district' : wards).padEnd(16)} ${accounts.map((a) => `${a.username} / ${state.passwords[a.username]}`).join('   ')}`);
  }
}

/** A ready-to-use bearer token per demo role (12 h), signed with the key the api verifies with. */
async function printDemoTokens(): Promise<void> {
  const tokens = await mintDemoTokens();
  if (Object.keys(tokens).length === 0) {
    log('AUTH_JWKS_URL is set: get tokens from the identity provider');
    return;
  }
  log(`demo tokens (Authorization: Bearer …; more with \`npm run -s token -- --role ROLE --ward WARD\`):`);
  for (const [role, token] of Object.entries(tokens)) log(`  ${role.padEnd(17)} ${token}`);
}

/** Loads the demo data once per database, through the workflows (the worker must be running). */
async function loadDemo(env: NodeJS.ProcessEnv): Promise<void> {
  const started = Date.now();
  const client = new Client({
    connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS! }),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const loaded = await loadDemoData({
    client,
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? regulationTaskQueue,
    databaseUrl: env.DATABASE_URL!,
    log,
  });
  log(loaded ? `demo data loaded in ${Math.round((Date.now() - started) / 1000)} s` : 'demo data already loaded');
  await client.connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  void shutdown('start-up failed', 1);
});
