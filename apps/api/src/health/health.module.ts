/** The probes: liveness and readiness. */
import { Module } from '@nestjs/common';
import { DependencyHealthIndicators } from './dependency.health-indicators';
import { HealthController } from './health.controller';

@Module({
  controllers: [HealthController],
  providers: [DependencyHealthIndicators],
})
export class HealthModule {}
