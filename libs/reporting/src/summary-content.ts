/** The content of a stored summary: figures only, plain JSON, hashed in canonical form. */
import { regulationKinds, type CivilDate, type KindId, type Stage } from '@app/domain';
import type { SummaryKind } from '../../../workflows/summary.messages';

export const reportStages: readonly Stage[] = [
  'drafting',
  'consultation',
  'revising',
  'voting',
  'adopted',
  'submitted',
  'under_review',
  'in_force',
  'suspended',
  'repealed',
  'withdrawn',
];
/** Every kind of the catalogue, in its order: conventions, ward regulations, agencies' and enterprises' regulations. */
export const reportKinds: readonly KindId[] = regulationKinds.map((kind) => kind.id);

export interface SummaryMetrics {
  /** Regulations by kind and stage as of the period end. */
  regulations: {
    total: number;
    byKind: Record<KindId, Record<Stage, number>>;
    byStage: Record<Stage, number>;
    /** In force (or suspended) with an amendment cycle running. */
    amending: number;
  };
  /** Facts whose legal date lies in the period. */
  inPeriod: {
    drafted: number;
    recognized: number;
    amended: number;
    suspended: number;
    /** Suspensions ended: by a recognized redraft (SuspensionLifted), or resumed (RegulationResumed, recorded before). */
    resumed: number;
    repealed: number;
    withdrawn: number;
  };
  reviews: { due: number; done: number; outstandingAtEnd: number };
  approvals: {
    submitted: number;
    submittedLate: number;
    returned: number;
    pendingAtEnd: number;
    overdueAtEnd: number;
    decided: number;
    decidedOnTime: number;
    decidedLate: number;
    /** Calendar days from dossier submission to decision, over the decisions of the period. */
    medianDays: number | null;
    p90Days: number | null;
    maxDays: number | null;
  };
  consultations: {
    opened: number;
    closed: number;
    critiques: number;
    commentsReceived: number;
    commentsAccepted: number;
    commentsPartlyAccepted: number;
    commentsNotAccepted: number;
  };
  votes: {
    held: number;
    adopted: number;
    quorumMissed: number;
    households: number;
    present: number;
    approving: number;
    /** present / households, 4 decimals; null without votes. */
    turnoutRate: number | null;
    /** approving / households (the adoption rule counts all households), 4 decimals. */
    approvalRate: number | null;
  };
}

export interface WardSummary {
  wardCode: string;
  wardName: string;
  metrics: SummaryMetrics;
}

export interface LateEvent {
  position: string;
  regulationId: string;
  wardCode: string;
  eventType: string;
  factOn: CivilDate;
  occurredAt: string;
}

/** What the previous report could not see; it is the reference of the adjustment section. */
export interface AdjustmentBasis {
  reportId: string | null;
  periodEnd: CivilDate;
  cutoff: string;
  position: string;
}

export interface SummaryContent {
  format: 1;
  reportId: string;
  kind: SummaryKind;
  period: { start: CivilDate; end: CivilDate; timeZone: 'Asia/Ho_Chi_Minh' };
  /** The figures see exactly the events that occurred before `cutoff` and were stored at or before `position`. */
  basis: { cutoff: string; position: string };
  area: SummaryMetrics;
  wards: WardSummary[];
  adjustments: {
    basis: AdjustmentBasis;
    total: number;
    byWard: { wardCode: string; byEventType: Record<string, number> }[];
    events: LateEvent[];
  };
}

/** A late fact of a restated report: why its figures differ from its reference's. */
export interface RestatedFact extends LateEvent {
  /**
   * `recorded_late`: its legal date is on or before the period end but the reference did not see it (recorded after
   * the period ended, or after the reference was computed); `dated_after_period`: the reference saw it (recorded
   * before the period ended) but its legal date is after the period end, so it counts in a later period.
   */
  change: 'recorded_late' | 'dated_after_period';
}

/** One figure that differs between the reference and the restated report, for the whole area or one ward. */
export interface FigureChange {
  /** `area`, or a ward code. */
  scope: string;
  /** The scope in words: `Toàn địa bàn`, or the ward's name. */
  scopeLabel: { vi: string; en: string };
  /** The figure's path in SummaryMetrics, e.g. `votes.held`, `regulations.byKind.community_convention.in_force`. */
  figure: string;
  /** The figure in words (figure-labels.ts). */
  label: { vi: string; en: string };
  reference: number | null;
  restated: number | null;
}

/**
 * What the restated report is compared with: the first-published report when one was computed at or before its
 * position; else the same period's figures of the facts recorded before it ended, at the restated report's position
 * (what the first-published report would have shown), marked as not published.
 */
export type RestatementReference =
  | { edition: 'first_published'; reportId: string; cutoff: string; position: string; contentHash: string }
  | { edition: 'recorded_by_period_end'; reportId: null; cutoff: string; position: string; contentHash: null };

/**
 * The restated report: the period as known at a later position, every fact counted by its legal date, so a fact
 * recorded after the period ended counts in it. Computed on request, never stored: the same period and position
 * give the same bytes.
 */
export interface RestatedSummaryContent {
  format: 1;
  edition: 'restated';
  /** The period's report id (`annual-2019`): the first-published report of the same period has it too. */
  reportId: string;
  kind: SummaryKind;
  period: { start: CivilDate; end: CivilDate; timeZone: 'Asia/Ho_Chi_Minh' };
  /** The figures see exactly the facts whose legal date is on or before `factsOnOrBefore` and were stored at or before `position`. */
  basis: { factsOnOrBefore: CivilDate; position: string };
  area: SummaryMetrics;
  wards: WardSummary[];
  restatement: {
    against: RestatementReference;
    /** Number of `facts`. */
    total: number;
    facts: RestatedFact[];
    changes: FigureChange[];
  };
}
