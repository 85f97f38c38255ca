/** Summary reports over HTTP: the stored reports (PostgreSQL) and the summary schedules (Temporal). */
import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [ReportingModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
