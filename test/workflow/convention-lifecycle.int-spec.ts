/**
 * A community convention's whole life through the workflow on the time-skipping test server: the legal
 * durations (30-day consultation, annual review after one year) pass in virtual time, no real waiting.
 */
import { regulationWorkflowId } from '../../workflows/messages';
import { createDraft, envelope, front, uniqueId, wardChair } from '../support/commands';
import { timeSkippingSuite } from '../support/lifecycle-driver';

jest.setTimeout(180_000);

const rig = timeSkippingSuite();

it('goes from draft to in force, through two annual reviews and an amendment, continuing as new after each review', async () => {
  const id = uniqueId('conv');
  const { env, store, worker, drive } = await rig();
  const { commands } = drive;

  await worker.runUntil(async () => {
    await commands.execute(id, envelope(createDraft(id, { startedOn: await drive.today() })));
    await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1. Giữ gìn vệ sinh; Điều 2. Giờ đổ rác.', summary: 'thêm điều 2' }));
    await drive.consult(id);
    await drive.adoptAndRecognize(id, '12/QĐ-UBND');
    const inForce = await drive.projection(id);
    expect(inForce.stage).toBe('in_force');
    const recognizedOn = inForce.state.inForce!.decidedOn;
    const firstRun = (await env.client.workflow.getHandle(regulationWorkflowId(id)).describe()).runId;

    // First annual review, one year on: amend. The old text stays in force while the amendment runs.
    await drive.sleepUntil(inForce.state.nextReviewDueOn!);
    await drive.eventually(id, (row) => row.state.reviewDue);
    await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: await drive.today(), notes: 'Cập nhật theo Nghị định 61' }, wardChair));
    expect(await drive.projection(id)).toMatchObject({ stage: 'in_force', amendment_stage: 'drafting' });
    const firstRunDescription = await env.client.workflow.getHandle(regulationWorkflowId(id), firstRun).describe();
    expect(firstRunDescription.status.name).toBe('CONTINUED_AS_NEW');

    await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung.', summary: 'sửa điều 1' }));
    await drive.consult(id);
    expect((await drive.projection(id)).state.inForce!.text).toBe('Điều 1. Giữ gìn vệ sinh; Điều 2. Giờ đổ rác.');
    await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Ý kiến của Ban công tác Mặt trận', submittedOn: await drive.today() }, front));
    await drive.adoptAndRecognize(id, '48/QĐ-UBND');
    const amended = await drive.projection(id);
    expect(amended.state.inForce).toMatchObject({ text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung.', decisionNo: '48/QĐ-UBND' });
    expect(amended.state.firstInForceOn).toBe(recognizedOn);
    expect(amended.amendment_stage).toBeNull();

    // Second annual review: keep.
    await drive.sleepUntil(amended.state.nextReviewDueOn!);
    await drive.eventually(id, (row) => row.state.reviewDue);
    await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: await drive.today(), notes: 'Giữ nguyên' }, wardChair));
    const kept = await drive.projection(id);
    expect(kept.state.reviews.map((r) => r.outcome)).toEqual(['amend', 'keep']);
    expect(kept.stage).toBe('in_force');
  });

  const types = (await store.readStream(id)).map((e) => e.type);
  expect(types.filter((t) => t === 'RegulationRecognized')).toHaveLength(2);
  expect(types.filter((t) => t === 'ConsultationClosed')).toHaveLength(2);
  expect(types.filter((t) => t === 'AnnualReviewDue')).toHaveLength(2);
  expect(types.filter((t) => t === 'VoteRecorded')).toHaveLength(4);
});
