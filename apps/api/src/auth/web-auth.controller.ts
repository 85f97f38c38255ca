/**
 * Web sign-in with OpenID Connect, the api being the browser's back end: the provider's tokens stay in PostgreSQL and
 * the browser holds only an HttpOnly session cookie. `GET /auth/login` → the provider → `GET /auth/callback` → the
 * page it started from; `GET /auth/session` says who is signed in; `POST /auth/logout` ends the session and names the
 * provider's end-session URL. Sign-in and callback are browser navigations, not API operations: they stay out of the
 * OpenAPI document.
 */
import { Controller, Get, Header, HttpCode, Inject, Optional, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { Access } from './access.decorators';
import { BadReturnToError, BadStateError, CsrfError, NoSessionError, SignInFailedError, SignInRefusedError, WebSignInDisabledError } from './auth.errors';
import { OidcClient } from './oidc-client';
import { RequestAuthenticator } from './request-authenticator';
import { TokenVerifier } from './token-verifier';
import { WebAuthConfig, webAuthConfig } from './web-auth.config';
import { CSRF_HEADER, CSRF_HEADER_VALUE, LOGIN_COOKIE, LOGIN_TTL_SECONDS, parseCookies, safeReturnTo, serializeCookie, SESSION_COOKIE } from './web-cookies';
import { WebSessionsRepository } from './web-sessions.repository';

export class SessionDto {
  @ApiProperty({ example: 'officer-hang-bac', description: 'the actor id (`sub`) recorded on every command' })
  id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Nguyễn Thị Lan', description: 'the ID token’s name; null for a bearer token' })
  name!: string | null;
  @ApiProperty({ enum: ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor'] })
  role!: string;
  @ApiProperty({ type: [String], example: ['hang-bac'], description: 'ward codes, or ["*"] for the whole district' })
  wards!: string[];
  @ApiProperty({ example: '2026-12-01T12:00:00.000Z', description: 'when the session (or the bearer token) expires' })
  expiresAt!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the provider’s end-session URL for the browser to visit; null without one' })
  endSessionUrl!: string | null;
}

@ApiTags('auth')
@Controller('auth')
export class WebAuthController {
  constructor(
    @Inject(webAuthConfig.KEY) private readonly config: WebAuthConfig,
    private readonly authenticator: RequestAuthenticator,
    private readonly verifier: TokenVerifier,
    private readonly sessions: WebSessionsRepository,
    @Optional() @Inject(OidcClient) private readonly oidc: OidcClient | null,
  ) {}

  @Get('login')
  @Access.public()
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async login(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo: unknown): Promise<void> {
    const oidc = this.provider();
    const target = safeReturnTo(returnTo);
    if (target === null) throw new BadReturnToError();
    const redirectUri = this.config.redirectUri ?? `${originOf(req)}/auth/callback`;
    const request = await oidc.authorizationRequest(redirectUri);
    await this.sessions.saveSignIn(request.state, { codeVerifier: request.codeVerifier, nonce: request.nonce, redirectUri, returnTo: target }, LOGIN_TTL_SECONDS);
    res.setHeader('Set-Cookie', serializeCookie(LOGIN_COOKIE, request.state, { maxAge: LOGIN_TTL_SECONDS, secure: isHttps(redirectUri) }));
    res.redirect(302, request.url);
  }

  @Get('callback')
  @Access.public()
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const oidc = this.provider();
    const query = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
    const expected = parseCookies(req.headers.cookie).get(LOGIN_COOKIE);
    const state = query.get('state');
    // The attempt is over whatever comes next: its cookie goes.
    res.setHeader('Set-Cookie', serializeCookie(LOGIN_COOKIE, '', { maxAge: 0, secure: req.protocol === 'https' }));
    if (!state || !expected) throw new BadStateError('missing');
    if (state !== expected) throw new BadStateError('mismatch');
    const pending = await this.sessions.takeSignIn(state);
    if (!pending) throw new BadStateError('unknown');
    const error = query.get('error');
    if (error) throw new SignInRefusedError(error);
    const callbackUrl = new URL(pending.redirectUri);
    callbackUrl.search = query.toString();
    const tokens = await oidc.exchange(callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    let verified;
    try {
      verified = await this.verifier.verifyJwt(tokens.accessToken);
    } catch (refusal) {
      throw new SignInFailedError(`the access token is not one the api accepts: ${(refusal as Error).message}`);
    }
    if (verified.principal.id !== tokens.subject) throw new SignInFailedError('the ID token and the access token name different subjects');
    // With a refresh token the session lasts its configured length, its access token renewed as it expires
    // (RequestAuthenticator); without one it ends with the access token.
    const sessionEnd = Date.now() + this.config.sessionTtlSeconds * 1000;
    const expiresAt = tokens.refreshToken ? sessionEnd : Math.min(sessionEnd, verified.expiresAt);
    const id = await this.sessions.createSession({
      principal: verified.principal,
      name: tokens.name,
      accessToken: tokens.accessToken,
      idToken: tokens.idToken,
      refreshToken: tokens.refreshToken,
      expiresAt,
    });
    const secure = isHttps(pending.redirectUri);
    res.setHeader('Set-Cookie', [
      serializeCookie(LOGIN_COOKIE, '', { maxAge: 0, secure }),
      serializeCookie(SESSION_COOKIE, id, { maxAge: (expiresAt - Date.now()) / 1000, secure }),
    ]);
    res.redirect(302, pending.returnTo);
  }

  @Get('session')
  @Access.public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Who is signed in: the web session of the cookie `reglife_session`, or the bearer token’s principal.', operationId: 'GetSession' })
  @ApiOkResponse({ type: SessionDto })
  @ApiResponse({ status: 401, type: ErrorResponseDto, description: '`AUTH.NO_SESSION`, `AUTH.SESSION_EXPIRED`, or `AUTH.UNAUTHENTICATED` for a bad bearer token' })
  @ApiResponse({ status: 503, type: ErrorResponseDto, description: '`AUTH.PROVIDER_UNAVAILABLE`: the provider’s keys could not be fetched' })
  async session(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    res.vary('Authorization').vary('Cookie');
    const bearer = req.headers.authorization !== undefined && req.headers.authorization !== '';
    if (!bearer && !parseCookies(req.headers.cookie).has(SESSION_COOKIE)) throw new NoSessionError();
    const { principal, expiresAt, session } = await this.authenticator.authenticate(req);
    // A web session's own end (its access token is renewed until then); a bearer token's expiry.
    const endsAt = session?.expiresAt ?? expiresAt;
    return { id: principal.id, name: session?.name ?? null, role: principal.role, wards: [...principal.wards], expiresAt: new Date(endsAt).toISOString() };
  }

  @Post('logout')
  @HttpCode(200)
  @Access.public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Ends the web session (send `X-Requested-With: reglife-web`) and clears its cookie; the browser then visits `endSessionUrl` to sign out at the provider.',
    operationId: 'Logout',
  })
  @ApiOkResponse({ type: LogoutDto })
  @ApiResponse({ status: 403, type: ErrorResponseDto, description: '`AUTH.CSRF`: a session cookie without `X-Requested-With: reglife-web`' })
  @ApiResponse({ status: 404, type: ErrorResponseDto, description: '`AUTH.WEB_SIGN_IN_DISABLED`: no OpenID provider configured' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LogoutDto> {
    const oidc = this.provider();
    const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (id !== undefined && req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) throw new CsrfError();
    const session = id === undefined ? null : await this.sessions.deleteSession(id);
    const postLogout = this.config.postLogoutRedirectUri ?? `${originOf(req)}/`;
    res.setHeader('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { maxAge: 0, secure: isHttps(postLogout) }));
    // The session is gone either way; without the provider the browser just does not sign out there.
    const endSessionUrl = await oidc.endSessionUrl(session?.idToken ?? null, postLogout).catch(() => null);
    return { endSessionUrl };
  }

  private provider(): OidcClient {
    if (!this.oidc) throw new WebSignInDisabledError();
    return this.oidc;
  }
}

function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function isHttps(url: string): boolean {
  return url.startsWith('https:');
}
