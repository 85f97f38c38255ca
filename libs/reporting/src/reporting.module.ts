/** Nest module of the summary reports over the event store's DataSource (provided by the host's EventStoreModule). */
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import { reportingConfig } from './reporting.config';
import { RestatedSummaryService } from './restated-summary.service';
import { SummaryReportService } from './summary-report.service';

@Module({
  imports: [ConfigModule.forFeature(reportingConfig)],
  providers: [
    {
      provide: SummaryReportService,
      inject: [EVENT_STORE_DATA_SOURCE],
      useFactory: (dataSource: DataSource) => new SummaryReportService(dataSource),
    },
    {
      provide: RestatedSummaryService,
      inject: [EVENT_STORE_DATA_SOURCE, SummaryReportService],
      useFactory: (dataSource: DataSource, summaries: SummaryReportService) => new RestatedSummaryService(dataSource, summaries),
    },
  ],
  exports: [SummaryReportService, RestatedSummaryService, ConfigModule],
})
export class ReportingModule {}
