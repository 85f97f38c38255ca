/** Access-control refusals of HTTP routes: 401 no valid token, 403 not this route's role or wards, 429 too many commands (a command's own refusals are the domain's). */
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
  constructor(retryAfterSeconds: number, limit: number, windowSeconds: number) {
    super(429, 'RATE_LIMIT.EXCEEDED', `at most ${limit} commands per ${windowSeconds} s per client; retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      limit,
      windowSeconds,
    });
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

export class IdentityProviderUnavailableError extends ApiError {
  constructor() {
    super(503, 'AUTH.PROVIDER_UNAVAILABLE', 'the identity provider’s signing keys could not be fetched');
  }
}
