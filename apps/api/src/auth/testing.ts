/**
 * Tokens for tests: a fresh signing key per suite, its public half handed to the api as AUTH_PUBLIC_KEY, and tokens
 * signed with it for any principal. Test support only; the api never imports it.
 */
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from './auth.config';
import { mintToken, TokenClaims } from './dev-tokens';
import { generateSigningKeyPem, LocalSigningKey, parseSigningKey, publicKeyPem } from './signing-key';

export interface TestAuth {
  /** PKCS#8 PEM of the private key: what the token command takes as AUTH_SIGNING_KEY (the api refuses it). */
  signingKeyPem: string;
  /** SPKI PEM of the public key: set it as AUTH_PUBLIC_KEY before createApp. */
  publicKeyPem: string;
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
    publicKeyPem: publicKeyPem(key),
    key,
    token,
    bearer: async (claims, ttlSeconds) => ({ Authorization: `Bearer ${await token(claims, ttlSeconds)}` }),
  };
}
