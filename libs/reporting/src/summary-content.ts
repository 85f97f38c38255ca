/** The content of a stored summary: figures only, plain JSON, hashed in canonical form. */
import type { CivilDate, KindId, Stage } from '@app/domain';
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
export const reportKinds: readonly KindId[] = ['community_convention', 'democracy_regulation'];

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
