/**
 * Records the Temporal history of a regulation driven through its first steps, for the replay tests.
 * Usage: DATABASE_URL=… TEMPORAL_ADDRESS=… npx ts-node -r tsconfig-paths/register --transpile-only scripts/record-replay-history.ts <file.json>
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createEventStoreDataSource, EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { regulationWorkflowId } from '../workflows/messages';
import { createDraft, envelope, front, uniqueId } from '../test/support/commands';
import { createRegulationWorker } from '../test/support/regulation-worker';
import { toolPaths } from '../test/support/servers';

async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const store = new EventStore(await createEventStoreDataSource(process.env.DATABASE_URL!));
  const client = new Client({ connection: await Connection.connect({ address }) });
  const taskQueue = uniqueId('record');
  const worker = await createRegulationWorker({ connection: await NativeConnection.connect({ address }), taskQueue, store });
  const commands = new RegulationCommandClient(client, taskQueue);
  const id = uniqueId('replay');
  await worker.runUntil(async () => {
    await commands.execute(id, envelope(createDraft(id)));
    await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa)', summary: 'làm rõ' }));
    await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'online'] }));
    await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'c1', channel: 'online', content: 'Ý kiến', receivedOn: '2025-03-04' }));
    await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Phản biện', submittedOn: '2025-03-05' }, front));
    await commands.execute(id, envelope({ type: 'ExtendConsultation', days: 10, reason: 'nhiều hộ vắng nhà' }));
  });
  const json = execFileSync(toolPaths().temporalCli, ['workflow', 'show', '--address', address, '--workflow-id', regulationWorkflowId(id), '--output', 'json']);
  writeFileSync(file, json);
  console.log(`wrote the history of ${regulationWorkflowId(id)} to ${file}`);
  process.exit(0);
}

void main();
