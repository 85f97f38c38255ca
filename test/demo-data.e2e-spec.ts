/**
 * The demo data as `npm start` loads it, for the conventions that record the community's own steps (Decree 61/2023
 * art. 6-8, 15): each ward's first convention, here those left in drafting, adopted and in force. Dev server and a
 * fresh database; the events in the store are the truth.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventStore } from '@app/event-store';
import { DemoPlan, loadDemoData } from '../scripts/demo-data';
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

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  const taskQueue = `demo-${randomUUID()}`;
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
      const taken = plan.kind === 'community_convention' && plan.n === 1 && ['drafting', 'adopted', 'in_force'].includes(plan.target);
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

const community = ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen', 'TextSigned', 'TextStamped', 'DisclosureRecorded'];

it("records the community's steps of each ward's first convention as far as its stage goes", async () => {
  // Of the 18 wards' first conventions, two stop in force, one adopted, one in drafting.
  expect(loaded.map((plan) => plan.target).sort()).toEqual(['adopted', 'drafting', 'in_force', 'in_force']);
  const expected: Record<string, string[]> = {
    drafting: ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen'],
    adopted: ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen', 'TextSigned'],
    in_force: ['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen', 'TextSigned', 'TextStamped', 'DisclosureRecorded'],
  };
  for (const plan of loaded) {
    const events = await store.readStream(`demo-${plan.origin}-qu-1`);
    const steps = events.map((event) => event.type).filter((type) => community.includes(type));
    expect({ origin: plan.origin, steps }).toEqual({ origin: plan.origin, steps: expected[plan.target] });
  }
  const inForce = loaded.find((plan) => plan.target === 'in_force')!;
  const state = (await db.dataSource.query('SELECT state FROM regulations WHERE regulation_id = $1', [`demo-${inForce.origin}-qu-1`]))[0].state;
  expect(state.inForce).toMatchObject({ name: 'quy_uoc', stampedOn: expect.any(String), disclosedOn: expect.any(String) });
});
