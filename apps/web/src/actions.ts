/**
 * The next step panel's forms, one per command the API may allow: the route and the fields of its request body.
 * The field names are typed by the generated OpenAPI types, so a renamed or removed DTO field breaks the build.
 */
import type { paths } from './api/schema';
import type { CommandType } from './api/client';

type PostPath = { [P in keyof paths]: paths[P] extends { post: { requestBody?: { content: { 'application/json': unknown } } } } ? P : never }[keyof paths];
export type CommandPath = Extract<PostPath, `/regulations/{id}/${string}`>;
export type BodyOf<P extends CommandPath> = NonNullable<paths[P]['post']['requestBody']>['content']['application/json'];

/** `list`: names separated by commas; `members`: one drafting group member a line, "name; whom they represent". */
export type FieldKind = 'text' | 'textarea' | 'date' | 'number' | 'choice' | 'checklist' | 'task' | 'list' | 'members';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** For choice and checklist: the allowed values (labels in optionLabels). */
  options?: readonly string[];
  /** A default: 'today', or a fixed value. */
  initial?: 'today' | string | number | string[];
}

export interface ActionSpec {
  path: CommandPath;
  fields: FieldSpec[];
}

/** Builds a spec whose field names must be fields of the route's body. */
function spec<P extends CommandPath>(path: P, fields: (FieldSpec & { name: Exclude<keyof BodyOf<P>, 'expectedVersion'> & string })[]): ActionSpec {
  return { path, fields };
}

const channels = ['meeting', 'household_copy', 'comment_box', 'online'] as const;

export const actionSpecs: Partial<Record<CommandType, ActionSpec>> = {
  RecordProposal: spec('/regulations/{id}/record-proposal', [
    { name: 'proposer', kind: 'choice', required: true, options: ['group_head', 'residents'], initial: 'group_head' },
    { name: 'proposedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'content', kind: 'textarea', required: true },
    { name: 'frontHeadAgreedOn', kind: 'date', required: false },
    { name: 'consultationMethod', kind: 'choice', required: false, options: ['household_ballot', 'meeting'] },
    { name: 'consultationHeldOn', kind: 'date', required: false },
    { name: 'totalHouseholds', kind: 'number', required: false },
    { name: 'agreeing', kind: 'number', required: false },
  ]),
  FormDraftingGroup: spec('/regulations/{id}/form-drafting-group', [
    { name: 'formedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'members', kind: 'members', required: true },
  ]),
  ChooseName: spec('/regulations/{id}/choose-name', [
    { name: 'name', kind: 'choice', required: true, options: ['huong_uoc', 'quy_uoc'], initial: 'quy_uoc' },
    { name: 'decidedOn', kind: 'date', required: true, initial: 'today' },
  ]),
  ReviseDraft: spec('/regulations/{id}/revise-draft', [
    { name: 'title', kind: 'text', required: false },
    { name: 'text', kind: 'textarea', required: true },
    { name: 'summary', kind: 'textarea', required: true },
  ]),
  OpenConsultation: spec('/regulations/{id}/open-consultation', [
    { name: 'openedOn', kind: 'date', required: false, initial: 'today' },
    { name: 'days', kind: 'number', required: true, initial: 30 },
    { name: 'channels', kind: 'checklist', required: true, options: channels, initial: ['meeting', 'comment_box'] },
  ]),
  ExtendConsultation: spec('/regulations/{id}/extend-consultation', [
    { name: 'days', kind: 'number', required: true },
    { name: 'reason', kind: 'textarea', required: true },
  ]),
  CloseConsultation: spec('/regulations/{id}/close-consultation', []),
  RecordComment: spec('/regulations/{id}/record-comment', [
    { name: 'commentId', kind: 'text', required: true },
    { name: 'channel', kind: 'choice', required: true, options: channels, initial: 'meeting' },
    { name: 'content', kind: 'textarea', required: true },
    { name: 'receivedOn', kind: 'date', required: true, initial: 'today' },
  ]),
  SubmitCritique: spec('/regulations/{id}/submit-critique', [
    { name: 'content', kind: 'textarea', required: true },
    { name: 'submittedOn', kind: 'date', required: true, initial: 'today' },
  ]),
  RecordDisposition: spec('/regulations/{id}/record-disposition', [
    { name: 'commentId', kind: 'choice', required: true },
    { name: 'disposition', kind: 'choice', required: true, options: ['accepted', 'partly_accepted', 'not_accepted'], initial: 'accepted' },
    { name: 'reason', kind: 'textarea', required: false },
  ]),
  RecordVote: spec('/regulations/{id}/record-vote', [
    { name: 'method', kind: 'choice', required: true, options: ['meeting', 'household_ballot'], initial: 'meeting' },
    { name: 'heldOn', kind: 'date', required: true, initial: 'today' },
    { name: 'totalHouseholds', kind: 'number', required: true },
    { name: 'present', kind: 'number', required: true },
    { name: 'approving', kind: 'number', required: true },
  ]),
  RecordConference: spec('/regulations/{id}/record-conference', [
    { name: 'heldOn', kind: 'date', required: true, initial: 'today' },
    { name: 'form', kind: 'choice', required: true, options: ['plenary', 'delegates'], initial: 'plenary' },
    { name: 'convened', kind: 'number', required: true },
    { name: 'present', kind: 'number', required: true },
    { name: 'approving', kind: 'number', required: true },
  ]),
  RecordSignatures: spec('/regulations/{id}/record-signatures', [
    { name: 'signedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'groupHead', kind: 'text', required: true },
    { name: 'frontHead', kind: 'text', required: true },
    { name: 'householdRepresentatives', kind: 'list', required: true },
  ]),
  SubmitDossier: spec('/regulations/{id}/submit-dossier', [
    { name: 'submittedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'documents', kind: 'checklist', required: true, initial: [] },
  ]),
  StartReview: spec('/regulations/{id}/start-review', []),
  Recognize: spec('/regulations/{id}/recognize', [
    { name: 'decisionNo', kind: 'text', required: true },
    { name: 'decidedOn', kind: 'date', required: true, initial: 'today' },
  ]),
  StampText: spec('/regulations/{id}/stamp-text', [{ name: 'stampedOn', kind: 'date', required: true, initial: 'today' }]),
  RecordDisclosure: spec('/regulations/{id}/record-disclosure', [
    { name: 'subject', kind: 'choice', required: true, options: ['ballot_results', 'recognized_text'] },
    { name: 'disclosedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'place', kind: 'text', required: true },
  ]),
  ReturnDossier: spec('/regulations/{id}/return-dossier', [
    { name: 'returnedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'reasons', kind: 'textarea', required: true },
  ]),
  Withdraw: spec('/regulations/{id}/withdraw', [{ name: 'reason', kind: 'textarea', required: true }]),
  AgreeReviewDay: spec('/regulations/{id}/agree-review-day', [
    { name: 'agreedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'month', kind: 'number', required: true },
    { name: 'day', kind: 'number', required: true },
  ]),
  RecordAnnualReview: spec('/regulations/{id}/record-annual-review', [
    { name: 'outcome', kind: 'choice', required: true, options: ['keep', 'amend', 'suspend', 'repeal'], initial: 'keep' },
    { name: 'reviewedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'notes', kind: 'textarea', required: true },
    { name: 'decisionNo', kind: 'text', required: false },
  ]),
  StartAmendment: spec('/regulations/{id}/start-amendment', [
    { name: 'title', kind: 'text', required: false },
    { name: 'text', kind: 'textarea', required: true },
    { name: 'startedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'reason', kind: 'textarea', required: true },
  ]),
  ReceiveComplaint: spec('/regulations/{id}/receive-complaint', [
    { name: 'complaintId', kind: 'text', required: true },
    { name: 'receivedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'source', kind: 'choice', required: true, options: ['written_complaint', 'review_finding', 'inspection_finding'], initial: 'written_complaint' },
    { name: 'summary', kind: 'textarea', required: true },
  ]),
  DismissComplaint: spec('/regulations/{id}/dismiss-complaint', [
    { name: 'complaintId', kind: 'text', required: true },
    { name: 'answeredOn', kind: 'date', required: true, initial: 'today' },
    { name: 'reason', kind: 'textarea', required: true },
  ]),
  Suspend: spec('/regulations/{id}/suspend', [
    { name: 'complaintId', kind: 'text', required: true },
    { name: 'decisionNo', kind: 'text', required: true },
    { name: 'suspendedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'ground', kind: 'choice', required: true, options: ['procedure', 'content'], initial: 'content' },
    { name: 'scope', kind: 'choice', required: true, options: ['whole', 'part'], initial: 'whole' },
    { name: 'articles', kind: 'list', required: false },
    { name: 'redraftDueOn', kind: 'date', required: true },
    { name: 'reason', kind: 'textarea', required: true },
  ]),
  Repeal: spec('/regulations/{id}/repeal', [
    { name: 'repealedOn', kind: 'date', required: true, initial: 'today' },
    { name: 'decisionNo', kind: 'text', required: true },
    { name: 'ground', kind: 'choice', required: false, options: ['unlawful_content', 'vote_threshold_not_met', 'redraft_deadline_passed'] },
    { name: 'scope', kind: 'choice', required: false, options: ['whole', 'part'] },
    { name: 'articles', kind: 'list', required: false },
    { name: 'reason', kind: 'textarea', required: true },
  ]),
  ClaimTask: spec('/regulations/{id}/claim-task', [{ name: 'taskId', kind: 'task', required: true }]),
  ReleaseTask: spec('/regulations/{id}/release-task', [{ name: 'taskId', kind: 'task', required: true }]),
  ReassignTask: spec('/regulations/{id}/reassign-task', [
    { name: 'taskId', kind: 'task', required: true },
    { name: 'assigneeId', kind: 'text', required: true },
  ]),
};

/** Refusals whose code names the field at fault even when the api's details do not. */
export const fieldOfCode: Record<string, string> = {
  'COMMENT.REASON_REQUIRED': 'reason',
  'COMMENT.DUPLICATE': 'commentId',
  'COMMENT.UNKNOWN': 'commentId',
  'DOSSIER.INCOMPLETE': 'documents',
  'CONSULTATION.WINDOW_TOO_SHORT': 'days',
  'VOTE.TALLY_INCONSISTENT': 'approving',
  'VOTE.BALLOT_NOT_ALLOWED': 'method',
  'DECISION.DATE_BEFORE_SUBMISSION': 'decidedOn',
  'SUSPENSION.ARTICLES_REQUIRED': 'articles',
  'SIGNATURES.INCOMPLETE': 'householdRepresentatives',
  'PROPOSAL.FRONT_AGREEMENT_REQUIRED': 'frontHeadAgreedOn',
  'PROPOSAL.CONSULTATION_REQUIRED': 'consultationMethod',
  'DISCLOSURE.NOT_APPLICABLE': 'subject',
  'SUSPENSION.GROUND_REQUIRED': 'ground',
  'SUSPENSION.SCOPE_NOT_FOR_GROUND': 'scope',
  'REPEAL.GROUND_NOT_ALLOWED': 'ground',
  'REVIEW.OUTCOME_NOT_ALLOWED': 'outcome',
  'TASK.UNKNOWN': 'taskId',
  'TASK.ALREADY_CLAIMED': 'taskId',
  'TASK.NOT_CLAIMED': 'taskId',
  'TASK.NOT_ASSIGNEE': 'taskId',
  'TASK.NOT_CANDIDATE': 'taskId',
};
