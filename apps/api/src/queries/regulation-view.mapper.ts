/** Builds the query answers from the projections: a regulation's folded state and written record, and its timeline. Pure. */
import { ActorRef, allowedActions, nextDeadline, RegulationEvent, RegulationRecord, RegulationState, stageOf, tasksOf } from '@app/domain';
import type { RegulationEntity } from '@app/event-store';
import type { RegulationDetailDto, RegulationSummaryDto, TimelineEntryDto } from './regulation-view.dto';

/** One event as the timeline shows it; read from `regulation_timeline` or, for an as-of view, from `events`. */
export interface TimelineEntry {
  streamPosition: number;
  event: RegulationEvent;
  occurredAt: string;
  actor: ActorRef;
  reason: string | null;
  legalBasis: string | null;
  commandId: string;
}

/** Full texts appear once, in revisions, comments and critiques, not again on the timeline. */
const LONG_FIELDS = new Set(['text', 'content']);

export function toRegulationSummary(row: RegulationEntity): RegulationSummaryDto {
  return {
    regulationId: row.regulationId,
    wardCode: row.wardCode,
    kind: row.kind,
    title: row.title,
    stage: row.stage,
    status: row.status,
    version: row.version,
    regimeId: row.regimeId,
    startedOn: row.startedOn,
    inForceFrom: row.inForceFrom,
    nextReviewDueOn: row.nextReviewDueOn,
    due: row.dueStep && row.dueOn ? { step: row.dueStep, dueOn: row.dueOn } : null,
    amendmentStage: row.amendmentStage,
    allowedActions: row.allowedActions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRegulationDetail(
  state: RegulationState,
  record: RegulationRecord,
  entries: readonly TimelineEntry[],
  wardName: string,
): Omit<RegulationDetailDto, 'incidents'> {
  const cycle = state.cycle;
  return {
    regulationId: state.regulationId,
    wardCode: state.wardCode,
    wardName,
    kind: state.kind,
    title: state.title,
    stage: stageOf(state),
    status: state.status,
    version: state.version,
    regimeId: state.regimeId,
    residentialGroup: state.residentialGroup,
    startedOn: state.startedOn,
    text: state.inForce?.text ?? cycle?.text ?? record.revisions.at(-1)?.text ?? '',
    inForce: state.inForce,
    draft: cycle
      ? {
          amendment: cycle.amendment,
          phase: cycle.phase,
          revision: cycle.revision,
          title: cycle.title,
          text: cycle.text,
          startedOn: cycle.startedOn,
          regimeId: cycle.regimeId,
          // The community's steps of Decree 61/2023 art. 6-8, when recorded.
          ...(cycle.proposal ? { proposal: cycle.proposal } : {}),
          ...(cycle.draftingGroup ? { draftingGroup: cycle.draftingGroup } : {}),
          ...(cycle.name ? { name: cycle.name } : {}),
          ...(cycle.signed ? { signed: cycle.signed } : {}),
        }
      : null,
    revisions: record.revisions,
    consultation: cycle?.consultation ?? null,
    comments: record.comments,
    critiques: record.critiques,
    votes: record.votes,
    conferences: record.conferences ?? [],
    dossier: cycle?.dossier ? { ...cycle.dossier, documents: record.lastDossierDocuments } : null,
    decisions: record.decisions,
    reviews: record.reviews,
    complaint: state.complaint ?? null,
    suspension: state.status === 'suspended' ? state.suspension : null,
    repealedArticles: state.repealedArticles ?? [],
    firstInForceOn: state.firstInForceOn,
    nextReviewDueOn: state.nextReviewDueOn,
    reviewDue: state.reviewDue,
    endedOn: state.endedOn,
    due: nextDeadline(state),
    tasks: tasksOf(state),
    allowedActions: state.status === 'none' ? [] : allowedActions(state),
    timeline: entries.map(toTimelineEntry),
  };
}

function toTimelineEntry(entry: TimelineEntry): TimelineEntryDto {
  const data = Object.fromEntries(Object.entries(entry.event.data).filter(([key]) => !LONG_FIELDS.has(key)));
  return {
    streamPosition: entry.streamPosition,
    type: entry.event.type,
    occurredAt: entry.occurredAt,
    actor: entry.actor,
    reason: entry.reason,
    legalBasis: entry.legalBasis,
    commandId: entry.commandId,
    data,
  };
}
