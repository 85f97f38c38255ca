/**
 * Access control: bearer token verification, web sign-in (OpenID Connect sessions, when OIDC_ISSUER is set), the
 * global access guard, the rate limits and the audit log.
 */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuditLog } from './audit-log';
import { AuthConfig, authConfig } from './auth.config';
import { CommandRateLimiter, ReadRateLimiter, StreamSlots } from './rate-limits';
import { RegulationAccessRepository } from './regulation-access.repository';
import { OidcClient } from './oidc-client';
import { RequestAuthenticator } from './request-authenticator';
import { TokenVerifier } from './token-verifier';
import { WebAuthConfig, webAuthConfig } from './web-auth.config';
import { WebAuthController } from './web-auth.controller';
import { WebSessionsRepository } from './web-sessions.repository';

@Global()
@Module({
  controllers: [WebAuthController],
  providers: [
    {
      provide: OidcClient,
      inject: [webAuthConfig.KEY],
      useFactory: (config: WebAuthConfig) => (config.issuer ? new OidcClient({ ...config, issuer: config.issuer }) : null),
    },
    {
      provide: TokenVerifier,
      inject: [authConfig.KEY, OidcClient],
      useFactory: (config: AuthConfig, oidc: OidcClient | null) => TokenVerifier.create(config, oidc ?? undefined),
    },
    WebSessionsRepository,
    RequestAuthenticator,
    CommandRateLimiter,
    ReadRateLimiter,
    StreamSlots,
    RegulationAccessRepository,
    AuditLog,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuditLog, TokenVerifier, RequestAuthenticator, StreamSlots],
})
export class AuthModule {}
