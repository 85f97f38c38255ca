/** Vietnamese working-day calendar: civil dates in Asia/Ho_Chi_Minh, public holidays (Labour Code 2019 art. 112) and working-day arithmetic. */

/** 'YYYY-MM-DD', a civil date in Asia/Ho_Chi_Minh. */
export type CivilDate = string;

/** Extra days per Gregorian year, each listed under its own year. */
export interface HolidayTable {
  readonly [year: string]: readonly CivilDate[];
}

export interface LunarYear {
  /** Tết Nguyên Đán: 1st day of the 1st lunar month. */
  readonly newYear: CivilDate;
  /** Giỗ Tổ Hùng Vương: 10th day of the (non-leap) 3rd lunar month. */
  readonly hungKings: CivilDate;
}

export class CalendarError extends Error {
  readonly code = 'CALENDAR.YEAR_NOT_COVERED';
  constructor(readonly year: number) {
    super(`the working-day calendar does not cover ${year}: add its lunar dates to lunarYears`);
    this.name = 'CalendarError';
  }
}

/**
 * Lunar dates of the Vietnamese calendar (UTC+7), computed with Hồ Ngọc Đức's algorithm and checked against
 * published dates. Vietnam differs from the Chinese calendar (UTC+8) in 2030: Tết is on 2 February, not 3.
 * A year missing here is not covered: the calendar throws rather than guess.
 */
export const lunarYears: Readonly<Record<number, LunarYear>> = Object.freeze({
  2016: { newYear: '2016-02-08', hungKings: '2016-04-16' },
  2017: { newYear: '2017-01-28', hungKings: '2017-04-06' },
  2018: { newYear: '2018-02-16', hungKings: '2018-04-25' },
  2019: { newYear: '2019-02-05', hungKings: '2019-04-14' },
  2020: { newYear: '2020-01-25', hungKings: '2020-04-02' },
  2021: { newYear: '2021-02-12', hungKings: '2021-04-21' },
  2022: { newYear: '2022-02-01', hungKings: '2022-04-10' },
  2023: { newYear: '2023-01-22', hungKings: '2023-04-29' },
  2024: { newYear: '2024-02-10', hungKings: '2024-04-18' },
  2025: { newYear: '2025-01-29', hungKings: '2025-04-07' },
  2026: { newYear: '2026-02-17', hungKings: '2026-04-26' },
  2027: { newYear: '2027-02-06', hungKings: '2027-04-16' },
  2028: { newYear: '2028-01-26', hungKings: '2028-04-04' },
  2029: { newYear: '2029-02-13', hungKings: '2029-04-23' },
  2030: { newYear: '2030-02-02', hungKings: '2030-04-12' },
  2031: { newYear: '2031-01-23', hungKings: '2031-04-01' },
  2032: { newYear: '2032-02-11', hungKings: '2032-04-19' },
  2033: { newYear: '2033-01-31', hungKings: '2033-04-09' },
  2034: { newYear: '2034-02-19', hungKings: '2034-04-28' },
  2035: { newYear: '2035-02-08', hungKings: '2035-04-17' },
});

/**
 * The day the government added to National Day (2 September) since 2021. Years not listed follow the rule:
 * 3 September when 1 September is a weekend day or 2 September a Thursday, otherwise 1 September
 * (the rule reproduces every decision listed here).
 */
export const nationalDayBridges: Readonly<Record<number, CivilDate>> = Object.freeze({
  2021: '2021-09-03',
  2022: '2022-09-01',
  2023: '2023-09-01',
  2024: '2024-09-03',
  2025: '2025-09-01',
});

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const CIVIL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_NATIONAL_DAY_BRIDGE_YEAR = 2021;
const SATURDAY = 6;
const SUNDAY = 0;
const THURSDAY = 4;

type DayNumber = number;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function dayNumberFromParts({ year, month, day }: DateParts): DayNumber {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

function partsOf(value: unknown): DateParts | null {
  if (typeof value !== 'string') return null;
  const match = CIVIL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) {
    return null;
  }
  return parts;
}

function requireParts(date: CivilDate): DateParts {
  const parts = partsOf(date);
  if (!parts) throw new RangeError(`not a civil date YYYY-MM-DD: ${String(date)}`);
  return parts;
}

function dayNumberOf(date: CivilDate): DayNumber {
  return dayNumberFromParts(requireParts(date));
}

function partsFromDayNumber(dayNumber: DayNumber): DateParts {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function formatParts({ year, month, day }: DateParts): CivilDate {
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} cannot be written as YYYY`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function civilDateOf(dayNumber: DayNumber): CivilDate {
  return formatParts(partsFromDayNumber(dayNumber));
}

function weekdayOf(dayNumber: DayNumber): number {
  return (((dayNumber + THURSDAY) % 7) + 7) % 7;
}

function isWeekend(dayNumber: DayNumber): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === SATURDAY || weekday === SUNDAY;
}

function requireInteger(name: string, value: number, minimum = -Infinity): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be an integer${minimum > -Infinity ? ` >= ${minimum}` : ''}, got ${value}`);
  }
}

export function isCivilDate(value: unknown): value is CivilDate {
  return partsOf(value) !== null;
}

export function civilDateInVietnam(instant: Date | number): CivilDate {
  const epochMs = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return civilDateOf(Math.floor((epochMs + VIETNAM_OFFSET_MS) / DAY_MS));
}

export function startOfCivilDateInVietnam(date: CivilDate): number {
  return dayNumberOf(date) * DAY_MS - VIETNAM_OFFSET_MS;
}

export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  requireInteger('days', days);
  return civilDateOf(dayNumberOf(date) + days);
}

export function addYears(date: CivilDate, years: number): CivilDate {
  requireInteger('years', years);
  const { year, month, day } = requireParts(date);
  const target = year + years;
  return formatParts({ year: target, month, day: Math.min(day, daysInMonth(target, month)) });
}

export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return Math.sign(dayNumberOf(a) - dayNumberOf(b));
}

function nationalDayBridge(year: number): DayNumber {
  const decided = nationalDayBridges[year];
  if (decided) return dayNumberOf(decided);
  const september1 = dayNumberFromParts({ year, month: 9, day: 1 });
  return isWeekend(september1) || weekdayOf(september1 + 1) === THURSDAY ? september1 + 2 : september1;
}

/**
 * Statutory days off of a year before government swaps: the holidays themselves and their compensatory days.
 * A fixed-date holiday or Hùng Kings' day on a weekend is compensated on the next working day. A Tết day on a
 * Saturday is compensated on the preceding working day and one on a Sunday on the following working day, which is
 * how every Tết from 2016 to 2026 was decided (e.g. 2024: 8–14 Feb, 2025: 27–31 Jan).
 */
function statutoryDaysOff(year: number): ReadonlySet<DayNumber> {
  const lunar = lunarYears[year];
  if (!lunar) throw new CalendarError(year);
  const on = (month: number, day: number) => dayNumberFromParts({ year, month, day });
  const newYear = dayNumberOf(lunar.newYear);
  const tet = [-1, 0, 1, 2, 3].map((offset) => newYear + offset);
  const others = [on(1, 1), dayNumberOf(lunar.hungKings), on(4, 30), on(5, 1), on(9, 2)];
  if (year >= FIRST_NATIONAL_DAY_BRIDGE_YEAR) others.push(nationalDayBridge(year));

  const off = new Set<DayNumber>([...tet, ...others]);
  const compensate = (holiday: DayNumber, step: 1 | -1) => {
    let day = holiday + step;
    while (isWeekend(day) || off.has(day)) day += step;
    off.add(day);
  };
  for (const day of tet) if (weekdayOf(day) === SATURDAY) compensate(day, -1);
  const forward = [...tet.filter((day) => weekdayOf(day) === SUNDAY), ...others.filter(isWeekend)];
  for (const day of forward.sort((a, b) => a - b)) compensate(day, 1);
  return off;
}

function daysOfTable(table: HolidayTable, name: string): Set<DayNumber> {
  const days = new Set<DayNumber>();
  for (const [year, dates] of Object.entries(table)) {
    for (const date of dates) {
      if (requireParts(date).year !== Number(year)) throw new RangeError(`${name}: ${date} is listed under ${year}`);
      days.add(dayNumberOf(date));
    }
  }
  return days;
}

export class WorkingDayCalendar {
  private readonly extraDaysOff: ReadonlySet<DayNumber>;
  private readonly extraWorkingDays: ReadonlySet<DayNumber>;
  private readonly statutoryByYear = new Map<number, ReadonlySet<DayNumber>>();

  /** extraDaysOff: compensatory days and bridges decided by the government; extraWorkingDays: official make-up Saturdays. */
  constructor(extraDaysOff: HolidayTable = {}, extraWorkingDays: HolidayTable = {}) {
    this.extraDaysOff = daysOfTable(extraDaysOff, 'extraDaysOff');
    this.extraWorkingDays = daysOfTable(extraWorkingDays, 'extraWorkingDays');
    for (const day of this.extraWorkingDays) {
      if (this.extraDaysOff.has(day)) throw new RangeError(`${civilDateOf(day)} is both an extra day off and a working day`);
    }
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.isWorking(dayNumberOf(date));
  }

  /** Sorted public days off of the year (holidays, compensatory and decided days), ordinary weekends excluded. */
  holidaysOf(year: number): CivilDate[] {
    requireInteger('year', year);
    const first = dayNumberFromParts({ year, month: 1, day: 1 });
    const last = dayNumberFromParts({ year, month: 12, day: 31 });
    const holidays: CivilDate[] = [];
    for (let day = first; day <= last; day++) {
      if (!isWeekend(day) && !this.isWorking(day)) holidays.push(civilDateOf(day));
    }
    return holidays;
  }

  /** The n-th working day after date, date itself not counted; 0 returns date. */
  addWorkingDays(date: CivilDate, days: number): CivilDate {
    requireInteger('days', days, 0);
    let day = dayNumberOf(date);
    for (let remaining = days; remaining > 0; ) {
      day += 1;
      if (this.isWorking(day)) remaining -= 1;
    }
    return civilDateOf(day);
  }

  /** Working days in (from, to]; negative when to is before from. */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    const start = dayNumberOf(from);
    const end = dayNumberOf(to);
    if (end < start) return 0 - this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = start + 1; day <= end; day++) if (this.isWorking(day)) count += 1;
    return count;
  }

  private isWorking(day: DayNumber): boolean {
    const statutory = this.statutoryOf(partsFromDayNumber(day).year);
    if (this.extraWorkingDays.has(day)) return true;
    if (this.extraDaysOff.has(day) || isWeekend(day)) return false;
    return !statutory.has(day);
  }

  private statutoryOf(year: number): ReadonlySet<DayNumber> {
    let days = this.statutoryByYear.get(year);
    if (!days) {
      days = statutoryDaysOff(year);
      this.statutoryByYear.set(year, days);
    }
    return days;
  }
}

/**
 * The government's day swaps, as versioned reference data: each version adds the days off and make-up working days
 * of one or more decisions, and is never edited once in use (a correction is a new version). A decision's dates are
 * stored in its events with the version it was taken on (metadata.calendarVersion), so a running regulation's past
 * is never recomputed with data published after it; its new decisions use the latest version
 * (workflows/regulation-lifecycle.workflow.ts).
 */
export interface CalendarVersion {
  readonly id: string;
  /** The decisions the version takes its days from. */
  readonly source: string;
  readonly daysOff: HolidayTable;
  readonly workingDays: HolidayTable;
}

export const calendarVersions: readonly CalendarVersion[] = Object.freeze<CalendarVersion[]>([
  {
    id: 'swaps-2018-2025',
    source:
      'Công văn 6519/VPCP-KGVX (2018), 2450/VPCP-KGVX (2024) and the 2025 holiday schedule (unconfirmed: the 2019 and ' +
      '2025 decisions are not cited by number, their dates are as published)',
    daysOff: { 2018: ['2018-12-31'], 2019: ['2019-04-29'], 2024: ['2024-04-29'], 2025: ['2025-05-02'] },
    workingDays: { 2019: ['2019-01-05', '2019-05-04'], 2024: ['2024-05-04'], 2025: ['2025-04-26'] },
  },
  {
    id: 'vpcp-12729-2025',
    source:
      'Công văn 12729/VPCP-KGVX ngày 25/12/2025: Friday 2/1/2026 off, Saturday 10/1/2026 worked in exchange ' +
      '(confirmed: DOMAIN.md records it as checked against the texts, 2026-11)',
    daysOff: { 2026: ['2026-01-02'] },
    workingDays: { 2026: ['2026-01-10'] },
  },
]);

const calendarsByVersion = new Map<string, WorkingDayCalendar>();

/** The calendar with every version up to and including `versionId`. */
export function calendarThrough(versionId: string): WorkingDayCalendar {
  const cached = calendarsByVersion.get(versionId);
  if (cached) return cached;
  const last = calendarVersions.findIndex((version) => version.id === versionId);
  if (last < 0) throw new RangeError(`unknown calendar version ${versionId}`);
  const included = calendarVersions.slice(0, last + 1);
  const merge = (pick: (version: CalendarVersion) => HolidayTable): HolidayTable => {
    const table: Record<string, CivilDate[]> = {};
    for (const version of included) {
      for (const [year, dates] of Object.entries(pick(version))) table[year] = [...(table[year] ?? []), ...dates];
    }
    return table;
  };
  const calendar = new WorkingDayCalendar(merge((v) => v.daysOff), merge((v) => v.workingDays));
  calendarsByVersion.set(versionId, calendar);
  return calendar;
}

/** The first version: what the lifecycle's events decided before reference data was versioned. */
export const firstCalendarVersion = calendarVersions[0].id;
export const latestCalendarVersion = calendarVersions[calendarVersions.length - 1].id;

/** The statutory calendar with every swap and make-up Saturday known to this code: for new decisions and views. */
export const vietnameseCalendar = calendarThrough(latestCalendarVersion);
