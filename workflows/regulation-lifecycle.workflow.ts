/** One regulation from its first draft to its repeal: decides commands, appends their events, runs the legal timers. */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { RetryPolicy, SearchAttributePair, UpdateDefinition } from '@temporalio/common';
import {
  addCalendarDays,
  allowedActions,
  calendarThrough,
  CommandEnvelope,
  CommandIdReusedError,
  commandTypes,
  currentRules,
  DecisionRules,
  decide,
  decideAsRecordedBeforeAccessRules,
  DomainError,
  EVENT_SCHEMA_VERSION,
  EventEnvelope,
  evolve,
  firstCalendarVersion,
  initialState,
  InvalidCommandError,
  isTerminal,
  nextDeadline,
  nextTaskTimer,
  RegulationEvent,
  rulesAsFirstRecorded,
  rulesBeforeComplaints,
  RegulationState,
  refuseControlCharacters,
  shapedAsFirstRecorded,
  stageOf,
  startOfCivilDateInVietnam,
  StoredEvent,
  latestCalendarVersion,
  tasksOf,
  timerOnlyCommandTypes,
  vietnameseCalendar,
  WorkingDayCalendar,
} from '../libs/domain/src';
import type { RegulationActivities } from './activities';
import { CommandResult, commandUpdates, getRegulationStateQuery } from './messages';
import { regulationDueAtKey, regulationKindKey, regulationStageKey, wardCodeKey } from './search-attributes';

export interface ProcessedCommand {
  commandId: string;
  fingerprint: string;
  result: CommandResult;
}

export interface RegulationWorkflowInput {
  regulationId: string;
  /** State carried over continue-as-new; absent on the first run. */
  carried?: { state: RegulationState; processed: ProcessedCommand[] };
}

/** How many command results are remembered for idempotent retries, across continue-as-new. */
const REMEMBERED_COMMANDS = 500;
/** A run whose creating command was refused ends instead of waiting forever. */
const ABANDONED_AFTER = '1 day';

const appendRetry: RetryPolicy = {
  initialInterval: '200 milliseconds',
  maximumInterval: '10 seconds',
  nonRetryableErrorTypes: ['REGULATION.CONCURRENCY'],
};
const remote = proxyActivities<RegulationActivities>({ startToCloseTimeout: '10 seconds', retry: appendRetry });
const local = proxyLocalActivities<RegulationActivities>({ startToCloseTimeout: '10 seconds', retry: appendRetry });

/**
 * The lean command path: appends run as local activities (no activity task round trip through the server;
 * a local activity is retried with its workflow task, which the append's idempotency makes safe) and search
 * attributes are upserted only when they change. Histories recorded before scheduled a remote activity and
 * upserted after every command, so the change goes behind patched().
 */
const LEAN_COMMAND_PATH = 'lean-command-path';

/**
 * Approval tasks' reminders and escalations: the workflow also sleeps until a pending task's next reminder or
 * escalation. Histories recorded before waited for the consultation and review timers only.
 */
const APPROVAL_TASK_TIMERS = 'approval-task-timers';

/**
 * The log decides what the workflow believes: a command decides with its issuedAt (stamped once by the client; a
 * timer command with its due instant), so a retried workflow task decides the same data; the workflow evolves from
 * the events as the append stored them; when the log is ahead it reads the events it missed, evolves them in and
 * decides again; a timer command that keeps failing backs off and raises an incident. Histories recorded before
 * decided with the clock of each workflow task, evolved their own decide output and retried a timer at once.
 */
const LOG_DECIDES = 'log-decides';

/**
 * The law in the domain: `decide` checks the actor's role, wards, deciding body and separation of duties. Histories
 * recorded before carry actors without wards and were decided without that check, so the handler replays them so.
 */
const ACCESS_RULES = 'access-rules-in-domain';

/*
 * Reference data (the working-day calendar's versions, libs/domain/src/calendar.ts, and the rules a decision is
 * taken on, DecisionRules) cannot change a regulation's past: a decision's dates are in its events, and with
 * 'log-decides' the workflow believes the events as stored, so new data changes only decisions taken after it
 * ships; each event names the calendar version it was decided on (metadata.calendarVersion). Histories recorded
 * before 'log-decides' evolved their own decisions and keep the rules they were taken on (rulesAsFirstRecorded).
 */

/** How far a command's issuedAt may lie from the workflow clock (client clocks drift; a workflow task may be retried). */
const ISSUED_AT_BEFORE_MS = 60 * 60_000;
const ISSUED_AT_AFTER_MS = 60_000;
/** Back-off of a failing timer command (operational defaults, not law): doubled from the first, capped. */
const TIMER_RETRY_FIRST_MS = 10_000;
const TIMER_RETRY_MAX_MS = 60 * 60_000;
/** Consecutive failures of one timer command after which it is an incident on the regulation. */
const TIMER_INCIDENT_AFTER = 3;
/** Catch-ups from the log within one command before its append failure is given up to the caller. */
const MAX_CATCH_UPS = 3;

export async function regulationLifecycleWorkflow(input: RegulationWorkflowInput): Promise<RegulationState> {
  let state = input.carried?.state ?? initialState(input.regulationId);
  const processed = new Map((input.carried?.processed ?? []).map((p) => [p.commandId, p]));
  let reviewCycleDone = false;
  let upsertedKey = '';
  let failing: FailingTimer | null = null;
  // Handlers run activities, so they are serialised: each decides against the state the previous one left.
  let tail: Promise<unknown> = Promise.resolve();

  const validate = (envelope: CommandEnvelope): void => {
    const seen = processed.get(envelope.commandId);
    if (seen) {
      if (seen.fingerprint !== fingerprint(envelope)) throw toFailure(new CommandIdReusedError(envelope.commandId));
      return;
    }
    try {
      // A validator runs for new updates only, never in a replay: the rules for new commands alone belong here.
      refuseControlCharacters(envelope);
      decide(envelope, state, commandTime(envelope, Date.now()));
    } catch (error) {
      throw toFailure(error);
    }
  };

  const execute = (envelope: CommandEnvelope): Promise<CommandResult> => {
    const run = tail.then(() => apply(envelope));
    tail = run.catch(() => undefined);
    return run;
  };

  const apply = async (envelope: CommandEnvelope): Promise<CommandResult> => {
    const seen = processed.get(envelope.commandId);
    if (seen) return seen.result;
    if (patched(LOG_DECIDES)) return applyAsLogged(envelope);
    const now = new Date().toISOString();
    let events: RegulationEvent[];
    try {
      events = decideChecked(envelope, state, now, rulesAsFirstRecorded);
    } catch (error) {
      throw toFailure(error);
    }
    const envelopes = events.map((event) => eventEnvelope(state.regulationId, event, envelope, now));
    const expectedVersion = state.version;
    const lean = patched(LEAN_COMMAND_PATH);
    const append = lean ? local.appendEvents : remote.appendEvents;
    await append({ streamId: state.regulationId, expectedVersion, events: envelopes });
    state = events.reduce(evolve, state);
    const attributes = searchAttributes(state);
    const attributesKey = JSON.stringify(attributes.map((a) => a.value));
    if (!lean || attributesKey !== upsertedKey) upsertSearchAttributes(attributes);
    upsertedKey = attributesKey;
    if (events.some((e) => e.type === 'AnnualReviewRecorded')) reviewCycleDone = true;
    const result: CommandResult = {
      regulationId: state.regulationId,
      commandId: envelope.commandId,
      version: state.version,
      stage: stageOf(state),
      allowedActions: allowedActions(state),
      events: envelopes.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: expectedVersion + i + 1 })),
    };
    remember({ commandId: envelope.commandId, fingerprint: fingerprint(envelope), result });
    return result;
  };

  /** Decides, appends and evolves from what the log stored; catches up from the log when it is ahead. */
  const applyAsLogged = async (envelope: CommandEnvelope): Promise<CommandResult> => {
    // The instant the validator decided with: the issuedAt it accepted (so a retried task decides the same data), or
    // the workflow clock for a command without one or stamped too long ago (a time-skipped test, a delayed client).
    const now = commandTime(envelope, Date.now());
    const stamp = { calendarVersion: latestCalendarVersion, commandDigest: digest(fingerprint(envelope)) };
    // Decree 61/2023 art. 12 and 14 as written (DecisionRules.suspensionByComplaint). The validator decides every new
    // command on them, so a command shaped as first recorded reaches this handler only from a history recorded
    // before them: it is decided as it was then. (A patched() id here made every refused update persist a workflow
    // task in history; the shape needs none.) The redraft timer exists only for suspensions decided on these rules.
    const rules = shapedAsFirstRecorded(envelope.command) ? rulesBeforeComplaints : currentRules;
    for (let catchUps = 0; ; catchUps++) {
      let events: RegulationEvent[];
      try {
        events = decideChecked(envelope, state, now, rules);
      } catch (error) {
        throw toFailure(error);
      }
      const envelopes = events.map((event) => eventEnvelope(state.regulationId, event, envelope, now, stamp));
      let stored: StoredEvent[];
      try {
        ({ events: stored } = await local.appendEvents({ streamId: state.regulationId, expectedVersion: state.version, events: envelopes }));
      } catch (error) {
        if (failureType(error) !== 'REGULATION.CONCURRENCY' || catchUps === MAX_CATCH_UPS) throw error;
        // The log is ahead of this workflow (a reset, lost history, a restore): it wins. Take what we missed, decide again.
        const missed = await local.readStreamAfter({ streamId: state.regulationId, afterVersion: state.version });
        log.warn('workflow behind the log caught up', { from: state.version, events: missed.length });
        state = missed.reduce(evolveStored, state);
        continue;
      }
      state = stored.reduce(evolveStored, state);
      return afterAppend(envelope, stored);
    }
  };

  const afterAppend = (envelope: CommandEnvelope, stored: StoredEvent[]): CommandResult => {
    const attributes = searchAttributes(state);
    const attributesKey = JSON.stringify(attributes.map((a) => a.value));
    if (attributesKey !== upsertedKey) upsertSearchAttributes(attributes);
    upsertedKey = attributesKey;
    if (stored.some((e) => e.type === 'AnnualReviewRecorded')) reviewCycleDone = true;
    const result: CommandResult = {
      regulationId: state.regulationId,
      commandId: envelope.commandId,
      version: state.version,
      stage: stageOf(state),
      allowedActions: allowedActions(state),
      events: stored.map((e) => ({ eventId: e.eventId, type: e.type, streamPosition: e.streamPosition })),
    };
    remember({ commandId: envelope.commandId, fingerprint: fingerprint(envelope), result });
    return result;
  };

  /** One more failure of a timer command: the next attempt backs off, and from the third it is an incident. */
  const timerFailed = async (previous: FailingTimer | null, commandId: string, firedAt: number, error: unknown): Promise<FailingTimer> => {
    const attempts = previous?.commandId === commandId ? previous.attempts + 1 : 1;
    const retryAt = firedAt + Math.min(TIMER_RETRY_FIRST_MS * 2 ** (attempts - 1), TIMER_RETRY_MAX_MS);
    const incident = attempts >= TIMER_INCIDENT_AFTER;
    if (incident) {
      await local.raiseIncident({
        regulationId: state.regulationId,
        kind: 'timer_command_failing',
        code: failureType(error) ?? 'UNKNOWN',
        detail: { commandId, error: String(error), nextAttemptAt: new Date(retryAt).toISOString() },
        attempts,
      });
    }
    return { commandId, attempts, retryAt, incident };
  };

  const remember = (entry: ProcessedCommand): void => {
    processed.set(entry.commandId, entry);
    if (processed.size > REMEMBERED_COMMANDS) processed.delete(processed.keys().next().value as string);
  };

  for (const type of commandTypes) {
    if (timerOnlyCommandTypes.includes(type)) continue;
    const update = commandUpdates[type] as UpdateDefinition<CommandResult, [CommandEnvelope]>;
    setHandler(update, (envelope) => execute(envelope), { validator: (envelope) => validate(envelope) });
  }
  setHandler(getRegulationStateQuery, () => state);

  if (state.status === 'none' && !(await condition(() => state.status !== 'none', ABANDONED_AFTER))) {
    return state;
  }
  while (!isTerminal(state)) {
    const versionSeen = state.version;
    const taskTimers = patched(APPROVAL_TASK_TIMERS);
    const logDecides = patched(LOG_DECIDES);
    const calendar = logDecides ? vietnameseCalendar : calendarThrough(firstCalendarVersion);
    const loopAt = Date.now();
    const timer = nextTimer(state, taskTimers, calendar);
    const commandId = timer ? `${timer.type}:${timer.taskId ?? state.regulationId}:${state.version}` : '';
    if (failing && failing.commandId !== commandId) {
      // The failing timer command is moot now (the regulation moved on): its incident ends.
      if (failing.incident) await local.resolveIncident({ regulationId: state.regulationId, kind: 'timer_command_failing' });
      failing = null;
    }
    // A failing timer command waits out its back-off (recorded in history: a retried task computes the same instant).
    const dueAt = timer ? Math.max(timer.at, failing?.retryAt ?? 0) : 0;
    const progressed = () => state.version !== versionSeen || reviewCycleDone;
    const changed = timer ? await condition(progressed, Math.max(dueAt - loopAt, 1)) : (await condition(progressed), true);
    if (!changed && timer) {
      const firedAt = Math.max(dueAt, loopAt);
      const error = await execute({
        commandId,
        actor: { id: 'system', role: 'system', wards: [state.wardCode] },
        command: timer.taskId ? { type: timer.type as TaskTimerType, taskId: timer.taskId } : { type: timer.type as LifecycleTimerType },
        ...(logDecides ? { issuedAt: new Date(firedAt).toISOString() } : {}),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      if (error !== null) {
        // A decision appended while the timer's command waited its turn may have made it moot (the task closed).
        const next = nextTimer(state, taskTimers, calendar);
        const overtaken = next?.type !== timer.type || next?.taskId !== timer.taskId;
        const details = { type: timer.type, taskId: timer.taskId, error: String(error) };
        if (overtaken) log.info('timer command overtaken by a decision', details);
        else log.warn('timer command refused', details);
        if (logDecides && !overtaken) failing = await timerFailed(failing, commandId, firedAt, error);
      }
    }
    if (reviewCycleDone || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof regulationLifecycleWorkflow>({
        regulationId: state.regulationId,
        carried: { state, processed: [...processed.values()] },
      });
    }
  }
  await condition(allHandlersFinished);
  return state;
}

interface FailingTimer {
  commandId: string;
  attempts: number;
  retryAt: number;
  incident: boolean;
}

type LifecycleTimerType = 'CloseConsultation' | 'MarkReviewDue' | 'MarkRedraftOverdue';
type TaskTimerType = 'RemindTask' | 'EscalateTask';
interface Timer {
  type: LifecycleTimerType | TaskTimerType;
  at: number;
  taskId?: string;
}

/**
 * The next durable timer: the end of a consultation window, the day the annual review falls due, the day after a
 * suspension's redraft deadline, or (with
 * `withTasks`) a pending approval task's reminder or escalation, on the run's decision calendar.
 */
function nextTimer(state: RegulationState, withTasks: boolean, calendar: WorkingDayCalendar): Timer | null {
  const timers: Timer[] = [];
  const consultation = state.cycle?.phase === 'consultation' ? state.cycle.consultation : null;
  if (consultation) timers.push({ type: 'CloseConsultation', at: Date.parse(consultation.closesAt) });
  if ((state.status === 'in_force' || state.status === 'suspended') && !state.reviewDue && state.nextReviewDueOn) {
    timers.push({ type: 'MarkReviewDue', at: startOfCivilDateInVietnam(state.nextReviewDueOn) });
  }
  // Only suspensions decided on DecisionRules.suspensionByComplaint carry a redraft deadline: its day ends at midnight.
  const redraftDueOn = state.status === 'suspended' && !state.suspension?.redraftOverdue ? state.suspension?.redraftDueOn : undefined;
  if (redraftDueOn) timers.push({ type: 'MarkRedraftOverdue', at: startOfCivilDateInVietnam(addCalendarDays(redraftDueOn, 1)) });
  if (withTasks) {
    for (const task of tasksOf(state)) timers.push({ ...nextTaskTimer(task, Date.now(), calendar), taskId: task.taskId });
  }
  return timers.sort((a, b) => a.at - b.at)[0] ?? null;
}

function searchAttributes(state: RegulationState): SearchAttributePair[] {
  const due = nextDeadline(state);
  return [
    { key: regulationStageKey, value: stageOf(state) },
    { key: wardCodeKey, value: state.wardCode },
    { key: regulationKindKey, value: state.kind },
    { key: regulationDueAtKey, value: due ? new Date(startOfCivilDateInVietnam(due.dueOn)) : null },
  ] as SearchAttributePair[];
}

/**
 * The instant a command decides with: its issuedAt when that lies within tolerance of the workflow clock `now`,
 * else the workflow clock. A malformed issuedAt is refused.
 */
function commandTime(envelope: CommandEnvelope, now: number): string {
  if (envelope.issuedAt === undefined) return new Date(now).toISOString();
  const issued = typeof envelope.issuedAt === 'string' ? Date.parse(envelope.issuedAt) : NaN;
  if (Number.isNaN(issued)) throw new InvalidCommandError('issuedAt', 'must be an ISO instant');
  if (issued > now + ISSUED_AT_AFTER_MS) throw new InvalidCommandError('issuedAt', 'lies in the future');
  return issued < now - ISSUED_AT_BEFORE_MS ? new Date(now).toISOString() : new Date(issued).toISOString();
}

function eventEnvelope(
  streamId: string,
  event: RegulationEvent,
  envelope: CommandEnvelope,
  now: string,
  stamp?: { calendarVersion: string; commandDigest: string },
): EventEnvelope {
  return {
    eventId: uuid4(),
    streamId,
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: event.data,
    metadata: {
      // The record names who acted, in which role; the wards only scoped the command's check.
      actor: { id: envelope.actor.id, role: envelope.actor.role },
      commandId: envelope.commandId,
      correlationId: envelope.correlationId ?? envelope.commandId,
      occurredAt: now,
      reason: envelope.reason ?? null,
      legalBasis: envelope.legalBasis ?? null,
      ...stamp,
    },
  };
}

function decideChecked(envelope: CommandEnvelope, state: RegulationState, now: string, rules: DecisionRules): RegulationEvent[] {
  return patched(ACCESS_RULES)
    ? decide(envelope, state, now, rules)
    : decideAsRecordedBeforeAccessRules(envelope, state, now, rules);
}

function evolveStored(state: RegulationState, event: StoredEvent): RegulationState {
  return evolve(state, { type: event.type, data: event.data } as RegulationEvent);
}

/** The stable code of a failure (an activity's ApplicationFailure, or the domain failure thrown here). */
function failureType(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure) return e.type ?? undefined;
  }
  return undefined;
}

/** Commands are compared by content so that a reused command id with another payload is refused. */
function fingerprint(envelope: CommandEnvelope): string {
  return JSON.stringify([envelope.command, envelope.actor, envelope.expectedVersion ?? null]);
}

/** A 64-bit digest of a fingerprint (cyrb53-style; workflow code has no crypto), as 16 hex digits. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

function toFailure(error: unknown): unknown {
  if (error instanceof DomainError) {
    return ApplicationFailure.create({
      message: error.message,
      type: error.code,
      details: [error.details],
      nonRetryable: true,
    });
  }
  return error;
}
