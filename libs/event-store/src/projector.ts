/** Inline projections of a regulation stream: its `regulations` row and timeline, for appends and rebuilds alike. */
import type { EntityManager } from 'typeorm';
import {
  allowedActions,
  evolve,
  initialState,
  nextDeadline,
  RegulationEvent,
  RegulationState,
  stageOf,
  StoredEvent,
} from '@app/domain';
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
  const state = events.reduce((s, e) => evolve(s, toDomainEvent(e)), before);
  const first = events[0];
  const last = events[events.length - 1];

  await manager.upsert(
    RegulationEntity,
    regulationRow(regulationId, state, row?.createdAt ?? new Date(first.metadata.occurredAt), last),
    ['regulationId'],
  );
  await manager.insert(RegulationTimelineEntity, events.map(timelineRow));
  return state;
}

function regulationRow(
  regulationId: string,
  state: RegulationState,
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
    createdAt,
    updatedAt: new Date(last.metadata.occurredAt),
    lastGlobalPosition: last.globalPosition,
  };
}

function timelineRow(event: StoredEvent): RegulationTimelineEntity {
  const { metadata } = event;
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
  };
}
