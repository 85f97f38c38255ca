/** The two summary Schedules: fixed ids, created or updated idempotently, and the supervisor commands on them. */
import {
  Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOptions,
  ScheduleOverlapPolicy,
  type Month,
} from '@temporalio/client';
import {
  summaryKinds,
  summaryScheduleIds,
  type SummaryKind,
  type SummaryWorkflowInput,
} from '../../../workflows/summary.messages';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { ReportingConfig, ScheduleTime } from './reporting.config';
import { InvalidPeriodError, ReportingError } from './reporting.errors';

export const SUMMARY_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const MONTHS: Month[] = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

function scheduleTime(kind: SummaryKind, config: ReportingConfig): ScheduleTime {
  return kind === 'annual' ? config.annualAt : config.semiannualAt;
}

/** The desired Schedule; its fingerprint rides in the action memo so an unchanged schedule is left alone. */
export function summaryScheduleOptions(kind: SummaryKind, config: ReportingConfig, taskQueue: string): ScheduleOptions {
  const at = scheduleTime(kind, config);
  const args: [SummaryWorkflowInput] = [{ kind }];
  const desired = {
    spec: {
      calendars: [
        {
          month: MONTHS[at.month - 1],
          dayOfMonth: at.day,
          hour: at.hour,
          minute: at.minute,
          comment: kind === 'annual' ? 'tổng kết năm, after 31 December' : 'sơ kết 6 tháng, after 30 June',
        },
      ],
      timezone: SUMMARY_TIME_ZONE,
    },
    // BUFFER_ONE: a run that overlaps the previous one waits for it instead of being lost or racing it.
    policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: `${config.catchupDays} days` as const, pauseOnFailure: false },
    taskQueue,
    args,
  };
  const fingerprint = sha256Hex(canonicalJson(desired)).slice(0, 16);
  return {
    scheduleId: summaryScheduleIds[kind],
    spec: desired.spec,
    policies: desired.policies,
    action: {
      type: 'startWorkflow',
      workflowType: 'summaryWorkflow',
      workflowId: summaryScheduleIds[kind],
      taskQueue,
      args,
      memo: { scheduleFingerprint: fingerprint },
      workflowExecutionTimeout: '1 day',
    },
    memo: { purpose: 'summary' },
  };
}

/** Creates each schedule, or updates it when its spec, policies or action changed; never touches its paused state. */
export async function ensureSummarySchedules(
  client: Client,
  config: ReportingConfig,
  taskQueue: string,
): Promise<Record<SummaryKind, EnsureOutcome>> {
  const outcomes = {} as Record<SummaryKind, EnsureOutcome>;
  for (const kind of summaryKinds) {
    const options = summaryScheduleOptions(kind, config, taskQueue);
    try {
      await client.schedule.create(options);
      outcomes[kind] = 'created';
      continue;
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
    const handle = client.schedule.getHandle(options.scheduleId);
    const current = await handle.describe();
    const wanted = (options.action.memo as { scheduleFingerprint: string }).scheduleFingerprint;
    if (current.action.memo?.scheduleFingerprint === wanted) {
      outcomes[kind] = 'unchanged';
      continue;
    }
    await handle.update((previous) => ({
      ...previous,
      spec: options.spec,
      policies: options.policies,
      action: options.action,
    }));
    outcomes[kind] = 'updated';
  }
  return outcomes;
}

/** Supervisor commands on the schedules (pause, resume, trigger, backfill) and their state with running actions. */
export class SummaryScheduleClient {
  constructor(
    private readonly client: Client,
    private readonly config: ReportingConfig,
  ) {}

  private handle(kind: SummaryKind) {
    return this.client.schedule.getHandle(summaryScheduleIds[kind]);
  }

  async describe(kind: SummaryKind) {
    try {
      const d = await this.handle(kind).describe();
      return {
        kind,
        scheduleId: d.scheduleId,
        paused: d.state.paused,
        note: d.state.note ?? null,
        nextActionTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
        recentActions: d.info.recentActions.map((a) => ({
          scheduledAt: a.scheduledAt.toISOString(),
          takenAt: a.takenAt.toISOString(),
          workflowId: a.action.workflow.workflowId,
        })),
        runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
      };
    } catch (error) {
      throw this.mapped(kind, error);
    }
  }

  async pause(kind: SummaryKind, note?: string): Promise<void> {
    await this.handle(kind).pause(note ?? 'paused by a supervisor').catch((e: unknown) => Promise.reject(this.mapped(kind, e)));
  }

  async resume(kind: SummaryKind, note?: string): Promise<void> {
    await this.handle(kind).unpause(note ?? 'resumed by a supervisor').catch((e: unknown) => Promise.reject(this.mapped(kind, e)));
  }

  /** Runs now: the workflow reports the latest period closed at this instant. */
  async trigger(kind: SummaryKind): Promise<void> {
    await this.handle(kind).trigger(ScheduleOverlapPolicy.BUFFER_ONE).catch((e: unknown) => Promise.reject(this.mapped(kind, e)));
  }

  /**
   * Takes the schedule's actions for the periods of `fromYear`…`toYear` as if that time passed now, one after
   * the other (BUFFER_ALL), so each report finds its predecessor stored. Returns the nominal times.
   */
  async backfill(kind: SummaryKind, fromYear: number, toYear: number): Promise<string[]> {
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 2000 || toYear - fromYear > 50) {
      throw new InvalidPeriodError(`invalid year range ${fromYear}–${toYear}`, { fromYear, toYear });
    }
    const times = [];
    for (let year = fromYear; year <= toYear; year++) times.push(this.nominalRunTime(kind, year));
    if (times[times.length - 1].getTime() > Date.now()) {
      throw new InvalidPeriodError(`the ${kind} period of ${toYear} has not been scheduled yet`, { toYear });
    }
    await this.handle(kind)
      .backfill({
        start: new Date(times[0].getTime() - 1000),
        end: new Date(times[times.length - 1].getTime() + 1000),
        overlap: ScheduleOverlapPolicy.BUFFER_ALL,
      })
      .catch((e: unknown) => Promise.reject(this.mapped(kind, e)));
    return times.map((t) => t.toISOString());
  }

  /** When the schedule runs for the period of `year` (the first half for `semiannual`). */
  nominalRunTime(kind: SummaryKind, periodYear: number): Date {
    const at = scheduleTime(kind, this.config);
    const year = kind === 'annual' ? periodYear + 1 : periodYear;
    return new Date(Date.UTC(year, at.month - 1, at.day, at.hour, at.minute) - VIETNAM_OFFSET_MS);
  }

  private mapped(kind: SummaryKind, error: unknown): unknown {
    if (error instanceof ScheduleNotFoundError) {
      return new ReportingError('REPORT.SCHEDULE_NOT_FOUND', `schedule ${summaryScheduleIds[kind]} does not exist`, { kind });
    }
    return error;
  }
}
