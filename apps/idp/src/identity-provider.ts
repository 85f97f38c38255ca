/**
 * The embedded OpenID provider of `npm start` and of the tests: panva's oidc-provider (certified, not hand-written)
 * behind a plain Node HTTP server that adds the sign-in pages. Authorization code with PKCE (S256) only; access tokens
 * are JWTs for the api's resource (audience `reglife-api`) carrying the account's `role` and `wards`; the ID token
 * carries `name`; RP-initiated logout (end_session) is on. Consent is never asked of a first-party client, and sign-in
 * is asked only when the browser has no session at the provider.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as OidcProviderModule from 'oidc-provider';
import type { ClientMetadata, Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider';
import { inNativeRealm, requireNative } from '@app/config';
import { Account, verifyPassword } from './accounts';
import { renderErrorPage, renderLoginPage, renderLogoutPage } from './login-page';
import { ProviderStore } from './provider-store';

/** The api's resource indicator and the audience of its access tokens (the api's DEFAULT_AUDIENCE). */
export const API_RESOURCE = 'urn:reglife:api';
export const API_AUDIENCE = 'reglife-api';
/** The client id of the api's web sign-in (a confidential client: the api is the browser's back end). */
export const WEB_CLIENT_ID = 'reglife-web';

export interface IdentityProviderClient {
  clientId: string;
  /** A confidential client's secret (client_secret_basic); none: a public client. */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Shown on the sign-in page. */
  name?: string;
  /** A first-party client is never asked for consent. */
  firstParty?: boolean;
}

export interface IdentityProviderOptions {
  /** 0: a free port. */
  port: number;
  host?: string;
  /** Default `http://127.0.0.1:<port>` (the port actually bound). */
  issuer?: string;
  clients: IdentityProviderClient[];
  accounts: Account[];
  /** Private JWKs to sign with (RS256); default one generated in memory. */
  signingKeys?: JWK[];
  /** Keys of the provider's signed cookies, newest first; default one generated in memory. */
  cookieKeys?: string[];
  /** Lifetime of access tokens (default 15 min): the api renews them with the refresh token while the session lasts. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of the browser's session at the provider (default 8 h). */
  sessionTtlSeconds?: number;
  /** Where its sessions, grants and refresh tokens are kept across restarts (provider-store.ts); default in memory. */
  storeFile?: string;
}

export interface RunningIdentityProvider {
  issuer: string;
  /** Base URL of the server (the issuer, unless the issuer names a proxy). */
  url: string;
  close(): Promise<void>;
}

type ProviderModule = typeof OidcProviderModule;

/** A new RS256 signing key as a private JWK with its `kid`. */
export function generateSigningJwk(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  // RFC 7638 thumbprint of the public members, in their lexicographic order.
  const kid = createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

export function generateCookieKey(): string {
  return randomBytes(32).toString('base64url');
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const { Provider, errors } = requireNative<ProviderModule>('oidc-provider');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
  const issuer = options.issuer ?? url;
  const accounts = new Map(options.accounts.map((account) => [account.username, account]));
  const firstParty = new Set(options.clients.filter((client) => client.firstParty !== false).map((client) => client.clientId));
  const clientNames = new Map(options.clients.map((client) => [client.clientId, client.name ?? client.clientId]));
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 15 * 60;
  const sessionTtl = options.sessionTtlSeconds ?? 8 * 3600;
  const store = new ProviderStore(options.storeFile ?? null);

  const configuration: Configuration = {
    adapter: (model: string) => store.adapter(model),
    clients: options.clients.map(clientMetadata),
    jwks: { keys: options.signingKeys ?? [generateSigningJwk()] },
    cookies: { keys: options.cookieKeys ?? [generateCookieKey()] },
    claims: { openid: ['sub'], profile: ['name'] },
    // The ID token carries the scopes' claims (`name`) even though an access token is issued too.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // A refresh token for every client allowed the grant, without the offline_access scope: it then ends with the
    // browser's session here (oidc-provider's expiresWithSession), so signing out at the provider ends it too.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    responseTypes: ['code'],
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return inNativeRealm({ accountId: id, claims: () => inNativeRealm({ sub: id, name: account.name }) });
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const account = accounts.get(token.accountId);
      return account ? inNativeRealm({ role: account.role, wards: account.wards, name: account.name }) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          return inNativeRealm({ scope: 'api', audience: API_AUDIENCE, accessTokenTTL: accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } });
        },
      },
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: sessionTtl,
      RefreshToken: sessionTtl,
      Session: sessionTtl,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party clients: consent is implied (the api is the same system), so only sign-in is ever asked.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      if (!firstParty.has(client.clientId)) return undefined;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(API_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage(out.error, out.error_description);
    },
  };
  const provider = new Provider(issuer, inNativeRealm(configuration));
  provider.on('server_error', (_ctx: unknown, error: Error) => process.stderr.write(`[idp] server error: ${error.stack ?? error.message}\n`));
  // Behind a proxy only when the issuer is not the server itself (TLS terminated in front).
  provider.proxy = issuer !== url;
  const oidc = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(path);
    if (!match) {
      void oidc(req, res);
      return;
    }
    handleInteraction(req, res, match[2] === '/login').catch((error: unknown) => {
      const name = (error as { name?: string }).name;
      // An unknown or expired interaction (cookie gone, too late): the user starts again from the application.
      const status = name === 'SessionNotFound' ? 400 : 500;
      if (status === 500) process.stderr.write(`[idp] interaction failed: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) send(res, status, renderErrorPage(status === 400 ? 'Phiên đăng nhập đã hết hạn' : 'Lỗi máy chủ'));
    });
  });

  // The provider runs in Node's main realm, and under Jest this module does not: what it hands the provider is
  // rebuilt there (inNativeRealm), since the provider tells plain objects by their prototype.
  async function handleInteraction(req: IncomingMessage, res: ServerResponse, posted: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const clientName = clientNames.get(String(details.params.client_id)) ?? 'ứng dụng';
    const action = `/interaction/${details.uid}/login`;
    if (details.prompt.name !== 'login') {
      // Consent for a client that is not first-party is not offered by this demo provider.
      await provider.interactionFinished(
        req,
        res,
        inNativeRealm({ error: 'access_denied', error_description: 'consent is not available' }),
        inNativeRealm({ mergeWithLastSubmission: false }),
      );
      return;
    }
    if (!posted || req.method !== 'POST') {
      if (req.method !== 'GET') return send(res, 405, renderErrorPage('Phương thức không được hỗ trợ'));
      return send(res, 200, renderLoginPage({ action, clientName }));
    }
    const form = new URLSearchParams(await readBody(req));
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const account = accounts.get(username);
    if (!account || !verifyPassword(password, account.passwordHash)) {
      return send(res, 401, renderLoginPage({ action, clientName, username, error: 'Tên đăng nhập hoặc mật khẩu không đúng.' }));
    }
    await provider.interactionFinished(req, res, inNativeRealm({ login: { accountId: account.username } }), inNativeRealm({ mergeWithLastSubmission: false }));
  }

  return {
    issuer,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function clientMetadata(client: IdentityProviderClient): ClientMetadata {
  return {
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
  };
}

/** A form body, at most 16 KiB. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 16_384) {
        reject(new Error('form too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}
