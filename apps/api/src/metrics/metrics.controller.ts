/**
 * Prometheus scrape endpoint. Public like /health: scrapers carry no user token, and it holds counts by command,
 * outcome and error code only, nothing of a regulation or a person; keep it on the internal network.
 */
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorators';
import { ApiMetrics } from './api-metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Prometheus metrics: commands by type and outcome, command latency, errors by code' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Prometheus text exposition format' })
  async scrape(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
