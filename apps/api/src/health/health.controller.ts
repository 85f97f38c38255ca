/**
 * Liveness (`/health`: the process answers; no token, for probes) and readiness (`/ready`: PostgreSQL and Temporal
 * are reachable; a token, since its failures name the dependencies' addresses).
 */
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Access } from '../auth/access.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { DependencyHealthIndicators } from './dependency.health-indicators';
import { HealthResultDto } from './health-result.dto';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealthIndicators,
  ) {}

  @Get('health')
  @Access.public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process is up (checks no dependency)' })
  @ApiOkResponse({ type: HealthResultDto })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @Access.authenticated()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: PostgreSQL answers SELECT 1 and Temporal answers getSystemInfo' })
  @ApiOkResponse({ type: HealthResultDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'SERVICE.NOT_READY: details name the dependency that is down' })
  ready() {
    return this.health.check([() => this.dependencies.postgres(), () => this.dependencies.temporal()]);
  }
}
