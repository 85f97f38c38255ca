/** The state of one regulation, folded from its events; plain JSON so it survives continue-as-new and jsonb. */
import type { CivilDate } from './calendar';
import type { KindId, ReviewOutcome } from './catalogue';
import type { CommentChannel, ComplaintSource, ConferenceForm, ConventionName, Disposition, Proposer, SuspensionGround, SuspensionScope, VoteMethod } from './commands';
import type { AnnualDay, Authority } from './regimes';

/** What an approval task waits for (libs/domain/src/tasks.ts derives the tasks). */
export type TaskStep = 'dossier_decision' | 'complaint_answer' | 'repeal_decision' | 'suspension_report' | 'annual_review';

/** The role that may claim and decide the task. */
export type CandidateRole = 'ward_chair' | 'district_approver';

/** 1 high, 2 normal, 3 low. */
export type TaskPriority = 1 | 2 | 3;

/** A pending task, as carried in a regulation's state. */
export interface ApprovalTask {
  taskId: string;
  step: TaskStep;
  authority: Authority;
  candidateRole: CandidateRole;
  /** The deciding unit: the ward's code, or the district's. */
  authorityUnit: string;
  openedOn: CivilDate;
  dueOn: CivilDate;
  priority: TaskPriority;
  assignee: string | null;
  reminders: number;
  escalations: number;
  lastEscalatedAt: string | null;
}

export type Status = 'none' | 'developing' | 'in_force' | 'suspended' | 'repealed' | 'withdrawn';
export type Phase = 'drafting' | 'consultation' | 'revising' | 'voting' | 'adopted' | 'submitted' | 'under_review';
export type Stage = Phase | Exclude<Status, 'developing'>;

export interface CommentState {
  commentId: string;
  channel: CommentChannel;
  receivedOn: CivilDate;
  disposition: Disposition | null;
  reason: string | null;
}

export interface VoteState {
  round: number;
  method: VoteMethod;
  heldOn: CivilDate;
  totalHouseholds: number;
  present: number;
  approving: number;
  quorumMet: boolean;
  adopted: boolean;
}

/** A conference of an agency or unit on the draft (Law 10/2022 art. 51). */
export interface ConferenceState {
  round: number;
  heldOn: CivilDate;
  form: ConferenceForm;
  convened: number;
  present: number;
  approving: number;
  quorumMet: boolean;
  adopted: boolean;
}

/** One draft-to-recognition cycle: the first adoption or an amendment of a text in force. */
export interface CycleState {
  amendment: boolean;
  regimeId: string;
  startedOn: CivilDate;
  phase: Phase;
  revision: number;
  title: string;
  text: string;
  consultation: {
    openedAt: string;
    closesAt: string;
    minimumEndsAt: string;
    days: number;
    channels: CommentChannel[];
    closedAt: string | null;
    closedOn: CivilDate | null;
  } | null;
  comments: CommentState[];
  critiques: number;
  votes: VoteState[];
  adoptedOn: CivilDate | null;
  dossier: {
    submittedOn: CivilDate;
    submissionDueOn: CivilDate;
    late: boolean;
    decisionDueOn: CivilDate;
    authority: Authority;
    /** Null for a dossier whose event did not record its submitter. */
    submittedBy: string | null;
    underReview: boolean;
  } | null;
  /** The proposal to draft (Decree 61/2023 art. 7). Absent until recorded, and in cycles folded before it was modelled. */
  proposal?: { proposedOn: CivilDate; proposer: Proposer };
  /** The drafting group (art. 8): when formed and how many members. */
  draftingGroup?: { formedOn: CivilDate; members: number };
  /** The name the community chose (art. 6(2)). */
  name?: ConventionName;
  /** The conferences that discussed the draft (an agency's regulation). Absent until one was held. */
  conferences?: ConferenceState[];
  /** The signing of the adopted text (art. 6(1)): the day, and the vote round that adopted what was signed. */
  signed?: { signedOn: CivilDate; round: number };
}

export interface ComplaintState {
  complaintId: string;
  receivedOn: CivilDate;
  source: ComplaintSource;
  summary: string;
  answerDueOn: CivilDate;
}

/**
 * A suspension in effect. One decided under Decree 61/2023 art. 12 names its complaint, decision, ground, articles,
 * period and redraft deadline (`redraftOverdue` once that passed: the repeal decision then waits, due on its
 * `dueOn`); one recorded before carries `reportDueOn` instead.
 */
export interface SuspensionState {
  suspendedOn: CivilDate;
  scope: SuspensionScope;
  reason: string;
  reportDueOn: CivilDate | null;
  complaintId?: string;
  decisionNo?: string;
  ground?: SuspensionGround;
  articles?: string[];
  until?: CivilDate | null;
  redraftDueOn?: CivilDate;
  redraftOverdue?: { openedOn: CivilDate; dueOn: CivilDate };
}

export interface RegulationState {
  regulationId: string;
  status: Status;
  version: number;
  wardCode: string;
  kind: KindId;
  title: string;
  residentialGroup: string | null;
  regimeId: string;
  startedOn: CivilDate | null;
  /** The text in force; an amendment's text lives in `cycle` until it is recognized. */
  inForce: {
    revision: number;
    title: string;
    text: string;
    decisionNo: string;
    decidedOn: CivilDate;
    authority: Authority;
    /** The community's name for it (art. 6(2)), when chosen in the cycle that adopted it. */
    name?: ConventionName;
    /** The commune committee's stamp across its pages (art. 6(1)). */
    stampedOn?: CivilDate;
    /** The last day the text was posted or disseminated (art. 15). */
    disclosedOn?: CivilDate;
  } | null;
  firstInForceOn: CivilDate | null;
  nextReviewDueOn: CivilDate | null;
  reviewDue: boolean;
  /** The day the community agreed for its annual review (Decree 61/2023 art. 15(4)(a)). Absent before any was agreed. */
  reviewDay?: AnnualDay | null;
  reviews: { outcome: ReviewOutcome; reviewedOn: CivilDate }[];
  /** The complaint or finding the committee has yet to answer (Decree 61/2023 art. 12(2)). Absent before any was received. */
  complaint?: ComplaintState | null;
  suspension: SuspensionState | null;
  /** Articles repealed by partial repeals (Decree 61/2023 art. 14). Absent before any. */
  repealedArticles?: string[];
  cycle: CycleState | null;
  endedOn: CivilDate | null;
  /** What waits for a decision. Absent in states folded before approval tasks existed: read with tasksOf(). */
  tasks?: ApprovalTask[];
}

export function initialState(regulationId: string): RegulationState {
  return {
    regulationId,
    status: 'none',
    version: 0,
    wardCode: '',
    kind: 'community_convention',
    title: '',
    residentialGroup: null,
    regimeId: '',
    startedOn: null,
    inForce: null,
    firstInForceOn: null,
    nextReviewDueOn: null,
    reviewDue: false,
    reviews: [],
    suspension: null,
    cycle: null,
    endedOn: null,
    tasks: [],
  };
}

export function tasksOf(state: RegulationState): ApprovalTask[] {
  return state.tasks ?? [];
}

export function stageOf(state: RegulationState): Stage {
  if (state.status === 'developing') return state.cycle?.phase ?? 'drafting';
  return state.status;
}

export function isTerminal(state: RegulationState): boolean {
  return state.status === 'repealed' || state.status === 'withdrawn';
}
