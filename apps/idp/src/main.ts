/**
 * The embedded OpenID provider as a process (`npm start` runs it beside the api): demo accounts from
 * demo-accounts.json, keys, passwords, sessions and refresh tokens kept in DATA_DIR/idp, so that a restart signs no one
 * out. A real deployment uses its own provider.
 * Settings: IDP_PORT (8090), IDP_HOST (127.0.0.1), IDP_ISSUER (http://127.0.0.1:<IDP_PORT>), DATA_DIR (./data),
 * IDP_WEB_REDIRECT_URIS and IDP_WEB_POST_LOGOUT_REDIRECT_URIS (comma-separated; default the api's on PORT, 3000),
 * IDP_DEMO_PASSWORD (one password for every demo account instead of generated ones).
 */
import * as path from 'node:path';
import { demoAccountRecords, idpStateDir, loadOrCreateIdpState, withPasswords } from './idp-state';
import { startIdentityProvider, WEB_CLIENT_ID } from './identity-provider';

async function main(): Promise<void> {
  const port = Number(process.env.IDP_PORT || 8090);
  const dataDir = path.resolve(__dirname, '../../..', process.env.DATA_DIR || 'data');
  const apiOrigins = [`http://127.0.0.1:${process.env.PORT || 3000}`, `http://localhost:${process.env.PORT || 3000}`];
  const list = (name: string, fallback: string[]) => (process.env[name] ? process.env[name]!.split(',').map((uri) => uri.trim()) : fallback);
  const records = demoAccountRecords();
  const state = loadOrCreateIdpState(dataDir, records, process.env.IDP_DEMO_PASSWORD || undefined);
  const idp = await startIdentityProvider({
    port,
    host: process.env.IDP_HOST || '127.0.0.1',
    issuer: process.env.IDP_ISSUER || undefined,
    clients: [
      {
        clientId: WEB_CLIENT_ID,
        clientSecret: state.clientSecret,
        name: 'Hệ thống quản lý hương ước, quy ước',
        redirectUris: list('IDP_WEB_REDIRECT_URIS', apiOrigins.map((origin) => `${origin}/auth/callback`)),
        postLogoutRedirectUris: list('IDP_WEB_POST_LOGOUT_REDIRECT_URIS', apiOrigins.map((origin) => `${origin}/`)),
      },
    ],
    accounts: withPasswords(records, state.passwords),
    signingKeys: state.signingKeys,
    cookieKeys: state.cookieKeys,
    storeFile: path.join(idpStateDir(dataDir), 'provider-store.json'),
  });
  process.stdout.write(`identity provider ready: issuer ${idp.issuer} (${records.length} demo accounts)\n`);
  const stop = (): void => {
    void idp.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`identity provider failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
