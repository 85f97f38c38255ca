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

/** Folds newly stored events of one stream into its projections, inside the caller's transaction. */
export async function projectEvents(
  manager: EntityManager,
  events: readonly StoredEvent[],
): Promise<RegulationState> {
  const regulationId = events[0]?.streamId;
  if (regulationId === undefined) throw new Error('projectEvents needs at least one event');
  if (events.some((e) => e.streamId !== regulationId)) throw new Error('projectEvents takes events of one stream');

  const row = await manager.findOne(RegulationEntity, { where: { regulationId } });
  const before = row?.state ?? initialState(regulationId);
  if (events[0].streamPosition !== before.version + 1) {
    throw new Error(
      `projection of ${regulationId} is at version ${before.version}, cannot apply position ${events[0].streamPosition}`,
    );
  }
  const tasks = new Map<string, ApprovalTaskEntity>();
  const timeline: RegulationTimelineEntity[] = [];
  let state = before;
  let record = row?.record ?? emptyRecord();
  for (const event of events) {
    const next = evolve(state, toDomainEvent(event));
    for (const row of taskChanges(state, next, event)) {
      const earlier = tasks.get(row.taskId);
      tasks.set(row.taskId, earlier ? { ...row, openedAt: earlier.openedAt } : row);
    }
    record = recordEvent(record, toDomainEvent(event), event.metadata);
    timeline.push(timelineRow(event, next));
    state = next;
  }
  const first = events[0];
  const last = events[events.length - 1];

  await manager.upsert(
    RegulationEntity,
    regulationRow(regulationId, state, record, row?.createdAt ?? new Date(first.metadata.occurredAt), last),
    ['regulationId'],
  );
  await manager.insert(RegulationTimelineEntity, timeline);
  if (tasks.size > 0) await saveTasks(manager, [...tasks.values()]);
  return state;
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
      ['title', 'assignee', 'status', 'due_on', 'due_at', 'remind_at', 'reminders', 'escalations', 'last_escalated_at', 'closed_at', 'updated_at', 'last_global_position'],
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
