/**
 * Access-control settings, read from the environment once and validated at start-up: how bearer tokens are
 * verified (an identity provider's JWKS, or the embedded local signing key) and the per-client command rate.
 */
import * as path from 'node:path';
import { registerAs } from '@nestjs/config';

/** Asymmetric algorithms only: a shared-secret (HS*) or `none` token is never accepted. */
export const supportedAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type SupportedAlgorithm = (typeof supportedAlgorithms)[number];

export interface AuthConfig {
  /** An identity provider's JSON Web Key Set (e.g. Keycloak's `…/protocol/openid-connect/certs`); null: local key. */
  jwksUrl: string | null;
  /** Expected `iss` of every token. */
  issuer: string;
  /** Expected `aud` of every token. */
  audience: string;
  /** Algorithms accepted from the JWKS (the local key accepts its own algorithm only). */
  algorithms: SupportedAlgorithm[];
  /** The local private key (PKCS#8 PEM or a private JWK as JSON) from the environment, or null. */
  signingKey: string | null;
  /** Where the local key pair is generated once when no key is configured: `${DATA_DIR:-data}/auth`. */
  keyDir: string;
  /** Allowed clock skew for `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** Commands (POST) one client may send per window; the bucket refills continuously. */
  commandRateLimit: number;
  commandRateWindowSeconds: number;
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
    signingKey: process.env.AUTH_SIGNING_KEY || null,
    keyDir: path.resolve(process.env.DATA_DIR || 'data', 'auth'),
    clockToleranceSeconds: Number(process.env.AUTH_CLOCK_TOLERANCE_SECONDS ?? 30),
    commandRateLimit: Number(process.env.API_COMMAND_RATE_LIMIT ?? 600),
    commandRateWindowSeconds: Number(process.env.API_COMMAND_RATE_WINDOW_SECONDS ?? 60),
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
    if (set('AUTH_SIGNING_KEY')) problems.push('set AUTH_JWKS_URL or AUTH_SIGNING_KEY, not both');
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
  for (const name of ['API_COMMAND_RATE_LIMIT', 'API_COMMAND_RATE_WINDOW_SECONDS']) {
    if (env[name] !== undefined && !/^[1-9]\d{0,8}$/.test(String(env[name]))) problems.push(`${name} must be a positive integer`);
  }
  return problems;
}
