/**
 * The rules of the democracy regulations of agencies and public service units (Law 10/2022/QH15 ch. III) and of
 * enterprises (Decree 145/2020/NĐ-CP ch. V; Law 10/2022/QH15 ch. IV): who is consulted, the conference that discusses
 * the draft, who issues the text, each with its source and a confirmed/unconfirmed mark (as the regimes' rules are).
 */
import type { CivilDate } from './calendar';
import { confirmed, unconfirmed, type Issuer, type LegalDuration, type LegalSource, type Share } from './legal-terms';

export type WorkplaceKindId = 'agency_democracy_regulation' | 'enterprise_democracy_regulation';

/** The conference of officials, public employees and workers that discusses the draft before the head issues it. */
export interface ConferenceRules {
  readonly name: string;
  readonly nameVi: string;
}

/** The yearly conference of the agency or the enterprise, where the implementation of democracy is reviewed. */
export interface AnnualConferenceRules {
  readonly nameVi: string;
  /** The conference is held within this many months after the end of the work year; null: the text sets no month. */
  readonly withinMonthsOfWorkYearEnd: number | null;
}

export interface WorkplaceRules {
  readonly kind: WorkplaceKindId;
  readonly legalBasis: string;
  /** The day the texts read took effect: Law 10/2022 on 1/7/2023; Decree 145/2020 on 1/2/2021. */
  readonly effectiveFrom: CivilDate;
  readonly issuer: Issuer;
  /** Whom the draft goes to for comments before it is issued. */
  readonly consulted: string;
  /** The shortest consultation window. */
  readonly consultationMinimum: LegalDuration;
  /** Whether a comment not taken up is answered with its reason (a disposition other than `accepted` states one). */
  readonly unacceptedCommentsReasoned: boolean;
  /** The conference the draft goes to; null: none (the issuer decides after the consultation). */
  readonly conference: ConferenceRules | null;
  /** Those present must be AT LEAST this share of those convened; null without a conference. */
  readonly conferenceQuorum: Share | null;
  /** Those approving must be MORE than this share of those present; null without a conference. */
  readonly conferenceAdoption: Share | null;
  /** Whether the issued text is made public to the staff (`RecordDisclosure` of the issued text). */
  readonly disclosure: boolean;
  readonly annualConference: AnnualConferenceRules;
  readonly sources: Readonly<Record<WorkplaceRuleName, LegalSource>>;
}

/** Every field of the rules that is a legal rule. */
export type WorkplaceRuleName = Exclude<keyof WorkplaceRules, 'kind' | 'legalBasis' | 'effectiveFrom' | 'sources'>;

const everyRule: Readonly<Record<WorkplaceRuleName, true>> = {
  issuer: true,
  consulted: true,
  consultationMinimum: true,
  unacceptedCommentsReasoned: true,
  conference: true,
  conferenceQuorum: true,
  conferenceAdoption: true,
  disclosure: true,
  annualConference: true,
};

export const workplaceRuleNames: readonly WorkplaceRuleName[] = Object.freeze(Object.keys(everyRule) as WorkplaceRuleName[]);

const law10 = 'Luật 10/2022/QH15';
const decree145 = 'Nghị định 145/2020/NĐ-CP';
const circular01 = 'Thông tư 01/2016/TT-BNV';

const noMinimum = 'no minimum found in what was read: the window is the one the officer opens, and it may be closed once the comments are in';

function freezeRules(rules: WorkplaceRules): WorkplaceRules {
  for (const value of Object.values(rules)) if (typeof value === 'object' && value !== null) Object.freeze(value);
  for (const source of Object.values(rules.sources)) Object.freeze(source);
  return Object.freeze(rules);
}

export const workplaceRules: readonly WorkplaceRules[] = Object.freeze(
  [
    {
      kind: 'agency_democracy_regulation' as const,
      legalBasis: 'Luật 10/2022/QH15 ch. III; Nghị định 59/2023/NĐ-CP',
      effectiveFrom: '2023-07-01',
      issuer: 'agency_head' as const,
      consulted: 'the officials, civil servants, public employees and workers of the agency or unit',
      consultationMinimum: { amount: 0, unit: 'calendar_days' as const },
      unacceptedCommentsReasoned: true,
      conference: {
        name: 'Conference of officials, public employees and workers',
        nameVi: 'Hội nghị cán bộ, công chức, viên chức, người lao động',
      },
      conferenceQuorum: { numerator: 2, denominator: 3 },
      conferenceAdoption: { numerator: 1, denominator: 2 },
      disclosure: true,
      annualConference: { nameVi: 'Hội nghị cán bộ, công chức, viên chức, người lao động', withinMonthsOfWorkYearEnd: 3 },
      sources: {
        issuer: unconfirmed(
          law10,
          null,
          null,
          'the head of the agency or unit issues its regulation on implementing democracy: Law 10/2022 ch. III gives the head the decisions (art. 51(1): the head convenes the conference with the trade union); the article that makes the head issue this regulation was not read. Practice read: Decision 1408/QĐ-BVHTTDL (27/5/2024), issued by the minister on the basis of Law 10/2022 and Decree 59/2023 (Decree 59 details the residents\' meetings and the people\'s inspection boards, not this regulation)',
        ),
        consulted: unconfirmed(
          law10,
          null,
          null,
          'officials and employees give their opinions on the internal rules before the head decides (Law 10/2022 ch. III section 3, "tham gia ý kiến"; its articles were not read): ministries\' regulations read allow a conference or meeting, written drafts, ballots and the suggestion box',
        ),
        consultationMinimum: unconfirmed(law10, null, null, `${noMinimum} (a ministry's own regulation read sets 5 days; no statute)`),
        unacceptedCommentsReasoned: unconfirmed(
          law10,
          null,
          null,
          'default, as for the ward regulations: the head answers a comment not taken up with its reason (the regulations read have the head compile and make public what was taken up)',
        ),
        conference: unconfirmed(
          law10,
          '51',
          '1',
          'art. 51(1)-(2) read in four summaries quoting the clauses: the conference is chaired by the head of the agency or unit with its trade union, held once a year after the end of the work year and no later than 3 months into the next, the head deciding when after consulting the trade union; an extraordinary one on the proposal of those in art. 50(1); fewer than 100 staff sit in plenary, else in plenary or by delegates (art. 51(2)). That the democracy regulation goes to it is unconfirmed: under Decree 04/2015 and Circular 01/2016 the conference discussed "the rules on implementing democracy in the agency" (summary read); the article of Law 10/2022 listing what the conference discusses was not read',
        ),
        conferenceQuorum: unconfirmed(
          circular01,
          null,
          null,
          'at least 2/3 of the staff, or of the delegates convened, present: Circular 01/2016 (guiding Decree 04/2015, both replaced by Law 10/2022) as summarised (binhphuoc.gov.vn), repeated by a provincial Home Affairs guidance under Law 10/2022 (binhduong.gov.vn, 26/12/2023); Law 10/2022 art. 51(1)-(2) as read sets no figure',
        ),
        conferenceAdoption: unconfirmed(
          circular01,
          null,
          null,
          'more than 50% of those present approve, the content lawful: same sources as the quorum',
        ),
        disclosure: unconfirmed(
          law10,
          null,
          null,
          'Law 10/2022 ch. III section 1 makes the head disclose information inside the agency (its first sentence read: "except state and work secrets, the head must disclose ..."); the list, and whether it names the internal regulations, was not read',
        ),
        annualConference: confirmed(
          law10,
          '51',
          '1',
          'once a year after the end of the work year, no later than 3 months into the next (read in four summaries quoting the clause); not scheduled by the workflow (no annual review step for this kind)',
        ),
      },
    },
    {
      kind: 'enterprise_democracy_regulation' as const,
      legalBasis: 'Nghị định 145/2020/NĐ-CP ch. V (art. 47-48); Luật 10/2022/QH15 ch. IV',
      effectiveFrom: '2021-02-01',
      issuer: 'employer' as const,
      consulted: "the employees' representative organisation at the enterprise (if any) and the employees' dialogue representative group (if any)",
      consultationMinimum: { amount: 0, unit: 'calendar_days' as const },
      unacceptedCommentsReasoned: true,
      conference: null,
      conferenceQuorum: null,
      conferenceAdoption: null,
      disclosure: true,
      annualConference: { nameVi: 'Hội nghị người lao động', withinMonthsOfWorkYearEnd: null },
      sources: {
        issuer: confirmed(
          decree145,
          '48',
          '1',
          'the employer issues the workplace democracy regulation (read in two summaries quoting the article, lawnet.vn in Vietnamese and in English). Law 10/2022 ch. IV (from 1/7/2023) also governs democracy at enterprises (state-owned: section 1; others: section 2, art. 82 lets them choose section 1); whether it or a later decree replaced art. 48 was not read: no later decree was found',
        ),
        consulted: confirmed(
          decree145,
          '48',
          '2',
          "when drafting or amending it the employer consults the employees' representative organisation (if any) and the dialogue representative group (if any) to finalise and issue it",
        ),
        consultationMinimum: unconfirmed(decree145, '48', '2', noMinimum),
        unacceptedCommentsReasoned: confirmed(decree145, '48', '2', 'comments of the representative organisation or group the employer does not take up are answered with the reasons'),
        conference: confirmed(
          decree145,
          '48',
          '2',
          "no conference adopts the regulation: the employer consults and issues it (the employees' conference of art. 47 is held yearly on the enterprise's business, not to adopt this text)",
        ),
        conferenceQuorum: confirmed(decree145, '48', '2', 'no conference: no quorum'),
        conferenceAdoption: confirmed(decree145, '48', '2', 'no conference: no vote; the employer issues after the consultation'),
        disclosure: confirmed(decree145, '48', '3', 'the regulation is made public to the employees'),
        annualConference: confirmed(
          decree145,
          '47',
          '1',
          "the employees' conference is organised yearly by the employer with the representative organisation (if any) and the dialogue group (if any), in plenary or by delegates; no month set. Not scheduled by the workflow",
        ),
      },
    },
  ].map(freezeRules),
);

export function workplaceRulesOf(kind: string): WorkplaceRules | undefined {
  return workplaceRules.find((rules) => rules.kind === kind);
}
