/**
 * The written record of a regulation: what its events say that the lifecycle state does not keep (every
 * revision's text, comments with their contents and dispositions, critiques, votes, decisions, reviews, the
 * documents of the last dossier), and the legal date of the fact each event records. Kept by the projector
 * next to the state, so the views read it instead of walking the events again.
 */
import { civilDateInVietnam, type CivilDate } from './calendar';
import type { ReviewOutcome } from './catalogue';
import type { ActorRef, CommentChannel, Disposition } from './commands';
import type { RegulationEvent } from './events';
import type { ConferenceState, VoteState } from './state';

export interface RevisionRecord {
  revision: number;
  origin: 'drafted' | 'revised' | 'amendment';
  title: string;
  text: string;
  summary: string | null;
  occurredAt: string;
  actor: ActorRef;
}

export interface CommentRecord {
  commentId: string;
  /** Which consultation of the regulation received it (1 = the first). */
  consultation: number;
  channel: CommentChannel;
  content: string;
  receivedOn: CivilDate;
  disposition: Disposition | null;
  dispositionReason: string | null;
}

export interface CritiqueRecord {
  content: string;
  submittedOn: CivilDate;
  actor: ActorRef;
}

export interface DecisionRecord {
  decisionNo: string;
  decidedOn: CivilDate;
  authority: string;
  revision: number;
  amendment: boolean;
}

export interface ReviewRecord {
  outcome: ReviewOutcome;
  reviewedOn: CivilDate;
  notes: string;
}

export interface RegulationRecord {
  revisions: RevisionRecord[];
  comments: CommentRecord[];
  critiques: CritiqueRecord[];
  votes: VoteState[];
  /** The conferences that discussed the drafts (an agency's regulation). Absent until one was held. */
  conferences?: ConferenceState[];
  decisions: DecisionRecord[];
  reviews: ReviewRecord[];
  lastDossierDocuments: string[];
  /** Consultations opened so far: numbers the comments. */
  consultations: number;
  /** The revision of the last recognized text: numbers an amendment's first draft. */
  recognizedRevision: number;
}

/** Who recorded an event and when, as its metadata says. */
export interface RecordedBy {
  occurredAt: string;
  actor: ActorRef;
}

export function emptyRecord(): RegulationRecord {
  return {
    revisions: [],
    comments: [],
    critiques: [],
    votes: [],
    decisions: [],
    reviews: [],
    lastDossierDocuments: [],
    consultations: 0,
    recognizedRevision: 0,
  };
}

/** The record after one more event. Pure: returns a new record, the given one is left as it was. */
export function recordEvent(record: RegulationRecord, event: RegulationEvent, { occurredAt, actor }: RecordedBy): RegulationRecord {
  switch (event.type) {
    case 'RegulationDrafted':
      return withRevision(record, { revision: 1, origin: 'drafted', title: event.data.title, text: event.data.text, summary: null, occurredAt, actor });
    case 'DraftRevised': {
      const { revision, title, text, summary } = event.data;
      return withRevision(record, { revision, origin: 'revised', title, text, summary, occurredAt, actor });
    }
    case 'AmendmentStarted': {
      const { title, text, reason } = event.data;
      return withRevision(record, { revision: record.recognizedRevision + 1, origin: 'amendment', title, text, summary: reason, occurredAt, actor });
    }
    case 'ConsultationOpened':
      return { ...record, consultations: record.consultations + 1 };
    case 'CommentRecorded': {
      const { commentId, channel, content, receivedOn } = event.data;
      const comment: CommentRecord = { commentId, consultation: record.consultations, channel, content, receivedOn, disposition: null, dispositionReason: null };
      return { ...record, comments: [...record.comments, comment] };
    }
    case 'CommentDisposed': {
      const { commentId, disposition, reason } = event.data;
      let index = record.comments.length - 1;
      while (index >= 0 && !(record.comments[index].commentId === commentId && record.comments[index].consultation === record.consultations)) index -= 1;
      if (index < 0) return record;
      const comments = record.comments.map((c, i) => (i === index ? { ...c, disposition, dispositionReason: reason } : c));
      return { ...record, comments };
    }
    case 'CritiqueSubmitted':
      return { ...record, critiques: [...record.critiques, { content: event.data.content, submittedOn: event.data.submittedOn, actor }] };
    case 'VoteRecorded':
      return { ...record, votes: [...record.votes, { ...event.data }] };
    case 'ConferenceHeld':
      return { ...record, conferences: [...(record.conferences ?? []), { ...event.data }] };
    case 'DossierSubmitted':
      return { ...record, lastDossierDocuments: [...event.data.documents] };
    case 'RegulationRecognized': {
      const { decisionNo, decidedOn, authority, revision, amendment } = event.data;
      return { ...record, recognizedRevision: revision, decisions: [...record.decisions, { decisionNo, decidedOn, authority, revision, amendment }] };
    }
    case 'AnnualReviewRecorded': {
      const { outcome, reviewedOn, notes } = event.data;
      return { ...record, reviews: [...record.reviews, { outcome, reviewedOn, notes }] };
    }
    default:
      return record;
  }
}

function withRevision(record: RegulationRecord, revision: RevisionRecord): RegulationRecord {
  return { ...record, revisions: [...record.revisions, revision] };
}

/**
 * The civil date (Vietnam) of the fact an event records: its legal date when it carries one (the day a vote was
 * held, a decision signed, a comment received), else the day it was recorded. Reports count facts by this date.
 */
export function factDateOf(event: RegulationEvent, occurredAt: string): CivilDate {
  switch (event.type) {
    case 'RegulationDrafted':
    case 'AmendmentStarted':
      return event.data.startedOn;
    case 'ConsultationOpened':
      return civilDateInVietnam(Date.parse(event.data.openedAt));
    case 'ConsultationClosed':
      return event.data.closedOn;
    case 'CommentRecorded':
      return event.data.receivedOn;
    case 'CritiqueSubmitted':
    case 'DossierSubmitted':
      return event.data.submittedOn;
    case 'VoteRecorded':
    case 'ConferenceHeld':
      return event.data.heldOn;
    case 'RegulationRecognized':
      return event.data.decidedOn;
    case 'DossierReturned':
      return event.data.returnedOn;
    case 'RegulationWithdrawn':
    case 'AmendmentWithdrawn':
      return civilDateInVietnam(Date.parse(event.data.withdrawnAt));
    case 'AnnualReviewDue':
      return event.data.dueOn;
    case 'AnnualReviewRecorded':
      return event.data.reviewedOn;
    case 'ProposalRecorded':
      return event.data.proposedOn;
    case 'DraftingGroupFormed':
      return event.data.formedOn;
    case 'NameChosen':
      return event.data.decidedOn;
    case 'TextSigned':
      return event.data.signedOn;
    case 'TextStamped':
      return event.data.stampedOn;
    case 'DisclosureRecorded':
      return event.data.disclosedOn;
    case 'ReviewDayAgreed':
      return event.data.agreedOn;
    case 'ComplaintReceived':
      return event.data.receivedOn;
    case 'ComplaintDismissed':
      return event.data.answeredOn;
    case 'RegulationSuspended':
      return event.data.suspendedOn;
    case 'RegulationResumed':
      return event.data.resumedOn;
    case 'RedraftDeadlinePassed':
      return event.data.passedOn;
    case 'SuspensionLifted':
      return event.data.liftedOn;
    case 'RegulationTransferred':
      return event.data.effectiveOn;
    case 'RegulationRepealed':
      return event.data.repealedOn;
    default:
      return civilDateInVietnam(Date.parse(occurredAt));
  }
}
