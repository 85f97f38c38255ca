import {
  addCalendarDays,
  addYears,
  CalendarError,
  calendarThrough,
  calendarVersions,
  civilDateInVietnam,
  compareCivilDates,
  firstCalendarVersion,
  isCivilDate,
  latestCalendarVersion,
  lunarYears,
  startOfCivilDateInVietnam,
  vietnameseCalendar,
  WorkingDayCalendar,
} from './calendar';

const calendar = vietnameseCalendar;
const statutoryOnly = new WorkingDayCalendar();

function daysFrom(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addCalendarDays(first, i));
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('civil dates', () => {
  it('given strings and other values, isCivilDate accepts only real YYYY-MM-DD dates', () => {
    expect(isCivilDate('2023-02-03')).toBe(true);
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2023-02-29')).toBe(false);
    expect(isCivilDate('2023-02-30')).toBe(false);
    expect(isCivilDate('2023-04-31')).toBe(false);
    expect(isCivilDate('2023-13-01')).toBe(false);
    expect(isCivilDate('2023-00-10')).toBe(false);
    expect(isCivilDate('2023-2-3')).toBe(false);
    expect(isCivilDate('2023-02-03T00:00:00Z')).toBe(false);
    expect(isCivilDate(' 2023-02-03')).toBe(false);
    expect(isCivilDate(20230203)).toBe(false);
    expect(isCivilDate(new Date('2023-02-03'))).toBe(false);
    expect(isCivilDate(null)).toBe(false);
    expect(isCivilDate(undefined)).toBe(false);
  });

  it('given an instant, civilDateInVietnam turns the date at 17:00 UTC (midnight in Hà Nội)', () => {
    expect(civilDateInVietnam(new Date('2024-12-31T16:59:59.999Z'))).toBe('2024-12-31');
    expect(civilDateInVietnam(new Date('2024-12-31T17:00:00.000Z'))).toBe('2025-01-01');
    expect(civilDateInVietnam(Date.parse('2023-08-15T16:59:59Z'))).toBe('2023-08-15');
    expect(civilDateInVietnam(Date.parse('2023-08-15T17:00:00Z'))).toBe('2023-08-16');
    expect(civilDateInVietnam(0)).toBe('1970-01-01');
  });

  it('given an invalid instant, civilDateInVietnam throws', () => {
    expect(() => civilDateInVietnam(new Date('not a date'))).toThrow(RangeError);
    expect(() => civilDateInVietnam(Number.NaN)).toThrow(RangeError);
  });

  it('given a civil date, startOfCivilDateInVietnam is its midnight in Hà Nội and round-trips', () => {
    expect(startOfCivilDateInVietnam('2025-01-01')).toBe(Date.parse('2024-12-31T17:00:00Z'));
    for (const date of ['2016-02-29', '2023-08-16', '2025-07-01', '2035-12-31']) {
      const start = startOfCivilDateInVietnam(date);
      expect(civilDateInVietnam(start)).toBe(date);
      expect(civilDateInVietnam(start - 1)).toBe(addCalendarDays(date, -1));
    }
  });

  it('adds calendar days across month, leap-day and year boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addCalendarDays('2023-08-16', 30)).toBe('2023-09-15');
    expect(addCalendarDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addCalendarDays('2024-01-01', 0)).toBe('2024-01-01');
  });

  it('adds years, turning 29 February into 28 February in non-leap years', () => {
    expect(addYears('2023-08-16', 1)).toBe('2024-08-16');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(addYears('2100-02-28', 0)).toBe('2100-02-28');
  });

  it('compares civil dates chronologically', () => {
    expect(compareCivilDates('2023-08-15', '2023-08-16')).toBe(-1);
    expect(compareCivilDates('2023-08-16', '2023-08-16')).toBe(0);
    expect(compareCivilDates('2024-01-01', '2023-12-31')).toBe(1);
  });

  it('given a malformed date or count, the arithmetic throws instead of guessing', () => {
    expect(() => addCalendarDays('2023-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2023-02-03', 1.5)).toThrow(RangeError);
    expect(() => addYears('2023-2-3', 1)).toThrow(RangeError);
    expect(() => compareCivilDates('2023-02-03', '20230203')).toThrow(RangeError);
  });
});

describe('lunar table', () => {
  it('covers 2016–2035 without gaps', () => {
    expect(Object.keys(lunarYears).map(Number)).toEqual(Array.from({ length: 20 }, (_, i) => 2016 + i));
  });

  it('holds the published Lunar New Year and Hùng Kings dates', () => {
    const newYears = ['2016-02-08', '2017-01-28', '2018-02-16', '2019-02-05', '2020-01-25', '2021-02-12',
      '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13'];
    expect(newYears.map((date) => lunarYears[Number(date.slice(0, 4))].newYear)).toEqual(newYears);
    const hungKings = ['2016-04-16', '2018-04-25', '2019-04-14', '2020-04-02', '2021-04-21', '2022-04-10',
      '2023-04-29', '2024-04-18', '2025-04-07', '2026-04-26'];
    expect(hungKings.map((date) => lunarYears[Number(date.slice(0, 4))].hungKings)).toEqual(hungKings);
  });

  it('uses Vietnamese (UTC+7) new moons: Tết 2030 is 2 February, a day before the Chinese new year', () => {
    expect(lunarYears[2030].newYear).toBe('2030-02-02');
  });

  it('keeps every row plausible: Tết in 21 Jan–20 Feb, Hùng Kings 67–69 days later, or 96–99 after a leap 1st–2nd month', () => {
    for (const [year, { newYear, hungKings }] of Object.entries(lunarYears)) {
      expect(newYear.slice(0, 4)).toBe(year);
      expect(compareCivilDates(newYear, `${year}-01-21`)).toBeGreaterThanOrEqual(0);
      expect(compareCivilDates(newYear, `${year}-02-20`)).toBeLessThanOrEqual(0);
      const gap = (startOfCivilDateInVietnam(hungKings) - startOfCivilDateInVietnam(newYear)) / 86_400_000;
      expect((gap >= 67 && gap <= 69) || (gap >= 96 && gap <= 99)).toBe(true);
    }
  });
});

describe('WorkingDayCalendar: days off', () => {
  it('given an ordinary week, Saturday and Sunday are off and weekdays are working days', () => {
    expect(daysFrom('2025-03-03', 7).map((d) => calendar.isWorkingDay(d))).toEqual([
      true, true, true, true, true, false, false,
    ]);
  });

  it('given 2025, each fixed-date holiday is off and the day around it is not', () => {
    expect(calendar.isWorkingDay('2025-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2025-01-02')).toBe(true);
    expect(calendar.isWorkingDay('2025-04-30')).toBe(false);
    expect(calendar.isWorkingDay('2025-05-01')).toBe(false);
    expect(calendar.isWorkingDay('2025-09-02')).toBe(false);
    expect(calendar.isWorkingDay('2025-09-03')).toBe(true);
    expect(calendar.isWorkingDay('2024-12-31')).toBe(true);
  });

  it('given National Day from 2021, adds the decided adjacent day; before 2021 only 2 September', () => {
    expect(calendar.isWorkingDay('2021-09-03')).toBe(false);
    expect(calendar.isWorkingDay('2022-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2024-09-03')).toBe(false);
    expect(calendar.isWorkingDay('2025-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2020-09-01')).toBe(true);
    expect(calendar.isWorkingDay('2020-09-02')).toBe(false);
    expect(calendar.isWorkingDay('2020-09-03')).toBe(true);
  });

  it('given a year without a decision, the National Day rule picks 1 or 3 September', () => {
    expect(calendar.holidaysOf(2026).filter((d) => d.slice(5, 7) === '09')).toEqual(['2026-09-01', '2026-09-02']);
    expect(calendar.holidaysOf(2027).filter((d) => d.slice(5, 7) === '09')).toEqual(['2027-09-02', '2027-09-03']);
    expect(calendar.holidaysOf(2029).filter((d) => d.slice(5, 7) === '09')).toEqual(['2029-09-03', '2029-09-04']);
  });

  it('given National Day 2023 on a Saturday, 1 September is the adjacent day and Monday 4 September the compensation', () => {
    expect(daysFrom('2023-08-31', 6).map((d) => calendar.isWorkingDay(d))).toEqual([true, false, false, false, false, true]);
  });

  it('given Tết 2024, civil servants are off Thursday 8 to Wednesday 14 February', () => {
    expect(daysFrom('2024-02-07', 9).map((d) => calendar.isWorkingDay(d))).toEqual([
      true, false, false, false, false, false, false, false, true,
    ]);
  });

  it('given Tết 2025, the official nine days off run from Saturday 25 January to Sunday 2 February', () => {
    for (const date of daysFrom('2025-01-25', 9)) expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.isWorkingDay('2025-01-24')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('given Tết 2026, the official nine days off run from Saturday 14 to Sunday 22 February', () => {
    for (const date of daysFrom('2026-02-14', 9)) expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('given the Tết rule alone, it reproduces the decided periods of 2017, 2018, 2020, 2021 and 2023', () => {
    const tet = (year: number) => statutoryOnly.holidaysOf(year).filter((d) => d.slice(5) >= '01-15' && d.slice(5) < '03');
    expect(tet(2017)).toEqual(['2017-01-26', '2017-01-27', '2017-01-30', '2017-01-31', '2017-02-01']);
    expect(tet(2018)).toEqual(['2018-02-14', '2018-02-15', '2018-02-16', '2018-02-19', '2018-02-20']);
    expect(tet(2020)).toEqual(['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29']);
    expect(tet(2021)).toEqual(['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16']);
    expect(tet(2023)).toEqual(['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']);
  });

  it("given Hùng Kings' day, it is off on the lunar date and compensated when it falls on a weekend", () => {
    expect(calendar.isWorkingDay('2024-04-18')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false);
    expect(calendar.isWorkingDay('2022-04-10')).toBe(false);
    expect(calendar.isWorkingDay('2022-04-11')).toBe(false);
    expect(calendar.isWorkingDay('2022-04-12')).toBe(true);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
  });

  it('given 30 April and 1 May 2022 on a weekend, Monday 2 and Tuesday 3 May are compensatory days off', () => {
    expect(daysFrom('2022-04-29', 6).map((d) => calendar.isWorkingDay(d))).toEqual([true, false, false, false, false, true]);
  });

  it('given 1 January 2023 on a Sunday, Monday 2 January is a compensatory day off', () => {
    expect(calendar.isWorkingDay('2023-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2023-01-03')).toBe(true);
  });

  it("given Hùng Kings' day 2023 on Saturday 29 April next to 30 April and 1 May, compensation runs to 3 May", () => {
    expect(calendar.holidaysOf(2023).filter((d) => d.slice(5, 7) === '05')).toEqual(['2023-05-01', '2023-05-02', '2023-05-03']);
    expect(calendar.isWorkingDay('2023-05-04')).toBe(true);
  });

  it('given the 2025 swap, Friday 2 May is off and Saturday 26 April is a make-up working day', () => {
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(statutoryOnly.isWorkingDay('2025-05-02')).toBe(true);
    expect(statutoryOnly.isWorkingDay('2025-04-26')).toBe(false);
  });

  it('lists the public days off of 2024 and 2025, weekends excluded', () => {
    expect(calendar.holidaysOf(2024)).toEqual([
      '2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18',
      '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
    ]);
    expect(calendar.holidaysOf(2025)).toEqual([
      '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07',
      '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
    ]);
  });

  it('given extra tables, applies them on top of the statutory days', () => {
    const custom = new WorkingDayCalendar({ 2025: ['2025-03-10'] }, { 2025: ['2025-03-15'] });
    expect(custom.isWorkingDay('2025-03-10')).toBe(false);
    expect(custom.isWorkingDay('2025-03-15')).toBe(true);
    expect(custom.holidaysOf(2025)).toContain('2025-03-10');
    expect(custom.holidaysOf(2025)).not.toContain('2025-03-15');
  });

  it('given a misfiled or contradictory extra table, the constructor throws', () => {
    expect(() => new WorkingDayCalendar({ 2024: ['2025-03-10'] })).toThrow(RangeError);
    expect(() => new WorkingDayCalendar({ 2025: ['2025-03-10'] }, { 2025: ['2025-03-10'] })).toThrow(RangeError);
  });

  it('given a year outside the lunar table, throws CALENDAR.YEAR_NOT_COVERED instead of guessing', () => {
    for (const action of [
      () => calendar.isWorkingDay('2015-06-01'),
      () => calendar.isWorkingDay('2036-01-05'),
      () => calendar.holidaysOf(2036),
      () => calendar.addWorkingDays('2035-12-28', 5),
    ]) {
      const error = thrown(action);
      expect(error).toBeInstanceOf(CalendarError);
      expect(error).toMatchObject({ code: 'CALENDAR.YEAR_NOT_COVERED' });
    }
    expect(thrown(() => calendar.isWorkingDay('2015-06-01'))).toMatchObject({ year: 2015 });
  });
});

describe('WorkingDayCalendar: working-day arithmetic', () => {
  it('given a Friday, one working day later is the Monday after the weekend', () => {
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(calendar.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10');
    expect(calendar.addWorkingDays('2025-03-03', 5)).toBe('2025-03-10');
  });

  it('given the last working day before Tết, the next one is after the holiday', () => {
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(calendar.addWorkingDays('2025-01-22', 5)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(calendar.addWorkingDays('2024-02-07', 5)).toBe('2024-02-21');
  });

  it('given 29 December 2025, five working days later crosses New Year and the 2 January 2026 day off into 2026', () => {
    // Official Dispatch 12729/VPCP-KGVX (25/12/2025): Fri 2/1/2026 off, Sat 10/1/2026 worked in exchange
    expect(calendar.addWorkingDays('2025-12-29', 5)).toBe('2026-01-07');
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
  });

  it('given 0 days, returns the date itself, even on a day off', () => {
    expect(calendar.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
    expect(calendar.addWorkingDays('2025-01-01', 0)).toBe('2025-01-01');
  });

  it('given a negative or fractional count, addWorkingDays throws', () => {
    expect(() => calendar.addWorkingDays('2025-03-07', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-03-07', 1.5)).toThrow(RangeError);
  });

  it('counts working days in (from, to], negative when to is earlier', () => {
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(calendar.workingDaysBetween('2025-02-03', '2025-01-24')).toBe(-1);
    expect(calendar.workingDaysBetween('2025-03-07', '2025-03-07')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-07', '2025-03-09')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-09', '2025-03-07')).toBe(0);
    expect(calendar.workingDaysBetween('2025-01-01', '2025-12-31')).toBe(250);
  });

  it('agrees with addWorkingDays for every start date over more than a year', () => {
    for (const start of daysFrom('2024-11-01', 430)) {
      for (const n of [0, 1, 3, 5, 15, 30]) {
        const end = calendar.addWorkingDays(start, n);
        expect(calendar.workingDaysBetween(start, end)).toBe(n);
        expect(calendar.workingDaysBetween(end, start)).toBe(n === 0 ? 0 : -n);
        if (n > 0) {
          expect(calendar.isWorkingDay(end)).toBe(true);
          expect(calendar.workingDaysBetween(start, addCalendarDays(end, -1))).toBe(n - 1);
        }
      }
    }
  });
});

describe('calendar versions (reference data that cannot change a decision already taken)', () => {
  it('name each version once, with its source', () => {
    expect(new Set(calendarVersions.map((v) => v.id)).size).toBe(calendarVersions.length);
    for (const version of calendarVersions) expect(version.source.length).toBeGreaterThan(10);
    expect(vietnameseCalendar).toBe(calendarThrough(latestCalendarVersion));
  });

  it('keep each version as it was: the first has no swap of January 2026, the latest has it', () => {
    const first = calendarThrough(firstCalendarVersion);
    expect(first.addWorkingDays('2025-12-29', 5)).toBe('2026-01-06');
    expect(first.isWorkingDay('2026-01-02')).toBe(true);
    expect(first.isWorkingDay('2026-01-10')).toBe(false);
    expect(calendarThrough('vpcp-12729-2025').addWorkingDays('2025-12-29', 5)).toBe('2026-01-07');
    // Earlier swaps stay in later versions.
    expect(calendarThrough('vpcp-12729-2025').isWorkingDay('2025-05-02')).toBe(false);
    expect(calendarThrough('vpcp-12729-2025').isWorkingDay('2025-04-26')).toBe(true);
  });

  it('refuse an unknown version', () => {
    expect(thrown(() => calendarThrough('no-such-version'))).toBeInstanceOf(RangeError);
  });
});
