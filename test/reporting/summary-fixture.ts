/**
 * A hand-built event log of three wards in 2025 (envelopes written directly, not decided), with the figures of
 * its first-half report worked out by hand in `expectedH1`.
 */
import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSION, EventEnvelope, KindId, RegulationEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';

/** An instant given as Vietnamese local time 'YYYY-MM-DD HH:mm'. */
export function vn(local: string): string {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();
}

export class StreamBuilder {
  readonly events: EventEnvelope[] = [];

  constructor(
    readonly id: string,
    readonly ward: string,
    readonly kind: KindId,
  ) {}

  add<E extends RegulationEvent>(type: E['type'], data: E['data'], occurredAt: string): this {
    this.events.push({
      eventId: randomUUID(),
      streamId: this.id,
      type,
      schemaVersion: EVENT_SCHEMA_VERSION,
      data,
      metadata: {
        actor: { id: 'officer', role: 'officer' },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        occurredAt,
        reason: null,
        legalBasis: null,
      },
    } as EventEnvelope);
    return this;
  }

  drafted(startedOn: string, at = vn(`${startedOn} 09:00`)): this {
    return this.add('RegulationDrafted', {
      regulationId: this.id,
      wardCode: this.ward,
      kind: this.kind,
      title: `Quy ước ${this.id}`,
      text: 'Điều 1.',
      residentialGroup: null,
      startedOn,
      regimeId: 'decree-61-2023',
    }, at);
  }

  consultation(openedOn: string, closedOn: string): this {
    const openedAt = vn(`${openedOn} 00:00`);
    const closesAt = vn(`${closedOn} 00:00`);
    return this.add('ConsultationOpened', { openedAt, closesAt, minimumEndsAt: closesAt, days: 30, channels: ['meeting'] }, vn(`${openedOn} 09:00`))
      .add('ConsultationClosed', { closedAt: closesAt, closedOn, automatic: true, comments: 0 }, vn(`${closedOn} 00:00`));
  }

  comment(commentId: string, receivedOn: string, disposition: 'accepted' | 'partly_accepted' | 'not_accepted', disposedOn: string): this {
    return this.add('CommentRecorded', { commentId, channel: 'meeting', content: 'ý kiến', receivedOn }, vn(`${receivedOn} 10:00`)).add(
      'CommentDisposed',
      { commentId, disposition, reason: disposition === 'accepted' ? null : 'không phù hợp' },
      vn(`${disposedOn} 10:00`),
    );
  }

  vote(heldOn: string, totalHouseholds: number, present: number, approving: number): this {
    const quorumMet = present * 2 > totalHouseholds;
    return this.add(
      'VoteRecorded',
      { round: 1, method: 'meeting', heldOn, totalHouseholds, present, approving, quorumMet, adopted: quorumMet && approving * 2 > totalHouseholds },
      vn(`${heldOn} 20:00`),
    );
  }

  dossier(submittedOn: string, decisionDueOn: string, late = false): this {
    return this.add(
      'DossierSubmitted',
      {
        submittedOn,
        documents: ['request_form_01', 'minutes_form_02', 'adopted_text'],
        submissionDueOn: submittedOn,
        late,
        decisionDueOn,
        authority: 'ward_peoples_committee',
      },
      vn(`${submittedOn} 09:00`),
    ).add('ReviewStarted', { startedAt: vn(`${submittedOn} 10:00`) }, vn(`${submittedOn} 10:00`));
  }

  recognized(decidedOn: string, at = vn(`${decidedOn} 15:00`), amendment = false): this {
    return this.add(
      'RegulationRecognized',
      {
        decisionNo: `${this.id}/QĐ-UBND`,
        decidedOn,
        authority: 'ward_peoples_committee',
        revision: 1,
        title: `Quy ước ${this.id}`,
        text: 'Điều 1.',
        amendment,
        nextReviewDueOn: `${Number(decidedOn.slice(0, 4)) + 1}${decidedOn.slice(4)}`,
      },
      at,
    );
  }
}

export async function appendStreams(store: EventStore, streams: StreamBuilder[]): Promise<void> {
  for (const stream of streams) {
    await store.append(stream.id, await store.currentVersion(stream.id), stream.events);
  }
}

/** The fixture: ids are prefixed so several fixtures could share a database. */
export function fixture2025(prefix: string) {
  const id = (s: string) => `${prefix}-${s}`;
  const a1 = new StreamBuilder(id('a1'), 'hang-bac', 'community_convention')
    .drafted('2025-01-06')
    .consultation('2025-01-07', '2025-02-06')
    .comment('c1', '2025-01-10', 'accepted', '2025-02-10')
    .comment('c2', '2025-01-12', 'not_accepted', '2025-02-10')
    .vote('2025-02-20', 100, 70, 60)
    .dossier('2025-02-24', '2025-03-03')
    .recognized('2025-02-27');
  const a2 = new StreamBuilder(id('a2'), 'hang-bac', 'community_convention')
    .drafted('2025-03-03')
    .consultation('2025-03-04', '2025-04-03')
    .vote('2025-04-15', 80, 30, 30);
  const a3 = new StreamBuilder(id('a3'), 'hang-bac', 'democracy_regulation')
    .drafted('2025-02-03')
    .consultation('2025-02-04', '2025-03-06')
    .add('CritiqueSubmitted', { content: 'phản biện', submittedOn: '2025-03-01' }, vn('2025-03-01 09:00'))
    .recognized('2025-03-20')
    .add('RegulationRepealed', { repealedOn: '2025-05-10', decisionNo: '9/QĐ', reason: 'trái luật' }, vn('2025-05-10 09:00'));
  const b1 = new StreamBuilder(id('b1'), 'hang-dao', 'community_convention')
    .drafted('2025-01-13')
    .consultation('2025-01-14', '2025-02-13')
    .vote('2025-03-10', 50, 40, 30)
    .dossier('2025-03-12', '2025-03-19');
  const b2 = new StreamBuilder(id('b2'), 'hang-dao', 'community_convention')
    .drafted('2025-02-10')
    .add('RegulationWithdrawn', { reason: 'gộp', withdrawnAt: vn('2025-04-02 09:00') }, vn('2025-04-02 09:00'));
  const c1 = new StreamBuilder(id('c1'), 'trang-tien', 'community_convention')
    .drafted('2025-02-17')
    .consultation('2025-02-18', '2025-03-20')
    .vote('2025-04-10', 60, 50, 45)
    .dossier('2025-04-21', '2025-04-28')
    .recognized('2025-05-05');
  // The period boundary: 23:59 on 30 June (local) is in the first half, 00:01 on 1 July is not.
  const c2 = new StreamBuilder(id('c2'), 'trang-tien', 'democracy_regulation').drafted('2025-06-30', vn('2025-06-30 23:59'));
  const c3 = new StreamBuilder(id('c3'), 'trang-tien', 'democracy_regulation').drafted('2025-07-01', vn('2025-07-01 00:01'));
  return { streams: [a1, a2, a3, b1, b2, c1, c2, c3], a1, a2, a3, b1, b2, c1, c2, c3 };
}
