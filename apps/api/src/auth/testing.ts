/**
 * Tokens for tests: a fresh signing key per suite, handed to the api as AUTH_SIGNING_KEY, and tokens signed with
 * it for any principal. Test support only; the api never imports it.
 */
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from './auth.config';
import { mintToken, TokenClaims } from './dev-tokens';
import { generateSigningKeyPem, LocalSigningKey, parseSigningKey } from './signing-key';

export interface TestAuth {
  /** PKCS#8 PEM of the private key: set it as AUTH_SIGNING_KEY before createApp. */
  signingKeyPem: string;
  key: LocalSigningKey;
  token(claims: TokenClaims, ttlSeconds?: number): Promise<string>;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  bearer(claims: TokenClaims, ttlSeconds?: number): Promise<{ Authorization: string }>;
}

export async function createTestAuth(alg: 'ES256' | 'RS256' = 'ES256'): Promise<TestAuth> {
  const signingKeyPem = generateSigningKeyPem(alg);
  const key = await parseSigningKey(signingKeyPem, 'test key');
  const token = (claims: TokenClaims, ttlSeconds?: number) => mintToken(key, claims, { issuer: LOCAL_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds });
  return {
    signingKeyPem,
    key,
    token,
    bearer: async (claims, ttlSeconds) => ({ Authorization: `Bearer ${await token(claims, ttlSeconds)}` }),
  };
}
