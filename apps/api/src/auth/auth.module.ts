/** Access control: bearer token verification, the global access guard, the rate limits and the audit log. */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuditLog } from './audit-log';
import { AuthConfig, authConfig } from './auth.config';
import { CommandRateLimiter, ReadRateLimiter, StreamSlots } from './rate-limits';
import { RegulationAccessRepository } from './regulation-access.repository';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [
    { provide: TokenVerifier, inject: [authConfig.KEY], useFactory: (config: AuthConfig) => TokenVerifier.create(config) },
    CommandRateLimiter,
    ReadRateLimiter,
    StreamSlots,
    RegulationAccessRepository,
    AuditLog,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuditLog, TokenVerifier, StreamSlots],
})
export class AuthModule {}
