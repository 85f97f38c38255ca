import { allowedActions, EventEnvelope, EventType, fold, nextDeadline, RegulationEvent } from '@app/domain';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStore } from './event-store';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { ApprovalTaskEntity } from './approval-task.entity';
import { RegulationEntity } from './regulation.entity';
import {
  amendmentToRecognition,
  appendBatches,
  conventionToRecognition,
  RegulationHistory,
  system,
} from './testing/regulation-history';

let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});
afterAll(() => db?.drop());

/** The data of an event of the given type, refusing any other type. */
function dataOf<T extends EventType>(event: EventEnvelope, type: T): DataOf<T> {
  if (event.type !== type) throw new Error(`expected ${type}, found ${event.type}`);
  return event.data as unknown as DataOf<T>;
}
type DataOf<T extends EventType> = Extract<RegulationEvent, { type: T }>['data'];

const row = (regulationId: string) => db.dataSource.getRepository(RegulationEntity).findOneByOrFail({ regulationId });

describe('projections', () => {
  it('projects the regulation row and timeline of a convention from its draft to recognition', async () => {
    const history = new RegulationHistory();
    const batches = conventionToRecognition(history);
    await appendBatches(store, batches);
    const events = batches.flat();
    const state = fold(history.regulationId, events.map((e) => ({ type: e.type, data: e.data }) as RegulationEvent));
    const stored = await store.readStream(history.regulationId);

    expect(await row(history.regulationId)).toEqual({
      regulationId: history.regulationId,
      wardCode: 'hang-bac',
      kind: 'community_convention',
      title: state.title,
      stage: 'in_force',
      status: 'in_force',
      regimeId: state.regimeId,
      version: 10,
      startedOn: '2025-03-01',
      inForceFrom: '2025-04-18',
      firstInForceOn: '2025-04-18',
      nextReviewDueOn: state.nextReviewDueOn,
      consultationClosesAt: null,
      dueStep: 'annual_review',
      dueOn: nextDeadline(state)!.dueOn,
      amendmentStage: null,
      allowedActions: allowedActions(state),
      state,
      record: expect.any(Object),
      createdAt: new Date(events[0].metadata.occurredAt),
      updatedAt: new Date(events[9].metadata.occurredAt),
      lastGlobalPosition: stored[9].globalPosition,
    });
    const { record } = (await row(history.regulationId))!;
    expect(record.revisions.map((r) => [r.revision, r.origin, r.actor.id])).toEqual([
      [1, 'drafted', 'officer-1'],
      [2, 'revised', 'officer-1'],
    ]);
    expect(record.comments).toEqual([
      expect.objectContaining({ commentId: 'c1', consultation: 1, disposition: dataOf(events[5], 'CommentDisposed').disposition, receivedOn: dataOf(events[3], 'CommentRecorded').receivedOn }),
    ]);
    expect(record.votes).toEqual([events[6].data]);
    expect(record.lastDossierDocuments).toEqual(dataOf(events[7], 'DossierSubmitted').documents);
    expect(record.decisions).toEqual([expect.objectContaining({ decidedOn: '2025-04-18', revision: 2, amendment: false })]);

    const timeline = await db.dataSource
      .getRepository(RegulationTimelineEntity)
      .find({ where: { regulationId: history.regulationId }, order: { streamPosition: 'ASC' } });
    expect(timeline.map((t) => t.eventType)).toEqual([
      'RegulationDrafted',
      'DraftRevised',
      'ConsultationOpened',
      'CommentRecorded',
      'ConsultationClosed',
      'CommentDisposed',
      'VoteRecorded',
      'DossierSubmitted',
      'ReviewStarted',
      'RegulationRecognized',
    ]);
    expect(timeline[3]).toMatchObject({ actorId: 'officer-1', actorRole: 'officer', reason: 'họp tổ dân phố' });
    expect(timeline[4]).toMatchObject({ actorId: 'system', actorRole: 'system', data: events[4].data });
    expect(timeline[9]).toEqual({
      globalPosition: stored[9].globalPosition,
      regulationId: history.regulationId,
      streamPosition: 10,
      eventType: 'RegulationRecognized',
      occurredAt: new Date(events[9].metadata.occurredAt),
      actorId: 'approver-1',
      actorRole: 'ward_chair',
      reason: null,
      legalBasis: 'Nghị định 61/2023/NĐ-CP, Điều 12',
      commandId: events[9].metadata.commandId,
      data: events[9].data,
      wardCode: 'hang-bac',
      kind: 'community_convention',
      factOn: '2025-04-18',
      stage: 'in_force',
      pending: false,
      decisionDueOn: null,
      reviewOutstanding: false,
      amending: false,
    });
    // The stage history: each row says the stage its event led to and the legal date of its fact.
    expect(timeline.map((t) => t.stage)).toEqual([
      'drafting',
      'drafting',
      'consultation',
      'consultation',
      'revising',
      'revising',
      'adopted',
      'submitted',
      'under_review',
      'in_force',
    ]);
    expect(timeline[6].factOn).toBe(dataOf(events[6], 'VoteRecorded').heldOn);
    const dossier = dataOf(events[7], 'DossierSubmitted');
    expect(timeline[7]).toMatchObject({ pending: true, decisionDueOn: dossier.decisionDueOn, factOn: dossier.submittedOn });
    expect(timeline[8]).toMatchObject({ pending: true, decisionDueOn: dossier.decisionDueOn });
  });

  it('shows the open consultation, the pending decision and a running amendment', async () => {
    const history = new RegulationHistory();
    const batches = conventionToRecognition(history);
    await appendBatches(store, batches.slice(0, 3));
    const closesAt = (batches[2][0].data as { closesAt: string }).closesAt;
    expect(await row(history.regulationId)).toMatchObject({
      stage: 'consultation',
      consultationClosesAt: new Date(closesAt),
      dueStep: 'consultation_close',
      allowedActions: expect.arrayContaining(['RecordComment', 'CloseConsultation']),
    });

    await appendBatches(store, batches.slice(3, 8));
    expect(await row(history.regulationId)).toMatchObject({
      stage: 'submitted',
      consultationClosesAt: null,
      dueStep: 'decision',
    });

    await appendBatches(store, [...batches.slice(8), amendmentToRecognition(history)[0]]);
    expect(await row(history.regulationId)).toMatchObject({
      stage: 'in_force',
      amendmentStage: 'drafting',
      inForceFrom: '2025-04-18',
    });
  });

  it('moves a pending task with its regulation to the ward that succeeds its dissolved one', async () => {
    const history = new RegulationHistory();
    await appendBatches(store, conventionToRecognition(history).slice(0, 8));
    const task = () => db.dataSource.getRepository(ApprovalTaskEntity).findOneByOrFail({ regulationId: history.regulationId, step: 'dossier_decision' });
    expect(await task()).toMatchObject({ wardCode: 'hang-bac', authorityUnit: 'hang-bac', status: 'open' });
    const transfer = { type: 'TransferUnit', toWardCode: 'hoan-kiem-2025', effectiveOn: '2025-07-01', legalBasis: 'Nghị quyết 1656/NQ-UBTVQH15' } as const;
    await appendBatches(store, [history.at('2025-07-02T03:00:00.000Z').run(transfer, { actor: system })]);
    expect(await task()).toMatchObject({ wardCode: 'hoan-kiem-2025', authority: 'ward_peoples_committee', candidateRole: 'ward_chair', authorityUnit: 'hoan-kiem-2025', status: 'open' });
  });
});
