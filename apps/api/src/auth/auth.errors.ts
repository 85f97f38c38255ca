/** Access-control refusals in the api's error shape: 401 no valid token, 403 no power here, 429 too many commands. */
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

export class SeparationOfDutiesError extends ApiError {
  constructor(regulationId: string) {
    super(403, 'AUTH.SEPARATION_OF_DUTIES', 'the actor who submitted the dossier cannot also recognize it', { regulationId });
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
