/** Access control: bearer token verification, the global access guard, the command rate limit and the audit log. */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuditLog } from './audit-log';
import { AuthConfig, authConfig } from './auth.config';
import { CommandRateLimiter } from './command-rate-limiter';
import { RegulationAccessRepository } from './regulation-access.repository';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [
    { provide: TokenVerifier, inject: [authConfig.KEY], useFactory: (config: AuthConfig) => TokenVerifier.create(config) },
    CommandRateLimiter,
    RegulationAccessRepository,
    AuditLog,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuditLog, TokenVerifier],
})
export class AuthModule {}
