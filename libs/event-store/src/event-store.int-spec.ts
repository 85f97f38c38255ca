import { Client } from 'pg';
import { AppendMismatchError, ConcurrencyError, DomainError, EventEnvelope, fold, LogBehindError, RegulationEvent } from '@app/domain';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStore } from './event-store';
import { appendBatches, conventionToRecognition, createDraft, RegulationHistory } from './testing/regulation-history';

let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});
afterAll(() => db?.drop());

const domainEvents = (batch: readonly EventEnvelope[]) =>
  batch.map((e) => ({ type: e.type, data: e.data }) as RegulationEvent);

async function rejection(promise: Promise<unknown>, kind: new (...args: never[]) => DomainError = ConcurrencyError): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as DomainError;
}

/** A drafted regulation plus two alternative next batches, both decided at version 1. */
async function draftedWithRivals(): Promise<{ history: RegulationHistory; a: EventEnvelope[]; b: EventEnvelope[] }> {
  const history = new RegulationHistory();
  await store.append(history.regulationId, 0, createDraft(history));
  const fork = { ...history.state };
  const a = history.at(1).run({ type: 'ReviseDraft', text: 'A', summary: 'a' });
  history.state = fork;
  const b = history.at(1).run({ type: 'ReviseDraft', text: 'B', summary: 'b' });
  return { history, a, b };
}

describe('EventStore', () => {
  describe('schema', () => {
    it('has exactly the tables, columns and indexes the entities declare', async () => {
      const pending = await db.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });
  });

  describe('append', () => {
    it('stores a batch at positions expectedVersion+1… and reads it back in order', async () => {
      const history = new RegulationHistory();
      const [first, second] = conventionToRecognition(history);
      const r1 = await store.append(history.regulationId, 0, first);
      const r2 = await store.append(history.regulationId, 1, second);
      expect(r1).toEqual({ version: 1, appended: true, firstGlobalPosition: expect.any(String), events: expect.any(Array) });
      expect(r2.version).toBe(2);
      expect(BigInt(r2.firstGlobalPosition!)).toBeGreaterThan(BigInt(r1.firstGlobalPosition!));

      const stored = await store.readStream(history.regulationId);
      expect(stored.map((e) => [e.streamPosition, e.type, e.eventId])).toEqual([
        [1, 'RegulationDrafted', first[0].eventId],
        [2, 'DraftRevised', second[0].eventId],
      ]);
      expect(stored[0]).toMatchObject({ data: first[0].data, metadata: first[0].metadata, schemaVersion: 1 });
      expect(await store.readStream(history.regulationId, { fromPosition: 2 })).toHaveLength(1);
      expect(await store.currentVersion(history.regulationId)).toBe(2);
      expect(await store.currentVersion('no-such-stream')).toBe(0);
    });

    it('rejects the second of two appends at the same expected version with REGULATION.CONCURRENCY', async () => {
      const { history, a, b } = await draftedWithRivals();
      await store.append(history.regulationId, 1, a);
      const error = await rejection(store.append(history.regulationId, 1, b));
      expect(error.code).toBe('REGULATION.CONCURRENCY');
      expect(error.details).toEqual({ streamId: history.regulationId, expectedVersion: 1, actualVersion: 2 });
      expect((await store.readStream(history.regulationId)).map((e) => e.eventId)).toEqual([
        expect.any(String),
        a[0].eventId,
      ]);
    });

    it('lets exactly one of concurrent appends at the same version win', async () => {
      const history = new RegulationHistory();
      await store.append(history.regulationId, 0, createDraft(history));
      const drafted = history.state;
      const rivals = Array.from({ length: 6 }, (_, i) => {
        history.state = drafted;
        return history.at(1).run({ type: 'ReviseDraft', text: `variant ${i}`, summary: 's' });
      });

      const results = await Promise.allSettled(rivals.map((batch) => store.append(history.regulationId, 1, batch)));

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(losers).toHaveLength(5);
      for (const { reason } of losers) {
        expect(reason).toBeInstanceOf(ConcurrencyError);
        expect((reason as ConcurrencyError).details).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
      }
      expect(await store.currentVersion(history.regulationId)).toBe(2);
    });

    it('answers the stored events, as the log holds them', async () => {
      const history = new RegulationHistory();
      const [first, second] = conventionToRecognition(history);
      await store.append(history.regulationId, 0, first);
      const result = await store.append(history.regulationId, 1, second);
      expect(result.events).toEqual(await store.readStream(history.regulationId, { fromPosition: 2 }));
    });

    it('refuses an append beyond the log (a workflow ahead of it) with REGULATION.LOG_BEHIND, writing nothing', async () => {
      const history = new RegulationHistory();
      const error = await rejection(store.append(history.regulationId, 3, createDraft(history)), LogBehindError);
      expect(error.code).toBe('REGULATION.LOG_BEHIND');
      expect(error.details).toEqual({ streamId: history.regulationId, workflowVersion: 3, logVersion: 0 });
      expect(await store.currentVersion(history.regulationId)).toBe(0);
    });

    it('rejects an empty batch and events of another stream', async () => {
      const history = new RegulationHistory();
      await expect(store.append(history.regulationId, 0, [])).rejects.toThrow(/empty/);
      await expect(store.append('other-stream', 0, createDraft(history))).rejects.toThrow(/belongs to/);
    });
  });

  describe('idempotency', () => {
    it('stores a retried batch once and answers the retry with appended: false', async () => {
      const history = new RegulationHistory();
      const [draft, revision] = conventionToRecognition(history);
      await store.append(history.regulationId, 0, draft);
      const first = await store.append(history.regulationId, 1, revision);
      const retry = await store.append(history.regulationId, 1, revision);

      expect(first).toMatchObject({ version: 2, appended: true });
      expect(retry).toEqual({ version: 2, appended: false, firstGlobalPosition: null, events: first.events });
      expect(await store.readStream(history.regulationId)).toHaveLength(2);
    });

    it('recognises a retry after the stream moved on, and concurrent retries', async () => {
      const history = new RegulationHistory();
      const batches = conventionToRecognition(history).slice(0, 3);
      const results = await Promise.all([0, 1, 2].map(() => store.append(history.regulationId, 0, batches[0])));
      expect(results.filter((r) => r.appended)).toHaveLength(1);
      await appendBatches(store, batches.slice(1));

      expect(await store.append(history.regulationId, 0, batches[0])).toEqual({
        version: 3,
        appended: false,
        firstGlobalPosition: null,
        events: (await store.readStream(history.regulationId)).slice(0, 1),
      });
      expect(await store.readStream(history.regulationId)).toHaveLength(3);
    });

    it('rejects a different batch at a taken version, and stored ids at other positions', async () => {
      const { history, a, b } = await draftedWithRivals();
      await store.append(history.regulationId, 1, a);
      await rejection(store.append(history.regulationId, 1, b));
      const moved = await rejection(store.append(history.regulationId, 2, a), AppendMismatchError);
      expect(moved.details).toEqual({ streamId: history.regulationId, position: 3, eventId: a[0].eventId, field: 'streamPosition' });
      const partial = await rejection(store.append(history.regulationId, 1, [...a, ...b]), AppendMismatchError);
      expect(partial.details).toEqual({ streamId: history.regulationId, position: 3, eventId: b[0].eventId, field: 'eventId' });
      expect(await store.currentVersion(history.regulationId)).toBe(2);
    });

    it('refuses a retried batch whose data or metadata differ with REGULATION.APPEND_MISMATCH naming what differs', async () => {
      const { history, a } = await draftedWithRivals();
      await store.append(history.regulationId, 1, a);
      const [event] = a;
      const retried = (change: Partial<EventEnvelope>) => store.append(history.regulationId, 1, [{ ...event, ...change }]);
      const mismatch = async (change: Partial<EventEnvelope>) => {
        const error = await rejection(retried(change), AppendMismatchError);
        expect(error.code).toBe('REGULATION.APPEND_MISMATCH');
        return error.details;
      };

      const where = { streamId: history.regulationId, position: 2, eventId: event.eventId };
      expect(await mismatch({ data: { ...event.data, text: 'A, decided again' } as EventEnvelope['data'] })).toEqual({ ...where, field: 'data.text' });
      expect(await mismatch({ metadata: { ...event.metadata, occurredAt: '2031-01-01T00:00:00.000Z' } })).toEqual({
        ...where,
        field: 'metadata.occurredAt',
      });
      expect(await mismatch({ metadata: { ...event.metadata, actor: { ...event.metadata.actor, id: 'someone-else' } } })).toEqual({
        ...where,
        field: 'metadata.actor.id',
      });
      expect(await mismatch({ type: 'RegulationWithdrawn' })).toEqual({ ...where, field: 'type' });
      expect(await mismatch({ schemaVersion: event.schemaVersion + 1 })).toEqual({ ...where, field: 'schemaVersion' });
      // Key order and undefined members are not differences: jsonb keeps neither.
      const reordered = Object.fromEntries(Object.entries(event.data).reverse().concat([['absent', undefined]]));
      expect(await retried({ data: reordered as EventEnvelope['data'] })).toMatchObject({ appended: false, version: 2 });
      expect(await store.readStream(history.regulationId)).toHaveLength(2);
    });
  });

  describe('a command retried after its first attempt was stored but never answered', () => {
    it('gets the events the log stored for it when the command (id and digest) is the same, decided at another instant', async () => {
      const history = new RegulationHistory();
      await store.append(history.regulationId, 0, createDraft(history));
      const [first] = history.at(1).run({ type: 'ReviseDraft', text: 'A', summary: 'a' });
      const stamped = { ...first, metadata: { ...first.metadata, correlationId: 'request-1', commandDigest: 'd1' } };
      await store.append(history.regulationId, 1, [stamped]);
      // The retry arrives as a new request: another correlation id, another instant, data derived from it.
      const retry = {
        ...stamped,
        data: { ...stamped.data, summary: 'a, decided again' } as EventEnvelope['data'],
        metadata: { ...stamped.metadata, correlationId: 'request-2', occurredAt: '2031-01-01T00:00:00.000Z' },
      };
      const result = await store.append(history.regulationId, 1, [retry]);
      expect(result).toMatchObject({ appended: false, version: 2 });
      expect(result.events.map((e) => [e.data, e.metadata.correlationId])).toEqual([[stamped.data, 'request-1']]);
      expect(await store.readStream(history.regulationId)).toHaveLength(2);
    });

    it('is refused when the digest, the command id or the type differs', async () => {
      const history = new RegulationHistory();
      await store.append(history.regulationId, 0, createDraft(history));
      const [first] = history.at(1).run({ type: 'ReviseDraft', text: 'A', summary: 'a' });
      const stamped = { ...first, metadata: { ...first.metadata, commandDigest: 'd1' } };
      await store.append(history.regulationId, 1, [stamped]);
      const later = { ...stamped.metadata, occurredAt: '2031-01-01T00:00:00.000Z' };
      for (const metadata of [{ ...later, commandDigest: 'd2' }, { ...later, commandId: 'another-command' }, { ...later, commandDigest: undefined }]) {
        await rejection(store.append(history.regulationId, 1, [{ ...stamped, metadata }]), AppendMismatchError);
      }
      await rejection(store.append(history.regulationId, 1, [{ ...stamped, type: 'RegulationWithdrawn' } as EventEnvelope]), AppendMismatchError);
      expect(await store.readStream(history.regulationId)).toHaveLength(2);
    });
  });

  describe('append-only log', () => {
    // The application role may not even try (database-roles.int-spec.ts); the trigger stops the owner too.
    it('raises on UPDATE, DELETE and TRUNCATE of events, even by the migration owner', async () => {
      const history = new RegulationHistory();
      await store.append(history.regulationId, 0, createDraft(history));
      const owner = new Client({ connectionString: db.migrationUrl });
      await owner.connect();
      try {
        await expect(
          owner.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [history.regulationId]),
        ).rejects.toMatchObject({ code: 'P0001', message: expect.stringMatching(/append-only: UPDATE/) });
        await expect(owner.query('DELETE FROM events WHERE stream_id = $1', [history.regulationId])).rejects.toMatchObject({
          code: 'P0001',
          message: expect.stringMatching(/append-only: DELETE/),
        });
        await expect(owner.query('TRUNCATE events CASCADE')).rejects.toMatchObject({ code: 'P0001' });
      } finally {
        await owner.end();
      }
      expect(await store.readStream(history.regulationId)).toHaveLength(1);
    });
  });

  describe('readAll', () => {
    it('pages through all streams in global order', async () => {
      const [one, two] = [new RegulationHistory(), new RegulationHistory()];
      const [b1, b2] = [createDraft(one), createDraft(two)];
      const { firstGlobalPosition } = await store.append(one.regulationId, 0, b1);
      await store.append(two.regulationId, 0, b2);
      const after = (BigInt(firstGlobalPosition!) - 1n).toString();

      const page = await store.readAll({ afterGlobalPosition: after, limit: 2 });
      expect(page.map((e) => e.eventId)).toEqual([b1[0].eventId, b2[0].eventId]);
      const next = await store.readAll({ afterGlobalPosition: page[0].globalPosition, limit: 1 });
      expect(next.map((e) => e.eventId)).toEqual([b2[0].eventId]);
    });
  });

  describe('stateAsOf', () => {
    it('folds the events that occurred by an instant between two events', async () => {
      const history = new RegulationHistory();
      const batches = conventionToRecognition(history);
      await appendBatches(store, batches);
      const consultationOpenedAt = batches[2][0].metadata.occurredAt;
      const between = new Date(Date.parse(consultationOpenedAt) + 60_000);

      expect(await store.stateAsOf(history.regulationId, between)).toEqual(
        fold(history.regulationId, batches.slice(0, 3).flatMap(domainEvents)),
      );
      expect(await store.stateAsOf(history.regulationId, consultationOpenedAt)).toMatchObject({ version: 3 });
      expect(await store.stateAsOf(history.regulationId, '2030-01-01')).toEqual(history.state);
      expect(await store.stateAsOf(history.regulationId, '2025-03-02T00:00:00Z')).toBeNull();
    });

    it('reads a civil date as the end of that day in Asia/Ho_Chi_Minh', async () => {
      const history = new RegulationHistory();
      await appendBatches(store, [
        createDraft(history),
        history.at(2).run({ type: 'OpenConsultation', days: 45, channels: ['online'] }),
      ]);
      const comment = (commentId: string, at: string, receivedOn: string) =>
        history.at(at).run({ type: 'RecordComment', commentId, channel: 'online', content: commentId, receivedOn });
      await appendBatches(store, [
        comment('late-evening', '2025-03-31T16:59:59.000Z', '2025-03-31'),
        comment('midnight', '2025-03-31T17:00:00.000Z', '2025-04-01'),
      ]);

      const endOfMarch31 = await store.stateAsOf(history.regulationId, '2025-03-31');
      const endOfApril1 = await store.stateAsOf(history.regulationId, '2025-04-01');
      expect(endOfMarch31?.cycle?.comments.map((c) => c.commentId)).toEqual(['late-evening']);
      expect(endOfApril1?.cycle?.comments.map((c) => c.commentId)).toEqual(['late-evening', 'midnight']);
      expect(await store.stateAsOf(history.regulationId, '2025-02-28')).toBeNull();
      await expect(store.stateAsOf(history.regulationId, '2025-02-30')).rejects.toThrow(/invalid date/);
    });
  });
});
