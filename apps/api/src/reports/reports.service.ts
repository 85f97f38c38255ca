/** Reports for the api: stored summaries (PostgreSQL), exports, and the schedules and runs (Temporal). */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { temporalConfig, TemporalConfig } from '@app/config';
import {
  AnySummaryContent,
  PeriodNotClosedError,
  reportingConfig,
  ReportingConfig,
  RestatedSummaryService,
  SummaryReportService,
  SummaryScheduleClient,
  summaryCsv,
  summaryXlsx,
} from '@app/reporting';
import {
  getSummaryProgressQuery,
  periodCutoff,
  summaryKinds,
  summaryPeriod,
  summaryReportId,
  type SummaryHeartbeat,
  type SummaryKind,
} from '../../../../workflows/summary.messages';
import { ApiError, InvalidInputError } from '../errors/api.errors';
import { TEMPORAL_CLIENT } from '../temporal/temporal.di-tokens';

export type ExportFormat = 'json' | 'csv' | 'xlsx';
/** Which report of a period: the scheduled run's stored one, or the period restated at a later position. */
export type ReportEdition = 'first-published' | 'restated';

export interface ExportFile {
  body: Buffer | string;
  contentType: string;
  fileName: string;
  /** sha256 of the report's canonical JSON (the json export's bytes). */
  hash: string;
  edition: ReportEdition;
  position: string;
}
export const exportTypes: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

@Injectable()
export class ReportsService {
  readonly schedules: SummaryScheduleClient;

  constructor(
    private readonly reports: SummaryReportService,
    private readonly restatedReports: RestatedSummaryService,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(temporalConfig.KEY) private readonly temporal: TemporalConfig,
    @Inject(reportingConfig.KEY) config: ReportingConfig,
  ) {
    this.schedules = new SummaryScheduleClient(client, config);
  }

  list(kind?: string) {
    return this.reports.list(kind === undefined ? undefined : requireKind(kind));
  }

  get(id: string) {
    return this.reports.get(id);
  }

  /** The period `id` names restated at `position` (default: the log's current position). */
  restated(id: string, position?: string) {
    return this.restatedReports.restate(id, position);
  }

  async export(id: string, format: string): Promise<ExportFile> {
    const f = requireFormat(format);
    const doc = await this.reports.get(id);
    return render(doc.content, doc.bytes, doc.contentHash, f, 'first-published', doc.computedAtPosition);
  }

  async exportRestated(id: string, format: string, position?: string): Promise<ExportFile> {
    const f = requireFormat(format);
    const doc = await this.restatedReports.restate(id, position);
    return render(doc.content, doc.bytes, doc.contentHash, f, 'restated', doc.computedAtPosition);
  }

  async describeSchedules() {
    return Promise.all(
      summaryKinds.map(async (kind) => {
        const schedule = await this.schedules.describe(kind);
        const running = await Promise.all(schedule.runningWorkflowIds.map((id) => this.run(id)));
        return { ...schedule, running };
      }),
    );
  }

  /** A summary run: its status, phase (workflow query) and progress (the activity's last heartbeat). */
  async run(workflowId: string) {
    const handle = this.client.workflow.getHandle(workflowId);
    let description;
    try {
      description = await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new ApiError(404, 'REPORT.RUN_NOT_FOUND', `no run ${workflowId}`);
      throw error;
    }
    if (description.type !== 'summaryWorkflow') throw new ApiError(404, 'REPORT.RUN_NOT_FOUND', `no summary run ${workflowId}`);
    const pending = description.raw.pendingActivities?.find((a) => a.activityType?.name === 'produceSummary');
    const heartbeat = pending?.heartbeatDetails?.payloads?.[0];
    const progress = heartbeat ? (this.client.options.loadedDataConverter.payloadConverter.fromPayload(heartbeat) as SummaryHeartbeat) : null;
    const phase = await handle.query(getSummaryProgressQuery).catch(() => null);
    return {
      workflowId,
      status: description.status.name,
      startedAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString() ?? null,
      phase: phase?.phase ?? null,
      period: phase?.period ?? null,
      progress: progress ? { ...progress, percent: Math.round((progress.done / progress.total) * 100) } : null,
      result: phase?.result ?? null,
    };
  }

  /** Starts a run for one period; the workflow id is the report id, so a double click starts one run. */
  async startRun(kind: string, periodStart: string) {
    const k = requireKind(kind);
    let period;
    try {
      period = summaryPeriod(k, periodStart);
    } catch (error) {
      throw new InvalidInputError('periodStart', (error as Error).message, 'REPORT.INVALID_PERIOD');
    }
    // Refused up front: nothing is started for a period that has not ended (the workflow would fail on it).
    const cutoff = periodCutoff(period);
    if (Date.now() < cutoff.getTime()) throw new PeriodNotClosedError(summaryReportId(period), cutoff.toISOString());
    const workflowId = `summary-run-${summaryReportId(period)}`;
    try {
      await this.client.workflow.start('summaryWorkflow', {
        workflowId,
        taskQueue: this.temporal.taskQueue,
        args: [{ kind: k, periodStart: period.start }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (error) {
      if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    }
    return { workflowId, period };
  }
}

export function requireKind(kind: string): SummaryKind {
  if (!(summaryKinds as readonly string[]).includes(kind)) {
    throw new InvalidInputError('kind', `must be one of ${summaryKinds.join(', ')}`, 'REPORT.INVALID_KIND');
  }
  return kind as SummaryKind;
}

function requireFormat(format: string): ExportFormat {
  if (!(format in exportTypes)) throw new InvalidInputError('format', 'must be json, csv or xlsx', 'REPORT.INVALID_FORMAT');
  return format as ExportFormat;
}

/** One export; its file name says which edition it is and at which position it was computed. */
async function render(
  content: AnySummaryContent,
  bytes: string,
  hash: string,
  format: ExportFormat,
  edition: ReportEdition,
  position: string,
): Promise<ExportFile> {
  const body = format === 'json' ? bytes : format === 'csv' ? summaryCsv(content) : await summaryXlsx(content);
  const fileName = `${content.reportId}-${edition}-at-${position}.${format}`;
  return { body, contentType: exportTypes[format], fileName, hash, edition, position };
}
