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
    super(503, 'AUTH.PROVIDER_UNAVAILABLE', 'the identity provider’s signing keys could not be fetched');
  }
}
