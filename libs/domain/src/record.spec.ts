import type { RegulationEvent } from './events';
import { emptyRecord, factDateOf, RecordedBy, recordEvent, RegulationRecord } from './record';

const officer: RecordedBy = { occurredAt: '2025-03-03T02:00:00.000Z', actor: { id: 'officer-1', role: 'officer' } };
const front: RecordedBy = { occurredAt: '2025-03-05T02:00:00.000Z', actor: { id: 'front-1', role: 'front' } };

function recordOf(events: [RegulationEvent, RecordedBy?][]): RegulationRecord {
  return events.reduce((record, [event, by]) => recordEvent(record, event, by ?? officer), emptyRecord());
}

const drafted: RegulationEvent = {
  type: 'RegulationDrafted',
  data: {
    regulationId: 'reg-1',
    wardCode: 'hang-bac',
    kind: 'community_convention',
    title: 'Hương ước tổ 5',
    text: 'Điều 1.',
    residentialGroup: 'Tổ 5',
    startedOn: '2025-03-03',
    regimeId: 'decree-61-2023',
  },
};
const consultation: RegulationEvent = {
  type: 'ConsultationOpened',
  data: { openedAt: '2025-03-09T17:30:00.000Z', closesAt: '2025-04-09T17:00:00.000Z', minimumEndsAt: '2025-04-09T17:00:00.000Z', days: 30, channels: ['meeting'] },
};
const comment = (commentId: string): RegulationEvent => ({
  type: 'CommentRecorded',
  data: { commentId, channel: 'meeting', content: `ý kiến ${commentId}`, receivedOn: '2025-03-12' },
});
const recognized = (revision: number, amendment: boolean): RegulationEvent => ({
  type: 'RegulationRecognized',
  data: {
    decisionNo: `${revision}/QĐ-UBND`,
    decidedOn: '2025-07-14',
    authority: 'ward_peoples_committee',
    revision,
    amendment,
    title: 'Hương ước tổ 5',
    text: 'Điều 1.',
    nextReviewDueOn: '2026-07-14',
  },
});

describe('recordEvent', () => {
  it('keeps every revision with its origin, author and time, numbering an amendment after the recognized revision', () => {
    const record = recordOf([
      [drafted],
      [{ type: 'DraftRevised', data: { revision: 2, title: 'Hương ước tổ 5 (sửa)', text: 'Điều 1. Điều 2.', summary: 'thêm điều 2' } }],
      [recognized(2, false)],
      [{ type: 'AmendmentStarted', data: { title: 'Hương ước tổ 5', text: 'Điều 1. Điều 2. Điều 3.', reason: 'luật mới', startedOn: '2026-01-05', regimeId: 'decree-61-2023' } } as RegulationEvent],
    ]);
    expect(record.revisions.map(({ revision, origin, summary }) => ({ revision, origin, summary }))).toEqual([
      { revision: 1, origin: 'drafted', summary: null },
      { revision: 2, origin: 'revised', summary: 'thêm điều 2' },
      { revision: 3, origin: 'amendment', summary: 'luật mới' },
    ]);
    expect(record.revisions[0]).toMatchObject({ text: 'Điều 1.', occurredAt: officer.occurredAt, actor: officer.actor });
    expect(record.decisions).toEqual([{ decisionNo: '2/QĐ-UBND', decidedOn: '2025-07-14', authority: 'ward_peoples_committee', revision: 2, amendment: false }]);
  });

  it('numbers comments by consultation and disposes the one of the current consultation only', () => {
    const record = recordOf([
      [drafted],
      [consultation],
      [comment('c1')],
      [consultation],
      [comment('c1')],
      [{ type: 'CommentDisposed', data: { commentId: 'c1', disposition: 'not_accepted', reason: 'không phù hợp' } }],
      [{ type: 'CommentDisposed', data: { commentId: 'missing', disposition: 'accepted', reason: null } }],
    ]);
    expect(record.comments.map(({ consultation: n, disposition, dispositionReason }) => ({ n, disposition, dispositionReason }))).toEqual([
      { n: 1, disposition: null, dispositionReason: null },
      { n: 2, disposition: 'not_accepted', dispositionReason: 'không phù hợp' },
    ]);
  });

  it('records critiques with their author, votes, the last dossier’s documents and reviews; leaves the given record as it was', () => {
    const before = recordOf([[drafted]]);
    const after = recordOf([
      [drafted],
      [{ type: 'CritiqueSubmitted', data: { content: 'Phản biện', submittedOn: '2025-03-07' } }, front],
      [{ type: 'VoteRecorded', data: { round: 1, method: 'meeting', heldOn: '2025-04-20', totalHouseholds: 120, present: 80, approving: 70, quorumMet: true, adopted: true } }],
      [{ type: 'DossierSubmitted', data: { documents: ['request_form_01'] } } as unknown as RegulationEvent],
      [{ type: 'DossierSubmitted', data: { documents: ['request_form_01', 'adopted_text'] } } as unknown as RegulationEvent],
      [{ type: 'AnnualReviewRecorded', data: { outcome: 'keep', reviewedOn: '2026-11-18', notes: 'giữ nguyên' } } as RegulationEvent],
    ]);
    expect(after.critiques).toEqual([{ content: 'Phản biện', submittedOn: '2025-03-07', actor: front.actor }]);
    expect(after.votes).toHaveLength(1);
    expect(after.lastDossierDocuments).toEqual(['request_form_01', 'adopted_text']);
    expect(after.reviews).toEqual([{ outcome: 'keep', reviewedOn: '2026-11-18', notes: 'giữ nguyên' }]);
    const untouched = recordEvent(before, comment('c9'), officer);
    expect(before.comments).toEqual([]);
    expect(untouched.comments).toHaveLength(1);
  });
});

describe('factDateOf', () => {
  it('is the legal date the event carries', () => {
    expect(factDateOf(drafted, officer.occurredAt)).toBe('2025-03-03');
    expect(factDateOf(recognized(1, false), '2025-08-01T02:00:00.000Z')).toBe('2025-07-14');
    expect(factDateOf(comment('c1'), officer.occurredAt)).toBe('2025-03-12');
  });

  it('reads an instant in Vietnamese time: 00:30 on 10 March in Hà Nội is 17:30 UTC the day before', () => {
    expect(factDateOf(consultation, officer.occurredAt)).toBe('2025-03-10');
    expect(factDateOf({ type: 'RegulationWithdrawn', data: { reason: 'trùng', withdrawnAt: '2025-06-30T17:01:00.000Z' } }, officer.occurredAt)).toBe('2025-07-01');
  });

  it('falls back to the Vietnamese day the event was recorded when it carries no legal date', () => {
    expect(factDateOf({ type: 'TaskClaimed', data: { taskId: 't1', assignee: 'chair-1' } }, '2025-12-31T17:00:00.000Z')).toBe('2026-01-01');
  });
});
