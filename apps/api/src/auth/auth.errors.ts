/** Access-control refusals of HTTP routes: 401 no valid token, 403 not this route's role or wards, 429 too many commands, reads or streams (a command's own refusals are the domain's). */
import { ApiError } from '../errors/api.errors';

/** Why a token was refused; the token itself is never echoed or logged. */
export type TokenProblem = 'missing' | 'malformed' | 'expired' | 'not_yet_valid' | 'signature' | 'algorithm' | 'claims' | 'unknown_key';

export class UnauthenticatedError extends ApiError {
  constructor(readonly reason: TokenProblem, message: string, claim?: string) {
    super(401, 'AUTH.UNAUTHENTICATED', message, claim === undefined ? { reason } : { reason, claim });
    const error = reason === 'missing' ? '' : ', error="invalid_token"';
    this.headers['WWW-Authenticate'] = `Bearer realm="reglife"${error}`;
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(403, 'AUTH.FORBIDDEN', message, details);
  }
}

export class RateLimitedError extends ApiError {
  constructor(retryAfterSeconds: number, limit: string, details: Record<string, number>) {
    super(429, 'RATE_LIMIT.EXCEEDED', `${limit}; retry after ${retryAfterSeconds} s`, { retryAfterSeconds, ...details });
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

export class IdentityProviderUnavailableError extends ApiError {
  constructor() {
    super(503, 'AUTH.PROVIDER_UNAVAILABLE', 'the identity provider could not be reached (its metadata, signing keys or token endpoint)');
  }
}

/** No web session: no cookie, or one the api does not hold (signed out, never signed in). */
export class NoSessionError extends ApiError {
  constructor() {
    super(401, 'AUTH.NO_SESSION', 'not signed in: sign in at /auth/login, or send a bearer token');
  }
}

/** The web session, or the access token it holds, has expired: sign in again. */
export class SessionExpiredError extends ApiError {
  constructor(expiredAt: number) {
    super(401, 'AUTH.SESSION_EXPIRED', 'the session has expired: sign in again at /auth/login', { expiredAt: new Date(expiredAt).toISOString() });
  }
}

/** A cookie-authenticated change without the header a cross-site form cannot send. */
export class CsrfError extends ApiError {
  constructor() {
    super(403, 'AUTH.CSRF', 'a request authenticated by the session cookie that changes anything must send X-Requested-With: reglife-web');
  }
}

export class BadReturnToError extends ApiError {
  constructor() {
    super(400, 'AUTH.BAD_RETURN_TO', 'returnTo must be a path of this site, e.g. /regulations');
  }
}

/** The callback's state is absent, does not match the browser's sign-in, or is unknown or used (a replay, a forgery). */
export class BadStateError extends ApiError {
  constructor(reason: 'missing' | 'mismatch' | 'unknown') {
    super(400, 'AUTH.BAD_STATE', 'this sign-in was not started by this browser, has expired or was already used: sign in again', { reason });
  }
}

/** The provider answered the sign-in with an error (e.g. access_denied). */
export class SignInRefusedError extends ApiError {
  constructor(error: string) {
    super(400, 'AUTH.SIGN_IN_REFUSED', `the identity provider refused the sign-in: ${error.slice(0, 100)}`, { error: error.slice(0, 100) });
  }
}

/** The code could not be exchanged or the tokens did not verify. */
export class SignInFailedError extends ApiError {
  constructor(reason: string) {
    super(502, 'AUTH.SIGN_IN_FAILED', 'the sign-in could not be completed with the identity provider', { reason: reason.slice(0, 200) });
  }
}

/** Web sign-in is not configured (no OIDC_ISSUER): API clients use bearer tokens. */
export class WebSignInDisabledError extends ApiError {
  constructor() {
    super(404, 'AUTH.WEB_SIGN_IN_DISABLED', 'web sign-in is not configured on this api (OIDC_ISSUER); use a bearer token');
  }
}
