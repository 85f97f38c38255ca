/** decide(command, state) → events: a command checked against the actor's powers, the state and the law. Pure and deterministic. */
import {
  addCalendarDays,
  civilDateInVietnam,
  CivilDate,
  compareCivilDates,
  calendarThrough,
  firstCalendarVersion,
  startOfCivilDateInVietnam,
  vietnameseCalendar,
  WorkingDayCalendar,
} from './calendar';
import { authorizeCommand } from './access';
import { findKind, hasStep, isUnitCode, kindOf, RegulationKind } from './catalogue';
import { CommandEnvelope, RegulationCommand } from './commands';
import {
  ArticlesRequiredError,
  ComplaintNotOpenError,
  ConcurrencyError,
  ConsultationMinimumNotReachedError,
  ConsultationWindowTooShortError,
  CritiqueRequiredError,
  DecisionDateBeforeSubmissionError,
  DispositionReasonRequiredError,
  DispositionsMissingError,
  DossierIncompleteError,
  DuplicateCommentError,
  InvalidCommandError,
  InvalidTransitionError,
  NotTaskAssigneeError,
  NotTaskCandidateError,
  RegimeNotInForceError,
  RegulationAlreadyExistsError,
  RepealBeforeRedraftDeadlineError,
  RepealGroundNotAllowedError,
  SuspensionGroundRequiredError,
  SuspensionScopeNotForGroundError,
  BallotNotAllowedError,
  ReviewNotDueError,
  ReviewOutcomeNotAllowedError,
  TaskAlreadyClaimedError,
  TaskNotClaimedError,
  TaskTimerNotDueError,
  UnknownCommentError,
  UnknownTaskError,
  UnknownKindError,
  UnknownWardError,
} from './errors';
import type { RegulationEvent } from './events';
import { addDuration, AnnualDay, exceeds, LegalDuration, LegalRegime, reaches, regimeById, regimeInForceOn } from './regimes';
import { ApprovalTask, ComplaintState, CycleState, RegulationState, stageOf, tasksOf } from './state';
import { nextTaskTimer, overdueWorkingDays, taskPolicy } from './tasks';
import { decideImport } from './import';
import { allowedActions, preconditions, preconditionsAsFirstRecorded, statusIn } from './preconditions';
import { validateCommand } from './validation';
import { requireBetween, requireNotAfter, requireWithin } from './date-rules';
import { decideCommunityStep } from './community-steps';

const DAY_MS = 86_400_000;

/**
 * The rules a decision is taken on, as versioned reference data: the working-day calendar, and whether an annual
 * review falls on the regime's fixed day (Decree 61/2023 art. 15(4): 18 November) rather than on the anniversary.
 * New decisions take `currentRules`; a workflow replaying decisions it took before these were versioned takes
 * `rulesAsFirstRecorded`.
 */
export interface DecisionRules {
  readonly calendar: WorkingDayCalendar;
  readonly reviewOnFixedDay: boolean;
  /**
   * Decree 61/2023 art. 12 and 14 as written: a suspension decides a complaint and sets a redraft deadline, ends by a
   * recognized redraft or a repeal (no lifting), a convention's repeal states its ground, and an annual review keeps
   * or amends. Without it: the rules decisions were first recorded on (`preconditionsAsFirstRecorded`).
   */
  readonly suspensionByComplaint: boolean;
}

export const currentRules: DecisionRules = Object.freeze({ calendar: vietnameseCalendar, reviewOnFixedDay: true, suspensionByComplaint: true });
/** The rules of workflows that decided from their log before complaints were modelled. */
export const rulesBeforeComplaints: DecisionRules = Object.freeze({ ...currentRules, suspensionByComplaint: false });
export const rulesAsFirstRecorded: DecisionRules = Object.freeze({
  calendar: calendarThrough(firstCalendarVersion),
  reviewOnFixedDay: false,
  suspensionByComplaint: false,
});

/**
 * Whether a command has the shape only the rules decisions were first recorded on accept (suspensionByComplaint
 * false): a suspension deciding no complaint, a lifting, a review suspending or repealing, a repeal stating neither
 * ground nor scope. `decide` on the current rules refuses each of them, so a workflow meets one only when replaying a
 * history recorded before those rules, and decides it as it was decided then.
 */
export function shapedAsFirstRecorded(command: RegulationCommand): boolean {
  switch (command.type) {
    case 'Suspend':
      return command.complaintId === undefined;
    case 'Resume':
      return true;
    case 'RecordAnnualReview':
      return command.outcome === 'suspend' || command.outcome === 'repeal';
    case 'Repeal':
      return command.ground === undefined && command.scope === undefined;
    default:
      return false;
  }
}

/**
 * The next annual review after `after`: the first after it of the day the community agreed (Decree 61/2023
 * art. 15(4)(a)), else of the regime's review day, else the anniversary.
 */
function nextAnnualReview(after: CivilDate, regime: LegalRegime, rules: DecisionRules, agreed?: AnnualDay | null): CivilDate {
  const day = agreed ?? (rules.reviewOnFixedDay ? regime.annualReviewDay : null);
  if (!day) return addDuration(after, regime.annualReviewInterval, rules.calendar);
  return firstOnDayAfter(day, after);
}

const onDay = (day: AnnualDay, year: number): CivilDate => `${year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;

function firstOnDayAfter(day: AnnualDay, after: CivilDate): CivilDate {
  const year = Number(after.slice(0, 4));
  return compareCivilDates(onDay(day, year), after) > 0 ? onDay(day, year) : onDay(day, year + 1);
}

/**
 * Decree 61/2023 art. 15(4)(a): the community holds its annual review on 18 November or on a day it agrees. The
 * review scheduled next moves to that day of its year, or of the next year when that day is not after the agreement
 * (which year is a default of this system: the text sets only the day); a review already due stays due, and the
 * agreed day holds for the reviews after it.
 */
function decideReviewDay(command: Extract<RegulationCommand, { type: 'AgreeReviewDay' }>, state: RegulationState, today: CivilDate): RegulationEvent {
  const { agreedOn } = command;
  requireBetween('agreedOn', agreedOn, state.firstInForceOn ?? state.inForce!.decidedOn, today);
  const day = { month: command.month, day: command.day };
  const scheduled = state.nextReviewDueOn;
  let nextReviewDueOn: CivilDate;
  if (scheduled && state.reviewDue) nextReviewDueOn = scheduled;
  else if (scheduled && compareCivilDates(onDay(day, Number(scheduled.slice(0, 4))), agreedOn) > 0) nextReviewDueOn = onDay(day, Number(scheduled.slice(0, 4)));
  else nextReviewDueOn = firstOnDayAfter(day, agreedOn);
  return { type: 'ReviewDayAgreed', data: { agreedOn, day, nextReviewDueOn } };
}

/**
 * Decides which events a command produces, or throws a DomainError. `now` is the caller's clock
 * (the workflow's deterministic time), as an ISO instant. The actor's power is checked before anything else
 * about the regulation (libs/domain/src/access.ts).
 */
export function decide(
  envelope: CommandEnvelope,
  state: RegulationState,
  now: string,
  rules: DecisionRules = currentRules,
): RegulationEvent[] {
  validateCommand(envelope.command);
  authorizeCommand(envelope.actor, envelope.command, state);
  return decideAuthorized(envelope, state, now, rules);
}

/**
 * `decide` without the actor's power: only for replaying workflow histories recorded before the domain checked it
 * (their actors carry no wards). Every new command goes through `decide`.
 */
export function decideAsRecordedBeforeAccessRules(
  envelope: CommandEnvelope,
  state: RegulationState,
  now: string,
  rules: DecisionRules = currentRules,
): RegulationEvent[] {
  validateCommand(envelope.command);
  return decideAuthorized(envelope, state, now, rules);
}

function decideAuthorized(envelope: CommandEnvelope, state: RegulationState, now: string, rules: DecisionRules): RegulationEvent[] {
  const { command } = envelope;
  const { calendar } = rules;
  if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== state.version) {
    throw new ConcurrencyError(state.regulationId, envelope.expectedVersion, state.version);
  }
  if (command.type === 'CreateDraft') return decideCreate(command, state, now);
  if (command.type === 'ImportRegulation') {
    return decideImport(command, envelope.actor.id, now, {
      create: (draft) => decideCreate(draft, state, now),
      nextReview: (after, regime) => nextAnnualReview(after, regime, rules),
      calendar,
    });
  }
  const kind = kindOf(state.kind);
  if (command.type === 'RecordAnnualReview' && hasStep(kind, 'annual_review') && !state.reviewDue && statusIn('in_force', 'suspended')(state, kind)) {
    throw new ReviewNotDueError(state.nextReviewDueOn);
  }
  const allowed = rules.suspensionByComplaint ? preconditions : preconditionsAsFirstRecorded;
  if (!allowed[command.type](state, kind)) {
    throw new InvalidTransitionError(command.type, stageOf(state), allowedActions(state));
  }
  const today = civilDateInVietnam(Date.parse(now));
  const cycle = state.cycle as CycleState;
  const cycleRegime = () => regimeById(cycle.regimeId);
  const pinnedRegime = () => regimeById(state.regimeId);

  switch (command.type) {
    case 'ClaimTask':
    case 'ReleaseTask':
    case 'ReassignTask':
    case 'RemindTask':
    case 'EscalateTask':
      return decideTask(command, envelope.actor, state, now, calendar);
    case 'ReviseDraft':
      return [
        {
          type: 'DraftRevised',
          data: {
            revision: cycle.revision + 1,
            title: command.title ?? cycle.title,
            text: command.text,
            summary: command.summary,
          },
        },
      ];
    case 'OpenConsultation': {
      const openedOn = command.openedOn;
      if (openedOn && (compareCivilDates(openedOn, today) > 0 || compareCivilDates(openedOn, cycle.startedOn) < 0)) {
        throw new InvalidCommandError('openedOn', `must lie between the draft's start ${cycle.startedOn} and today`);
      }
      const openedAt = openedOn ? new Date(startOfCivilDateInVietnam(openedOn)).toISOString() : now;
      // An agency's or an enterprise's regulation has a minimum of its own (workplace-rules.ts); the others the regime's.
      const minimumEndsAt = endOfWindow(openedAt, kind.rules?.consultationMinimum ?? cycleRegime().consultationMinimum, calendar);
      const closesAt = new Date(Date.parse(openedAt) + command.days * DAY_MS).toISOString();
      if (closesAt < minimumEndsAt) {
        throw new ConsultationWindowTooShortError(command.days, daysBetween(openedAt, minimumEndsAt));
      }
      return [
        {
          type: 'ConsultationOpened',
          data: { openedAt, closesAt, minimumEndsAt, days: command.days, channels: command.channels },
        },
      ];
    }
    case 'ExtendConsultation': {
      const consultation = cycle.consultation!;
      const closesAt = new Date(Date.parse(consultation.closesAt) + command.days * DAY_MS).toISOString();
      return [{ type: 'ConsultationExtended', data: { days: command.days, closesAt } }];
    }
    case 'CloseConsultation': {
      const consultation = cycle.consultation!;
      const automatic = envelope.actor.role === 'system';
      const earliest = automatic ? consultation.closesAt : consultation.minimumEndsAt;
      if (now < earliest) throw new ConsultationMinimumNotReachedError(earliest);
      // The timer closes the window at its legal end, even when it runs later (a window recorded afterwards).
      const closedAt = automatic ? consultation.closesAt : now;
      return [
        {
          type: 'ConsultationClosed',
          data: { closedAt, closedOn: civilDateInVietnam(Date.parse(closedAt)), automatic, comments: cycle.comments.length },
        },
      ];
    }
    case 'RecordComment':
      if (cycle.comments.some((c) => c.commentId === command.commentId)) {
        throw new DuplicateCommentError(command.commentId);
      }
      if (cycle.phase === 'revising' && cycle.consultation?.closedOn) {
        const openedOn = civilDateInVietnam(Date.parse(cycle.consultation.openedAt));
        requireWithin('receivedOn', command.receivedOn, openedOn, cycle.consultation.closedOn, 'the consultation window');
      }
      return [
        {
          type: 'CommentRecorded',
          data: {
            commentId: command.commentId,
            channel: command.channel,
            content: command.content,
            receivedOn: command.receivedOn,
          },
        },
      ];
    case 'SubmitCritique':
      return [{ type: 'CritiqueSubmitted', data: { content: command.content, submittedOn: command.submittedOn } }];
    case 'RecordDisposition': {
      if (!cycle.comments.some((c) => c.commentId === command.commentId)) {
        throw new UnknownCommentError(command.commentId);
      }
      const reason = command.reason?.trim() ? command.reason : null;
      if (command.disposition !== 'accepted' && reason === null) {
        throw new DispositionReasonRequiredError(command.commentId);
      }
      return [
        { type: 'CommentDisposed', data: { commentId: command.commentId, disposition: command.disposition, reason } },
      ];
    }
    case 'RecordVote': {
      requireAllDisposed(cycle);
      const { totalHouseholds: total, present, approving } = command;
      const lastVote = cycle.votes[cycle.votes.length - 1];
      if (command.method === 'household_ballot' && !(cycle.phase === 'voting' && lastVote && !lastVote.quorumMet)) {
        throw new BallotNotAllowedError();
      }
      const regime = cycleRegime();
      const quorumMet = command.method === 'household_ballot' || exceeds(present, total, regime.quorum);
      const adopted = quorumMet && exceeds(approving, total, regime.adoption);
      return [
        {
          type: 'VoteRecorded',
          data: {
            round: cycle.votes.length + 1,
            method: command.method,
            heldOn: command.heldOn,
            totalHouseholds: total,
            present,
            approving,
            quorumMet,
            adopted,
          },
        },
      ];
    }
    case 'RecordConference':
      return [decideConference(command, kind, cycle, today)];
    case 'SubmitDossier': {
      const missing = cycleRegime().dossierDocuments.filter((d) => !command.documents.includes(d));
      if (missing.length > 0) throw new DossierIncompleteError(missing);
      const adoptedOn = cycle.adoptedOn!;
      if (compareCivilDates(command.submittedOn, adoptedOn) < 0) {
        throw new InvalidCommandError('submittedOn', `must not be before the vote of ${adoptedOn}`);
      }
      const regime = cycleRegime();
      const submissionDueOn = addDuration(adoptedOn, regime.submissionDeadline, calendar);
      // The dossier goes to the body that recognizes on the day it is sent: a draft begun under Decision 22/2018 and
      // sent from 16/8/2023 goes to the ward (Decree 61/2023 art. 11; art. 24 keeps only texts already recognized under
      // the old rules), and to the ward after 1/7/2025, when districts ended.
      const deciding = regimeInForceOn(command.submittedOn);
      return [
        {
          type: 'DossierSubmitted',
          data: {
            submittedOn: command.submittedOn,
            documents: command.documents,
            submissionDueOn,
            late: compareCivilDates(command.submittedOn, submissionDueOn) > 0,
            decisionDueOn: addDuration(command.submittedOn, deciding.decisionDeadline, calendar),
            authority: deciding.recognizingAuthority,
            submittedBy: envelope.actor.id,
          },
        },
      ];
    }
    case 'StartReview':
      return [{ type: 'ReviewStarted', data: { startedAt: now } }];
    case 'Recognize': {
      const recognized = decideRecognition(command, state, kind, cycle, rules);
      if (!(rules.suspensionByComplaint && state.status === 'suspended')) return [recognized];
      // Decree 61/2023 art. 12: the recognized redraft ends the suspension.
      return [recognized, { type: 'SuspensionLifted', data: { liftedOn: command.decidedOn, decisionNo: command.decisionNo, by: 'redraft_recognized' } }];
    }
    case 'ReturnDossier':
      return [{ type: 'DossierReturned', data: { returnedOn: command.returnedOn, reasons: command.reasons } }];
    case 'Withdraw':
      return [
        {
          type: state.status === 'developing' ? 'RegulationWithdrawn' : 'AmendmentWithdrawn',
          data: { reason: command.reason, withdrawnAt: now },
        },
      ];
    case 'MarkReviewDue': {
      const dueOn = state.nextReviewDueOn!;
      if (compareCivilDates(today, dueOn) < 0) throw new ReviewNotDueError(dueOn);
      return [{ type: 'AnnualReviewDue', data: { dueOn } }];
    }
    case 'RecordAnnualReview':
      return decideAnnualReview(command, state, kind, pinnedRegime(), rules);
    case 'StartAmendment':
      return [
        {
          type: 'AmendmentStarted',
          data: {
            title: command.title ?? state.title,
            text: command.text,
            startedOn: command.startedOn,
            regimeId: pinRegime(command.startedOn).id,
            reason: command.reason,
          },
        },
      ];
    case 'RecordProposal':
    case 'FormDraftingGroup':
    case 'ChooseName':
    case 'RecordSignatures':
    case 'StampText':
    case 'RecordDisclosure':
      return decideCommunityStep(command, state, today);
    case 'AgreeReviewDay':
      return [decideReviewDay(command, state, today)];
    case 'ReceiveComplaint': {
      requireNotAfter('receivedOn', command.receivedOn, today);
      const { complaintId, receivedOn, source, summary } = command;
      const answerDueOn = addDuration(receivedOn, pinnedRegime().suspensionReportDeadline, calendar);
      return [{ type: 'ComplaintReceived', data: { complaintId, receivedOn, source, summary, answerDueOn } }];
    }
    case 'DismissComplaint': {
      const complaint = openComplaint(state, command.complaintId);
      requireBetween('answeredOn', command.answeredOn, complaint.receivedOn, today);
      const late = compareCivilDates(command.answeredOn, complaint.answerDueOn) > 0;
      return [{ type: 'ComplaintDismissed', data: { complaintId: complaint.complaintId, answeredOn: command.answeredOn, reason: command.reason, late } }];
    }
    case 'Suspend':
      if (!rules.suspensionByComplaint) {
        return [suspensionAsFirstRecorded(command.suspendedOn, command.scope, command.reason, pinnedRegime(), calendar)];
      }
      return [decideSuspension(command, state, today)];
    case 'Resume':
      return [{ type: 'RegulationResumed', data: { resumedOn: command.resumedOn, reason: command.reason } }];
    case 'MarkRedraftOverdue': {
      const redraftDueOn = state.suspension!.redraftDueOn!;
      if (compareCivilDates(today, redraftDueOn) <= 0) throw new InvalidCommandError('redraftDueOn', `${redraftDueOn} has not passed`);
      const passedOn = addCalendarDays(redraftDueOn, 1);
      const decisionDueOn = addDuration(passedOn, taskPolicy.repealDecisionResponse, calendar);
      return [{ type: 'RedraftDeadlinePassed', data: { redraftDueOn, passedOn, decisionDueOn } }];
    }
    case 'Repeal':
      return [decideRepeal(command, state, kind, today, rules)];
    case 'TransferUnit': {
      if (!isUnitCode(command.toWardCode)) throw new UnknownWardError(command.toWardCode);
      if (command.toWardCode === state.wardCode) throw new InvalidCommandError('toWardCode', `the regulation is already in ${state.wardCode}`);
      requireNotAfter('effectiveOn', command.effectiveOn, today);
      const { toWardCode, effectiveOn, legalBasis } = command;
      // A dossier still with a district when districts ended (two-level local government, 1/7/2025) goes to the ward
      // that succeeds; before that day a district kept the dossiers sent to it.
      const handedOver =
        state.cycle?.dossier?.authority === 'district_peoples_committee' && compareCivilDates(effectiveOn, regimeById('two-tier-2025').effectiveFrom) >= 0;
      const dossier = handedOver ? { dossierAuthority: 'ward_peoples_committee' as const } : {};
      return [{ type: 'RegulationTransferred', data: { fromWardCode: state.wardCode, toWardCode, effectiveOn, legalBasis, ...dossier } }];
    }
  }
}

function decideRecognition(
  command: Extract<RegulationCommand, { type: 'Recognize' }>,
  state: RegulationState,
  kind: RegulationKind,
  cycle: CycleState,
  rules: DecisionRules,
): RegulationEvent {
  // Not before the dossier was sent, the conference adopted the draft, or the consultation closed.
  const earliest = cycle.dossier?.submittedOn ?? cycle.adoptedOn ?? cycle.consultation?.closedOn;
  if (cycle.dossier === null) {
    requireAllDisposed(cycle);
    if (kind.critiqueRequired && cycle.critiques === 0) throw new CritiqueRequiredError();
  }
  if (earliest && compareCivilDates(command.decidedOn, earliest) < 0) {
    throw new DecisionDateBeforeSubmissionError(command.decidedOn, earliest);
  }
  return {
    type: 'RegulationRecognized',
    data: {
      decisionNo: command.decisionNo,
      decidedOn: command.decidedOn,
      authority: cycle.dossier?.authority ?? kind.issuer ?? 'ward_peoples_committee',
      revision: cycle.revision,
      title: cycle.title,
      text: cycle.text,
      amendment: cycle.amendment,
      nextReviewDueOn: !hasStep(kind, 'annual_review')
        ? null
        : cycle.amendment && state.nextReviewDueOn
          ? state.nextReviewDueOn
          : nextAnnualReview(command.decidedOn, regimeById(cycle.regimeId), rules),
    },
  };
}

/**
 * The conference of an agency or unit on the draft (Law 10/2022 art. 51; figures of workplace-rules.ts, unconfirmed):
 * valid with at least 2/3 of those convened present, adopting with more than half of those present. Held after the
 * consultation closed and every comment was answered.
 */
function decideConference(
  command: Extract<RegulationCommand, { type: 'RecordConference' }>,
  kind: RegulationKind,
  cycle: CycleState,
  today: CivilDate,
): RegulationEvent {
  requireAllDisposed(cycle);
  requireBetween('heldOn', command.heldOn, cycle.consultation?.closedOn ?? cycle.startedOn, today);
  const { heldOn, form, convened, present, approving } = command;
  const quorumMet = reaches(present, convened, kind.rules!.conferenceQuorum!);
  const adopted = quorumMet && exceeds(approving, present, kind.rules!.conferenceAdoption!);
  const round = (cycle.conferences?.length ?? 0) + 1;
  return { type: 'ConferenceHeld', data: { round, heldOn, form, convened, present, approving, quorumMet, adopted } };
}

/**
 * Decree 61/2023 art. 12: the suspension decides the open complaint, states its ground (procedure: the whole text;
 * content: the articles concerned), its decision, and the redraft deadline; `late` when taken after the 3 working days.
 */
function decideSuspension(command: Extract<RegulationCommand, { type: 'Suspend' }>, state: RegulationState, today: CivilDate): RegulationEvent {
  const complaint = openComplaint(state, command.complaintId);
  if (!command.ground) throw new SuspensionGroundRequiredError();
  const expected = command.ground === 'procedure' ? 'whole' : 'part';
  if (command.scope !== expected) throw new SuspensionScopeNotForGroundError(command.ground, command.scope, expected);
  const articles = requireArticles(command.scope, command.articles);
  if (!command.decisionNo) throw new InvalidCommandError('decisionNo', 'is required: the suspension decision');
  requireBetween('suspendedOn', command.suspendedOn, complaint.receivedOn, today);
  if (!command.redraftDueOn) throw new InvalidCommandError('redraftDueOn', 'is required: the deadline for redrafting (art. 12)');
  if (compareCivilDates(command.redraftDueOn, command.suspendedOn) <= 0) {
    throw new InvalidCommandError('redraftDueOn', `must lie after the suspension of ${command.suspendedOn}`);
  }
  if (command.until && compareCivilDates(command.until, command.suspendedOn) <= 0) {
    throw new InvalidCommandError('until', `must lie after the suspension of ${command.suspendedOn}`);
  }
  return {
    type: 'RegulationSuspended',
    data: {
      suspendedOn: command.suspendedOn,
      scope: command.scope,
      reason: command.reason,
      complaintId: complaint.complaintId,
      decisionNo: command.decisionNo,
      ground: command.ground,
      articles,
      until: command.until ?? null,
      redraftDueOn: command.redraftDueOn,
      late: compareCivilDates(command.suspendedOn, complaint.answerDueOn) > 0,
    },
  };
}

/**
 * Decree 61/2023 art. 14: a convention's repeal rests on a ground allowed in its state; a suspended text's only once
 * its redraft deadline passed. A partial repeal names its articles. Decisions recorded before carried no ground.
 */
function decideRepeal(
  command: Extract<RegulationCommand, { type: 'Repeal' }>,
  state: RegulationState,
  kind: RegulationKind,
  today: CivilDate,
  rules: DecisionRules,
): RegulationEvent {
  const { repealedOn, decisionNo, reason } = command;
  if (!rules.suspensionByComplaint) return { type: 'RegulationRepealed', data: { repealedOn, decisionNo, reason } };
  requireNotAfter('repealedOn', repealedOn, today);
  const scope = command.scope ?? 'whole';
  const articles = requireArticles(scope, command.articles);
  const redraftDueOn = state.status === 'suspended' ? state.suspension?.redraftDueOn : undefined;
  if (kind.repealGrounds) {
    const allowed = redraftDueOn ? kind.repealGrounds.suspended : kind.repealGrounds.inForce;
    if (!command.ground || !allowed.includes(command.ground)) throw new RepealGroundNotAllowedError(command.ground ?? null, allowed);
  }
  if (redraftDueOn && compareCivilDates(repealedOn, redraftDueOn) <= 0) throw new RepealBeforeRedraftDeadlineError(redraftDueOn);
  return {
    type: 'RegulationRepealed',
    data: { repealedOn, decisionNo, reason, ...(command.ground ? { ground: command.ground } : {}), scope, articles },
  };
}

/** The open complaint a decision names. */
function openComplaint(state: RegulationState, complaintId: string | undefined): ComplaintState {
  const complaint = state.complaint ?? null;
  if (!complaint || complaint.complaintId !== complaintId) throw new ComplaintNotOpenError(complaintId, complaint?.complaintId ?? null);
  return complaint;
}

/** The articles of a decision on part of the text (required, at least one); none for the whole text. */
function requireArticles(scope: 'whole' | 'part', articles: string[] | undefined): string[] {
  if (scope === 'whole') return [];
  if (!articles || articles.length === 0) throw new ArticlesRequiredError();
  return articles;
}

function decideCreate(
  command: Extract<RegulationCommand, { type: 'CreateDraft' }>,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  if (!isUnitCode(command.wardCode)) throw new UnknownWardError(command.wardCode);
  if (!findKind(command.kind)) throw new UnknownKindError(command.kind);
  if (state.status !== 'none') throw new RegulationAlreadyExistsError(state.regulationId);
  if (compareCivilDates(command.startedOn, civilDateInVietnam(Date.parse(now))) > 0) {
    throw new InvalidCommandError('startedOn', 'must not be in the future');
  }
  return [
    {
      type: 'RegulationDrafted',
      data: {
        regulationId: command.regulationId,
        wardCode: command.wardCode,
        kind: command.kind,
        title: command.title,
        text: command.text,
        residentialGroup: command.residentialGroup ?? null,
        startedOn: command.startedOn,
        regimeId: pinRegime(command.startedOn).id,
      },
    },
  ];
}

function decideAnnualReview(
  command: Extract<RegulationCommand, { type: 'RecordAnnualReview' }>,
  state: RegulationState,
  kind: RegulationKind,
  regime: LegalRegime,
  rules: DecisionRules,
): RegulationEvent[] {
  const { calendar } = rules;
  const outcomes = rules.suspensionByComplaint ? kind.reviewOutcomes : kind.reviewOutcomesAsFirstRecorded;
  if (!outcomes.includes(command.outcome)) {
    throw new ReviewOutcomeNotAllowedError(command.outcome, kind.id);
  }
  if (command.outcome === 'amend' && state.cycle !== null) {
    throw new InvalidTransitionError('RecordAnnualReview', 'amending', allowedActions(state));
  }
  if (command.outcome === 'suspend' && state.status !== 'in_force') {
    throw new InvalidTransitionError('RecordAnnualReview', stageOf(state), allowedActions(state));
  }
  const reviewed: RegulationEvent = {
    type: 'AnnualReviewRecorded',
    data: {
      outcome: command.outcome,
      reviewedOn: command.reviewedOn,
      notes: command.notes,
      nextReviewDueOn: nextAnnualReview(state.nextReviewDueOn!, regime, rules, state.reviewDay),
    },
  };
  switch (command.outcome) {
    case 'keep':
      return [reviewed];
    case 'amend':
      return [
        reviewed,
        {
          type: 'AmendmentStarted',
          data: {
            title: state.title,
            text: state.inForce!.text,
            startedOn: command.reviewedOn,
            regimeId: pinRegime(command.reviewedOn).id,
            reason: command.notes,
          },
        },
      ];
    case 'suspend':
      return [reviewed, suspensionAsFirstRecorded(command.reviewedOn, 'whole', command.notes, regime, calendar)];
    case 'repeal':
      return [
        reviewed,
        {
          type: 'RegulationRepealed',
          data: { repealedOn: command.reviewedOn, decisionNo: command.decisionNo ?? '', reason: command.notes },
        },
      ];
  }
}

type TaskCommand = Extract<RegulationCommand, { type: 'ClaimTask' | 'ReleaseTask' | 'ReassignTask' | 'RemindTask' | 'EscalateTask' }>;

/** Claims, releases and reassignments by the deciding body; reminders and escalations by the task's timers. */
function decideTask(
  command: TaskCommand,
  actor: CommandEnvelope['actor'],
  state: RegulationState,
  now: string,
  calendar: WorkingDayCalendar,
): RegulationEvent[] {
  const task = tasksOf(state).find((t) => t.taskId === command.taskId);
  if (!task) throw new UnknownTaskError(command.taskId);
  const requireCandidate = (t: ApprovalTask) => {
    if (actor.role !== t.candidateRole) throw new NotTaskCandidateError(t.taskId, t.candidateRole, actor.role);
  };
  switch (command.type) {
    case 'ClaimTask':
      requireCandidate(task);
      if (task.assignee !== null) throw new TaskAlreadyClaimedError(task.taskId, task.assignee);
      return [{ type: 'TaskClaimed', data: { taskId: task.taskId, assignee: actor.id } }];
    case 'ReleaseTask':
      if (task.assignee === null) throw new TaskNotClaimedError(task.taskId);
      if (task.assignee !== actor.id) throw new NotTaskAssigneeError(task.taskId, task.assignee);
      return [{ type: 'TaskReleased', data: { taskId: task.taskId, assignee: task.assignee } }];
    case 'ReassignTask':
      requireCandidate(task);
      if (task.assignee === command.assigneeId) throw new InvalidCommandError('assigneeId', 'is already the assignee');
      return [{ type: 'TaskReassigned', data: { taskId: task.taskId, from: task.assignee, to: command.assigneeId } }];
    case 'RemindTask':
    case 'EscalateTask': {
      const timer = nextTaskTimer(task, Date.parse(now), calendar);
      if (timer.type !== command.type || Date.parse(now) < timer.at) {
        throw new TaskTimerNotDueError(task.taskId, command.type, new Date(timer.at).toISOString());
      }
      if (command.type === 'RemindTask') {
        return [{ type: 'TaskReminderSent', data: { taskId: task.taskId, step: task.step, dueOn: task.dueOn, remindedAt: now } }];
      }
      return [
        {
          type: 'TaskEscalated',
          data: {
            taskId: task.taskId,
            step: task.step,
            dueOn: task.dueOn,
            escalatedAt: now,
            overdueWorkingDays: overdueWorkingDays(task.dueOn, civilDateInVietnam(Date.parse(now)), calendar),
            escalation: task.escalations + 1,
            escalatedTo: 'steering_committee',
          },
        },
      ];
    }
  }
}

/** A suspension as recorded before the current rules: the committee's report was due 3 working days after it. */
function suspensionAsFirstRecorded(
  suspendedOn: CivilDate,
  scope: 'whole' | 'part',
  reason: string,
  regime: LegalRegime,
  calendar: WorkingDayCalendar,
): RegulationEvent {
  return {
    type: 'RegulationSuspended',
    data: { suspendedOn, scope, reason, reportDueOn: addDuration(suspendedOn, regime.suspensionReportDeadline, calendar) },
  };
}

function pinRegime(date: CivilDate): LegalRegime {
  try {
    return regimeInForceOn(date);
  } catch {
    throw new RegimeNotInForceError(date);
  }
}

function requireAllDisposed(cycle: CycleState): void {
  const open = cycle.comments.filter((c) => c.disposition === null).map((c) => c.commentId);
  if (open.length > 0) throw new DispositionsMissingError(open);
}

function endOfWindow(now: string, duration: LegalDuration, calendar: WorkingDayCalendar): string {
  const start = civilDateInVietnam(Date.parse(now));
  return new Date(Date.parse(now) + daysBetweenDates(start, addDuration(start, duration, calendar)) * DAY_MS).toISOString();
}

function daysBetweenDates(from: CivilDate, to: CivilDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function daysBetween(fromInstant: string, toInstant: string): number {
  return Math.ceil((Date.parse(toInstant) - Date.parse(fromInstant)) / DAY_MS);
}
