/** The regulation decider: decide(command, state) → events, evolve(state, event) → state. Pure and deterministic. */
import {
  civilDateInVietnam,
  CivilDate,
  compareCivilDates,
  isCivilDate,
  startOfCivilDateInVietnam,
  vietnameseCalendar,
  WorkingDayCalendar,
} from './calendar';
import { authorizeCommand } from './access';
import { findKind, findWard, hasStep, kindOf, RegulationKind } from './catalogue';
import {
  CommandEnvelope,
  commandTypes,
  commentChannels,
  CommandType,
  dispositions,
  dossierDocumentTypes,
  RegulationCommand,
  timerOnlyCommandTypes,
  voteMethods,
} from './commands';
import {
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
  BallotNotAllowedError,
  ReviewNotDueError,
  ReviewOutcomeNotAllowedError,
  TallyInconsistentError,
  TaskAlreadyClaimedError,
  TaskNotClaimedError,
  TaskTimerNotDueError,
  TextTooLongError,
  UnknownCommentError,
  UnknownTaskError,
  UnknownKindError,
  UnknownWardError,
} from './errors';
import type { RegulationEvent } from './events';
import { addDuration, exceeds, LegalDuration, LegalRegime, regimeById, regimeInForceOn } from './regimes';
import { ApprovalTask, CycleState, initialState, RegulationState, stageOf, tasksOf } from './state';
import {
  evolveTasks,
  nextTaskTimer,
  overdueWorkingDays,
} from './tasks';

export const limits = {
  id: 100,
  title: 300,
  text: 100_000,
  content: 5_000,
  reason: 2_000,
  taskId: 200,
  consultationDays: 365,
  households: 100_000,
} as const;

const DAY_MS = 86_400_000;

type Precondition = (state: RegulationState, kind: RegulationKind) => boolean;

const phaseIn =
  (...phases: string[]): Precondition =>
  (state) =>
    state.cycle !== null && phases.includes(state.cycle.phase);
const statusIn =
  (...statuses: string[]): Precondition =>
  (state) =>
    statuses.includes(state.status);

/** When each command may be issued; the single source for both rejections and `allowedActions`. */
const preconditions: Record<CommandType, Precondition> = {
  CreateDraft: statusIn('none'),
  ReviseDraft: phaseIn('drafting', 'revising'),
  OpenConsultation: phaseIn('drafting'),
  ExtendConsultation: phaseIn('consultation'),
  CloseConsultation: phaseIn('consultation'),
  RecordComment: phaseIn('consultation'),
  SubmitCritique: phaseIn('consultation', 'revising'),
  RecordDisposition: phaseIn('revising'),
  RecordVote: (s, k) => hasStep(k, 'vote') && phaseIn('revising', 'voting')(s, k),
  SubmitDossier: (s, k) => hasStep(k, 'submission') && phaseIn('adopted')(s, k),
  StartReview: (s, k) => hasStep(k, 'review') && phaseIn('submitted')(s, k),
  Recognize: (s, k) =>
    (hasStep(k, 'review') && phaseIn('under_review')(s, k)) || (hasStep(k, 'decision') && phaseIn('revising')(s, k)),
  ReturnDossier: (s, k) => hasStep(k, 'review') && phaseIn('submitted', 'under_review')(s, k),
  Withdraw: (s) => s.cycle !== null && ['developing', 'in_force', 'suspended'].includes(s.status),
  MarkReviewDue: (s) => statusIn('in_force', 'suspended')(s, kindOf(s.kind)) && !s.reviewDue,
  RecordAnnualReview: (s) => statusIn('in_force', 'suspended')(s, kindOf(s.kind)) && s.reviewDue,
  StartAmendment: (s) => s.status === 'in_force' && s.cycle === null,
  Suspend: (s, k) => k.suspendable && s.status === 'in_force',
  Resume: statusIn('suspended'),
  Repeal: statusIn('in_force', 'suspended'),
  ClaimTask: (s) => tasksOf(s).length > 0,
  ReleaseTask: (s) => tasksOf(s).length > 0,
  ReassignTask: (s) => tasksOf(s).length > 0,
  RemindTask: (s) => tasksOf(s).length > 0,
  EscalateTask: (s) => tasksOf(s).length > 0,
};

const actorCommands: CommandType[] = commandTypes.filter((type) => !timerOnlyCommandTypes.includes(type));

/** The commands an officer may issue next, in lifecycle order. */
export function allowedActions(state: RegulationState): CommandType[] {
  if (state.status === 'none') return ['CreateDraft'];
  const kind = kindOf(state.kind);
  return actorCommands.filter((type) => preconditions[type](state, kind));
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
  calendar: WorkingDayCalendar = vietnameseCalendar,
): RegulationEvent[] {
  validateCommand(envelope.command);
  authorizeCommand(envelope.actor, envelope.command, state);
  return decideAuthorized(envelope, state, now, calendar);
}

/**
 * `decide` without the actor's power: only for replaying workflow histories recorded before the domain checked it
 * (their actors carry no wards). Every new command goes through `decide`.
 */
export function decideAsRecordedBeforeAccessRules(
  envelope: CommandEnvelope,
  state: RegulationState,
  now: string,
  calendar: WorkingDayCalendar = vietnameseCalendar,
): RegulationEvent[] {
  validateCommand(envelope.command);
  return decideAuthorized(envelope, state, now, calendar);
}

function decideAuthorized(envelope: CommandEnvelope, state: RegulationState, now: string, calendar: WorkingDayCalendar): RegulationEvent[] {
  const { command } = envelope;
  if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== state.version) {
    throw new ConcurrencyError(state.regulationId, envelope.expectedVersion, state.version);
  }
  if (command.type === 'CreateDraft') return decideCreate(command, state, now);
  const kind = kindOf(state.kind);
  if (command.type === 'RecordAnnualReview' && !state.reviewDue && statusIn('in_force', 'suspended')(state, kind)) {
    throw new ReviewNotDueError(state.nextReviewDueOn);
  }
  if (!preconditions[command.type](state, kind)) {
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
      const minimumEndsAt = endOfWindow(openedAt, cycleRegime().consultationMinimum, calendar);
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
    case 'SubmitDossier': {
      const missing = cycleRegime().dossierDocuments.filter((d) => !command.documents.includes(d));
      if (missing.length > 0) throw new DossierIncompleteError(missing);
      const adoptedOn = cycle.adoptedOn!;
      if (compareCivilDates(command.submittedOn, adoptedOn) < 0) {
        throw new InvalidCommandError('submittedOn', `must not be before the vote of ${adoptedOn}`);
      }
      const regime = cycleRegime();
      const submissionDueOn = addDuration(adoptedOn, regime.submissionDeadline, calendar);
      return [
        {
          type: 'DossierSubmitted',
          data: {
            submittedOn: command.submittedOn,
            documents: command.documents,
            submissionDueOn,
            late: compareCivilDates(command.submittedOn, submissionDueOn) > 0,
            decisionDueOn: addDuration(command.submittedOn, regime.decisionDeadline, calendar),
            authority: regime.recognizingAuthority,
            submittedBy: envelope.actor.id,
          },
        },
      ];
    }
    case 'StartReview':
      return [{ type: 'ReviewStarted', data: { startedAt: now } }];
    case 'Recognize': {
      const earliest = cycle.dossier?.submittedOn ?? cycle.consultation?.closedOn;
      if (cycle.dossier === null) {
        requireAllDisposed(cycle);
        if (kind.critiqueRequired && cycle.critiques === 0) throw new CritiqueRequiredError();
      }
      if (earliest && compareCivilDates(command.decidedOn, earliest) < 0) {
        throw new DecisionDateBeforeSubmissionError(command.decidedOn, earliest);
      }
      const regime = cycleRegime();
      return [
        {
          type: 'RegulationRecognized',
          data: {
            decisionNo: command.decisionNo,
            decidedOn: command.decidedOn,
            authority: cycle.dossier?.authority ?? 'ward_peoples_committee',
            revision: cycle.revision,
            title: cycle.title,
            text: cycle.text,
            amendment: cycle.amendment,
            nextReviewDueOn:
              cycle.amendment && state.nextReviewDueOn
                ? state.nextReviewDueOn
                : addDuration(command.decidedOn, regime.annualReviewInterval, calendar),
          },
        },
      ];
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
      return decideAnnualReview(command, state, kind, pinnedRegime(), calendar);
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
    case 'Suspend':
      return [suspension(command.suspendedOn, command.scope, command.reason, pinnedRegime(), calendar)];
    case 'Resume':
      return [{ type: 'RegulationResumed', data: { resumedOn: command.resumedOn, reason: command.reason } }];
    case 'Repeal':
      return [
        {
          type: 'RegulationRepealed',
          data: { repealedOn: command.repealedOn, decisionNo: command.decisionNo, reason: command.reason },
        },
      ];
  }
}

function decideCreate(
  command: Extract<RegulationCommand, { type: 'CreateDraft' }>,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  if (!findWard(command.wardCode)) throw new UnknownWardError(command.wardCode);
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
  calendar: WorkingDayCalendar,
): RegulationEvent[] {
  if (!kind.reviewOutcomes.includes(command.outcome)) {
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
      nextReviewDueOn: addDuration(state.nextReviewDueOn!, regime.annualReviewInterval, calendar),
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
      return [reviewed, suspension(command.reviewedOn, 'whole', command.notes, regime, calendar)];
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

function suspension(
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

/** Field validation at the edge of the domain: the same rules the API's DTOs state. */
export function validateCommand(command: RegulationCommand): void {
  switch (command.type) {
    case 'CreateDraft':
      requireId('regulationId', command.regulationId);
      requireText('wardCode', command.wardCode, limits.id);
      requireText('kind', command.kind, limits.id);
      requireText('title', command.title, limits.title);
      requireText('text', command.text, limits.text);
      optionalText('residentialGroup', command.residentialGroup, limits.title);
      requireDate('startedOn', command.startedOn);
      return;
    case 'ReviseDraft':
      optionalText('title', command.title, limits.title);
      requireText('text', command.text, limits.text);
      requireText('summary', command.summary, limits.reason);
      return;
    case 'OpenConsultation':
      if (command.openedOn !== undefined) requireDate('openedOn', command.openedOn);
      requireInt('days', command.days, 1, limits.consultationDays);
      if (!Array.isArray(command.channels) || command.channels.length === 0) {
        throw new InvalidCommandError('channels', 'at least one channel is required');
      }
      command.channels.forEach((c) => requireOneOf('channels', c, commentChannels));
      return;
    case 'ExtendConsultation':
      requireInt('days', command.days, 1, limits.consultationDays);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'RecordComment':
      requireId('commentId', command.commentId);
      requireOneOf('channel', command.channel, commentChannels);
      requireText('content', command.content, limits.content);
      requireDate('receivedOn', command.receivedOn);
      return;
    case 'SubmitCritique':
      requireText('content', command.content, limits.text);
      requireDate('submittedOn', command.submittedOn);
      return;
    case 'RecordDisposition':
      requireId('commentId', command.commentId);
      requireOneOf('disposition', command.disposition, dispositions);
      optionalText('reason', command.reason, limits.reason);
      return;
    case 'RecordVote':
      requireOneOf('method', command.method, voteMethods);
      requireDate('heldOn', command.heldOn);
      requireInt('totalHouseholds', command.totalHouseholds, 0, limits.households);
      requireInt('present', command.present, 0, limits.households);
      requireInt('approving', command.approving, 0, limits.households);
      requireConsistentTally(command);
      return;
    case 'SubmitDossier':
      requireDate('submittedOn', command.submittedOn);
      if (!Array.isArray(command.documents)) throw new InvalidCommandError('documents', 'must be a list');
      command.documents.forEach((d) => requireOneOf('documents', d, dossierDocumentTypes));
      return;
    case 'Recognize':
      requireText('decisionNo', command.decisionNo, limits.id);
      requireDate('decidedOn', command.decidedOn);
      return;
    case 'ReturnDossier':
      requireDate('returnedOn', command.returnedOn);
      requireText('reasons', command.reasons, limits.reason);
      return;
    case 'Withdraw':
      requireText('reason', command.reason, limits.reason);
      return;
    case 'RecordAnnualReview':
      requireOneOf('outcome', command.outcome, ['keep', 'amend', 'suspend', 'repeal']);
      requireDate('reviewedOn', command.reviewedOn);
      requireText('notes', command.notes, limits.reason);
      if (command.outcome === 'repeal') requireText('decisionNo', command.decisionNo, limits.id);
      return;
    case 'StartAmendment':
      optionalText('title', command.title, limits.title);
      requireText('text', command.text, limits.text);
      requireDate('startedOn', command.startedOn);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'Suspend':
      requireDate('suspendedOn', command.suspendedOn);
      requireOneOf('scope', command.scope, ['whole', 'part']);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'Resume':
      requireDate('resumedOn', command.resumedOn);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'Repeal':
      requireDate('repealedOn', command.repealedOn);
      requireText('decisionNo', command.decisionNo, limits.id);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'ClaimTask':
    case 'ReleaseTask':
    case 'RemindTask':
    case 'EscalateTask':
      requireTaskId(command.taskId);
      return;
    case 'ReassignTask':
      requireTaskId(command.taskId);
      requireId('assigneeId', command.assigneeId);
      return;
    case 'CloseConsultation':
    case 'StartReview':
    case 'MarkReviewDue':
      return;
    default:
      throw new InvalidCommandError('type', `unknown command ${(command as { type: unknown }).type}`);
  }
}

/** A tally is checked whatever the stage: approving ≤ present ≤ total households, at least one household. */
function requireConsistentTally({ totalHouseholds, present, approving }: Extract<RegulationCommand, { type: 'RecordVote' }>): void {
  const tally = { totalHouseholds, present, approving };
  if (totalHouseholds < 1) throw new TallyInconsistentError('there must be at least one household', tally);
  if (present > totalHouseholds) throw new TallyInconsistentError('present exceeds total households', tally);
  if (approving > present) throw new TallyInconsistentError('approving exceeds present', tally);
}

function requireText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidCommandError(field, 'is required');
  }
  if (value.length > max) throw new TextTooLongError(field, value.length, max);
  if (UNSTORABLE.test(value)) throw new InvalidCommandError(field, 'contains a NUL character or a lone surrogate');
}

/** Characters PostgreSQL text and jsonb cannot hold: refused at the edge so that an append can never fail on them. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function optionalText(field: string, value: unknown, max: number): void {
  if (value !== undefined && value !== null) requireText(field, value, max);
}

function requireId(field: string, value: unknown): void {
  requireText(field, value, limits.id);
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(value as string)) {
    throw new InvalidCommandError(field, 'may contain only letters, digits, ".", "_", ":" and "-"');
  }
}

function requireTaskId(value: unknown): void {
  requireText('taskId', value, limits.taskId);
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(value as string)) {
    throw new InvalidCommandError('taskId', 'may contain only letters, digits, ".", "_", ":" and "-"');
  }
}

function requireDate(field: string, value: unknown): void {
  if (!isCivilDate(value)) throw new InvalidCommandError(field, 'must be a date YYYY-MM-DD');
}

function requireInt(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidCommandError(field, `must be an integer from ${min} to ${max}`);
  }
}

function requireOneOf(field: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InvalidCommandError(field, `must be one of ${allowed.join(', ')}`);
  }
}

/** Folds one event into the state, its pending approval tasks included. Never throws for a stored event: the log is the truth. */
export function evolve(state: RegulationState, event: RegulationEvent): RegulationState {
  const next = evolveLifecycle(state, event);
  return { ...next, tasks: evolveTasks(state, next, event) };
}

function evolveLifecycle(state: RegulationState, event: RegulationEvent): RegulationState {
  const next: RegulationState = { ...state, version: state.version + 1 };
  const cycle = state.cycle;
  const withCycle = (patch: Partial<CycleState>): RegulationState => ({ ...next, cycle: { ...cycle!, ...patch } });

  switch (event.type) {
    case 'RegulationDrafted': {
      const d = event.data;
      return {
        ...next,
        regulationId: d.regulationId,
        status: 'developing',
        wardCode: d.wardCode,
        kind: d.kind,
        title: d.title,
        residentialGroup: d.residentialGroup,
        regimeId: d.regimeId,
        startedOn: d.startedOn,
        cycle: newCycle(false, d.regimeId, d.startedOn, d.title, d.text, 1),
      };
    }
    case 'DraftRevised':
      return {
        ...withCycle({ revision: event.data.revision, title: event.data.title, text: event.data.text }),
        title: state.status === 'developing' ? event.data.title : state.title,
      };
    case 'ConsultationOpened':
      return withCycle({
        phase: 'consultation',
        consultation: { ...event.data, closedAt: null, closedOn: null },
        comments: [],
      });
    case 'ConsultationExtended':
      return withCycle({
        consultation: {
          ...cycle!.consultation!,
          days: cycle!.consultation!.days + event.data.days,
          closesAt: event.data.closesAt,
        },
      });
    case 'ConsultationClosed':
      return withCycle({
        phase: 'revising',
        consultation: { ...cycle!.consultation!, closedAt: event.data.closedAt, closedOn: event.data.closedOn },
      });
    case 'CommentRecorded':
      return withCycle({
        comments: [
          ...cycle!.comments,
          {
            commentId: event.data.commentId,
            channel: event.data.channel,
            receivedOn: event.data.receivedOn,
            disposition: null,
            reason: null,
          },
        ],
      });
    case 'CritiqueSubmitted':
      return withCycle({ critiques: cycle!.critiques + 1 });
    case 'CommentDisposed':
      return withCycle({
        comments: cycle!.comments.map((c) =>
          c.commentId === event.data.commentId
            ? { ...c, disposition: event.data.disposition, reason: event.data.reason }
            : c,
        ),
      });
    case 'VoteRecorded': {
      const v = event.data;
      return withCycle({
        votes: [...cycle!.votes, v],
        phase: v.adopted ? 'adopted' : v.quorumMet ? 'revising' : 'voting',
        adoptedOn: v.adopted ? v.heldOn : null,
      });
    }
    case 'DossierSubmitted': {
      const { documents: _documents, submittedBy, ...dossier } = event.data;
      return withCycle({ phase: 'submitted', dossier: { ...dossier, submittedBy: submittedBy ?? null, underReview: false } });
    }
    case 'ReviewStarted':
      return withCycle({ phase: 'under_review', dossier: { ...cycle!.dossier!, underReview: true } });
    case 'DossierReturned':
      return withCycle({ phase: 'revising', dossier: null, adoptedOn: null });
    case 'RegulationRecognized': {
      const d = event.data;
      return {
        ...next,
        status: state.status === 'suspended' ? 'suspended' : 'in_force',
        title: d.title,
        inForce: {
          revision: d.revision,
          title: d.title,
          text: d.text,
          decisionNo: d.decisionNo,
          decidedOn: d.decidedOn,
          authority: d.authority,
        },
        firstInForceOn: state.firstInForceOn ?? d.decidedOn,
        nextReviewDueOn: d.nextReviewDueOn,
        cycle: null,
      };
    }
    case 'RegulationWithdrawn':
      return { ...next, status: 'withdrawn', cycle: null, endedOn: civilDateInVietnam(Date.parse(event.data.withdrawnAt)) };
    case 'AmendmentWithdrawn':
      return { ...next, cycle: null };
    case 'AnnualReviewDue':
      return { ...next, reviewDue: true };
    case 'AnnualReviewRecorded':
      return {
        ...next,
        reviewDue: false,
        nextReviewDueOn: event.data.nextReviewDueOn,
        reviews: [...state.reviews, { outcome: event.data.outcome, reviewedOn: event.data.reviewedOn }],
      };
    case 'AmendmentStarted': {
      const d = event.data;
      return { ...next, cycle: newCycle(true, d.regimeId, d.startedOn, d.title, d.text, state.inForce!.revision + 1) };
    }
    case 'RegulationSuspended': {
      const { suspendedOn, scope, reason, reportDueOn } = event.data;
      return { ...next, status: 'suspended', suspension: { suspendedOn, scope, reason, reportDueOn } };
    }
    case 'RegulationResumed':
      return { ...next, status: 'in_force', suspension: null };
    case 'RegulationRepealed':
      return { ...next, status: 'repealed', cycle: null, reviewDue: false, endedOn: event.data.repealedOn };
    case 'TaskReminderSent':
    case 'TaskEscalated':
    case 'TaskClaimed':
    case 'TaskReleased':
    case 'TaskReassigned':
      return next;
  }
}

function newCycle(
  amendment: boolean,
  regimeId: string,
  startedOn: CivilDate,
  title: string,
  text: string,
  revision: number,
): CycleState {
  return {
    amendment,
    regimeId,
    startedOn,
    phase: 'drafting',
    revision,
    title,
    text,
    consultation: null,
    comments: [],
    critiques: 0,
    votes: [],
    adoptedOn: null,
    dossier: null,
  };
}

export function fold(regulationId: string, events: readonly RegulationEvent[]): RegulationState {
  return events.reduce(evolve, initialState(regulationId));
}

/** The next legal deadline of a regulation, if any: what supervisors watch. */
export function nextDeadline(state: RegulationState): { step: string; dueOn: CivilDate } | null {
  const cycle = state.cycle;
  if (state.suspension && state.status === 'suspended') return { step: 'suspension_report', dueOn: state.suspension.reportDueOn };
  if (cycle?.dossier) return { step: 'decision', dueOn: cycle.dossier.decisionDueOn };
  if (cycle?.phase === 'adopted' && cycle.adoptedOn) {
    return { step: 'submission', dueOn: addDuration(cycle.adoptedOn, regimeById(cycle.regimeId).submissionDeadline) };
  }
  if (cycle?.phase === 'consultation' && cycle.consultation) {
    return { step: 'consultation_close', dueOn: civilDateInVietnam(Date.parse(cycle.consultation.closesAt)) };
  }
  if ((state.status === 'in_force' || state.status === 'suspended') && state.nextReviewDueOn) {
    return { step: 'annual_review', dueOn: state.nextReviewDueOn };
  }
  return null;
}

