/**
 * Inline projections of a regulation stream: its `regulations` row (state and written record), its timeline (the
 * stage history) and its approval tasks, for appends and rebuilds alike. Every derived value comes from the
 * domain's folds (`evolve`, `recordEvent`, `factDateOf`); nothing here decides a transition. Every task change is also announced on the `approval_tasks` channel (NOTIFY,
 * delivered when the transaction commits) for the inbox's live stream.
 */
import type { EntityManager } from 'typeorm';
import {
  allowedActions,
  ApprovalTask,
  closedTaskStatus,
  emptyRecord,
  evolve,
  factDateOf,
  initialState,
  nextDeadline,
  RegulationEvent,
  RegulationRecord,
  RegulationState,
  recordEvent,
  stageOf,
  StoredEvent,
  taskDueAt,
  taskRemindAt,
  tasksOf,
} from '@app/domain';
import { ApprovalTaskEntity } from './approval-task.entity';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';

export function toDomainEvent(event: StoredEvent): RegulationEvent {
  return { type: event.type, data: event.data } as RegulationEvent;
}

/** A stream's projections as its events fold them, before they are written. */
export interface StreamFold {
  regulationId: string;
  state: RegulationState;
  record: RegulationRecord;
  /** occurred_at of the stream's first event, from its row when it has one. */
  createdAt: Date | null;
  /** The task rows the folded events opened, changed or closed, by task id, as they end. */
  tasks: Map<string, ApprovalTaskEntity>;
  last: StoredEvent | null;
}

/** Starts a fold at a stream's projected row, or at its beginning. */
export function startFold(regulationId: string, row?: Pick<RegulationEntity, 'state' | 'record' | 'createdAt'> | null): StreamFold {
  return {
    regulationId,
    state: row?.state ?? initialState(regulationId),
    record: row?.record ?? emptyRecord(),
    createdAt: row?.createdAt ?? null,
    tasks: new Map(),
    last: null,
  };
}

/** Folds one event of the stream into `fold` with the domain's folds and returns its timeline row. */
export function foldEvent(fold: StreamFold, event: StoredEvent): RegulationTimelineEntity {
  const next = evolve(fold.state, toDomainEvent(event));
  for (const row of taskChanges(fold.state, next, event)) {
    const earlier = fold.tasks.get(row.taskId);
    fold.tasks.set(row.taskId, earlier ? { ...row, openedAt: earlier.openedAt } : row);
  }
  fold.record = recordEvent(fold.record, toDomainEvent(event), event.metadata);
  fold.createdAt ??= new Date(event.metadata.occurredAt);
  fold.last = event;
  fold.state = next;
  return timelineRow(event, next);
}

/** The `regulations` row of a fold that has taken at least one event. */
export function foldedRegulationRow(fold: StreamFold): RegulationEntity {
  const { last, createdAt } = fold;
  if (last === null || createdAt === null) throw new Error(`the fold of ${fold.regulationId} has taken no event`);
  return regulationRow(fold.regulationId, fold.state, fold.record, createdAt, last);
}

/** Folds newly stored events of one stream into its projections, inside the caller's transaction. */
export async function projectEvents(
  manager: EntityManager,
  events: readonly StoredEvent[],
): Promise<RegulationState> {
  const regulationId = events[0]?.streamId;
  if (regulationId === undefined) throw new Error('projectEvents needs at least one event');
  if (events.some((e) => e.streamId !== regulationId)) throw new Error('projectEvents takes events of one stream');

  const row = await manager.findOne(RegulationEntity, { where: { regulationId } });
  const fold = startFold(regulationId, row);
  if (events[0].streamPosition !== fold.state.version + 1) {
    throw new Error(
      `projection of ${regulationId} is at version ${fold.state.version}, cannot apply position ${events[0].streamPosition}`,
    );
  }
  const timeline = events.map((event) => foldEvent(fold, event));

  await manager.upsert(RegulationEntity, foldedRegulationRow(fold), ['regulationId']);
  await manager.insert(RegulationTimelineEntity, timeline);
  if (fold.tasks.size > 0) await saveTasks(manager, [...fold.tasks.values()]);
  return fold.state;
}

export const APPROVAL_TASKS_CHANNEL = 'approval_tasks';

/** The task rows one event opened, changed or closed. */
function taskChanges(before: RegulationState, after: RegulationState, event: StoredEvent): ApprovalTaskEntity[] {
  const at = new Date(event.metadata.occurredAt);
  const pending = new Map(tasksOf(after).map((task) => [task.taskId, task]));
  const rows: ApprovalTaskEntity[] = [];
  for (const task of tasksOf(before)) {
    const still = pending.get(task.taskId);
    if (!still) rows.push({ ...taskRow(after, task, at, event), status: closedTaskStatus(task, toDomainEvent(event)), closedAt: at });
    else if (JSON.stringify(still) !== JSON.stringify(task)) rows.push(taskRow(after, still, at, event));
    pending.delete(task.taskId);
  }
  for (const task of pending.values()) rows.push({ ...taskRow(after, task, at, event), openedAt: at });
  return rows;
}

function taskRow(state: RegulationState, task: ApprovalTask, at: Date, event: StoredEvent): ApprovalTaskEntity {
  return {
    taskId: task.taskId,
    regulationId: state.regulationId,
    wardCode: state.wardCode,
    kind: state.kind,
    title: state.title,
    step: task.step,
    authority: task.authority,
    candidateRole: task.candidateRole,
    authorityUnit: task.authorityUnit,
    assignee: task.assignee,
    status: task.assignee === null ? 'open' : 'claimed',
    priority: task.priority,
    openedOn: task.openedOn,
    // Kept from the row by saveTasks unless the task opens here.
    openedAt: at,
    dueOn: task.dueOn,
    dueAt: new Date(taskDueAt(task)),
    remindAt: new Date(taskRemindAt(task)),
    reminders: task.reminders,
    escalations: task.escalations,
    lastEscalatedAt: task.lastEscalatedAt ? new Date(task.lastEscalatedAt) : null,
    closedAt: null,
    updatedAt: at,
    lastGlobalPosition: event.globalPosition,
  };
}

/** Upserts the rows (a task's opening time is kept) and announces each change. */
async function saveTasks(manager: EntityManager, rows: ApprovalTaskEntity[]): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(ApprovalTaskEntity)
    .values(rows)
    .orUpdate(
      ['ward_code', 'authority', 'candidate_role', 'authority_unit', 'title', 'assignee', 'status', 'due_on', 'due_at', 'remind_at', 'reminders', 'escalations', 'last_escalated_at', 'closed_at', 'updated_at', 'last_global_position'],
      ['task_id'],
    )
    .execute();
  const notices = rows.map(({ taskId, regulationId, wardCode, status }) => JSON.stringify({ taskId, regulationId, wardCode, status }));
  await manager.query(`SELECT pg_notify($1, notice) FROM unnest($2::text[]) AS notice`, [APPROVAL_TASKS_CHANNEL, notices]);
}

function regulationRow(
  regulationId: string,
  state: RegulationState,
  record: RegulationRecord,
  createdAt: Date,
  last: StoredEvent,
): RegulationEntity {
  const deadline = nextDeadline(state);
  const cycle = state.cycle;
  const runsOnTextInForce = state.status === 'in_force' || state.status === 'suspended';
  return {
    regulationId,
    wardCode: state.wardCode,
    kind: state.kind,
    title: state.title,
    stage: stageOf(state),
    status: state.status,
    regimeId: state.regimeId,
    version: state.version,
    startedOn: state.startedOn,
    inForceFrom: state.inForce?.decidedOn ?? null,
    firstInForceOn: state.firstInForceOn,
    nextReviewDueOn: state.nextReviewDueOn,
    consultationClosesAt:
      cycle?.phase === 'consultation' && cycle.consultation ? new Date(cycle.consultation.closesAt) : null,
    dueStep: deadline?.step ?? null,
    dueOn: deadline?.dueOn ?? null,
    amendmentStage: runsOnTextInForce && cycle ? cycle.phase : null,
    allowedActions: allowedActions(state),
    state,
    record,
    createdAt,
    updatedAt: new Date(last.metadata.occurredAt),
    lastGlobalPosition: last.globalPosition,
  };
}

/** The event as the timeline shows it, with the stage history's columns read from the state it led to. */
export function timelineRow(event: StoredEvent, after: RegulationState): RegulationTimelineEntity {
  const { metadata } = event;
  const phase = after.cycle?.phase;
  const pending = phase === 'submitted' || phase === 'under_review';
  return {
    globalPosition: event.globalPosition,
    regulationId: event.streamId,
    streamPosition: event.streamPosition,
    eventType: event.type,
    occurredAt: new Date(metadata.occurredAt),
    actorId: metadata.actor.id,
    actorRole: metadata.actor.role,
    reason: metadata.reason,
    legalBasis: metadata.legalBasis,
    commandId: metadata.commandId,
    data: event.data,
    wardCode: after.wardCode,
    kind: after.kind,
    factOn: factDateOf(toDomainEvent(event), metadata.occurredAt),
    stage: stageOf(after),
    pending,
    decisionDueOn: pending ? (after.cycle?.dossier?.decisionDueOn ?? null) : null,
    reviewOutstanding: after.reviewDue,
    amending: (after.status === 'in_force' || after.status === 'suspended') && after.cycle !== null,
  };
}
