/** Contract of the 6-month and annual summaries: kinds, civil periods, workflow input/result, query and activity types. */
import { defineQuery } from '@temporalio/workflow';
import { addCalendarDays, CivilDate, civilDateInVietnam, startOfCivilDateInVietnam } from '../libs/domain/src/calendar';

/** `semiannual` = a half year (the steering committee's 6-month review is the first half); `annual` = a calendar year. */
export type SummaryKind = 'semiannual' | 'annual';
export const summaryKinds: readonly SummaryKind[] = ['semiannual', 'annual'];

/** A report period: civil dates in Asia/Ho_Chi_Minh, both ends inclusive. */
export interface SummaryPeriod {
  kind: SummaryKind;
  start: CivilDate;
  end: CivilDate;
}

export interface SummaryWorkflowInput {
  kind: SummaryKind;
  /** First day of the period; omitted by the schedules: then the latest period closed at the scheduled time. */
  periodStart?: CivilDate;
}

export interface SummaryWorkflowResult {
  reportId: string;
  kind: SummaryKind;
  periodStart: CivilDate;
  periodEnd: CivilDate;
  computedAtPosition: string;
  contentHash: string;
  /** false when the report already existed: it was recomputed at its stored position and the hash matched. */
  created: boolean;
}

export interface SummaryProgress {
  phase: 'starting' | 'capturing_position' | 'computing' | 'done';
  period: SummaryPeriod | null;
  result: SummaryWorkflowResult | null;
}

export const getSummaryProgressQuery = defineQuery<SummaryProgress>('getSummaryProgress');

export interface ProduceSummaryInput {
  kind: SummaryKind;
  periodStart: CivilDate;
  /** Global position captured when the run started: the report sees no event after it. */
  position: string;
}

/** Heartbeat details of `produceSummary`: the progress figure shown by the API. */
export interface SummaryHeartbeat {
  section: string;
  done: number;
  total: number;
}

/** Activities of the summary workflow (implemented by apps/worker/src/reporting). */
export interface SummaryActivities {
  captureEventPosition(): Promise<string>;
  produceSummary(input: ProduceSummaryInput): Promise<SummaryWorkflowResult>;
}

export const summaryScheduleIds: Record<SummaryKind, string> = {
  semiannual: 'summary-semiannual',
  annual: 'summary-annual',
};

/** The period of `kind` that starts on `start` (1 Jan or, for a half year, 1 Jul). */
export function summaryPeriod(kind: SummaryKind, start: CivilDate): SummaryPeriod {
  const match = /^(\d{4})-(01|07)-01$/.exec(start);
  if (!match || (kind === 'annual' && match[2] !== '01')) {
    throw new RangeError(`${start} does not start a ${kind} period`);
  }
  const year = match[1];
  if (kind === 'annual') return { kind, start, end: `${year}-12-31` };
  return { kind, start, end: match[2] === '01' ? `${year}-06-30` : `${year}-12-31` };
}

/** The latest period of `kind` that ended before the civil date `today`. */
export function latestClosedPeriod(kind: SummaryKind, today: CivilDate): SummaryPeriod {
  const year = Number(today.slice(0, 4));
  if (kind === 'annual') return summaryPeriod(kind, `${year - 1}-01-01`);
  return today >= `${year}-07-01` ? summaryPeriod(kind, `${year}-01-01`) : summaryPeriod(kind, `${year - 1}-07-01`);
}

/** The period that contains `instant`, or closed last before it, by Vietnamese civil time. */
export function latestClosedPeriodAt(kind: SummaryKind, instant: Date): SummaryPeriod {
  return latestClosedPeriod(kind, civilDateInVietnam(instant));
}

/** First instant after the period: events that occurred before it belong to the period's picture. */
export function periodCutoff(period: SummaryPeriod): Date {
  return new Date(startOfCivilDateInVietnam(addCalendarDays(period.end, 1)));
}

/** Stable, readable report id: `annual-2025`, `semiannual-2025-h1`. */
export function summaryReportId(period: SummaryPeriod): string {
  const year = period.start.slice(0, 4);
  return period.kind === 'annual' ? `annual-${year}` : `semiannual-${year}-h${period.start.slice(5, 7) === '01' ? 1 : 2}`;
}
