/** Test helper: a regulation driven through the real decider, yielding the event batches its workflow would append. */
import { randomUUID } from 'node:crypto';
import {
  Actor,
  decide,
  EVENT_SCHEMA_VERSION,
  EventEnvelope,
  evolve,
  initialState,
  KindId,
  RegulationCommand,
  RegulationState,
} from '@app/domain';
import type { EventStore } from '../event-store';

export const officer: Actor = { id: 'officer-1', role: 'officer', wards: ['hang-bac'] };
/** The ward chair: the ward People's Committee decides dossiers of 2025 (Decree 61/2023). */
export const approver: Actor = { id: 'approver-1', role: 'ward_chair', wards: ['hang-bac'] };
export const front: Actor = { id: 'front-1', role: 'front', wards: ['hang-bac'] };
export const system: Actor = { id: 'system', role: 'system', wards: ['hang-bac'] };

const DAY_MS = 86_400_000;

export class RegulationHistory {
  state: RegulationState;
  now: string;
  private commands = 0;

  constructor(
    readonly regulationId = `reg-${randomUUID()}`,
    readonly start = '2025-03-03T02:00:00.000Z',
  ) {
    this.state = initialState(regulationId);
    this.now = start;
  }

  get version(): number {
    return this.state.version;
  }

  /** Moves the clock to `days` after the start, or to an ISO instant. */
  at(when: number | string): this {
    this.now = typeof when === 'string' ? when : new Date(Date.parse(this.start) + when * DAY_MS).toISOString();
    return this;
  }

  /** Decides `command` at the current clock and returns the envelopes, as the workflow builds them. */
  run(
    command: RegulationCommand,
    options: { actor?: Actor; reason?: string; legalBasis?: string } = {},
  ): EventEnvelope[] {
    const actor = options.actor ?? officer;
    const commandId = `${this.regulationId}:cmd-${++this.commands}`;
    const events = decide({ commandId, actor, command }, this.state, this.now);
    this.state = events.reduce(evolve, this.state);
    return events.map((event) => ({
      eventId: randomUUID(),
      streamId: this.regulationId,
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSION,
      data: event.data,
      metadata: {
        actor: { id: actor.id, role: actor.role },
        commandId,
        correlationId: commandId,
        occurredAt: this.now,
        reason: options.reason ?? null,
        legalBasis: options.legalBasis ?? null,
      },
    }));
  }
}

export function createDraft(history: RegulationHistory, kind: KindId = 'community_convention'): EventEnvelope[] {
  return history.run({
    type: 'CreateDraft',
    regulationId: history.regulationId,
    wardCode: 'hang-bac',
    kind,
    title: 'Quy ước nếp sống văn minh, môi trường xanh sạch đẹp',
    text: 'Điều 1. Phạm vi điều chỉnh…',
    residentialGroup: 'TDP số 3',
    startedOn: '2025-03-01',
  });
}

/**
 * A community convention from its draft to recognition, one batch per command:
 * RegulationDrafted → DraftRevised → ConsultationOpened → CommentRecorded → ConsultationClosed →
 * CommentDisposed → VoteRecorded(adopted) → DossierSubmitted → ReviewStarted → RegulationRecognized.
 */
export function conventionToRecognition(history: RegulationHistory): EventEnvelope[][] {
  return [
    createDraft(history),
    history.at(1).run({ type: 'ReviseDraft', text: 'Điều 1 (sửa đổi)…', summary: 'bổ sung giờ đổ rác' }),
    history.at(2).run({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'comment_box'] }),
    history.at(5).run(
      {
        type: 'RecordComment',
        commentId: 'c1',
        channel: 'meeting',
        content: 'Thêm quy định giờ đổ rác',
        receivedOn: '2025-03-08',
      },
      { reason: 'họp tổ dân phố' },
    ),
    history.at(32).run({ type: 'CloseConsultation' }, { actor: system }),
    history.at(33).run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' }),
    history.at(38).run({
      type: 'RecordVote',
      method: 'meeting',
      heldOn: '2025-04-10',
      totalHouseholds: 120,
      present: 80,
      approving: 70,
    }),
    history.at(42).run({
      type: 'SubmitDossier',
      submittedOn: '2025-04-14',
      documents: ['request_form_01', 'minutes_form_02', 'adopted_text'],
    }),
    history.at(43).run({ type: 'StartReview' }, { actor: approver }),
    history.at(46).run(
      { type: 'Recognize', decisionNo: '15/QĐ-UBND', decidedOn: '2025-04-18' },
      { actor: approver, legalBasis: 'Nghị định 61/2023/NĐ-CP, Điều 12' },
    ),
  ];
}

/** An amendment of a recognized convention, run to its own recognition. */
export function amendmentToRecognition(history: RegulationHistory): EventEnvelope[][] {
  return [
    history
      .at(91)
      .run({ type: 'StartAmendment', text: 'Điều 1 (sửa đổi 2025)…', startedOn: '2025-06-02', reason: 'luật mới' }),
    history.at(92).run({ type: 'ReviseDraft', text: 'Điều 1 (sửa đổi 2025, lần 2)…', summary: 'chỉnh câu chữ' }),
    history.at(93).run({ type: 'OpenConsultation', days: 30, channels: ['online'] }),
    history.at(123).run({ type: 'CloseConsultation' }, { actor: system }),
    history.at(125).run({
      type: 'RecordVote',
      method: 'meeting',
      heldOn: '2025-07-08',
      totalHouseholds: 120,
      present: 90,
      approving: 85,
    }),
    history.at(126).run({
      type: 'SubmitDossier',
      submittedOn: '2025-07-09',
      documents: ['request_form_01', 'minutes_form_02', 'adopted_text'],
    }),
    history.at(127).run({ type: 'StartReview' }, { actor: approver }),
    history.at(130).run({ type: 'Recognize', decisionNo: '27/QĐ-UBND', decidedOn: '2025-07-14' }, { actor: approver }),
  ];
}

/** Appends each batch at the stream's current version, in order. */
export async function appendBatches(store: EventStore, batches: readonly EventEnvelope[][]): Promise<void> {
  for (const batch of batches) {
    const streamId = batch[0].streamId;
    await store.append(streamId, await store.currentVersion(streamId), batch);
  }
}
