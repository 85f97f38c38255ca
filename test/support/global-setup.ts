/**
 * jest globalSetup of the integration and e2e projects (jest runs it once even when both are selected):
 * starts one embedded PostgreSQL and one headless in-memory Temporal dev server, unless DATABASE_ADMIN_URL /
 * TEMPORAL_ADDRESS point at running ones, and exports DATABASE_URL (the application role), DATABASE_MIGRATION_URL
 * (the migration owner), DATABASE_ADMIN_URL (creates each suite's database), TEMPORAL_ADDRESS and
 * TEMPORAL_NAMESPACE for the test workers, which jest starts after this and which inherit the environment.
 * Server logs go to test/artifacts/servers/.
 */
import * as path from 'node:path';
import { startEphemeralServers, type EphemeralServers } from '../../tools/dev-stack/servers';
import { projectRoot } from '../../tools/dev-stack/tools';
import { ensureWebBuild } from '../../tools/web/build';

declare global {
  var __reglifeServers: { servers: EphemeralServers; onSignal: (signal: NodeJS.Signals) => void } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (globalThis.__reglifeServers) return;
  const started = Date.now();
  // The api serves the web app from apps/web/dist: built once here when its sources changed (the browser suites use it).
  ensureWebBuild();
  const servers = await startEphemeralServers({ logDir: path.join(projectRoot, 'test', 'artifacts', 'servers') });
  process.env.DATABASE_URL = servers.databaseUrl;
  process.env.DATABASE_MIGRATION_URL = servers.databaseMigrationUrl;
  process.env.DATABASE_ADMIN_URL = servers.databaseAdminUrl;
  process.env.TEMPORAL_ADDRESS = servers.temporalAddress;
  process.env.TEMPORAL_NAMESPACE = servers.temporalNamespace;

  // Interrupted runs: exiting runs the servers' exit hooks, so no server outlives jest.
  const onSignal = (signal: NodeJS.Signals): void => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  globalThis.__reglifeServers = { servers, onSignal };

  const what = servers.started.length > 0 ? `started ${servers.started.join(' + ')} in ${Date.now() - started} ms` : 'reusing servers from the environment';
  process.stderr.write(`\n[test] ${what}: DATABASE_URL=${servers.databaseUrl} TEMPORAL_ADDRESS=${servers.temporalAddress}\n`);
}
