/** The worker's reporting part: summary activities and the schedules bootstrap. */
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE, EventStoreModule } from '@app/event-store';
import { reportingConfig, SummaryReportService } from '@app/reporting';
import { SummaryActivitiesService } from './summary.activities';
import { SummarySchedulesBootstrap } from './summary-schedules.bootstrap';

@Module({
  // A DataSource of its own: long report queries never hold the connections that appends need.
  imports: [EventStoreModule.forRoot(), ConfigModule.forFeature(reportingConfig)],
  providers: [
    {
      provide: SummaryReportService,
      inject: [EVENT_STORE_DATA_SOURCE],
      useFactory: (dataSource: DataSource) => new SummaryReportService(dataSource),
    },
    SummaryActivitiesService,
    SummarySchedulesBootstrap,
  ],
  exports: [SummaryActivitiesService],
})
export class ReportingWorkerModule {}
