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
  allowedActions,
  CommandEnvelope,
  CommandIdReusedError,
  commandTypes,
  decide,
  DomainError,
  EVENT_SCHEMA_VERSION,
  EventEnvelope,
  evolve,
  initialState,
  isTerminal,
  nextDeadline,
  nextTaskTimer,
  RegulationEvent,
  RegulationState,
  stageOf,
  startOfCivilDateInVietnam,
  tasksOf,
  timerOnlyCommandTypes,
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

export async function regulationLifecycleWorkflow(input: RegulationWorkflowInput): Promise<RegulationState> {
  let state = input.carried?.state ?? initialState(input.regulationId);
  const processed = new Map((input.carried?.processed ?? []).map((p) => [p.commandId, p]));
  let reviewCycleDone = false;
  let upsertedKey = '';
  // Handlers run activities, so they are serialised: each decides against the state the previous one left.
  let tail: Promise<unknown> = Promise.resolve();

  const validate = (envelope: CommandEnvelope): void => {
    const seen = processed.get(envelope.commandId);
    if (seen) {
      if (seen.fingerprint !== fingerprint(envelope)) throw toFailure(new CommandIdReusedError(envelope.commandId));
      return;
    }
    try {
      decide(envelope, state, new Date().toISOString());
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
    const now = new Date().toISOString();
    let events: RegulationEvent[];
    try {
      events = decide(envelope, state, now);
    } catch (error) {
      throw toFailure(error);
    }
    const envelopes: EventEnvelope[] = events.map((event) => ({
      eventId: uuid4(),
      streamId: state.regulationId,
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSION,
      data: event.data,
      metadata: {
        actor: envelope.actor,
        commandId: envelope.commandId,
        correlationId: envelope.correlationId ?? envelope.commandId,
        occurredAt: now,
        reason: envelope.reason ?? null,
        legalBasis: envelope.legalBasis ?? null,
      },
    }));
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
    const timer = nextTimer(state, taskTimers);
    const progressed = () => state.version !== versionSeen || reviewCycleDone;
    const changed = timer ? await condition(progressed, Math.max(timer.at - Date.now(), 1)) : (await condition(progressed), true);
    if (!changed && timer) {
      await execute({
        commandId: `${timer.type}:${timer.taskId ?? state.regulationId}:${state.version}`,
        actor: { id: 'system', role: 'system' },
        command: timer.taskId ? { type: timer.type as TaskTimerType, taskId: timer.taskId } : { type: timer.type as LifecycleTimerType },
      }).catch((error: unknown) => {
        // A decision appended while the timer's command waited its turn may have made it moot (the task closed).
        const next = nextTimer(state, taskTimers);
        const overtaken = next?.type !== timer.type || next?.taskId !== timer.taskId;
        const details = { type: timer.type, taskId: timer.taskId, error: String(error) };
        if (overtaken) log.info('timer command overtaken by a decision', details);
        else log.warn('timer command refused', details);
      });
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

type LifecycleTimerType = 'CloseConsultation' | 'MarkReviewDue';
type TaskTimerType = 'RemindTask' | 'EscalateTask';
interface Timer {
  type: LifecycleTimerType | TaskTimerType;
  at: number;
  taskId?: string;
}

/**
 * The next durable timer: the end of a consultation window, the day the annual review falls due, or (with
 * `withTasks`) a pending approval task's reminder or escalation.
 */
function nextTimer(state: RegulationState, withTasks: boolean): Timer | null {
  const timers: Timer[] = [];
  const consultation = state.cycle?.phase === 'consultation' ? state.cycle.consultation : null;
  if (consultation) timers.push({ type: 'CloseConsultation', at: Date.parse(consultation.closesAt) });
  if ((state.status === 'in_force' || state.status === 'suspended') && !state.reviewDue && state.nextReviewDueOn) {
    timers.push({ type: 'MarkReviewDue', at: startOfCivilDateInVietnam(state.nextReviewDueOn) });
  }
  if (withTasks) {
    for (const task of tasksOf(state)) timers.push({ ...nextTaskTimer(task, Date.now()), taskId: task.taskId });
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

/** Commands are compared by content so that a reused command id with another payload is refused. */
function fingerprint(envelope: CommandEnvelope): string {
  return JSON.stringify([envelope.command, envelope.actor, envelope.expectedVersion ?? null]);
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
