/** Legal regimes for community conventions as data keyed by effective date: authority, deadlines and vote thresholds. */
import { addCalendarDays, addYears, CivilDate, compareCivilDates, vietnameseCalendar, WorkingDayCalendar } from './calendar';

export type DurationUnit = 'working_days' | 'calendar_days' | 'years';

export interface LegalDuration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** A "more than" threshold: value exceeds the share of base when value * denominator > base * numerator. */
export interface Share {
  readonly numerator: number;
  readonly denominator: number;
}

export type Authority = 'district_peoples_committee' | 'ward_peoples_committee';

export interface LegalRegime {
  readonly id: string;
  readonly title: string;
  readonly titleVi: string;
  readonly effectiveFrom: CivilDate;
  readonly legalBasis: string;
  /** Who recognizes a community convention. */
  readonly recognizingAuthority: Authority;
  readonly consultationMinimum: LegalDuration;
  /** The dossier goes to the authority within this time of the vote. */
  readonly submissionDeadline: LegalDuration;
  /** The authority decides within this time of a complete dossier. */
  readonly decisionDeadline: LegalDuration;
  readonly suspensionReportDeadline: LegalDuration;
  readonly annualReviewInterval: LegalDuration;
  /** Households present must exceed this share of all households. */
  readonly quorum: Share;
  /** Households approving must exceed this share of ALL households, not only of those present. */
  readonly adoption: Share;
}

export type RegimeErrorCode = 'REGIME.NOT_IN_FORCE' | 'REGIME.UNKNOWN';

export class RegimeError extends Error {
  constructor(
    readonly code: RegimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RegimeError';
  }
}

const workingDays = (amount: number): LegalDuration => ({ amount, unit: 'working_days' });
const calendarDays = (amount: number): LegalDuration => ({ amount, unit: 'calendar_days' });
const years = (amount: number): LegalDuration => ({ amount, unit: 'years' });
const half: Share = { numerator: 1, denominator: 2 };

function freezeRegime(regime: LegalRegime): LegalRegime {
  for (const value of Object.values(regime)) if (typeof value === 'object') Object.freeze(value);
  return Object.freeze(regime);
}

/** Thresholds and deadlines of the current regime (Luật 10/2022/QH15, Nghị định 61/2023/NĐ-CP). */
const decree61Rules = {
  consultationMinimum: calendarDays(30),
  submissionDeadline: workingDays(5),
  decisionDeadline: workingDays(5),
  suspensionReportDeadline: workingDays(3),
  annualReviewInterval: years(1),
  quorum: half,
  adoption: half,
};

export const legalRegimes: readonly LegalRegime[] = Object.freeze(
  [
    {
      id: 'decision-22-2018',
      title: 'Decision 22/2018/QD-TTg on drafting and implementing community conventions',
      titleVi: 'Quyết định 22/2018/QĐ-TTg về xây dựng, thực hiện hương ước, quy ước',
      effectiveFrom: '2018-07-01',
      legalBasis: 'Quyết định 22/2018/QĐ-TTg; Pháp lệnh 34/2007/PL-UBTVQH11',
      recognizingAuthority: 'district_peoples_committee' as const,
      consultationMinimum: calendarDays(30) /* default */,
      submissionDeadline: workingDays(5) /* default */,
      decisionDeadline: workingDays(15) /* default */,
      suspensionReportDeadline: workingDays(3) /* default */,
      annualReviewInterval: years(1) /* default */,
      quorum: half,
      adoption: half,
    },
    {
      id: 'decree-61-2023',
      title: 'Decree 61/2023/ND-CP on community conventions under the Law on Grassroots Democracy',
      titleVi: 'Nghị định 61/2023/NĐ-CP về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư',
      effectiveFrom: '2023-08-16',
      legalBasis: 'Nghị định 61/2023/NĐ-CP; Luật 10/2022/QH15',
      recognizingAuthority: 'ward_peoples_committee' as const,
      ...decree61Rules,
    },
    {
      id: 'two-tier-2025',
      title: 'Two-level local government: districts abolished, wards recognize conventions',
      titleVi: 'Chính quyền địa phương hai cấp: không tổ chức cấp huyện, phường công nhận hương ước, quy ước',
      effectiveFrom: '2025-07-01',
      legalBasis: 'Luật Tổ chức chính quyền địa phương 72/2025/QH15; Nghị định 61/2023/NĐ-CP; Luật 10/2022/QH15',
      recognizingAuthority: 'ward_peoples_committee' as const,
      ...decree61Rules,
    },
  ].map(freezeRegime),
);

/** The regime with the latest effectiveFrom on or before date. */
export function regimeInForceOn(date: CivilDate, regimes: readonly LegalRegime[] = legalRegimes): LegalRegime {
  let inForce: LegalRegime | undefined;
  for (const regime of regimes) {
    if (compareCivilDates(regime.effectiveFrom, date) > 0) continue;
    if (!inForce || compareCivilDates(regime.effectiveFrom, inForce.effectiveFrom) > 0) inForce = regime;
  }
  if (!inForce) throw new RegimeError('REGIME.NOT_IN_FORCE', `no legal regime was in force on ${date}`);
  return inForce;
}

export function regimeById(id: string): LegalRegime {
  const regime = legalRegimes.find((candidate) => candidate.id === id);
  if (!regime) throw new RegimeError('REGIME.UNKNOWN', `unknown legal regime ${id}`);
  return regime;
}

/**
 * Working days are counted on the given calendar version (the latest by default), the start date itself excluded.
 * A decision passes the version its workflow decides with (calendarVersions in calendar.ts).
 */
export function addDuration(date: CivilDate, duration: LegalDuration, calendar: WorkingDayCalendar = vietnameseCalendar): CivilDate {
  switch (duration.unit) {
    case 'working_days':
      return calendar.addWorkingDays(date, duration.amount);
    case 'calendar_days':
      return addCalendarDays(date, duration.amount);
    case 'years':
      return addYears(date, duration.amount);
    default: {
      const unknown: never = duration.unit;
      throw new RangeError(`unknown duration unit ${String(unknown)}`);
    }
  }
}

/** Whether value is more than share of base, in exact integer arithmetic. */
export function exceeds(value: number, base: number, share: Share): boolean {
  for (const [name, count] of [['value', value], ['base', base], ['numerator', share.numerator]] as const) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${name} must be a non-negative integer, got ${count}`);
  }
  if (!Number.isSafeInteger(share.denominator) || share.denominator <= 0) {
    throw new RangeError(`denominator must be a positive integer, got ${share.denominator}`);
  }
  return BigInt(value) * BigInt(share.denominator) > BigInt(base) * BigInt(share.numerator);
}
