/** Legal regimes for community conventions as data keyed by effective date: authority, deadlines, vote thresholds, dossier, each with its source. */
import { addCalendarDays, addYears, CivilDate, compareCivilDates, vietnameseCalendar, WorkingDayCalendar } from './calendar';
import type { DossierDocument } from './commands';
import { confirmed, unconfirmed, type CommitteeAuthority, type LegalDuration, type LegalSource, type Share } from './legal-terms';

export type { Authority, CommitteeAuthority, DurationUnit, Issuer, LegalDuration, LegalSource, Share } from './legal-terms';

/** A day of every year, e.g. 18 November. */
export interface AnnualDay {
  readonly month: number;
  readonly day: number;
}

export interface LegalRegime {
  readonly id: string;
  readonly title: string;
  readonly titleVi: string;
  readonly effectiveFrom: CivilDate;
  readonly legalBasis: string;
  /** Who recognizes a community convention. */
  readonly recognizingAuthority: CommitteeAuthority;
  readonly consultationMinimum: LegalDuration;
  /** The dossier goes to the authority within this time of the vote. */
  readonly submissionDeadline: LegalDuration;
  /** The authority decides within this time of a complete dossier. */
  readonly decisionDeadline: LegalDuration;
  readonly suspensionReportDeadline: LegalDuration;
  readonly annualReviewInterval: LegalDuration;
  /**
   * The day of the year the community holds its annual review, when the regime fixes one; the next review then
   * falls on that day instead of on the anniversary (`annualReviewInterval`).
   */
  readonly annualReviewDay: AnnualDay | null;
  /** Households present must exceed this share of all households. */
  readonly quorum: Share;
  /** Households approving must exceed this share of ALL households, not only of those present. */
  readonly adoption: Share;
  /** Documents the recognition dossier must hold (SubmitDossier is rejected without them). */
  readonly dossierDocuments: readonly DossierDocument[];
  /** The source of every rule above: a regime without one does not compile. */
  readonly sources: Readonly<Record<RuleName, LegalSource>>;
}

/** Every field of a regime that is a legal rule, as opposed to its labels and its sources. */
export type RuleName = Exclude<keyof LegalRegime, 'id' | 'title' | 'titleVi' | 'effectiveFrom' | 'legalBasis' | 'sources'>;

/** Every rule once, in display order; typing it as a Record makes the compiler check that the list is complete. */
const everyRule: Readonly<Record<RuleName, true>> = {
  recognizingAuthority: true,
  consultationMinimum: true,
  submissionDeadline: true,
  decisionDeadline: true,
  suspensionReportDeadline: true,
  annualReviewInterval: true,
  annualReviewDay: true,
  quorum: true,
  adoption: true,
  dossierDocuments: true,
};

export const ruleNames: readonly RuleName[] = Object.freeze(Object.keys(everyRule) as RuleName[]);

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
  for (const source of Object.values(regime.sources)) Object.freeze(source);
  return Object.freeze(regime);
}

const decision22 = 'Quyết định 22/2018/QĐ-TTg';
const decree61 = 'Nghị định 61/2023/NĐ-CP';
const checkedPerDomainBrief = 'checked against the text per DOMAIN.md (2026-11); the clause was not located in what was read';
const notInText = 'default: not found in what was read of the text; the value is the one Decree 61/2023 later set';

/** Thresholds and deadlines of the current regime (Luật 10/2022/QH15, Nghị định 61/2023/NĐ-CP). */
const decree61Rules = {
  consultationMinimum: calendarDays(30),
  submissionDeadline: workingDays(5),
  decisionDeadline: workingDays(5),
  suspensionReportDeadline: workingDays(3),
  annualReviewInterval: years(1),
  annualReviewDay: { month: 11, day: 18 },
  quorum: half,
  adoption: half,
  dossierDocuments: ['request_form_01', 'minutes_form_02', 'adopted_text'] as const,
};

/** Sources of the rules of Decree 61/2023, shared with the two-tier regime. */
const decree61Sources: Readonly<Record<RuleName, LegalSource>> = {
  recognizingAuthority: confirmed(
    decree61,
    '11',
    '3(b)',
    'the commune-level (ward) People\'s Committee issues the recognition decision on form 03; art. 2 defines a convention as recognized by it',
  ),
  consultationMinimum: confirmed(decree61, '9', null, `public posting of the draft for at least 30 days; ${checkedPerDomainBrief}`),
  submissionDeadline: confirmed(
    decree61,
    '11',
    '3(a)',
    '05 working days from the community meeting that adopted the text or from the end of the household ballot',
  ),
  decisionDeadline: confirmed(decree61, '11', '3(b)', '05 working days from receipt of the complete dossier; a refusal is answered in writing with reasons'),
  suspensionReportDeadline: confirmed(
    decree61,
    '12',
    '2',
    '03 working days from receipt of a written report or of review/inspection findings: answer that the report has no basis, or suspend (whole text for art. 12(1)(a), parts for (b) and (c))',
  ),
  annualReviewInterval: confirmed(
    decree61,
    '15',
    '4(a)',
    'the community reviews and evaluates the text every year (hằng năm); decisions a workflow took before the review day was modelled keep their anniversary (rulesAsFirstRecorded)',
  ),
  annualReviewDay: confirmed(
    decree61,
    '15',
    '4(a)',
    'National Great Unity Day (18 November) or an important day the community agrees (AgreeReviewDay moves the reviews to it); a meeting chaired by the group head with the Front work committee head (4(b)). The first review falling on the first 18 November after the recognition is an interpretation: the text says only "every year"',
  ),
  quorum: confirmed(decree61, '10', null, `a meeting attended by more than 50% of household representatives; a household ballot only if the meeting missed quorum; ${checkedPerDomainBrief}`),
  adoption: confirmed(
    decree61,
    '10',
    null,
    `more than 50% of ALL household representatives approve (art. 14 annuls a text that missed this rate); ${checkedPerDomainBrief}`,
  ),
  dossierDocuments: confirmed(decree61, '11', '4', 'a) request of the group head on form 01; b) resolution or minutes of the vote on form 02; c) the adopted text'),
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
      consultationMinimum: calendarDays(30),
      submissionDeadline: workingDays(5),
      decisionDeadline: workingDays(15),
      suspensionReportDeadline: workingDays(3),
      annualReviewInterval: years(1),
      annualReviewDay: null,
      quorum: half,
      adoption: half,
      dossierDocuments: ['request_form_01', 'minutes_form_02', 'adopted_text'] as const,
      sources: {
        recognizingAuthority: confirmed(
          decision22,
          '9',
          null,
          'the dossier of art. 9(4) goes to the district People\'s Committee, which recognizes; the text is in force from its decision',
        ),
        consultationMinimum: confirmed(decision22, '7', '1', 'the draft is posted publicly for a period the community sets, at least 30 days from the posting'),
        submissionDeadline: unconfirmed(decision22, null, null, notInText),
        decisionDeadline: unconfirmed(
          decision22,
          '9',
          null,
          'default 15 working days: no decision deadline was found in art. 9 as read (only that the district sends the recognized text to the commune within 02 working days of its decision)',
        ),
        suspensionReportDeadline: confirmed(
          decision22,
          '15',
          '2',
          'the district People\'s Committee decides the suspension within 03 working days when the grounds of art. 15(1) exist; the decision states the time for amending or completing recognition (art. 15(3))',
        ),
        annualReviewInterval: unconfirmed(decision22, null, null, 'default: a yearly review is assumed as under Decree 61/2023'),
        annualReviewDay: unconfirmed(decision22, null, null, 'no fixed review day found in what was read: the anniversary of the recognition is used'),
        quorum: unconfirmed(
          'Nghị quyết liên tịch 09/2008/NQLT-CP-UBTWMTTQVN',
          null,
          null,
          'assumed: more than half of the households present, as under Decree 61/2023; a household ballot was also allowed after a reconvened meeting still failed to adopt',
        ),
        adoption: unconfirmed(
          'Nghị quyết liên tịch 09/2008/NQLT-CP-UBTWMTTQVN',
          null,
          null,
          'assumed: more than 50% of all households; whether adoption counted households or voters is unconfirmed (Decision 22/2018 art. 8 not read; a summary of it speaks of 50% of voters, and a minutes template of that time counts "voters or voters representing households", cử tri hoặc cử tri đại diện hộ gia đình)',
        ),
        dossierDocuments: unconfirmed(
          decision22,
          '9',
          '4',
          'read: art. 9(4) lists (a) the adopted draft signed by the Front work committee head and the group head, (b) the minutes of the vote, (c) the request letter of the commune People\'s Committee, (d) other documents, sent to the district. The commune letter is not required here: requiring it would refuse the dossiers of running 2018-regime workflows and imports; it needs a document type of its own and a regime version for dossiers recorded after the change. Forms 01/02 are the Decree 61/2023 names of the request and minutes',
        ),
      },
    },
    {
      id: 'decree-61-2023',
      title: 'Decree 61/2023/ND-CP on community conventions under the Law on Grassroots Democracy',
      titleVi: 'Nghị định 61/2023/NĐ-CP về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư',
      effectiveFrom: '2023-08-16',
      legalBasis: 'Nghị định 61/2023/NĐ-CP; Luật 10/2022/QH15',
      recognizingAuthority: 'ward_peoples_committee' as const,
      ...decree61Rules,
      sources: decree61Sources,
    },
    {
      id: 'two-tier-2025',
      title: 'Two-level local government: districts abolished, wards recognize conventions',
      titleVi: 'Chính quyền địa phương hai cấp: không tổ chức cấp huyện, phường công nhận hương ước, quy ước',
      effectiveFrom: '2025-07-01',
      legalBasis: 'Luật Tổ chức chính quyền địa phương 72/2025/QH15; Nghị định 61/2023/NĐ-CP; Luật 10/2022/QH15',
      recognizingAuthority: 'ward_peoples_committee' as const,
      ...decree61Rules,
      sources: {
        ...decree61Sources,
        recognizingAuthority: confirmed(
          decree61,
          '11',
          '3(b)',
          'the commune-level People\'s Committee recognizes; from 1/7/2025 Law 72/2025/QH15 keeps two tiers (province, commune/ward) and no district (its article was not read)',
        ),
      },
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

/** How a regulation begun under one regime is decided under a later one: the rules between regimes, with their sources. */
export interface RegimeTransition {
  readonly id: 'recognized_texts_continue' | 'dossier_to_authority_on_sending' | 'district_dossiers_to_ward';
  readonly rule: string;
  readonly source: LegalSource;
}

export const regimeTransitions: readonly RegimeTransition[] = [
  {
    id: 'recognized_texts_continue',
    rule: 'a text recognized before 16/8/2023 stays in force; it is complained about, suspended, amended and repealed under Decree 61/2023 (the ward chair decides)',
    source: confirmed(
      decree61,
      '24',
      null,
      'read in two summaries of the decree (thuvienphapluat.vn 52369, sovhttdl.tayninh.gov.vn 1745): texts approved or recognized before the decree took effect and consistent with art. 4 continue until amended, supplemented, replaced or repealed under the rules',
    ),
  },
  {
    id: 'dossier_to_authority_on_sending',
    rule: 'a dossier goes to the body that recognizes on the day it is sent: a draft begun under Decision 22/2018 and sent from 16/8/2023 goes to the ward, with the decision time of Decree 61/2023',
    source: unconfirmed(
      decree61,
      '24',
      null,
      "art. 11(3) makes the commune committee the recognizing body from 16/8/2023; art. 24's sentence on drafts under way was cut off in every copy found, so this is the system's reading",
    ),
  },
  {
    id: 'district_dossiers_to_ward',
    rule: "a dossier still with a district on 1/7/2025 goes, with the regulation's transfer, to the ward that succeeds its ward; the ward chair decides it",
    source: unconfirmed(
      'Luật Tổ chức chính quyền địa phương 72/2025/QH15',
      null,
      null,
      'districts end on 1/7/2025 and the commune level takes their tasks; the article handing over pending files was not read',
    ),
  },
];

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
  requireCounts(value, base, share);
  return BigInt(value) * BigInt(share.denominator) > BigInt(base) * BigInt(share.numerator);
}

/** Whether value is at least share of base ("ít nhất"), in exact integer arithmetic. */
export function reaches(value: number, base: number, share: Share): boolean {
  requireCounts(value, base, share);
  return BigInt(value) * BigInt(share.denominator) >= BigInt(base) * BigInt(share.numerator);
}

function requireCounts(value: number, base: number, share: Share): void {
  for (const [name, count] of [['value', value], ['base', base], ['numerator', share.numerator]] as const) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${name} must be a non-negative integer, got ${count}`);
  }
  if (!Number.isSafeInteger(share.denominator) || share.denominator <= 0) {
    throw new RangeError(`denominator must be a positive integer, got ${share.denominator}`);
  }
}
