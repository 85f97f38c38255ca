/** A 6-month or annual summary: captures the event position, then computes and stores the report in one activity. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ApplicationFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  getSummaryProgressQuery,
  latestClosedPeriodAt,
  summaryKinds,
  summaryPeriod,
  type SummaryActivities,
  type SummaryPeriod,
  type SummaryProgress,
  type SummaryWorkflowInput,
  type SummaryWorkflowResult,
} from './summary.messages';

const { captureEventPosition } = proxyActivities<SummaryActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

// One SQL pass per section; the heartbeat after each section shows progress and detects a lost worker.
const { produceSummary } = proxyActivities<SummaryActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['REPORT.NOT_REPRODUCIBLE', 'REPORT.PERIOD_NOT_CLOSED'] },
});

/** Set by the Schedule on each action, including backfilled ones: the nominal time, not the start time. */
const scheduledStartTimeKey = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export async function summaryWorkflow(input: SummaryWorkflowInput): Promise<SummaryWorkflowResult> {
  const progress: SummaryProgress = { phase: 'starting', period: null, result: null };
  setHandler(getSummaryProgressQuery, () => progress);

  if (!summaryKinds.includes(input.kind)) {
    throw ApplicationFailure.nonRetryable(`unknown summary kind ${String(input.kind)}`, 'REPORT.UNKNOWN_KIND');
  }
  progress.period = resolvePeriod(input);

  progress.phase = 'capturing_position';
  const position = await captureEventPosition();

  progress.phase = 'computing';
  progress.result = await produceSummary({ kind: input.kind, periodStart: progress.period.start, position });
  progress.phase = 'done';
  return progress.result;
}

function resolvePeriod(input: SummaryWorkflowInput): SummaryPeriod {
  if (input.periodStart) {
    try {
      return summaryPeriod(input.kind, input.periodStart);
    } catch (error) {
      throw ApplicationFailure.nonRetryable((error as Error).message, 'REPORT.INVALID_PERIOD');
    }
  }
  const info = workflowInfo();
  const scheduled =
    legacyDate(info.typedSearchAttributes.get(scheduledStartTimeKey)) ??
    legacyDate(info.searchAttributes?.TemporalScheduledStartTime) ??
    info.startTime;
  return latestClosedPeriodAt(input.kind, scheduled);
}

function legacyDate(value: unknown): Date | undefined {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (first instanceof Date) return first;
  if (typeof first === 'string' && !Number.isNaN(Date.parse(first))) return new Date(first);
  return undefined;
}
