/**
 * Who sends a request: the bearer token of `Authorization` (API clients, as always), else the web session named by
 * the `reglife_session` cookie, whose access token is verified exactly like a bearer token; once that token has
 * expired it is renewed with the session's refresh token, for as long as the session lasts and the provider agrees.
 * A cookie-authenticated request that changes anything must carry `X-Requested-With: reglife-web`, which a
 * cross-site form cannot send (CSRF).
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Request } from 'express';
import { CsrfError, NoSessionError, SessionExpiredError, UnauthenticatedError } from './auth.errors';
import { OidcClient, RefreshRefusedError } from './oidc-client';
import { TokenVerifier, VerifiedToken } from './token-verifier';
import { CSRF_HEADER, CSRF_HEADER_VALUE, parseCookies, SESSION_COOKIE } from './web-cookies';
import { WebSession, WebSessionsRepository } from './web-sessions.repository';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Authenticated extends VerifiedToken {
  /** The web session when the cookie authenticated the request. */
  session?: WebSession;
}

@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    @Optional() private readonly sessions?: WebSessionsRepository,
    @Optional() @Inject(OidcClient) private readonly oidc?: OidcClient | null,
  ) {}

  async authenticate(req: Request): Promise<Authenticated> {
    const authorization = req.headers.authorization;
    const sessionId = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if ((authorization !== undefined && authorization !== '') || sessionId === undefined || !this.sessions) {
      return this.verifier.verifyToken(authorization);
    }
    let session = await this.sessions.findSession(sessionId);
    if (!session) throw new NoSessionError();
    if (session.expiresAt <= Date.now()) throw new SessionExpiredError(session.expiresAt);
    let verified: VerifiedToken;
    try {
      verified = await this.verifier.verifyJwt(session.accessToken);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError && error.reason === 'expired')) throw error;
      session = await this.renew(sessionId, session);
      verified = await this.verifier.verifyJwt(session.accessToken);
      // The provider speaks for the same person, or the session is not theirs any more.
      if (verified.principal.id !== session.principal.id) throw new SessionExpiredError(Date.now());
    }
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) throw new CsrfError();
    return { ...verified, expiresAt: Math.min(verified.expiresAt, session.expiresAt), session };
  }

  /** The session with its expired access token renewed; AUTH.SESSION_EXPIRED when it cannot be. */
  private async renew(sessionId: string, session: WebSession): Promise<WebSession> {
    const { oidc, sessions } = this;
    if (!session.renewable || !oidc || !sessions) throw new SessionExpiredError(session.expiresAt);
    try {
      const renewed = await sessions.renewSession(sessionId, session.accessToken, (refreshToken) => oidc.refresh(refreshToken));
      if (!renewed) throw new SessionExpiredError(session.expiresAt);
      return renewed;
    } catch (error) {
      if (error instanceof RefreshRefusedError) throw new SessionExpiredError(Date.now());
      throw error;
    }
  }
}
