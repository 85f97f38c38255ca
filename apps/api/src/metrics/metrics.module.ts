/** Prometheus metrics: the registry service, global so that filters and middleware can record into it. */
import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics.service';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [ApiMetrics],
  exports: [ApiMetrics],
})
export class MetricsModule {}
