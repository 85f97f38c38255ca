/**
 * Takes one community convention from draft to in force on the running system, recording facts that
 * happened over the last two months (posting, vote, dossier, decision), and prints each step.
 * Usage: npm run walkthrough   (TEMPORAL_ADDRESS, default 127.0.0.1:7233)
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Actor, addCalendarDays, civilDateInVietnam, CommandEnvelope, RegulationCommand } from '@app/domain';
import { RegulationCommandClient } from '@app/temporal';
import { getRegulationStateQuery, regulationTaskQueue, regulationWorkflowId } from '../workflows/messages';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const client = new Client({ connection: await Connection.connect({ address }), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const commands = new RegulationCommandClient(client, process.env.TEMPORAL_TASK_QUEUE ?? regulationTaskQueue);
  const id = `walkthrough-${randomUUID().slice(0, 8)}`;
  const daysAgo = (n: number) => addCalendarDays(civilDateInVietnam(Date.now()), -n);
  const officer: Actor = { id: 'officer-hoan-kiem', role: 'officer', wards: ['hoan-kiem-2025'] };
  const chair: Actor = { id: 'chair-hoan-kiem', role: 'ward_chair', wards: ['hoan-kiem-2025'] };
  const send = async (command: RegulationCommand, actor = officer) => {
    const envelope: CommandEnvelope = { commandId: randomUUID(), actor, command };
    const result = await commands.execute(id, envelope);
    console.log(`${command.type.padEnd(18)} → v${result.version} ${result.stage}; next: ${result.allowedActions.join(', ')}`);
    return result;
  };

  await send({
    type: 'CreateDraft',
    regulationId: id,
    wardCode: 'hoan-kiem-2025',
    kind: 'community_convention',
    title: 'Quy ước tổ dân phố văn minh, an toàn',
    text: 'Điều 1. Các hộ gia đình giữ gìn trật tự, vệ sinh chung.',
    residentialGroup: 'Tổ dân phố số 5',
    startedOn: daysAgo(60),
  });
  await send({ type: 'OpenConsultation', openedOn: daysAgo(55), days: 30, channels: ['meeting', 'comment_box'] });
  await send({ type: 'RecordComment', commentId: 'c1', channel: 'meeting', content: 'Đề nghị quy định giờ giữ yên tĩnh', receivedOn: daysAgo(50) });
  const handle = client.workflow.getHandle(regulationWorkflowId(id));
  while ((await handle.query(getRegulationStateQuery)).cycle?.phase !== 'revising') {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log('CloseConsultation  ← closed by the workflow timer (the 30-day window ended 25 days ago)');
  await send({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
  await send({ type: 'RecordVote', method: 'meeting', heldOn: daysAgo(20), totalHouseholds: 86, present: 61, approving: 57 });
  await send({ type: 'SubmitDossier', submittedOn: daysAgo(17), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
  await send({ type: 'StartReview' });
  await send({ type: 'Recognize', decisionNo: '27/QĐ-UBND', decidedOn: daysAgo(14) }, chair);
  console.log(`\n${regulationWorkflowId(id)} is in force. In the Temporal UI (http://localhost:8233) or with the CLI:`);
  console.log(`  temporal workflow describe --workflow-id ${regulationWorkflowId(id)}`);
  console.log(`  temporal workflow list --query "WardCode = 'hoan-kiem-2025' AND RegulationStage = 'in_force'"`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
