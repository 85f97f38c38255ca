/** Creates or updates the two summary Schedules when the worker starts (idempotent: unchanged ones are left alone). */
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalConfig, TemporalConfig } from '@app/config';
import { ensureSummarySchedules, reportingConfig, ReportingConfig } from '@app/reporting';
import { temporalConnectionOptions } from '@app/temporal';

@Injectable()
export class SummarySchedulesBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(SummarySchedulesBootstrap.name);

  constructor(
    @Inject(temporalConfig.KEY) private readonly temporal: TemporalConfig,
    @Inject(reportingConfig.KEY) private readonly reporting: ReportingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.reporting.manageSchedules) return;
    const connection = await Connection.connect(temporalConnectionOptions(this.temporal));
    try {
      const client = new Client({ connection, namespace: this.temporal.namespace });
      const outcomes = await ensureSummarySchedules(client, this.reporting, this.temporal.taskQueue);
      this.logger.log(`summary schedules: ${Object.entries(outcomes).map(([kind, outcome]) => `${kind} ${outcome}`).join(', ')}`);
    } finally {
      await connection.close();
    }
  }
}
