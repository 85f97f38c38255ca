/** Activities of the summary workflow: capture the event position, then compute and store the report with heartbeats. */
import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ReportingError, SummaryReportService } from '@app/reporting';
import type {
  ProduceSummaryInput,
  SummaryActivities,
  SummaryHeartbeat,
  SummaryWorkflowResult,
} from '../../../../workflows/summary.messages';

@Injectable()
export class SummaryActivitiesService {
  constructor(private readonly reports: SummaryReportService) {}

  /** The explicit activity map merged into the Worker's. */
  activities(): SummaryActivities {
    return {
      captureEventPosition: () => this.reports.captureEventPosition(),
      produceSummary: (input) => this.produceSummary(input),
    };
  }

  /** Idempotent by period: a retry or a second run finds the stored report and only verifies it. */
  async produceSummary({ kind, periodStart, position }: ProduceSummaryInput): Promise<SummaryWorkflowResult> {
    const context = Context.current();
    const beat = (details: SummaryHeartbeat) => context.heartbeat(details);
    beat({ section: 'starting', done: 0, total: 5 });
    try {
      return await this.reports.produce(kind, periodStart, position, {
        onProgress: (section, done, total) => beat({ section, done, total }),
      });
    } catch (error) {
      if (error instanceof ReportingError) {
        throw ApplicationFailure.create({ message: error.message, type: error.code, details: [error.details], nonRetryable: true });
      }
      throw error;
    }
  }
}
