/** A worker killed between the committed append and the workflow's next step loses nothing and duplicates nothing. */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { createDraft, envelope, uniqueId } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let victim: ChildProcess | undefined;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS });
  db = await createTestDatabase();
});

afterAll(async () => {
  victim?.kill('SIGKILL');
  await db?.drop();
  await env?.teardown();
});

function startVictim(taskQueue: string, marker: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, '../support/crashing-worker.ts'), db.url, process.env.TEMPORAL_ADDRESS!, taskQueue, marker],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code, signal) => reject(new Error(`victim exited early: ${code ?? signal}`)));
  });
}

it('retries the append after the crash as a no-op and completes the command exactly once', async () => {
  const taskQueue = uniqueId('crash');
  const marker = join(mkdtempSync(join(tmpdir(), 'crash-')), 'appended');
  victim = await startVictim(taskQueue, marker);
  const died = new Promise<NodeJS.Signals | null>((resolve) => victim!.once('exit', (_code, signal) => resolve(signal)));

  const commands = new RegulationCommandClient(env.client, taskQueue);
  const id = uniqueId('conv');
  const created = commands.execute(id, envelope(createDraft(id)));
  expect(await died).toBe('SIGKILL');
  expect(existsSync(marker)).toBe(true);
  const store = new EventStore(db.dataSource);
  expect(await store.currentVersion(id)).toBe(1);

  const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
  await worker.runUntil(async () => {
    const result = await created;
    expect(result).toMatchObject({ version: 1, stage: 'drafting' });
    const next = await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['online'] }));
    expect(next.version).toBe(2);
  });
  const stored = await store.readStream(id);
  expect(stored.map((e) => [e.streamPosition, e.type])).toEqual([
    [1, 'RegulationDrafted'],
    [2, 'ConsultationOpened'],
  ]);
  const [timeline] = await db.dataSource.query('SELECT count(*)::int AS n FROM regulation_timeline WHERE regulation_id = $1', [id]);
  expect(timeline.n).toBe(2);
});
