/** Development tokens signed with the local key: what `npm run token` prints and what tests send. */
import { SignJWT } from 'jose';
import type { CallerRole } from './principal';
import type { LocalSigningKey } from './signing-key';

export interface TokenClaims {
  sub: string;
  role: CallerRole;
  /** Ward codes, or [`*`] for the whole district. */
  wards: string[];
}

export interface MintOptions {
  issuer: string;
  audience: string;
  /** Lifetime in seconds (default 12 hours). */
  ttlSeconds?: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 3600;

export function mintToken(key: LocalSigningKey, claims: TokenClaims, options: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: claims.role, wards: claims.wards })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS))
    .sign(key.privateKey);
}
