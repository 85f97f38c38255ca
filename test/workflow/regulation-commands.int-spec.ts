/** Commands as Temporal Updates on the real dev server: results, rejections that write nothing, idempotency. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DomainError, latestCalendarVersion } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { regulationWorkflowId } from '../../workflows/messages';
import { regulationStageKey, wardCodeKey, regulationKindKey } from '../../workflows/search-attributes';
import { createDraft, envelope, officer, uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS });
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
  await env?.teardown();
});

async function withWorker<T>(run: (commands: RegulationCommandClient, taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('tq');
  const worker: Worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
  return worker.runUntil(run(new RegulationCommandClient(env.client, taskQueue), taskQueue));
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const eventCount = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM events'))[0].n);
const historyLength = async (regulationId: string) =>
  (await env.client.workflow.getHandle(regulationWorkflowId(regulationId)).fetchHistory()).events?.length ?? 0;

describe('regulation commands on the Temporal dev server', () => {
  it('creates a regulation with update-with-start and keeps its search attributes current', async () => {
    const id = uniqueId('conv');
    await withWorker(async (commands) => {
      const result = await commands.execute(id, envelope(createDraft(id)));
      expect(result).toMatchObject({ regulationId: id, version: 1, stage: 'drafting' });
      expect(result.allowedActions).toEqual(expect.arrayContaining(['ReviseDraft', 'OpenConsultation', 'Withdraw']));
      const [row] = await db.dataSource.query('SELECT stage, version, ward_code, regime_id FROM regulations WHERE regulation_id = $1', [id]);
      expect(row).toEqual({ stage: 'drafting', version: 1, ward_code: 'hang-bac', regime_id: 'decree-61-2023' });

      await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'online'] }));
      const description = await env.client.workflow.getHandle(regulationWorkflowId(id)).describe();
      expect(description.typedSearchAttributes.get(regulationStageKey)).toBe('consultation');
      expect(description.typedSearchAttributes.get(wardCodeKey)).toBe('hang-bac');
      expect(description.typedSearchAttributes.get(regulationKindKey)).toBe('community_convention');
    });
  });

  it('records on each event the calendar version its decision was taken on: the latest for a new decision', async () => {
    const id = uniqueId('conv');
    await withWorker(async (commands) => {
      await commands.execute(id, envelope(createDraft(id)));
      await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting'] }));
      const rows = (await db.dataSource.query(
        `SELECT metadata->>'calendarVersion' AS version FROM events WHERE stream_id = $1 ORDER BY stream_position`,
        [id],
      )) as { version: string | null }[];
      expect(rows.map((r) => r.version)).toEqual([latestCalendarVersion, latestCalendarVersion]);
    });
  });

  it('refuses a step out of order with a stable code, leaving no history and no event', async () => {
    const id = uniqueId('conv');
    await withWorker(async (commands) => {
      await commands.execute(id, envelope(createDraft(id)));
      const events = await eventCount();
      const history = await historyLength(id);
      const vote = envelope({ type: 'RecordVote', method: 'meeting', heldOn: '2025-04-01', totalHouseholds: 100, present: 60, approving: 55 } as const);
      expect((await rejection(commands.execute(id, vote))).code).toBe('REGULATION.INVALID_TRANSITION');
      const tally = envelope({ type: 'RecordVote', method: 'meeting', heldOn: '2025-04-01', totalHouseholds: 100, present: 120, approving: 130 } as const);
      expect((await rejection(commands.execute(id, tally))).code).toBe('VOTE.TALLY_INCONSISTENT');
      const tooLong = envelope({ type: 'ReviseDraft', text: 'đ'.repeat(100_001), summary: 's' } as const);
      expect((await rejection(commands.execute(id, tooLong))).code).toBe('COMMAND.TEXT_TOO_LONG');
      // A client that bypasses the API meets the same rule in the update's validator.
      const bell = envelope({ type: 'ReviseDraft', text: 'Điều 1.\u0007', summary: 's' } as const);
      expect(await rejection(commands.execute(id, bell))).toMatchObject({ code: 'COMMAND.INVALID', details: { field: 'text' } });
      const stale = envelope({ type: 'ReviseDraft', text: 't', summary: 's' } as const, undefined, { expectedVersion: 0 });
      const concurrency = await rejection(commands.execute(id, stale));
      expect(concurrency.code).toBe('REGULATION.CONCURRENCY');
      expect(concurrency.details).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
      expect(await eventCount()).toBe(events);
      expect(await historyLength(id)).toBe(history);
    });
  });

  it('refuses an unknown ward or kind before any workflow starts', async () => {
    const id = uniqueId('conv');
    await withWorker(async (commands) => {
      const districtOfficer = { ...officer, wards: ['*'] };
      expect((await rejection(commands.execute(id, envelope(createDraft(id, { wardCode: 'Atlantis!' }), districtOfficer)))).code).toBe('REGULATION.UNKNOWN_WARD');
      expect((await rejection(commands.execute(id, envelope(createDraft(id, { kind: 'decree' as never }))))).code).toBe('REGULATION.UNKNOWN_KIND');
      await expect(env.client.workflow.getHandle(regulationWorkflowId(id)).describe()).rejects.toThrow(/not found/i);
      expect((await rejection(commands.execute(id, envelope({ type: 'StartReview' })))).code).toBe('REGULATION.NOT_FOUND');
    });
  });

  it('applies a repeated command id once and returns the first result; another body under it is refused', async () => {
    const id = uniqueId('conv');
    await withWorker(async (commands) => {
      const create = envelope(createDraft(id));
      const first = await commands.execute(id, create);
      const again = await commands.execute(id, create);
      expect(again).toEqual(first);
      const revise = envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa đổi)', summary: 'làm rõ' } as const);
      const revised = await commands.execute(id, revise);
      expect(await commands.execute(id, revise)).toEqual(revised);
      const events = await eventCount();
      const reused = { ...revise, command: { ...revise.command, text: 'khác' } };
      expect((await rejection(commands.execute(id, reused))).code).toBe('COMMAND.ID_REUSED');
      expect(await eventCount()).toBe(events);
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['RegulationDrafted', 'DraftRevised']);
    });
  });

  it('refuses creating the same regulation twice under a new command id', async () => {
    const id = uniqueId('conv');
    await withWorker(async (commands) => {
      await commands.execute(id, envelope(createDraft(id)));
      expect((await rejection(commands.execute(id, envelope(createDraft(id))))).code).toBe('REGULATION.ALREADY_EXISTS');
      expect(await store.currentVersion(id)).toBe(1);
    });
  });
});
