/** Domain errors: one stable code per condition, shared by the workflow, the activities and the API. */

export type ErrorCode =
  | 'REGULATION.INVALID_TRANSITION'
  | 'REGULATION.NOT_FOUND'
  | 'REGULATION.ALREADY_EXISTS'
  | 'REGULATION.UNKNOWN_WARD'
  | 'REGULATION.UNKNOWN_KIND'
  | 'REGULATION.CONCURRENCY'
  | 'REGULATION.APPEND_MISMATCH'
  | 'REGULATION.LOG_BEHIND'
  | 'COMMAND.INVALID'
  | 'COMMAND.TEXT_TOO_LONG'
  | 'COMMAND.ID_REUSED'
  | 'CONSULTATION.WINDOW_TOO_SHORT'
  | 'CONSULTATION.MINIMUM_NOT_REACHED'
  | 'COMMENT.UNKNOWN'
  | 'COMMENT.DUPLICATE'
  | 'COMMENT.REASON_REQUIRED'
  | 'COMMENT.DISPOSITIONS_MISSING'
  | 'CRITIQUE.REQUIRED'
  | 'VOTE.TALLY_INCONSISTENT'
  | 'VOTE.BALLOT_NOT_ALLOWED'
  | 'CONFERENCE.TALLY_INCONSISTENT'
  | 'DOSSIER.INCOMPLETE'
  | 'DECISION.DATE_BEFORE_SUBMISSION'
  | 'REVIEW.NOT_DUE'
  | 'REVIEW.OUTCOME_NOT_ALLOWED'
  | 'REGIME.NOT_IN_FORCE'
  | 'PROPOSAL.FRONT_AGREEMENT_REQUIRED'
  | 'PROPOSAL.CONSULTATION_REQUIRED'
  | 'SIGNATURES.INCOMPLETE'
  | 'DISCLOSURE.NOT_APPLICABLE'
  | 'COMPLAINT.NOT_OPEN'
  | 'SUSPENSION.GROUND_REQUIRED'
  | 'SUSPENSION.SCOPE_NOT_FOR_GROUND'
  | 'SUSPENSION.ARTICLES_REQUIRED'
  | 'REPEAL.GROUND_NOT_ALLOWED'
  | 'REPEAL.BEFORE_REDRAFT_DEADLINE'
  | 'TASK.UNKNOWN'
  | 'TASK.NOT_CANDIDATE'
  | 'TASK.ALREADY_CLAIMED'
  | 'TASK.NOT_CLAIMED'
  | 'TASK.NOT_ASSIGNEE'
  | 'TASK.TIMER_NOT_DUE'
  | 'AUTH.FORBIDDEN'
  | 'AUTH.SEPARATION_OF_DUTIES'
  | 'IMPORT.FACTS_OUT_OF_ORDER'
  | 'IMPORT.FACT_MISSING'
  | 'IMPORT.FACT_NOT_FOR_KIND'
  | 'IMPORT.NOT_ADOPTED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(command: string, stage: string, allowed: readonly string[]) {
    super('REGULATION.INVALID_TRANSITION', `${command} is not allowed when the regulation is ${stage}`, {
      command,
      stage,
      allowedActions: allowed,
    });
  }
}

export class RegulationNotFoundError extends DomainError {
  constructor(regulationId: string) {
    super('REGULATION.NOT_FOUND', `regulation ${regulationId} does not exist`, { regulationId });
  }
}

export class RegulationAlreadyExistsError extends DomainError {
  constructor(regulationId: string) {
    super('REGULATION.ALREADY_EXISTS', `regulation ${regulationId} already exists`, { regulationId });
  }
}

export class UnknownWardError extends DomainError {
  constructor(wardCode: string) {
    super('REGULATION.UNKNOWN_WARD', `unknown ward ${wardCode}`, { field: 'wardCode', wardCode });
  }
}

export class UnknownKindError extends DomainError {
  constructor(kind: string) {
    super('REGULATION.UNKNOWN_KIND', `unknown regulation kind ${kind}`, { field: 'kind', kind });
  }
}

/** Raised by the event store when an append does not find the stream at the version it expected. */
/** A retried append (same event ids) whose stored events differ from the batch: the first difference found. */
export class AppendMismatchError extends DomainError {
  constructor(streamId: string, position: number, eventId: string, field: string) {
    super('REGULATION.APPEND_MISMATCH', `stream ${streamId} position ${position}: event ${eventId} is stored with another ${field}`, {
      streamId,
      position,
      eventId,
      field,
    });
  }
}

/** The workflow believes a version the log does not have (lost events, a restore): an alarm, never papered over. */
export class LogBehindError extends DomainError {
  constructor(streamId: string, workflowVersion: number, logVersion: number) {
    super('REGULATION.LOG_BEHIND', `stream ${streamId} is at version ${logVersion} in the log, the workflow is at ${workflowVersion}`, {
      streamId,
      workflowVersion,
      logVersion,
    });
  }
}

export class ConcurrencyError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super('REGULATION.CONCURRENCY', `stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`, {
      streamId,
      expectedVersion,
      actualVersion,
    });
  }
}

export class InvalidCommandError extends DomainError {
  constructor(field: string, problem: string) {
    super('COMMAND.INVALID', `${field}: ${problem}`, { field, problem });
  }
}

export class TextTooLongError extends DomainError {
  constructor(field: string, length: number, maximum: number) {
    super('COMMAND.TEXT_TOO_LONG', `${field} has ${length} characters, at most ${maximum} are allowed`, {
      field,
      length,
      maximum,
    });
  }
}

export class CommandIdReusedError extends DomainError {
  constructor(commandId: string) {
    super('COMMAND.ID_REUSED', `command id ${commandId} was already used for a different command`, { commandId });
  }
}

export class ConsultationWindowTooShortError extends DomainError {
  constructor(days: number, minimumDays: number) {
    super('CONSULTATION.WINDOW_TOO_SHORT', `a consultation of ${days} days is shorter than the legal ${minimumDays}`, {
      field: 'days',
      days,
      minimumDays,
    });
  }
}

export class ConsultationMinimumNotReachedError extends DomainError {
  constructor(minimumEndsAt: string) {
    super('CONSULTATION.MINIMUM_NOT_REACHED', `the consultation cannot close before ${minimumEndsAt}`, { minimumEndsAt });
  }
}

export class UnknownCommentError extends DomainError {
  constructor(commentId: string) {
    super('COMMENT.UNKNOWN', `no comment ${commentId} in the current consultation`, { field: 'commentId', commentId });
  }
}

export class DuplicateCommentError extends DomainError {
  constructor(commentId: string) {
    super('COMMENT.DUPLICATE', `comment ${commentId} is already recorded`, { field: 'commentId', commentId });
  }
}

export class DispositionReasonRequiredError extends DomainError {
  constructor(commentId: string) {
    super('COMMENT.REASON_REQUIRED', `a comment not fully accepted needs a reason`, { field: 'reason', commentId });
  }
}

export class DispositionsMissingError extends DomainError {
  constructor(commentIds: readonly string[]) {
    super('COMMENT.DISPOSITIONS_MISSING', `${commentIds.length} comment(s) have no disposition yet`, { commentIds });
  }
}

export class CritiqueRequiredError extends DomainError {
  constructor() {
    super('CRITIQUE.REQUIRED', 'the Fatherland Front social critique must be recorded first');
  }
}

export class TallyInconsistentError extends DomainError {
  constructor(problem: string, tally: Record<string, unknown>) {
    super('VOTE.TALLY_INCONSISTENT', `vote tally is inconsistent: ${problem}`, { problem, ...tally });
  }
}

export class ConferenceTallyInconsistentError extends DomainError {
  constructor(problem: string, tally: { convened: number; present: number; approving: number }) {
    super('CONFERENCE.TALLY_INCONSISTENT', `conference tally is inconsistent: ${problem}`, { problem, ...tally });
  }
}

export class BallotNotAllowedError extends DomainError {
  constructor() {
    super('VOTE.BALLOT_NOT_ALLOWED', 'a household ballot is only allowed after a meeting without quorum');
  }
}

export class DossierIncompleteError extends DomainError {
  constructor(missing: readonly string[]) {
    super('DOSSIER.INCOMPLETE', `the dossier lacks ${missing.join(', ')}`, { field: 'documents', missing });
  }
}

export class DecisionDateBeforeSubmissionError extends DomainError {
  constructor(decidedOn: string, earliest: string) {
    super('DECISION.DATE_BEFORE_SUBMISSION', `decision date ${decidedOn} is before ${earliest}`, {
      field: 'decidedOn',
      decidedOn,
      earliest,
    });
  }
}

export class ReviewNotDueError extends DomainError {
  constructor(nextReviewDueOn: string | null) {
    super('REVIEW.NOT_DUE', `the annual review is not due (next due ${nextReviewDueOn ?? 'never'})`, { nextReviewDueOn });
  }
}

export class ReviewOutcomeNotAllowedError extends DomainError {
  constructor(outcome: string, kind: string) {
    super('REVIEW.OUTCOME_NOT_ALLOWED', `outcome ${outcome} does not exist for ${kind}`, { field: 'outcome', outcome, kind });
  }
}

/** Decree 61/2023 art. 7(1): the group head proposes after agreeing with the Front work committee head. */
export class ProposalFrontAgreementRequiredError extends DomainError {
  constructor() {
    super('PROPOSAL.FRONT_AGREEMENT_REQUIRED', "the group head's proposal needs the day the Front work committee head agreed to it (art. 7(1))", {
      field: 'frontHeadAgreedOn',
    });
  }
}

/** Decree 61/2023 art. 7(2): residents' proposal goes to the households by ballot or at a meeting. */
export class ProposalConsultationRequiredError extends DomainError {
  constructor() {
    super('PROPOSAL.CONSULTATION_REQUIRED', "residents' proposal needs the household ballot or meeting held on it: method, day, households and how many agreed (art. 7(2))", {
      field: 'consultationMethod',
    });
  }
}

/** Decree 61/2023 art. 6(1): the group head, the Front head and two household representatives sign. */
export class SignaturesIncompleteError extends DomainError {
  constructor(householdRepresentatives: number) {
    super('SIGNATURES.INCOMPLETE', `the text is signed by two household representatives, not ${householdRepresentatives} (art. 6(1))`, {
      field: 'householdRepresentatives',
      householdRepresentatives,
    });
  }
}

/** There is nothing of that kind to make public: no household ballot in the cycle, or no recognized text. */
export class DisclosureNotApplicableError extends DomainError {
  constructor(subject: string) {
    super('DISCLOSURE.NOT_APPLICABLE', `there is no ${subject === 'ballot_results' ? 'household ballot' : 'recognized text'} to make public`, {
      field: 'subject',
      subject,
    });
  }
}

/** A decision on a complaint names one that is open: received and neither dismissed nor decided. */
export class ComplaintNotOpenError extends DomainError {
  constructor(complaintId: string | undefined, open: string | null) {
    super('COMPLAINT.NOT_OPEN', open ? `complaint ${complaintId ?? '(none)'} is not the open one, ${open}` : 'no complaint is open', {
      field: 'complaintId',
      complaintId: complaintId ?? null,
      open,
    });
  }
}

/** Decree 61/2023 art. 12(1): a suspension states its ground. */
export class SuspensionGroundRequiredError extends DomainError {
  constructor() {
    super('SUSPENSION.GROUND_REQUIRED', 'a suspension states its ground: procedure (art. 8–10) or content (art. 3–4)', { field: 'ground' });
  }
}

/** Decree 61/2023 art. 12(1): a procedural breach suspends the whole text, contrary content the parts concerned. */
export class SuspensionScopeNotForGroundError extends DomainError {
  constructor(ground: string, scope: string, expected: string) {
    super('SUSPENSION.SCOPE_NOT_FOR_GROUND', `a suspension on the ground ${ground} is of the ${expected} text, not ${scope}`, {
      field: 'scope',
      ground,
      scope,
      expected,
    });
  }
}

/** A partial suspension or repeal names the articles it concerns. */
export class ArticlesRequiredError extends DomainError {
  constructor() {
    super('SUSPENSION.ARTICLES_REQUIRED', 'a decision on part of the text names its articles', { field: 'articles' });
  }
}

/** Decree 61/2023 art. 14: the grounds a repeal may rest on in the regulation's state. */
export class RepealGroundNotAllowedError extends DomainError {
  constructor(ground: string | null, allowed: readonly string[]) {
    super('REPEAL.GROUND_NOT_ALLOWED', `a repeal here rests on one of ${allowed.join(', ')}, not ${ground ?? 'no ground'}`, {
      field: 'ground',
      ground,
      allowed,
    });
  }
}

/** Decree 61/2023 art. 14: a suspended text is repealed only once its redraft deadline has passed without a recognized redraft. */
export class RepealBeforeRedraftDeadlineError extends DomainError {
  constructor(redraftDueOn: string) {
    super('REPEAL.BEFORE_REDRAFT_DEADLINE', `the redraft deadline ${redraftDueOn} has not passed`, { field: 'repealedOn', redraftDueOn });
  }
}

export class RegimeNotInForceError extends DomainError {
  constructor(date: string) {
    super('REGIME.NOT_IN_FORCE', `no legal regime was in force on ${date}`, { field: 'startedOn', date });
  }
}

export class UnknownTaskError extends DomainError {
  constructor(taskId: string) {
    super('TASK.UNKNOWN', `no pending task ${taskId} on this regulation`, { field: 'taskId', taskId });
  }
}

export class NotTaskCandidateError extends DomainError {
  constructor(taskId: string, candidateRole: string, role: string) {
    super('TASK.NOT_CANDIDATE', `task ${taskId} is decided by a ${candidateRole}, not a ${role}`, { taskId, candidateRole, role });
  }
}

export class TaskAlreadyClaimedError extends DomainError {
  constructor(taskId: string, assignee: string) {
    super('TASK.ALREADY_CLAIMED', `task ${taskId} is already claimed by ${assignee}`, { taskId, assignee });
  }
}

export class TaskNotClaimedError extends DomainError {
  constructor(taskId: string) {
    super('TASK.NOT_CLAIMED', `task ${taskId} is not claimed`, { taskId });
  }
}

export class NotTaskAssigneeError extends DomainError {
  constructor(taskId: string, assignee: string) {
    super('TASK.NOT_ASSIGNEE', `task ${taskId} is claimed by ${assignee}: only they may release it`, { taskId, assignee });
  }
}

export class TaskTimerNotDueError extends DomainError {
  constructor(taskId: string, type: string, at: string) {
    super('TASK.TIMER_NOT_DUE', `${type} of task ${taskId} is not due before ${at}`, { taskId, at });
  }
}

/** The actor's role, wards or body holds no power for this command here (libs/domain/src/access.ts). */
export class AccessDeniedError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('AUTH.FORBIDDEN', message, details);
  }
}

export class SeparationOfDutiesError extends DomainError {
  constructor(regulationId: string) {
    super('AUTH.SEPARATION_OF_DUTIES', 'the actor who submitted the dossier cannot also recognize it', { regulationId });
  }
}

/** An imported fact dated before the fact the law puts before it (a recognition before the vote). */
export class ImportFactsOutOfOrderError extends DomainError {
  constructor(field: string, date: string, earlierField: string, earlierDate: string) {
    super('IMPORT.FACTS_OUT_OF_ORDER', `${field} ${date} lies before ${earlierField} ${earlierDate}`, { field, date, earlierField, earlierDate });
  }
}

/** An imported fact whose legal predecessor the row does not give (a dossier without its vote). */
export class ImportFactMissingError extends DomainError {
  constructor(field: string, requires: string) {
    super('IMPORT.FACT_MISSING', `${field} requires ${requires}`, { field, requires });
  }
}

/** An imported fact the kind's lifecycle has no step for (a vote on a ward democracy regulation). */
export class ImportFactNotForKindError extends DomainError {
  constructor(field: string, kind: string) {
    super('IMPORT.FACT_NOT_FOR_KIND', `${field} is no step of a ${kind}`, { field, kind });
  }
}

/** An imported vote that did not adopt the text, followed by facts that need its adoption. */
export class ImportNotAdoptedError extends DomainError {
  constructor(field: string, vote: { totalHouseholds: number; present: number; approving: number }) {
    super('IMPORT.NOT_ADOPTED', `${field} requires an adopting vote; the tally did not reach the quorum and majority`, { field, ...vote });
  }
}
