/** Commands an actor can send to a regulation: a discriminated union, imperative names. */
import type { CivilDate } from './calendar';
import type { KindId, RepealGround, ReviewOutcome } from './catalogue';

export type ActorRole =
  | 'officer'
  | 'ward_chair'
  | 'district_approver'
  | 'supervisor'
  | 'front'
  | 'auditor'
  | 'system';

/** Who issues a command, and the wards their powers cover (ward codes, or `*` for every ward of the district). */
export interface Actor {
  id: string;
  role: ActorRole;
  wards: readonly string[];
}

/** The actor as an event records it: who, in which role. */
export type ActorRef = Pick<Actor, 'id' | 'role'>;

export type CommentChannel = 'meeting' | 'household_copy' | 'comment_box' | 'online';
export const commentChannels: readonly CommentChannel[] = ['meeting', 'household_copy', 'comment_box', 'online'];

export type Disposition = 'accepted' | 'partly_accepted' | 'not_accepted';
export const dispositions: readonly Disposition[] = ['accepted', 'partly_accepted', 'not_accepted'];

export type VoteMethod = 'meeting' | 'household_ballot';
export const voteMethods: readonly VoteMethod[] = ['meeting', 'household_ballot'];

export type DossierDocument = 'request_form_01' | 'minutes_form_02' | 'adopted_text';
/** The documents a dossier may name; which of them a dossier must hold is regime data (`LegalRegime.dossierDocuments`). */
export const dossierDocumentTypes: readonly DossierDocument[] = ['request_form_01', 'minutes_form_02', 'adopted_text'];

/** How the conference of an agency or unit sits (Law 10/2022 art. 51(2)): all officials and employees, or their delegates. */
export type ConferenceForm = 'plenary' | 'delegates';
export const conferenceForms: readonly ConferenceForm[] = ['plenary', 'delegates'];

export type SuspensionScope = 'whole' | 'part';
export const suspensionScopes: readonly SuspensionScope[] = ['whole', 'part'];

/** What reaches the committee (Decree 61/2023 art. 12(2)): a written complaint (report), or the findings of a review or an inspection. */
export type ComplaintSource = 'written_complaint' | 'review_finding' | 'inspection_finding';
export const complaintSources: readonly ComplaintSource[] = ['written_complaint', 'review_finding', 'inspection_finding'];

/**
 * The ground of a suspension (Decree 61/2023 art. 12(1), read): a breach of the drafting, consultation and adoption
 * procedure of art. 8–10 (point a), which suspends the whole text, or content contrary to the purpose and principles of
 * art. 3–4 (points b, c), which suspends the parts.
 */
export type SuspensionGround = 'procedure' | 'content';
export const suspensionGrounds: readonly SuspensionGround[] = ['procedure', 'content'];


/** Who proposed drafting a convention (Decree 61/2023 art. 7): the group head (7(1)), or residents (7(2)). */
export type Proposer = 'group_head' | 'residents';
export const proposers: readonly Proposer[] = ['group_head', 'residents'];

/** How the group head and the Front head asked the community about a residents' proposal (art. 7(2)(a), (b)). */
export type ProposalConsultationMethod = 'household_ballot' | 'meeting';
export const proposalConsultationMethods: readonly ProposalConsultationMethod[] = ['household_ballot', 'meeting'];

/** The name the community chose for its convention (Decree 61/2023 art. 6(2)). */
export type ConventionName = 'huong_uoc' | 'quy_uoc';
export const conventionNames: readonly ConventionName[] = ['huong_uoc', 'quy_uoc'];

/** What a disclosure makes public: a household ballot's results (art. 10(2)(b)) or the recognized text (art. 15). */
export type DisclosureSubject = 'ballot_results' | 'recognized_text';
export const disclosureSubjects: readonly DisclosureSubject[] = ['ballot_results', 'recognized_text'];

/** A member of the drafting group and whom or what they represent (art. 8(2)). */
export interface DraftingGroupMember {
  name: string;
  represents: string;
}


export interface CreateDraft {
  type: 'CreateDraft';
  regulationId: string;
  wardCode: string;
  kind: KindId;
  title: string;
  text: string;
  residentialGroup?: string;
  startedOn: CivilDate;
}
export interface ReviseDraft {
  type: 'ReviseDraft';
  title?: string;
  text: string;
  summary: string;
}
export interface OpenConsultation {
  type: 'OpenConsultation';
  /** The day the draft was posted publicly, when recorded afterwards; the window counts from it. Default: now. */
  openedOn?: CivilDate;
  days: number;
  channels: CommentChannel[];
}
export interface ExtendConsultation {
  type: 'ExtendConsultation';
  days: number;
  reason: string;
}
export interface CloseConsultation {
  type: 'CloseConsultation';
}
export interface RecordComment {
  type: 'RecordComment';
  commentId: string;
  channel: CommentChannel;
  content: string;
  receivedOn: CivilDate;
}
export interface SubmitCritique {
  type: 'SubmitCritique';
  content: string;
  submittedOn: CivilDate;
}
export interface RecordDisposition {
  type: 'RecordDisposition';
  commentId: string;
  disposition: Disposition;
  reason?: string;
}
export interface RecordVote {
  type: 'RecordVote';
  method: VoteMethod;
  heldOn: CivilDate;
  totalHouseholds: number;
  present: number;
  approving: number;
}
/**
 * The conference of officials, public employees and workers of an agency or unit that discussed the draft (Law
 * 10/2022 art. 51): how it sat, how many were convened, present and approving.
 */
export interface RecordConference {
  type: 'RecordConference';
  heldOn: CivilDate;
  form: ConferenceForm;
  convened: number;
  present: number;
  approving: number;
}
export interface SubmitDossier {
  type: 'SubmitDossier';
  submittedOn: CivilDate;
  documents: DossierDocument[];
}
export interface StartReview {
  type: 'StartReview';
}
export interface Recognize {
  type: 'Recognize';
  decisionNo: string;
  decidedOn: CivilDate;
}
export interface ReturnDossier {
  type: 'ReturnDossier';
  returnedOn: CivilDate;
  reasons: string;
}
export interface Withdraw {
  type: 'Withdraw';
  reason: string;
}
export interface MarkReviewDue {
  type: 'MarkReviewDue';
}
export interface RecordAnnualReview {
  type: 'RecordAnnualReview';
  outcome: ReviewOutcome;
  reviewedOn: CivilDate;
  notes: string;
  /** The repeal decision, required when the outcome is `repeal`. */
  decisionNo?: string;
}
export interface StartAmendment {
  type: 'StartAmendment';
  title?: string;
  text: string;
  startedOn: CivilDate;
  reason: string;
}
/**
 * The proposal to draft (or amend) a convention (Decree 61/2023 art. 7): the group head's, agreed with the Front work
 * committee head beforehand (7(1)); or residents', on which the group head and the Front head asked the households by
 * ballot or at a meeting (7(2)).
 */
export interface RecordProposal {
  type: 'RecordProposal';
  proposedOn: CivilDate;
  proposer: Proposer;
  /** The basic content proposed. */
  content: string;
  /** The group head's proposal: the day the Front work committee head agreed to it. */
  frontHeadAgreedOn?: CivilDate;
  /** Residents' proposal: how and when the households were asked (art. 7(2)(a), (b)), and how many agreed to draft. */
  consultationMethod?: ProposalConsultationMethod;
  consultationHeldOn?: CivilDate;
  totalHouseholds?: number;
  agreeing?: number;
}
/** The drafting group formed by the group head with the Front work committee head (Decree 61/2023 art. 8(1), (2)). */
export interface FormDraftingGroup {
  type: 'FormDraftingGroup';
  formedOn: CivilDate;
  members: DraftingGroupMember[];
}
/** The community's choice of name: hương ước or quy ước (Decree 61/2023 art. 6(2)). */
export interface ChooseName {
  type: 'ChooseName';
  name: ConventionName;
  decidedOn: CivilDate;
}
/** The adopted text signed by the group head, the Front work committee head and two household representatives (art. 6(1)). */
export interface RecordSignatures {
  type: 'RecordSignatures';
  signedOn: CivilDate;
  groupHead: string;
  frontHead: string;
  householdRepresentatives: string[];
}
/** The recognized text stamped across its pages (giáp lai) by the commune People's Committee (art. 6(1)). */
export interface StampText {
  type: 'StampText';
  stampedOn: CivilDate;
}
/** A disclosure: a household ballot's results made public (art. 10(2)(b)), or the recognized text posted (art. 15). */
export interface RecordDisclosure {
  type: 'RecordDisclosure';
  subject: DisclosureSubject;
  disclosedOn: CivilDate;
  /** Where or how: the cultural house's board, the loudspeakers, the group's online channel. */
  place: string;
}
/**
 * The community agrees the day of the year its annual review is held, instead of 18 November (Decree 61/2023
 * art. 15(4)(a)).
 */
export interface AgreeReviewDay {
  type: 'AgreeReviewDay';
  agreedOn: CivilDate;
  month: number;
  day: number;
}
/** A written complaint or a review or inspection finding about a convention in force reaches the ward committee. */
export interface ReceiveComplaint {
  type: 'ReceiveComplaint';
  complaintId: string;
  receivedOn: CivilDate;
  source: ComplaintSource;
  summary: string;
}
/** The committee answers that the open complaint has no basis (Decree 61/2023 art. 12(2)). */
export interface DismissComplaint {
  type: 'DismissComplaint';
  complaintId: string;
  answeredOn: CivilDate;
  reason: string;
}
/**
 * The committee's suspension decision on the open complaint (Decree 61/2023 art. 12): its ground, the whole text or
 * the articles concerned, the period and the deadline for redrafting. The fields after `reason` are required by
 * the current rules; suspensions recorded before them carried the first three only.
 */
export interface Suspend {
  type: 'Suspend';
  suspendedOn: CivilDate;
  scope: SuspensionScope;
  reason: string;
  complaintId?: string;
  decisionNo?: string;
  ground?: SuspensionGround;
  articles?: string[];
  /** The end of the suspension's period, when the decision sets one; else it lasts until a redraft or a repeal. */
  until?: CivilDate;
  redraftDueOn?: CivilDate;
}
/** Lifting a suspension: recorded before the current rules, which end a suspension by a recognized redraft or a repeal. */
export interface Resume {
  type: 'Resume';
  resumedOn: CivilDate;
  reason: string;
}
/** The repeal decision (bãi bỏ, Decree 61/2023 art. 14): of the whole text, or of the articles named. */
export interface Repeal {
  type: 'Repeal';
  repealedOn: CivilDate;
  decisionNo: string;
  reason: string;
  ground?: RepealGround;
  scope?: SuspensionScope;
  articles?: string[];
}
/**
 * The regulation's unit was dissolved by a reorganization: it moves to the successor that takes the unit's regulations,
 * from the day the reorganization took effect, on its legal basis (e.g. Resolution 1656/NQ-UBTVQH15, art. 1(1)).
 * Issued by the system that applies the administrative units table (`npm run units:apply`).
 */
export interface TransferUnit {
  type: 'TransferUnit';
  toWardCode: string;
  effectiveOn: CivilDate;
  legalBasis: string;
}
/** The redraft deadline of a suspension passed without a recognized redraft: issued by the workflow's timer. */
export interface MarkRedraftOverdue {
  type: 'MarkRedraftOverdue';
}

/** The facts of a regulation adopted before it was recorded here, as one row of an import file gives them. */
export interface ImportedFacts {
  /** The vote of the community meeting (conventions): held on, households in all, present, approving. */
  vote?: { heldOn: CivilDate; totalHouseholds: number; present: number; approving: number };
  /** The day the recognition dossier was submitted (conventions). */
  dossierSubmittedOn?: CivilDate;
  /** The decision that recognized (a convention) or issued (a democracy regulation) the text. */
  decision?: { decisionNo: string; decidedOn: CivilDate };
  /** The last annual review held. */
  lastReview?: { reviewedOn: CivilDate; outcome: ReviewOutcome; notes: string };
  /** The decision that repealed the whole text. */
  repeal?: { repealedOn: CivilDate; decisionNo: string; reason: string; ground?: RepealGround };
}
/** Where an imported regulation came from: the import, its file and row, and a digest of the row's facts. */
export interface ImportSource {
  importId: string;
  fileHash: string;
  row: number;
  factsDigest: string;
  /** Where the text is kept when the row gives a reference instead of the text. */
  textReference?: string;
}
/** Creates a regulation with the history it already had: its draft and the legal facts an import row gives. */
export interface ImportRegulation {
  type: 'ImportRegulation';
  regulationId: string;
  wardCode: string;
  kind: KindId;
  title: string;
  text: string;
  residentialGroup?: string;
  startedOn: CivilDate;
  facts: ImportedFacts;
  source: ImportSource;
}

/** Take a pending approval task (the deciding role only). */
export interface ClaimTask {
  type: 'ClaimTask';
  taskId: string;
}
/** Give a claimed task back to the pool (its assignee only). */
export interface ReleaseTask {
  type: 'ReleaseTask';
  taskId: string;
}
/** Hand a task to another person of the deciding body. */
export interface ReassignTask {
  type: 'ReassignTask';
  taskId: string;
  assigneeId: string;
}
/** The task's reminder timer: part of its time has passed. */
export interface RemindTask {
  type: 'RemindTask';
  taskId: string;
}
/** The task's escalation timer: it is overdue. */
export interface EscalateTask {
  type: 'EscalateTask';
  taskId: string;
}

export type RegulationCommand =
  | CreateDraft
  | ReviseDraft
  | OpenConsultation
  | ExtendConsultation
  | CloseConsultation
  | RecordComment
  | SubmitCritique
  | RecordDisposition
  | RecordVote
  | RecordConference
  | SubmitDossier
  | StartReview
  | Recognize
  | ReturnDossier
  | Withdraw
  | MarkReviewDue
  | RecordAnnualReview
  | StartAmendment
  | RecordProposal
  | FormDraftingGroup
  | ChooseName
  | RecordSignatures
  | StampText
  | RecordDisclosure
  | AgreeReviewDay
  | ReceiveComplaint
  | DismissComplaint
  | Suspend
  | Resume
  | MarkRedraftOverdue
  | Repeal
  | TransferUnit
  | ClaimTask
  | ReleaseTask
  | ReassignTask
  | RemindTask
  | EscalateTask
  | ImportRegulation;

export type CommandType = RegulationCommand['type'];

export const commandTypes: readonly CommandType[] = [
  'CreateDraft',
  'RecordProposal',
  'FormDraftingGroup',
  'ChooseName',
  'ReviseDraft',
  'OpenConsultation',
  'ExtendConsultation',
  'CloseConsultation',
  'RecordComment',
  'SubmitCritique',
  'RecordDisposition',
  'RecordVote',
  'RecordConference',
  'RecordSignatures',
  'SubmitDossier',
  'StartReview',
  'Recognize',
  'StampText',
  'RecordDisclosure',
  'ReturnDossier',
  'Withdraw',
  'MarkReviewDue',
  'AgreeReviewDay',
  'RecordAnnualReview',
  'StartAmendment',
  'ReceiveComplaint',
  'DismissComplaint',
  'Suspend',
  'Resume',
  'MarkRedraftOverdue',
  'Repeal',
  'TransferUnit',
  'ClaimTask',
  'ReleaseTask',
  'ReassignTask',
  'RemindTask',
  'EscalateTask',
  'ImportRegulation',
];

/** Commands only the workflow's own timers issue; a consultation is closed by its timer or, after the minimum, by an officer. */
export const timerOnlyCommandTypes: readonly CommandType[] = ['MarkReviewDue', 'MarkRedraftOverdue', 'RemindTask', 'EscalateTask'];
/** Commands nobody issues by hand: the timers', and a reorganization's transfers (npm run units:apply). */
export const systemOnlyCommandTypes: readonly CommandType[] = [...timerOnlyCommandTypes, 'TransferUnit'];

/** Who issued a command and why: goes into every event's metadata. */
export interface CommandEnvelope<C extends RegulationCommand = RegulationCommand> {
  commandId: string;
  actor: Actor;
  command: C;
  /** The stream version the caller saw; a different current version rejects the command. */
  expectedVersion?: number;
  correlationId?: string;
  reason?: string;
  legalBasis?: string;
  /**
   * When the command was issued (ISO instant), stamped once by the client: the workflow decides with it, so that a
   * retried workflow task decides the same data. Used when it lies within the workflow's tolerance of its own clock.
   */
  issuedAt?: string;
}
