/** Domain events of a regulation's lifecycle: past-tense facts, the legal record. */
import type { CivilDate } from './calendar';
import type { KindId, RepealGround, ReviewOutcome } from './catalogue';
import type {
  ActorRef,
  CommentChannel,
  ComplaintSource,
  ConventionName,
  DisclosureSubject,
  Disposition,
  DossierDocument,
  DraftingGroupMember,
  ProposalConsultationMethod,
  Proposer,
  SuspensionGround,
  SuspensionScope,
  VoteMethod,
} from './commands';
import type { AnnualDay, Authority } from './regimes';
import type { ConferenceState, TaskStep } from './state';

type Event<T extends string, D> = { type: T; data: D };

export type RegulationDrafted = Event<
  'RegulationDrafted',
  {
    regulationId: string;
    wardCode: string;
    kind: KindId;
    title: string;
    text: string;
    residentialGroup: string | null;
    startedOn: CivilDate;
    regimeId: string;
  }
>;
export type DraftRevised = Event<'DraftRevised', { revision: number; title: string; text: string; summary: string }>;
export type ConsultationOpened = Event<
  'ConsultationOpened',
  { openedAt: string; closesAt: string; minimumEndsAt: string; days: number; channels: CommentChannel[] }
>;
export type ConsultationExtended = Event<'ConsultationExtended', { days: number; closesAt: string }>;
export type ConsultationClosed = Event<
  'ConsultationClosed',
  { closedAt: string; closedOn: CivilDate; automatic: boolean; comments: number }
>;
export type CommentRecorded = Event<
  'CommentRecorded',
  { commentId: string; channel: CommentChannel; content: string; receivedOn: CivilDate }
>;
export type CritiqueSubmitted = Event<'CritiqueSubmitted', { content: string; submittedOn: CivilDate }>;
export type CommentDisposed = Event<
  'CommentDisposed',
  { commentId: string; disposition: Disposition; reason: string | null }
>;
export type VoteRecorded = Event<
  'VoteRecorded',
  {
    round: number;
    method: VoteMethod;
    heldOn: CivilDate;
    totalHouseholds: number;
    present: number;
    approving: number;
    quorumMet: boolean;
    adopted: boolean;
  }
>;
/** The conference of an agency or unit that discussed the draft (Law 10/2022 art. 51): quorum and adoption as decided. */
export type ConferenceHeld = Event<'ConferenceHeld', ConferenceState>;
export type DossierSubmitted = Event<
  'DossierSubmitted',
  {
    submittedOn: CivilDate;
    documents: DossierDocument[];
    submissionDueOn: CivilDate;
    late: boolean;
    decisionDueOn: CivilDate;
    authority: Authority;
    /** The actor who submitted it: the deciding body's people may not be the same (separation of duties). Absent on dossiers submitted before it was recorded. */
    submittedBy?: string;
  }
>;
export type ReviewStarted = Event<'ReviewStarted', { startedAt: string }>;
export type RegulationRecognized = Event<
  'RegulationRecognized',
  {
    decisionNo: string;
    decidedOn: CivilDate;
    authority: Authority;
    revision: number;
    title: string;
    text: string;
    amendment: boolean;
    /** Null for a kind without an annual review (an agency's or an enterprise's own regulation). */
    nextReviewDueOn: CivilDate | null;
  }
>;
export type DossierReturned = Event<'DossierReturned', { returnedOn: CivilDate; reasons: string }>;
export type RegulationWithdrawn = Event<'RegulationWithdrawn', { reason: string; withdrawnAt: string }>;
export type AmendmentWithdrawn = Event<'AmendmentWithdrawn', { reason: string; withdrawnAt: string }>;
export type AnnualReviewDue = Event<'AnnualReviewDue', { dueOn: CivilDate }>;
export type AnnualReviewRecorded = Event<
  'AnnualReviewRecorded',
  { outcome: ReviewOutcome; reviewedOn: CivilDate; notes: string; nextReviewDueOn: CivilDate }
>;
export type AmendmentStarted = Event<
  'AmendmentStarted',
  { title: string; text: string; startedOn: CivilDate; regimeId: string; reason: string }
>;
/** The proposal to draft (Decree 61/2023 art. 7): the group head's with the Front head's agreement, or residents' and how the households were asked. */
export type ProposalRecorded = Event<
  'ProposalRecorded',
  {
    proposedOn: CivilDate;
    proposer: Proposer;
    content: string;
    frontHeadAgreedOn: CivilDate | null;
    consultation: { method: ProposalConsultationMethod; heldOn: CivilDate; totalHouseholds: number; agreeing: number } | null;
  }
>;
/** The drafting group formed by the group head with the Front work committee head (art. 8(1), (2)). */
export type DraftingGroupFormed = Event<'DraftingGroupFormed', { formedOn: CivilDate; members: DraftingGroupMember[] }>;
/** The community's choice of the name hương ước or quy ước (art. 6(2)). */
export type NameChosen = Event<'NameChosen', { name: ConventionName; decidedOn: CivilDate }>;
/** The adopted text signed by the group head, the Front head and two household representatives (art. 6(1)). */
export type TextSigned = Event<
  'TextSigned',
  { signedOn: CivilDate; revision: number; groupHead: string; frontHead: string; householdRepresentatives: string[] }
>;
/** The recognized text stamped across its pages (giáp lai) by the commune People's Committee (art. 6(1)). */
export type TextStamped = Event<'TextStamped', { stampedOn: CivilDate; revision: number; decisionNo: string }>;
/** Something made public: a household ballot's results (art. 10(2)(b), its round) or the recognized text (art. 15, its revision). */
export type DisclosureRecorded = Event<
  'DisclosureRecorded',
  { subject: DisclosureSubject; disclosedOn: CivilDate; place: string; round: number | null; revision: number | null }
>;
/** The community's own day for its annual review (art. 15(4)(a)), and the review it moves. */
export type ReviewDayAgreed = Event<'ReviewDayAgreed', { agreedOn: CivilDate; day: AnnualDay; nextReviewDueOn: CivilDate }>;
export type ComplaintReceived = Event<
  'ComplaintReceived',
  { complaintId: string; receivedOn: CivilDate; source: ComplaintSource; summary: string; answerDueOn: CivilDate }
>;
export type ComplaintDismissed = Event<'ComplaintDismissed', { complaintId: string; answeredOn: CivilDate; reason: string; late: boolean }>;
/**
 * A suspension. Under the current rules (Decree 61/2023 art. 12) it decides a complaint and carries the decision,
 * its ground, the articles (a partial one), the period and the redraft deadline; suspensions recorded before
 * carried a report deadline (`reportDueOn`) instead.
 */
export type RegulationSuspended = Event<
  'RegulationSuspended',
  {
    suspendedOn: CivilDate;
    scope: SuspensionScope;
    reason: string;
    reportDueOn?: CivilDate;
    complaintId?: string;
    decisionNo?: string;
    ground?: SuspensionGround;
    articles?: string[];
    until?: CivilDate | null;
    redraftDueOn?: CivilDate;
    late?: boolean;
  }
>;
export type RegulationResumed = Event<'RegulationResumed', { resumedOn: CivilDate; reason: string }>;
/** The redraft deadline of a suspension passed without a recognized redraft: the committee now decides the repeal (art. 14). */
export type RedraftDeadlinePassed = Event<'RedraftDeadlinePassed', { redraftDueOn: CivilDate; passedOn: CivilDate; decisionDueOn: CivilDate }>;
/** A recognized redraft ends the suspension (Decree 61/2023 art. 12). */
export type SuspensionLifted = Event<'SuspensionLifted', { liftedOn: CivilDate; decisionNo: string; by: 'redraft_recognized' }>;
/**
 * The regulation moved to the unit that succeeded its dissolved one; the events before stay under the old unit.
 * `dossierAuthority`: the body its pending dossier goes to from that day, when the one it was sent to ended.
 */
export type RegulationTransferred = Event<
  'RegulationTransferred',
  { fromWardCode: string; toWardCode: string; effectiveOn: CivilDate; legalBasis: string; dossierAuthority?: Authority }
>;
/** A repeal: of the whole text (the regulation ends) or, with `scope: 'part'`, of the articles named (it stays in force). */
export type RegulationRepealed = Event<
  'RegulationRepealed',
  { repealedOn: CivilDate; decisionNo: string; reason: string; ground?: RepealGround; scope?: SuspensionScope; articles?: string[] }
>;

export type TaskReminderSent = Event<'TaskReminderSent', { taskId: string; step: TaskStep; dueOn: CivilDate; remindedAt: string }>;
export type TaskEscalated = Event<
  'TaskEscalated',
  {
    taskId: string;
    step: TaskStep;
    dueOn: CivilDate;
    escalatedAt: string;
    overdueWorkingDays: number;
    escalation: number;
    escalatedTo: 'steering_committee';
  }
>;
export type TaskClaimed = Event<'TaskClaimed', { taskId: string; assignee: string }>;
export type TaskReleased = Event<'TaskReleased', { taskId: string; assignee: string }>;
export type TaskReassigned = Event<'TaskReassigned', { taskId: string; from: string | null; to: string }>;

/** The history that follows was imported, not recorded as it happened: the import, its file and row. */
export type RegulationImported = Event<
  'RegulationImported',
  { importId: string; fileHash: string; row: number; factsDigest: string; textReference: string | null }
>;

export type RegulationEvent =
  | RegulationDrafted
  | DraftRevised
  | ConsultationOpened
  | ConsultationExtended
  | ConsultationClosed
  | CommentRecorded
  | CritiqueSubmitted
  | CommentDisposed
  | VoteRecorded
  | ConferenceHeld
  | DossierSubmitted
  | ReviewStarted
  | RegulationRecognized
  | DossierReturned
  | RegulationWithdrawn
  | AmendmentWithdrawn
  | AnnualReviewDue
  | AnnualReviewRecorded
  | AmendmentStarted
  | ProposalRecorded
  | DraftingGroupFormed
  | NameChosen
  | TextSigned
  | TextStamped
  | DisclosureRecorded
  | ReviewDayAgreed
  | ComplaintReceived
  | ComplaintDismissed
  | RegulationSuspended
  | RegulationResumed
  | RedraftDeadlinePassed
  | SuspensionLifted
  | RegulationRepealed
  | RegulationTransferred
  | TaskReminderSent
  | TaskEscalated
  | TaskClaimed
  | TaskReleased
  | TaskReassigned
  | RegulationImported;

export type EventType = RegulationEvent['type'];

export const EVENT_SCHEMA_VERSION = 1;

export interface EventMetadata {
  actor: ActorRef;
  commandId: string;
  correlationId: string;
  occurredAt: string;
  reason: string | null;
  legalBasis: string | null;
  /** The working-day calendar version the decision was taken on; absent: the first version (calendarVersions). */
  calendarVersion?: string;
  /**
   * A digest of the command that decided the event (its content, actor and expected version, not its request):
   * a retry of the same command whose first attempt was stored but never answered is recognised by it.
   */
  commandDigest?: string;
}

/** An event as stored: ids and timestamps are chosen by the workflow, so a retried append is the same append. */
export interface EventEnvelope<E extends RegulationEvent = RegulationEvent> {
  eventId: string;
  streamId: string;
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  metadata: EventMetadata;
}

export interface StoredEvent<E extends RegulationEvent = RegulationEvent> extends EventEnvelope<E> {
  streamPosition: number;
  globalPosition: string;
  recordedAt: string;
}
