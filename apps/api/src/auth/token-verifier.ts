/**
 * Bearer token verification: signature by the identity provider's JWKS or by the local public key (and, with web
 * sign-in configured, by the OpenID provider's JWKS for the tokens it issued: each key source for its own `iss`), an asymmetric
 * algorithm from the allow-list (never `none`, never HS*), `iss`, `aud`, `exp` (required) and `nbf` with a small
 * clock tolerance, then the `sub`, `role` and `wards` claims.
 */
import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, JWTVerifyOptions, KeyLike } from 'jose';
import type { AuthConfig } from './auth.config';
import { IdentityProviderUnavailableError, TokenProblem, UnauthenticatedError } from './auth.errors';
import { Principal, principalFromClaims } from './principal';
import { loadVerificationKey } from './verification-key';

/** Longer than any sane JWT; refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/i;

/** An OpenID provider the api also trusts (the web sign-in's): its issuer and, once discovered, its JWKS URL. */
export interface TrustedProvider {
  issuer: string;
  jwksUri(): Promise<string>;
}

/** One issuer the api accepts tokens from, with the keys and algorithms that verify them. */
interface TrustedIssuer {
  issuer: string;
  key: KeyLike | JWTVerifyGetKey;
  algorithms: string[];
  /** Where the keys come from: a JWKS URL or the local key's source. */
  source: string;
  remote: boolean;
}

export class TokenVerifier {
  private constructor(
    /** The first is the configured one (AUTH_*); a token naming no other trusted `iss` is checked against it. */
    private readonly trusted: TrustedIssuer[],
    private readonly options: Omit<JWTVerifyOptions, 'issuer' | 'algorithms'>,
  ) {}

  /** Where the configured keys come from: a JWKS URL or the local key's source. */
  get keySource(): string {
    return this.trusted[0].source;
  }

  /**
   * The verifier of the configured source (an identity provider's JWKS, or the local public key), and of `provider`
   * when given: each verifies the tokens of its own `iss` only. With a provider and no AUTH_* key, the provider alone.
   */
  static async create(config: AuthConfig, provider?: TrustedProvider): Promise<TokenVerifier> {
    const options = {
      audience: config.audience,
      clockTolerance: config.clockToleranceSeconds,
      requiredClaims: ['exp', 'sub'],
    };
    const trusted: TrustedIssuer[] = [];
    if (config.jwksUrl) {
      const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      trusted.push({ issuer: config.issuer, key: jwks, algorithms: config.algorithms, source: `JWKS ${config.jwksUrl}`, remote: true });
    } else if (config.publicKey || config.publicKeyFile || !provider) {
      const local = await loadVerificationKey(config);
      new Logger('TokenVerifier').log(`verifying bearer tokens with the local ${local.alg} public key ${local.source} (kid ${local.kid})`);
      trusted.push({ issuer: config.issuer, key: local.publicKey, algorithms: [local.alg], source: local.source, remote: false });
    }
    if (provider && !trusted.some((entry) => entry.issuer === provider.issuer)) {
      trusted.push({ issuer: provider.issuer, key: discoveredKeySet(provider), algorithms: config.algorithms, source: `OpenID provider ${provider.issuer}`, remote: true });
      new Logger('TokenVerifier').log(`also verifying tokens of the OpenID provider ${provider.issuer} with its JWKS`);
    }
    return new TokenVerifier(trusted, options);
  }

  /** The principal of an `Authorization: Bearer …` header, or a 401 saying what is wrong with it. */
  async verify(authorization: string | undefined): Promise<Principal> {
    return (await this.verifyToken(authorization)).principal;
  }

  /** The principal and when the token expires (epoch ms: `exp` is required), or a 401. */
  async verifyToken(authorization: string | undefined): Promise<VerifiedToken> {
    if (authorization === undefined || authorization === '') {
      throw new UnauthenticatedError('missing', 'send a bearer token: Authorization: Bearer <JWT>');
    }
    const match = authorization.length <= MAX_TOKEN_LENGTH ? BEARER.exec(authorization) : null;
    if (!match) throw new UnauthenticatedError('malformed', 'the Authorization header must be "Bearer <JWT>"');
    return this.verifyJwt(match[1]);
  }

  /** A JWT (a bearer token, or a web session's access token) verified by the issuer it names, or a 401. */
  async verifyJwt(jwt: string): Promise<VerifiedToken> {
    const trusted = this.issuerOf(jwt);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, trusted.key as KeyLike, { ...this.options, issuer: trusted.issuer, algorithms: trusted.algorithms }));
    } catch (error) {
      throw refusal(error, trusted.remote);
    }
    const principal = principalFromClaims(payload);
    if ('invalid' in principal) {
      throw new UnauthenticatedError('claims', `the token's "${principal.invalid}" claim is missing or not valid`, principal.invalid);
    }
    return { principal, expiresAt: (payload.exp as number) * 1000 };
  }

  /** The trusted issuer the token names (read before verification only to choose the keys), else the configured one. */
  private issuerOf(jwt: string): TrustedIssuer {
    if (this.trusted.length === 1) return this.trusted[0];
    let iss: unknown;
    try {
      iss = decodeJwt(jwt).iss;
    } catch {
      return this.trusted[0]; // verification answers "malformed"
    }
    return this.trusted.find((entry) => entry.issuer === iss) ?? this.trusted[0];
  }
}

export interface VerifiedToken {
  principal: Principal;
  /** When the token expires, epoch ms. */
  expiresAt: number;
}

/** The provider's key set, fetched from the JWKS URL its discovery names once that is known. */
function discoveredKeySet(provider: TrustedProvider): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    keySet ??= provider.jwksUri().then((uri) => createRemoteJWKSet(new URL(uri), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 }));
    // A failed discovery is tried again on the next token.
    const set = await keySet.catch((error: unknown) => {
      keySet = undefined;
      throw error;
    });
    return set(header, token);
  };
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
