/**
 * Whole lifecycles driven through the workflow on the time-skipping test server: the legal durations
 * (30-day consultation, annual review after one year) pass in virtual time, no real waiting.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { civilDateInVietnam, CivilDate, DomainError, RegulationState } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { regulationWorkflowId } from '../../workflows/messages';
import { createDraft, envelope, front, uniqueId, wardChair } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';
import { createTimeSkippingEnv } from '../support/time-skipping';

jest.setTimeout(180_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
  await env?.teardown();
});

const DAY_MS = 86_400_000;
const today = async (): Promise<CivilDate> => civilDateInVietnam(await env.currentTimeMs());

async function projection(id: string): Promise<{ stage: string; version: number; amendment_stage: string | null; state: RegulationState }> {
  const [row] = await db.dataSource.query('SELECT stage, version, amendment_stage, state FROM regulations WHERE regulation_id = $1', [id]);
  return row;
}

/** Waits until the workflow's own timer has appended its event and the projection shows it. */
async function eventually(id: string, check: (row: Awaited<ReturnType<typeof projection>>) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const row = await projection(id);
    if (row && check(row)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`projection of ${id} never reached the expected state: ${JSON.stringify(await projection(id))}`);
}

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return (error as DomainError).code;
}

/** Runs consultation → dispositions for the current cycle, with the 30 days passing on the timer. */
async function consult(commands: RegulationCommandClient, id: string): Promise<void> {
  await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'comment_box'] }));
  await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'c1', channel: 'meeting', content: 'Bổ sung giờ đổ rác', receivedOn: await today() }));
  await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'c2', channel: 'comment_box', content: 'Bỏ mức phạt', receivedOn: await today() }));
  await env.sleep(29 * DAY_MS);
  expect(await code(commands.execute(id, envelope({ type: 'CloseConsultation' })))).toBe('CONSULTATION.MINIMUM_NOT_REACHED');
  expect((await projection(id)).state.cycle?.phase).toBe('consultation');
  await env.sleep(DAY_MS + 60_000);
  await eventually(id, (row) => row.state.cycle?.phase === 'revising');
  await commands.execute(id, envelope({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' }));
  await commands.execute(id, envelope({ type: 'RecordDisposition', commentId: 'c2', disposition: 'not_accepted', reason: 'Mức phạt do luật định' }));
}

/** Vote (first meeting without quorum, then a household ballot), dossier, review and recognition. */
async function adoptAndRecognize(commands: RegulationCommandClient, id: string, decisionNo: string): Promise<void> {
  const noQuorum = await commands.execute(id, envelope({ type: 'RecordVote', method: 'meeting', heldOn: await today(), totalHouseholds: 120, present: 50, approving: 50 }));
  expect(noQuorum.allowedActions).toContain('RecordVote');
  const adopted = await commands.execute(id, envelope({ type: 'RecordVote', method: 'household_ballot', heldOn: await today(), totalHouseholds: 120, present: 100, approving: 88 }));
  expect(adopted.allowedActions).toContain('SubmitDossier');
  await env.sleep(2 * DAY_MS);
  await commands.execute(id, envelope({ type: 'SubmitDossier', submittedOn: await today(), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }));
  await commands.execute(id, envelope({ type: 'StartReview' }));
  await commands.execute(id, envelope({ type: 'Recognize', decisionNo, decidedOn: await today() }, wardChair));
}

describe('community convention lifecycle', () => {
  it('goes from draft to in force, through two annual reviews and an amendment', async () => {
    const id = uniqueId('conv');
    const taskQueue = uniqueId('tq');
    const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
    const commands = new RegulationCommandClient(env.client, taskQueue);
    await worker.runUntil(async () => {
      await commands.execute(id, envelope(createDraft(id, { startedOn: await today() })));
      await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1. Giữ gìn vệ sinh; Điều 2. Giờ đổ rác.', summary: 'thêm điều 2' }));
      await consult(commands, id);
      await adoptAndRecognize(commands, id, '12/QĐ-UBND');
      const inForce = await projection(id);
      expect(inForce.stage).toBe('in_force');
      const recognizedOn = inForce.state.inForce!.decidedOn;
      const firstRun = (await env.client.workflow.getHandle(regulationWorkflowId(id)).describe()).runId;

      // First annual review, one year on: amend. The old text stays in force while the amendment runs.
      await env.sleep(366 * DAY_MS);
      await eventually(id, (row) => row.state.reviewDue);
      await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: await today(), notes: 'Cập nhật theo Nghị định 61' }));
      const amending = await projection(id);
      expect(amending).toMatchObject({ stage: 'in_force', amendment_stage: 'drafting' });
      const described = await env.client.workflow.getHandle(regulationWorkflowId(id), firstRun).describe();
      expect(described.status.name).toBe('CONTINUED_AS_NEW');

      await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung.', summary: 'sửa điều 1' }));
      await consult(commands, id);
      expect((await projection(id)).state.inForce!.text).toBe('Điều 1. Giữ gìn vệ sinh; Điều 2. Giờ đổ rác.');
      await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Ý kiến phản biện của Ban công tác Mặt trận', submittedOn: await today() }, front));
      await adoptAndRecognize(commands, id, '48/QĐ-UBND');
      const amended = await projection(id);
      expect(amended.state.inForce).toMatchObject({ text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung.', decisionNo: '48/QĐ-UBND' });
      expect(amended.state.firstInForceOn).toBe(recognizedOn);

      // Second annual review: keep.
      const dueOn = amended.state.nextReviewDueOn!;
      await env.sleep(Date.parse(`${dueOn}T00:00:00+07:00`) - (await env.currentTimeMs()) + DAY_MS);
      await eventually(id, (row) => row.state.reviewDue);
      await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: await today(), notes: 'Giữ nguyên' }));
      const kept = await projection(id);
      expect(kept.state.reviews.map((r) => r.outcome)).toEqual(['amend', 'keep']);
      expect(kept.stage).toBe('in_force');
    });
    const types = (await store.readStream(id)).map((e) => e.type);
    expect(types.filter((t) => t === 'RegulationRecognized')).toHaveLength(2);
    expect(types.filter((t) => t === 'ConsultationClosed')).toHaveLength(2);
    expect(types.filter((t) => t === 'AnnualReviewDue')).toHaveLength(2);
  });
});

describe('ward democracy regulation lifecycle', () => {
  it('is consulted, critiqued by the Front, decided by the chair, reviewed twice with an amendment, then repealed', async () => {
    const id = uniqueId('qc');
    const taskQueue = uniqueId('tq');
    const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
    const commands = new RegulationCommandClient(env.client, taskQueue);
    await worker.runUntil(async () => {
      await commands.execute(id, envelope(createDraft(id, { kind: 'democracy_regulation', title: 'Quy chế thực hiện dân chủ ở phường', residentialGroup: undefined, startedOn: await today() })));
      await consult(commands, id);
      expect(await code(commands.execute(id, envelope({ type: 'Recognize', decisionNo: '5/QĐ-UBND', decidedOn: await today() }, wardChair)))).toBe('CRITIQUE.REQUIRED');
      await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Văn bản phản biện của UB MTTQ phường', submittedOn: await today() }, front));
      const decided = await commands.execute(id, envelope({ type: 'Recognize', decisionNo: '5/QĐ-UBND', decidedOn: await today() }, wardChair));
      expect(decided.stage).toBe('in_force');

      await env.sleep(366 * DAY_MS);
      await eventually(id, (row) => row.state.reviewDue);
      expect(await code(commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'suspend', reviewedOn: await today(), notes: 'n' })))).toBe('REVIEW.OUTCOME_NOT_ALLOWED');
      await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: await today(), notes: 'Bổ sung công khai tài chính' }));
      await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Quy chế (sửa đổi)', summary: 'bổ sung' }));
      await consult(commands, id);
      await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Đồng ý', submittedOn: await today() }, front));
      await commands.execute(id, envelope({ type: 'Recognize', decisionNo: '22/QĐ-UBND', decidedOn: await today() }, wardChair));
      expect((await projection(id)).state.inForce?.text).toBe('Quy chế (sửa đổi)');

      const dueOn = (await projection(id)).state.nextReviewDueOn!;
      await env.sleep(Date.parse(`${dueOn}T00:00:00+07:00`) - (await env.currentTimeMs()) + DAY_MS);
      await eventually(id, (row) => row.state.reviewDue);
      await commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'repeal', reviewedOn: await today(), notes: 'Thay bằng quy chế mới', decisionNo: '60/QĐ-UBND' }, wardChair));
      const handle = env.client.workflow.getHandle(regulationWorkflowId(id));
      const final = await handle.result();
      expect(final.status).toBe('repealed');
    });
    expect((await projection(id)).stage).toBe('repealed');
  });
});
