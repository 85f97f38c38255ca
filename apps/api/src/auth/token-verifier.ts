/**
 * Bearer token verification: signature by the identity provider's JWKS or by the local public key, an asymmetric
 * algorithm from the allow-list (never `none`, never HS*), `iss`, `aud`, `exp` (required) and `nbf` with a small
 * clock tolerance, then the `sub`, `role` and `wards` claims.
 */
import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, JWTVerifyOptions, KeyLike } from 'jose';
import type { AuthConfig } from './auth.config';
import { IdentityProviderUnavailableError, TokenProblem, UnauthenticatedError } from './auth.errors';
import { Principal, principalFromClaims } from './principal';
import { loadVerificationKey } from './verification-key';

/** Longer than any sane JWT; refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/i;

export class TokenVerifier {
  private constructor(
    private readonly key: KeyLike | JWTVerifyGetKey,
    private readonly options: JWTVerifyOptions,
    /** Where the keys come from: a JWKS URL or the local key's source. */
    readonly keySource: string,
    private readonly remote: boolean,
  ) {}

  static async create(config: AuthConfig): Promise<TokenVerifier> {
    const options = {
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: config.clockToleranceSeconds,
      requiredClaims: ['exp', 'sub'],
    };
    if (config.jwksUrl) {
      const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      return new TokenVerifier(jwks, { ...options, algorithms: config.algorithms }, `JWKS ${config.jwksUrl}`, true);
    }
    const local = await loadVerificationKey(config);
    new Logger('TokenVerifier').log(`verifying bearer tokens with the local ${local.alg} public key ${local.source} (kid ${local.kid})`);
    return new TokenVerifier(local.publicKey, { ...options, algorithms: [local.alg] }, local.source, false);
  }

  /** The principal of an `Authorization: Bearer …` header, or a 401 saying what is wrong with it. */
  async verify(authorization: string | undefined): Promise<Principal> {
    return (await this.verifyToken(authorization)).principal;
  }

  /** The principal and when the token expires (epoch ms: `exp` is required), or a 401. */
  async verifyToken(authorization: string | undefined): Promise<{ principal: Principal; expiresAt: number }> {
    if (authorization === undefined || authorization === '') {
      throw new UnauthenticatedError('missing', 'send a bearer token: Authorization: Bearer <JWT>');
    }
    const match = authorization.length <= MAX_TOKEN_LENGTH ? BEARER.exec(authorization) : null;
    if (!match) throw new UnauthenticatedError('malformed', 'the Authorization header must be "Bearer <JWT>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], this.key as KeyLike, this.options));
    } catch (error) {
      throw refusal(error, this.remote);
    }
    const principal = principalFromClaims(payload);
    if ('invalid' in principal) {
      throw new UnauthenticatedError('claims', `the token's "${principal.invalid}" claim is missing or not valid`, principal.invalid);
    }
    return { principal, expiresAt: (payload.exp as number) * 1000 };
  }
}

function refusal(error: unknown, remote: boolean): Error {
  const problem = (reason: TokenProblem, message: string, claim?: string) => new UnauthenticatedError(reason, message, claim);
  if (error instanceof errors.JWTExpired) return problem('expired', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return problem('not_yet_valid', 'the token is not valid yet', error.claim);
    return problem('claims', `the token's "${error.claim}" claim is missing or not valid`, error.claim);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return problem('algorithm', 'the token is not signed with an accepted algorithm');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return problem('signature', 'the token signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return problem('unknown_key', 'the token is signed by an unknown key');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return new IdentityProviderUnavailableError();
  if (!(error instanceof errors.JOSEError)) {
    // A key set that cannot be fetched is the provider's problem, not the caller's.
    return remote ? new IdentityProviderUnavailableError() : (error as Error);
  }
  // JWSInvalid, JWTInvalid, JOSEError of key import: a token that is not a well-formed signed JWT.
  return problem('malformed', 'the token is not a well-formed signed JWT');
}
