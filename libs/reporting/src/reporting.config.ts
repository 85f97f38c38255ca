/** When the summary schedules run (Asia/Ho_Chi_Minh), read from the environment once and validated. */
import { registerAs } from '@nestjs/config';

export interface ScheduleTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface ReportingConfig {
  /** First-half review: default 5 July 02:00 local. `REPORT_SEMIANNUAL_AT=MM-DD HH:mm`. */
  semiannualAt: ScheduleTime;
  /** Annual summary: default 5 January 02:00 local. `REPORT_ANNUAL_AT=MM-DD HH:mm`. */
  annualAt: ScheduleTime;
  /** How late a missed run (server or worker down) is still taken: `REPORT_CATCHUP_DAYS`, default 30. */
  catchupDays: number;
  /** Whether the worker creates/updates the schedules at start: `REPORT_SCHEDULES=off` disables. */
  manageSchedules: boolean;
}

export function parseScheduleTime(name: string, value: string): ScheduleTime {
  const match = /^(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(value.trim());
  const [month, day, hour, minute] = match ? match.slice(1).map(Number) : [];
  if (!match || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59) {
    throw new Error(`invalid configuration: ${name} must be "MM-DD HH:mm" with a day from 01 to 28, got "${value}"`);
  }
  return { month, day, hour, minute };
}

export const reportingConfig = registerAs('reporting', (): ReportingConfig => {
  const catchupDays = Number(process.env.REPORT_CATCHUP_DAYS ?? '30');
  if (!Number.isInteger(catchupDays) || catchupDays < 1 || catchupDays > 365) {
    throw new Error('invalid configuration: REPORT_CATCHUP_DAYS must be an integer from 1 to 365');
  }
  return {
    semiannualAt: parseScheduleTime('REPORT_SEMIANNUAL_AT', process.env.REPORT_SEMIANNUAL_AT ?? '07-05 02:00'),
    annualAt: parseScheduleTime('REPORT_ANNUAL_AT', process.env.REPORT_ANNUAL_AT ?? '01-05 02:00'),
    catchupDays,
    manageSchedules: (process.env.REPORT_SCHEDULES ?? 'on') !== 'off',
  };
});
