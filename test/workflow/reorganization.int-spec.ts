/**
 * Reorganization (issue 14): the regulations of a ward dissolved on 1/7/2025 move, through their workflows, to the ward
 * that took its regulations (Resolution 1656/NQ-UBTVQH15), their earlier history staying under the old ward.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { civilDateInVietnam, DomainError } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { applyReorganizations } from '../../scripts/reorganizations';
import { createDraft, envelope, uniqueId } from '../support/commands';
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

const pctOfficer = { id: 'officer-pct', role: 'officer', wards: ['phan-chu-trinh'] } as const;

const wardOf = async (id: string) =>
  ((await db.dataSource.query('SELECT ward_code FROM regulations WHERE regulation_id = $1', [id])) as { ward_code: string }[])[0]?.ward_code;

it('moves the regulations under way in dissolved wards to their successors once, leaving ended ones and earlier events in place', async () => {
  const taskQueue = uniqueId('tq');
  const worker: Worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
  const lines: string[] = [];
  const apply = () =>
    applyReorganizations({ client: env.client, taskQueue, databaseUrl: db.url, today: civilDateInVietnam(Date.now()), log: (line) => lines.push(line) });
  await worker.runUntil(async () => {
    const commands = new RegulationCommandClient(env.client, taskQueue);
    // Hàng Bạc went whole to Hoàn Kiếm ward (art. 1(1)); Phan Chu Trinh to Cửa Nam ward (art. 1(2)).
    const bac = uniqueId('bac');
    const chuTrinh = uniqueId('pct');
    const withdrawn = uniqueId('gone');
    await commands.execute(bac, envelope(createDraft(bac, { wardCode: 'hang-bac', startedOn: '2025-03-03' })));
    await commands.execute(chuTrinh, envelope(createDraft(chuTrinh, { wardCode: 'phan-chu-trinh', startedOn: '2025-05-05' }), pctOfficer));
    await commands.execute(withdrawn, envelope(createDraft(withdrawn, { wardCode: 'hang-bac', startedOn: '2025-03-03' })));
    await commands.execute(withdrawn, envelope({ type: 'Withdraw', reason: 'Tổ dân phố sáp nhập' }));

    const first = await apply();
    expect(first).toEqual({ found: 2, transfers: 2, orphaned: [] });
    expect(await wardOf(bac)).toBe('hoan-kiem-2025');
    expect(await wardOf(chuTrinh)).toBe('cua-nam-2025');
    expect(await wardOf(withdrawn)).toBe('hang-bac');

    const events = await store.readStream(bac);
    expect(events.map((e) => e.type)).toEqual(['RegulationDrafted', 'RegulationTransferred']);
    expect(events[1].data).toMatchObject({ fromWardCode: 'hang-bac', toWardCode: 'hoan-kiem-2025', effectiveOn: '2025-07-01' });
    expect((events[1].data as { legalBasis: string }).legalBasis).toContain('1656/NQ-UBTVQH15');
    const timeline = (await db.dataSource.query(
      'SELECT ward_code, fact_on::text AS fact_on FROM regulation_timeline WHERE regulation_id = $1 ORDER BY stream_position',
      [bac],
    )) as { ward_code: string; fact_on: string }[];
    expect(timeline).toEqual([
      { ward_code: 'hang-bac', fact_on: '2025-03-03' },
      { ward_code: 'hoan-kiem-2025', fact_on: '2025-07-01' },
    ]);

    // Applied again: nothing left in a dissolved ward, nothing transferred twice.
    expect(await apply()).toEqual({ found: 0, transfers: 0, orphaned: [] });
    expect((await store.readStream(bac)).length).toBe(2);
    // The regulation carries on in its new ward: its officers act on it, the old ward's no longer do.
    const revise = { type: 'ReviseDraft', text: 'Điều 1 (sửa).', summary: 's' } as const;
    const refused = await commands.execute(bac, envelope(revise)).then(
      () => undefined,
      (e: DomainError) => e.code,
    );
    expect(refused).toBe('AUTH.FORBIDDEN');
    const revised = await commands.execute(bac, envelope(revise, { id: 'officer-hk', role: 'officer', wards: ['hoan-kiem-2025'] }));
    expect(revised.version).toBe(3);
  });
});
