/** A ward democracy regulation's whole life on the time-skipping test server: critique, chair's decision, reviews, repeal. */
import { RegulationState } from '@app/domain';
import { regulationWorkflowId } from '../../workflows/messages';
import { createDraft, envelope, front, uniqueId, wardChair } from '../support/commands';
import { timeSkippingSuite } from '../support/lifecycle-driver';

jest.setTimeout(180_000);

const rig = timeSkippingSuite();

it('is consulted, critiqued by the Front, decided by the chair, reviewed twice with an amendment, then repealed', async () => {
  const id = uniqueId('qc');
  const { env, worker, drive } = await rig();
  const { commands } = drive;
  const recognize = async (decisionNo: string) =>
    commands.execute(id, envelope({ type: 'Recognize', decisionNo, decidedOn: await drive.today() }, wardChair));

  const final = await worker.runUntil(async () => {
    const draft = createDraft(id, { kind: 'democracy_regulation', title: 'Quy chế thực hiện dân chủ ở phường', startedOn: await drive.today() });
    delete draft.residentialGroup;
    await commands.execute(id, envelope(draft));
    await drive.consult(id);
    expect(await drive.rejectionCode(recognize('5/QĐ-UBND'))).toBe('CRITIQUE.REQUIRED');
    await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Văn bản phản biện của UB MTTQ phường', submittedOn: await drive.today() }, front));
    expect((await recognize('5/QĐ-UBND')).stage).toBe('in_force');

    const first = await drive.projection(id);
    await drive.sleepUntil(first.state.nextReviewDueOn!);
    await drive.eventually(id, (row) => row.state.reviewDue);
    const suspend = envelope({ type: 'RecordAnnualReview', outcome: 'suspend', reviewedOn: await drive.today(), notes: 'n' } as const, wardChair);
    expect(await drive.rejectionCode(commands.execute(id, suspend))).toBe('REVIEW.OUTCOME_NOT_ALLOWED');
    await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: await drive.today(), notes: 'Bổ sung công khai tài chính' }, wardChair));
    await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Quy chế (sửa đổi)', summary: 'bổ sung' }));
    await drive.consult(id);
    await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Đồng ý', submittedOn: await drive.today() }, front));
    await recognize('22/QĐ-UBND');
    const amended = await drive.projection(id);
    expect(amended.state.inForce?.text).toBe('Quy chế (sửa đổi)');

    await drive.sleepUntil(amended.state.nextReviewDueOn!);
    await drive.eventually(id, (row) => row.state.reviewDue);
    const repeal = { type: 'RecordAnnualReview', outcome: 'repeal', reviewedOn: await drive.today(), notes: 'Thay bằng quy chế mới', decisionNo: '60/QĐ-UBND' } as const;
    await commands.execute(id, envelope(repeal, wardChair));
    return env.client.workflow.getHandle(regulationWorkflowId(id)).result() as Promise<RegulationState>;
  });

  expect(final.status).toBe('repealed');
  expect(final.reviews.map((r) => r.outcome)).toEqual(['amend', 'repeal']);
  expect((await drive.projection(id)).stage).toBe('repealed');
});
