/**
 * The demo data as `npm start` loads it, for the conventions that record the community's own steps (Decree 61/2023
 * art. 6-8, 15): each ward's first convention, here those left in drafting, adopted and in force; and the dossier
 * sent to the district in 2023 that the reorganization hands to the ward; a school's and a company's own democracy
 * regulations. Dev server and a fresh database; the events in
 * the store are the truth.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { civilDateInVietnam } from '@app/domain';
import { EventStore } from '@app/event-store';
import { DemoPlan, loadDemoData } from '../scripts/demo-data';
import { applyReorganizations } from '../scripts/reorganizations';
import { createTestDatabase, TestDatabase } from './support/database';
import { createRegulationWorker } from './support/regulation-worker';

jest.setTimeout(180_000);

let db: TestDatabase;
let store: EventStore;
let connection: NativeConnection;
let clientConnection: Connection;
let worker: Worker;
let workerRun: Promise<void>;
const loaded: DemoPlan[] = [];
let taskQueue: string;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  taskQueue = `demo-${randomUUID()}`;
  connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  worker = await createRegulationWorker({ connection, taskQueue, store });
  workerRun = worker.run();
  clientConnection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  await loadDemoData({
    client: new Client({ connection: clientConnection }),
    taskQueue,
    databaseUrl: db.url,
    log: () => undefined,
    only: (plan) => {
      const first = plan.kind === 'community_convention' && plan.n === 1 && ['drafting', 'adopted', 'in_force'].includes(plan.target);
      const workplace = plan.kind === 'agency_democracy_regulation' || plan.kind === 'enterprise_democracy_regulation';
      const taken = first || plan.target === 'legacy_submitted' || workplace;
      if (taken) loaded.push(plan);
      return taken;
    },
  });
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await connection?.close();
  await clientConnection?.close();
  await db?.drop();
});

const community = ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen', 'TextSigned', 'TextStamped', 'DisclosureRecorded', 'ReviewDayAgreed'];

it("records the community's steps of each ward's first convention as far as its stage goes", async () => {
  // Of the 18 wards' first conventions, two stop in force, one adopted, one in drafting.
  const firsts = loaded.filter((plan) => plan.kind === 'community_convention' && plan.n === 1);
  expect(firsts.map((plan) => plan.target).sort()).toEqual(['adopted', 'drafting', 'in_force', 'in_force']);
  const expected: Record<string, string[]> = {
    drafting: ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen'],
    adopted: ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen', 'TextSigned'],
    in_force: ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen', 'TextSigned', 'TextStamped', 'DisclosureRecorded', 'ReviewDayAgreed'],
  };
  for (const plan of firsts) {
    const events = await store.readStream(`demo-${plan.origin}-qu-1`);
    const steps = events.map((event) => event.type).filter((type) => community.includes(type));
    expect({ origin: plan.origin, steps }).toEqual({ origin: plan.origin, steps: expected[plan.target] });
  }
  const inForce = loaded.find((plan) => plan.target === 'in_force')!;
  const state = (await db.dataSource.query('SELECT state FROM regulations WHERE regulation_id = $1', [`demo-${inForce.origin}-qu-1`]))[0].state;
  expect(state.inForce).toMatchObject({ name: 'quy_uoc', stampedOn: expect.any(String), disclosedOn: expect.any(String) });
  // Art. 15(4)(a): the community's own review day. It moves the next review unless one was already due when agreed
  // (18 November may have passed since the recognition: the timer and the agreement then race, both outcomes lawful).
  const events = await store.readStream(`demo-${inForce.origin}-qu-1`);
  const agreed = events.findIndex((event) => event.type === 'ReviewDayAgreed');
  const due = events.find((event, i) => event.type === 'AnnualReviewDue' && i < agreed);
  expect(state).toMatchObject({ reviewDay: { month: 6, day: 28 } });
  expect(events[agreed].data).toMatchObject({ nextReviewDueOn: due ? (due.data as { dueOn: string }).dueOn : expect.stringMatching(/-06-28$/) });
});

it('hands the dossier the district still held when districts ended (1/7/2025) to the ward that succeeded, with its task', async () => {
  const id = 'demo-hang-bac-qu-4';
  const submitted = (await store.readStream(id)).find((event) => event.type === 'DossierSubmitted')!;
  expect(submitted.data).toMatchObject({ submittedOn: '2023-06-13', authority: 'district_peoples_committee' });
  const outcome = await applyReorganizations({
    client: new Client({ connection: clientConnection }),
    taskQueue,
    databaseUrl: db.url,
    today: civilDateInVietnam(Date.now()),
    log: () => undefined,
  });
  expect(outcome.orphaned).toEqual([]);
  const events = await store.readStream(id);
  expect(events[events.length - 1]).toMatchObject({
    type: 'RegulationTransferred',
    data: { fromWardCode: 'hang-bac', toWardCode: 'hoan-kiem-2025', effectiveOn: '2025-07-01', dossierAuthority: 'ward_peoples_committee' },
  });
  const tasks = await db.dataSource.query('SELECT candidate_role, authority_unit, ward_code, status FROM approval_tasks WHERE regulation_id = $1', [id]);
  expect(tasks).toEqual([{ candidate_role: 'ward_chair', authority_unit: 'hoan-kiem-2025', ward_code: 'hoan-kiem-2025', status: 'open' }]);
});

it("holds a school's regulation adopted by its staff conference and issued by its head, and a company's issued by the employer, both made public", async () => {
  const expected = [
    ['demo-hang-trong-cq-1', 'agency_head', ['ConferenceHeld', 'RegulationRecognized', 'DisclosureRecorded']],
    ['demo-hang-bai-dn-1', 'employer', ['RegulationRecognized', 'DisclosureRecorded']],
  ] as const;
  for (const [id, authority, steps] of expected) {
    const events = await store.readStream(id);
    const types = events.map((event) => event.type).filter((type) => ['ConferenceHeld', 'RegulationRecognized', 'DisclosureRecorded'].includes(type));
    expect({ id, types }).toEqual({ id, types: steps });
    const state = (await db.dataSource.query('SELECT state FROM regulations WHERE regulation_id = $1', [id]))[0].state;
    expect(state).toMatchObject({ status: 'in_force', nextReviewDueOn: null, inForce: { authority, disclosedOn: expect.any(String) } });
  }
  const conference = (await store.readStream('demo-hang-trong-cq-1')).find((event) => event.type === 'ConferenceHeld')!;
  expect(conference.data).toMatchObject({ convened: 62, present: 48, approving: 45, quorumMet: true, adopted: true });
});
