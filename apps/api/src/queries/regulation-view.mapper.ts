/** Builds the query answers from the projections: a regulation's folded state plus its timeline. Pure. */
import { allowedActions, findWard, nextDeadline, RegulationEvent, RegulationState, stageOf, tasksOf } from '@app/domain';
import type { RegulationEntity } from '@app/event-store';
import type {
  CommentDto,
  CritiqueDto,
  DecisionDto,
  RegulationDetailDto,
  RegulationSummaryDto,
  ReviewDto,
  RevisionDto,
  TimelineEntryDto,
  VoteDto,
} from './regulation-view.dto';

/** One event as the timeline shows it; read from `regulation_timeline` or, for an as-of view, from `events`. */
export interface TimelineEntry {
  streamPosition: number;
  event: RegulationEvent;
  occurredAt: string;
  actor: { id: string; role: string };
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

export function toRegulationDetail(state: RegulationState, entries: readonly TimelineEntry[]): Omit<RegulationDetailDto, 'incidents'> {
  const record = readRecord(entries);
  const cycle = state.cycle;
  return {
    regulationId: state.regulationId,
    wardCode: state.wardCode,
    wardName: findWard(state.wardCode)?.name ?? state.wardCode,
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
        }
      : null,
    revisions: record.revisions,
    consultation: cycle?.consultation ?? null,
    comments: record.comments,
    critiques: record.critiques,
    votes: record.votes,
    dossier: cycle?.dossier ? { ...cycle.dossier, documents: record.lastDossierDocuments } : null,
    decisions: record.decisions,
    reviews: record.reviews,
    suspension: state.status === 'suspended' ? state.suspension : null,
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

interface RegulationRecord {
  revisions: RevisionDto[];
  comments: CommentDto[];
  critiques: CritiqueDto[];
  votes: VoteDto[];
  decisions: DecisionDto[];
  reviews: ReviewDto[];
  lastDossierDocuments: string[];
}

/** Walks the events once, collecting what the folded state does not keep (texts, contents, notes). */
function readRecord(entries: readonly TimelineEntry[]): RegulationRecord {
  const record: RegulationRecord = { revisions: [], comments: [], critiques: [], votes: [], decisions: [], reviews: [], lastDossierDocuments: [] };
  let consultation = 0;
  let recognizedRevision = 0;
  for (const entry of entries) {
    const { event, occurredAt, actor } = entry;
    switch (event.type) {
      case 'RegulationDrafted':
        record.revisions.push({ revision: 1, origin: 'drafted', title: event.data.title, text: event.data.text, summary: null, occurredAt, actor });
        break;
      case 'DraftRevised':
        record.revisions.push({
          revision: event.data.revision,
          origin: 'revised',
          title: event.data.title,
          text: event.data.text,
          summary: event.data.summary,
          occurredAt,
          actor,
        });
        break;
      case 'AmendmentStarted':
        record.revisions.push({
          revision: recognizedRevision + 1,
          origin: 'amendment',
          title: event.data.title,
          text: event.data.text,
          summary: event.data.reason,
          occurredAt,
          actor,
        });
        break;
      case 'ConsultationOpened':
        consultation += 1;
        break;
      case 'CommentRecorded':
        record.comments.push({
          commentId: event.data.commentId,
          consultation,
          channel: event.data.channel,
          content: event.data.content,
          receivedOn: event.data.receivedOn,
          disposition: null,
          dispositionReason: null,
        });
        break;
      case 'CommentDisposed': {
        const comment = [...record.comments].reverse().find((c) => c.commentId === event.data.commentId && c.consultation === consultation);
        if (comment) {
          comment.disposition = event.data.disposition;
          comment.dispositionReason = event.data.reason;
        }
        break;
      }
      case 'CritiqueSubmitted':
        record.critiques.push({ content: event.data.content, submittedOn: event.data.submittedOn, actor });
        break;
      case 'VoteRecorded':
        record.votes.push({ ...event.data });
        break;
      case 'DossierSubmitted':
        record.lastDossierDocuments = [...event.data.documents];
        break;
      case 'RegulationRecognized':
        recognizedRevision = event.data.revision;
        record.decisions.push({
          decisionNo: event.data.decisionNo,
          decidedOn: event.data.decidedOn,
          authority: event.data.authority,
          revision: event.data.revision,
          amendment: event.data.amendment,
        });
        break;
      case 'AnnualReviewRecorded':
        record.reviews.push({ outcome: event.data.outcome, reviewedOn: event.data.reviewedOn, notes: event.data.notes });
        break;
      default:
        break;
    }
  }
  return record;
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
