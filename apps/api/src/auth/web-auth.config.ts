/**
 * Web sign-in settings (OpenID Connect, the api as the browser's back end), read from the environment once and
 * validated at start-up. Without OIDC_ISSUER there is no web sign-in: its routes answer 404 and API clients keep
 * their bearer tokens.
 */
import { registerAs } from '@nestjs/config';

export interface WebAuthConfig {
  /** The provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`); null: no web sign-in. */
  issuer: string | null;
  clientId: string;
  /** A confidential client's secret (client_secret_basic); null: a public client (PKCE only). */
  clientSecret: string | null;
  /** The callback registered at the provider; null: `<the request's origin>/auth/callback`. */
  redirectUri: string | null;
  /** Where the provider sends the browser after sign-out; null: `<the request's origin>/`. */
  postLogoutRedirectUri: string | null;
  /** A resource indicator (RFC 8707) to ask the access token for, e.g. `urn:reglife:api`; null: none sent. */
  resource: string | null;
  scope: string;
  /** A web session's longest life; it ends sooner when its access token expires. */
  sessionTtlSeconds: number;
}

export const webAuthConfig = registerAs(
  'webAuth',
  (): WebAuthConfig => ({
    issuer: process.env.OIDC_ISSUER || null,
    clientId: process.env.OIDC_CLIENT_ID || 'reglife-web',
    clientSecret: process.env.OIDC_CLIENT_SECRET || null,
    redirectUri: process.env.OIDC_REDIRECT_URI || null,
    postLogoutRedirectUri: process.env.OIDC_POST_LOGOUT_REDIRECT_URI || null,
    resource: process.env.OIDC_RESOURCE || null,
    scope: process.env.OIDC_SCOPE || 'openid profile',
    sessionTtlSeconds: Number(process.env.WEB_SESSION_TTL_SECONDS ?? 8 * 3600),
  }),
);

/** Problems with the web sign-in settings, for the api's start-up validation. */
export function webAuthEnvProblems(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  const httpUrl = (name: string) => {
    if (!set(name)) return;
    try {
      if (['http:', 'https:'].includes(new URL(String(env[name])).protocol)) return;
    } catch {
      // reported below
    }
    problems.push(`${name} must be an http(s) URL`);
  };
  for (const name of ['OIDC_ISSUER', 'OIDC_REDIRECT_URI', 'OIDC_POST_LOGOUT_REDIRECT_URI']) httpUrl(name);
  if (!set('OIDC_ISSUER')) {
    const orphans = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_POST_LOGOUT_REDIRECT_URI', 'OIDC_RESOURCE'].filter(set);
    if (orphans.length > 0) problems.push(`${orphans.join(', ')} need OIDC_ISSUER (the OpenID provider of the web sign-in)`);
  }
  if (set('OIDC_SCOPE') && !String(env.OIDC_SCOPE).split(' ').includes('openid')) problems.push('OIDC_SCOPE must include openid');
  if (env.WEB_SESSION_TTL_SECONDS !== undefined && !/^[1-9]\d{0,7}$/.test(String(env.WEB_SESSION_TTL_SECONDS))) {
    problems.push('WEB_SESSION_TTL_SECONDS must be a positive integer');
  }
  return problems;
}
