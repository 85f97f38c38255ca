/**
 * Access-control settings, read from the environment once and validated at start-up: how bearer tokens are
 * verified (an identity provider's JWKS, or a local public key: the api never holds a private key) and the
 * per-client rates of commands, reads and streams.
 */
import { registerAs } from '@nestjs/config';

/** Asymmetric algorithms only: a shared-secret (HS*) or `none` token is never accepted. */
export const supportedAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type SupportedAlgorithm = (typeof supportedAlgorithms)[number];

export interface AuthConfig {
  /** An identity provider's JSON Web Key Set (e.g. Keycloak's `…/protocol/openid-connect/certs`); null: local public key. */
  jwksUrl: string | null;
  /** Expected `iss` of every token. */
  issuer: string;
  /** Expected `aud` of every token. */
  audience: string;
  /** Algorithms accepted from the JWKS (the local key accepts its own algorithm only). */
  algorithms: SupportedAlgorithm[];
  /** The local public key (SPKI PEM or a public JWK as JSON) from the environment, or null. */
  publicKey: string | null;
  /** A file holding the local public key, or null. */
  publicKeyFile: string | null;
  /** Allowed clock skew for `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** Commands (POST) one client may send per window; the bucket refills continuously. */
  commandRateLimit: number;
  commandRateWindowSeconds: number;
  /** Reads (GET of routes that need a token: views, lists, inbox, reports, exports, streams) per client and window. */
  readRateLimit: number;
  readRateWindowSeconds: number;
  /** Inbox streams one client may hold open at once. */
  streamsPerClient: number;
}

export const LOCAL_ISSUER = 'reglife-local';
export const DEFAULT_AUDIENCE = 'reglife-api';

export const authConfig = registerAs(
  'auth',
  (): AuthConfig => ({
    jwksUrl: process.env.AUTH_JWKS_URL || null,
    issuer: process.env.AUTH_ISSUER || LOCAL_ISSUER,
    audience: process.env.AUTH_AUDIENCE || DEFAULT_AUDIENCE,
    algorithms: (process.env.AUTH_ALGORITHMS || 'RS256,ES256').split(',').map((a) => a.trim()) as SupportedAlgorithm[],
    publicKey: process.env.AUTH_PUBLIC_KEY || null,
    publicKeyFile: process.env.AUTH_PUBLIC_KEY_FILE || null,
    clockToleranceSeconds: Number(process.env.AUTH_CLOCK_TOLERANCE_SECONDS ?? 30),
    commandRateLimit: Number(process.env.API_COMMAND_RATE_LIMIT ?? 600),
    commandRateWindowSeconds: Number(process.env.API_COMMAND_RATE_WINDOW_SECONDS ?? 60),
    readRateLimit: Number(process.env.API_READ_RATE_LIMIT ?? 3000),
    readRateWindowSeconds: Number(process.env.API_READ_RATE_WINDOW_SECONDS ?? 60),
    streamsPerClient: Number(process.env.API_STREAMS_PER_CLIENT ?? 5),
  }),
);

/** Problems with the access-control settings, for the api's start-up validation. */
export function authEnvProblems(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  if (set('AUTH_JWKS_URL')) {
    let url: URL | null = null;
    try {
      url = new URL(String(env.AUTH_JWKS_URL));
    } catch {
      // reported below
    }
    if (!url || !['https:', 'http:'].includes(url.protocol)) problems.push('AUTH_JWKS_URL must be an http(s) URL');
    if (!set('AUTH_ISSUER')) problems.push('AUTH_ISSUER is required with AUTH_JWKS_URL (the provider realm URL, the `iss` of its tokens)');
  }
  const keySources = ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_PUBLIC_KEY_FILE'].filter(set);
  if (keySources.length > 1) problems.push(`set one of AUTH_JWKS_URL, AUTH_PUBLIC_KEY, AUTH_PUBLIC_KEY_FILE (got ${keySources.join(' and ')})`);
  if (set('AUTH_SIGNING_KEY')) {
    problems.push(
      'AUTH_SIGNING_KEY is a private key: the api verifies with a public key only; give it AUTH_PUBLIC_KEY or AUTH_PUBLIC_KEY_FILE ' +
        '(`npm run -s token -- --public-key` prints it) and keep the private key with the token command',
    );
  }
  if (set('AUTH_ALGORITHMS')) {
    const unknown = String(env.AUTH_ALGORITHMS)
      .split(',')
      .map((a) => a.trim())
      .filter((a) => !(supportedAlgorithms as readonly string[]).includes(a));
    if (unknown.length > 0) problems.push(`AUTH_ALGORITHMS may list only ${supportedAlgorithms.join(', ')} (got ${unknown.join(', ')})`);
  }
  for (const name of ['AUTH_CLOCK_TOLERANCE_SECONDS']) {
    if (env[name] !== undefined && !/^\d{1,4}$/.test(String(env[name]))) problems.push(`${name} must be 0 to 9999`);
  }
  for (const name of ['API_COMMAND_RATE_LIMIT', 'API_COMMAND_RATE_WINDOW_SECONDS', 'API_READ_RATE_LIMIT', 'API_READ_RATE_WINDOW_SECONDS', 'API_STREAMS_PER_CLIENT']) {
    if (env[name] !== undefined && !/^[1-9]\d{0,8}$/.test(String(env[name]))) problems.push(`${name} must be a positive integer`);
  }
  return problems;
}
