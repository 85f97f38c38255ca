/**
 * Records the Temporal history of a regulation driven through some steps, for the replay tests.
 * Usage: DATABASE_URL=… TEMPORAL_ADDRESS=… npx ts-node -r tsconfig-paths/register --transpile-only scripts/record-replay-history.ts <file.json> [scenario]
 * Scenarios: `consultation` (default: draft, revision, consultation with a comment, a critique and an extension) and
 * `approval-task` (a back-dated dossier whose overdue decision task the workflow escalates, then claimed and released).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { createEventStoreDataSource, EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { regulationWorkflowId } from '../workflows/messages';
import { createDraft, envelope, front, uniqueId, wardChair } from '../test/support/commands';
import { createRegulationWorker } from '../test/support/regulation-worker';
import { toolPaths } from '../tools/dev-stack/servers';

async function main(): Promise<void> {
  const [file, scenario = 'consultation'] = process.argv.slice(2);
  if (!['consultation', 'approval-task'].includes(scenario)) throw new Error(`unknown scenario ${scenario}`);
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const store = new EventStore(await createEventStoreDataSource(process.env.DATABASE_URL!));
  const client = new Client({ connection: await Connection.connect({ address }) });
  const taskQueue = uniqueId('record');
  const worker = await createRegulationWorker({ connection: await NativeConnection.connect({ address }), taskQueue, store });
  const commands = new RegulationCommandClient(client, taskQueue);
  const id = uniqueId('replay');
  const daysAgo = (n: number) => addCalendarDays(civilDateInVietnam(Date.now()), -n);
  const waitFor = async (check: (types: string[]) => boolean) => {
    while (!check((await store.readStream(id)).map((e) => e.type))) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const approvalTask = async () => {
    await commands.execute(id, envelope(createDraft(id, { startedOn: daysAgo(60) })));
    await commands.execute(id, envelope({ type: 'OpenConsultation', openedOn: daysAgo(55), days: 30, channels: ['meeting'] }));
    await waitFor((types) => types.includes('ConsultationClosed'));
    await commands.execute(id, envelope({ type: 'RecordVote', method: 'meeting', heldOn: daysAgo(20), totalHouseholds: 86, present: 61, approving: 57 }));
    await commands.execute(id, envelope({ type: 'SubmitDossier', submittedOn: daysAgo(17), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }));
    await waitFor((types) => types.includes('TaskEscalated'));
    const [task] = (await store.readStream(id)).filter((e) => e.type === 'TaskEscalated').map((e) => (e.data as { taskId: string }).taskId);
    await commands.execute(id, envelope({ type: 'ClaimTask', taskId: task }, wardChair));
    await commands.execute(id, envelope({ type: 'ReleaseTask', taskId: task }, wardChair));
  };
  await worker.runUntil(async () => {
    if (scenario === 'approval-task') return approvalTask();
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
