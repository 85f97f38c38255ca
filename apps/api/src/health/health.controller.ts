/**
 * Liveness (`/health`: the process answers) and readiness (`/ready`: PostgreSQL and Temporal answer; 503
 * otherwise). Both public, for load balancers, orchestrators and compose healthchecks, which carry no token:
 * they answer a status per dependency and nothing else.
 */
import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorators';
import { DependencyHealthIndicators } from './dependency.health-indicators';
import { LivenessDto, ReadinessDto } from './health-result.dto';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly dependencies: DependencyHealthIndicators) {}

  @Get('health')
  @Access.public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process is up (checks no dependency). No token.' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access.public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Readiness: PostgreSQL answers SELECT 1 and Temporal answers GetSystemInfo. No token.' })
  @ApiOkResponse({ type: ReadinessDto, description: '`{"status": "ok", "checks": {"database": "up", "temporal": "up"}}`' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'a dependency is down: `status` is `error` and `checks` says which' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const readiness = await this.dependencies.readiness();
    res.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }
}
