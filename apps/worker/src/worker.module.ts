/** The worker's Nest module: configuration, the event store and the Temporal Worker. */
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { databaseConfig, temporalConfig, validateEnv, workerConfig } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { RegulationActivitiesService } from './regulation.activities';
import { ReportingWorkerModule } from './reporting/reporting-worker.module';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerMetricsServer } from './worker-metrics.server';
import { WorkerMetrics } from './worker-metrics.service';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, load: [temporalConfig, databaseConfig, workerConfig], validate: validateEnv }),
    EventStoreModule.forRoot(),
    ReportingWorkerModule,
  ],
  providers: [RegulationActivitiesService, TemporalWorkerService, WorkerMetrics, WorkerMetricsServer],
})
export class WorkerModule {}
