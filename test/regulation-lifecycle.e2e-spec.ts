/**
 * Whole lifecycles over HTTP: the api from createApp talks to the Java time-skipping test server, where the
 * 30-day consultation and the year until the annual review pass in virtual time. A worker with the production
 * workflows and activities, a fresh PostgreSQL database; projection, timeline and as-of checked at each step.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { EventStore } from '@app/event-store';
import { createTestAuth } from '../apps/api/src/auth/testing';
import { createApp } from '../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from './support/database';
import { createRegulationWorker } from './support/regulation-worker';
import { createTimeSkippingEnv } from './support/time-skipping';

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;
// Authorization headers of the ward Cửa Nam's officer (a ward of the 2025 reorganization: the drafts start today), chair and Front, filled in beforeAll.
const officer: Record<string, string> = {};
const chair: Record<string, string> = {};
const front: Record<string, string> = {};

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let worker: Worker;
let workerRun: Promise<void>;
let app: NestExpressApplication;
/** Sends the officer's token unless a request sets another. */
let http: ReturnType<typeof request.agent>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = await createTestDatabase();
  const taskQueue = `api-lifecycle-${randomUUID()}`;
  worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store: new EventStore(db.dataSource) });
  workerRun = worker.run();
  const auth = await createTestAuth();
  Object.assign(officer, await auth.bearer({ sub: 'officer-cua-nam', role: 'officer', wards: ['cua-nam-2025'] }));
  Object.assign(chair, await auth.bearer({ sub: 'chair-cua-nam', role: 'ward_chair', wards: ['cua-nam-2025'] }));
  Object.assign(front, await auth.bearer({ sub: 'front-cua-nam', role: 'front', wards: ['cua-nam-2025'] }));
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'silent',
    AUTH_PUBLIC_KEY: auth.publicKeyPem,
  });
  app = await createApp();
  http = request.agent(app.getHttpServer()).set(officer);
});

afterAll(async () => {
  await app?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await db?.drop();
  await env?.teardown();
  process.env = savedEnv;
});

/** The workflows' "today": virtual time on the test server. */
const today = async () => civilDateInVietnam(await env.currentTimeMs());

interface Step {
  status: number;
  body: { version: number; stage: string; allowedActions: string[] };
}

async function command(id: string, route: string, body: object = {}, actor: Record<string, string> = officer): Promise<Step> {
  const res = await http.post(`/regulations/${id}/${route}`).set(actor).send(body);
  expect({ route, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ route, status: 200, body: 'ok' });
  await expectStepVisible(id, res.body);
  return res;
}

async function detail(id: string) {
  const res = await http.get(`/regulations/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * Read-your-writes: right after the command the projection shows its version, stage and actions, the timeline
 * ends with its events, and the as-of view at the instant of the last event is the same regulation.
 */
async function expectStepVisible(id: string, result: Step['body']): Promise<void> {
  const view = await detail(id);
  expect({ version: view.version, stage: view.stage, allowedActions: view.allowedActions }).toEqual({
    version: result.version,
    stage: result.stage,
    allowedActions: result.allowedActions,
  });
  expect(view.timeline).toHaveLength(view.version);
  const last = view.timeline[view.timeline.length - 1];
  const asOf = await http.get(`/regulations/${id}/as-of`).query({ date: last.occurredAt });
  expect(asOf.status).toBe(200);
  const { asOf: _at, ...folded } = asOf.body;
  expect(folded).toEqual(view);
}

/** Waits until the workflow's own timer has committed its event and the projection shows it. */
async function eventually(id: string, check: (view: Record<string, any>) => boolean): Promise<Record<string, any>> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const view = await detail(id);
    if (check(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`regulation ${id} never reached the expected state: ${JSON.stringify(await detail(id))}`);
}

async function sleepUntil(date: string): Promise<void> {
  await env.sleep(Date.parse(`${date}T00:00:00+07:00`) - (await env.currentTimeMs()) + DAY_MS);
}

async function consult(id: string, comments: { commentId: string; content: string }[]): Promise<void> {
  await command(id, 'open-consultation', { days: 30, channels: ['meeting', 'comment_box'] });
  for (const { commentId, content } of comments) {
    await command(id, 'record-comment', { commentId, channel: 'meeting', content, receivedOn: await today() });
  }
  await env.sleep(30 * DAY_MS + 60_000);
  const closed = await eventually(id, (view) => view.consultation?.closedAt !== null && view.draft?.phase === 'revising');
  expect(closed.timeline[closed.timeline.length - 1]).toMatchObject({
    type: 'ConsultationClosed',
    actor: { id: 'system', role: 'system' },
    data: { automatic: true, comments: comments.length },
  });
}

describe('community convention through its whole lifecycle over HTTP', () => {
  it('drafts, consults, votes, is returned, is recognized, reviewed, amended, complained about, suspended in part and repealed in part', async () => {
    const id = `conv-${randomUUID().slice(0, 8)}`;
    const created = await http
      .post('/regulations')
      .set(officer)
      .send({
        regulationId: id,
        wardCode: 'cua-nam-2025',
        kind: 'community_convention',
        title: 'Hương ước tổ dân phố số 5 phường Cửa Nam',
        text: 'Điều 1. Giữ gìn vệ sinh chung.',
        residentialGroup: 'Tổ dân phố số 5',
        startedOn: await today(),
      });
    expect(created.status).toBe(201);
    await expectStepVisible(id, created.body);
    await command(id, 'revise-draft', { text: 'Điều 1. Giữ gìn vệ sinh chung.\nĐiều 2. Giờ đổ rác 18–20 giờ.', summary: 'Thêm điều 2' });

    await consult(id, [
      { commentId: 'c1', content: 'Đề nghị đổ rác đến 21 giờ.' },
      { commentId: 'c2', content: 'Bỏ mức phạt tiền.' },
    ]);
    const early = await http.post(`/regulations/${id}/record-vote`).set(officer).send({ method: 'meeting', heldOn: await today(), totalHouseholds: 120, present: 80, approving: 70 });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'COMMENT.DISPOSITIONS_MISSING', details: { commentIds: ['c1', 'c2'] } });
    await command(id, 'record-disposition', { commentId: 'c1', disposition: 'partly_accepted', reason: 'Đến 20 giờ 30' });
    await command(id, 'record-disposition', { commentId: 'c2', disposition: 'not_accepted', reason: 'Mức phạt do luật định' });
    await command(id, 'revise-draft', { text: 'Điều 1. Giữ gìn vệ sinh chung.\nĐiều 2. Giờ đổ rác 18–20 giờ 30.', summary: 'Tiếp thu ý kiến c1' });
    let view = await detail(id);
    expect(view.comments).toEqual([
      expect.objectContaining({ commentId: 'c1', disposition: 'partly_accepted', dispositionReason: 'Đến 20 giờ 30' }),
      expect.objectContaining({ commentId: 'c2', disposition: 'not_accepted', dispositionReason: 'Mức phạt do luật định' }),
    ]);

    const noQuorum = await command(id, 'record-vote', { method: 'meeting', heldOn: await today(), totalHouseholds: 120, present: 50, approving: 50 });
    expect(noQuorum.body.stage).toBe('voting');
    const adopted = await command(id, 'record-vote', { method: 'household_ballot', heldOn: await today(), totalHouseholds: 120, present: 100, approving: 88 });
    expect(adopted.body.stage).toBe('adopted');
    await env.sleep(DAY_MS);
    const documents = ['request_form_01', 'minutes_form_02', 'adopted_text'];
    await command(id, 'submit-dossier', { submittedOn: await today(), documents });
    await command(id, 'start-review', {}, chair);
    view = await detail(id);
    expect(view.dossier).toMatchObject({ documents, underReview: true, late: false, authority: 'ward_peoples_committee' });
    expect(view.due.step).toBe('decision');

    const returned = await command(id, 'return-dossier', { returnedOn: await today(), reasons: 'Biên bản thiếu chữ ký' }, chair);
    expect(returned.body.stage).toBe('revising');
    await command(id, 'record-vote', { method: 'meeting', heldOn: await today(), totalHouseholds: 120, present: 90, approving: 85 });
    await command(id, 'submit-dossier', { submittedOn: await today(), documents });
    await command(id, 'start-review', {}, chair);
    const recognizedOn = await today();
    const recognized = await command(id, 'recognize', { decisionNo: '12/QĐ-UBND', decidedOn: recognizedOn, legalBasis: 'Nghị định 61/2023/NĐ-CP' }, chair);
    expect(recognized.body.stage).toBe('in_force');
    view = await detail(id);
    expect(view).toMatchObject({
      status: 'in_force',
      text: 'Điều 1. Giữ gìn vệ sinh chung.\nĐiều 2. Giờ đổ rác 18–20 giờ 30.',
      inForce: { revision: 3, decisionNo: '12/QĐ-UBND', decidedOn: recognizedOn },
      draft: null,
      firstInForceOn: recognizedOn,
      decisions: [expect.objectContaining({ decisionNo: '12/QĐ-UBND', amendment: false })],
      due: { step: 'annual_review' },
    });
    expect(view.votes.map((v: { round: number; adopted: boolean }) => [v.round, v.adopted])).toEqual([[1, false], [2, true], [3, true]]);
    expect(view.timeline[view.timeline.length - 1]).toMatchObject({ type: 'RegulationRecognized', actor: { role: 'ward_chair' }, legalBasis: 'Nghị định 61/2023/NĐ-CP' });
    const beforeRecognition = view.timeline[view.timeline.length - 2];
    const asOfReview = await http.get(`/regulations/${id}/as-of`).query({ date: beforeRecognition.occurredAt });
    expect(asOfReview.body).toMatchObject({ stage: 'under_review', inForce: null });

    // One year on the timer marks the annual review due; "amend" keeps the old text in force meanwhile.
    await sleepUntil(view.nextReviewDueOn);
    view = await eventually(id, (v) => v.reviewDue === true);
    expect(view.allowedActions).toContain('RecordAnnualReview');
    const amend = await command(id, 'record-annual-review', { outcome: 'amend', reviewedOn: await today(), notes: 'Cập nhật theo quy định mới' }, chair);
    expect(amend.body.stage).toBe('in_force');
    view = await detail(id);
    expect(view).toMatchObject({ draft: { amendment: true, phase: 'drafting', revision: 4 }, reviews: [expect.objectContaining({ outcome: 'amend' })] });
    await command(id, 'revise-draft', { text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung và phân loại rác.', summary: 'Phân loại rác' });
    await consult(id, [{ commentId: 'a1', content: 'Đồng ý phân loại rác.' }]);
    expect((await detail(id)).text).toBe('Điều 1. Giữ gìn vệ sinh chung.\nĐiều 2. Giờ đổ rác 18–20 giờ 30.');
    await command(id, 'record-disposition', { commentId: 'a1', disposition: 'accepted' });
    await command(id, 'record-vote', { method: 'meeting', heldOn: await today(), totalHouseholds: 118, present: 70, approving: 66 });
    await command(id, 'submit-dossier', { submittedOn: await today(), documents });
    await command(id, 'start-review', {}, chair);
    await command(id, 'recognize', { decisionNo: '48/QĐ-UBND', decidedOn: await today() }, chair);
    view = await detail(id);
    expect(view).toMatchObject({
      text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung và phân loại rác.',
      firstInForceOn: recognizedOn,
      draft: null,
      decisions: [expect.objectContaining({ decisionNo: '12/QĐ-UBND' }), expect.objectContaining({ decisionNo: '48/QĐ-UBND', amendment: true })],
    });
    expect(view.revisions.map((r: { origin: string }) => r.origin)).toEqual(['drafted', 'revised', 'revised', 'amendment', 'revised']);

    // Decree 61/2023 art. 12: a suspension decides a complaint received, within 3 working days of its receipt.
    const suspendBody = {
      complaintId: 'don-7',
      decisionNo: '69/QĐ-UBND',
      suspendedOn: await today(),
      ground: 'content',
      scope: 'part',
      articles: ['Điều 2'],
      redraftDueOn: addCalendarDays(await today(), 60),
      reason: 'Điều 2 trái quy định',
    };
    const withoutComplaint = await http.post(`/regulations/${id}/suspend`).set(chair).send(suspendBody);
    expect(withoutComplaint.status).toBe(409);
    expect(withoutComplaint.body.code).toBe('REGULATION.INVALID_TRANSITION');
    await command(id, 'receive-complaint', { complaintId: 'don-7', receivedOn: await today(), source: 'written_complaint', summary: 'Điều 2 trái quy định' });
    view = await detail(id);
    expect(view).toMatchObject({ complaint: { complaintId: 'don-7' }, due: { step: 'complaint_answer' }, tasks: [expect.objectContaining({ step: 'complaint_answer' })] });
    const noArticles = await http.post(`/regulations/${id}/suspend`).set(chair).send({ ...suspendBody, articles: [] });
    expect(noArticles.status).toBe(400);
    const wrongScope = await http.post(`/regulations/${id}/suspend`).set(chair).send({ ...suspendBody, scope: 'whole', articles: undefined });
    expect(wrongScope.body.code).toBe('SUSPENSION.SCOPE_NOT_FOR_GROUND');
    const suspended = await command(id, 'suspend', suspendBody, chair);
    expect(suspended.body).toMatchObject({ stage: 'suspended', allowedActions: expect.arrayContaining(['StartAmendment', 'Repeal']) });
    expect(suspended.body.allowedActions).not.toContain('Resume');
    view = await detail(id);
    expect(view).toMatchObject({
      complaint: null,
      suspension: { scope: 'part', ground: 'content', articles: ['Điều 2'], redraftDueOn: suspendBody.redraftDueOn },
      due: { step: 'redraft', dueOn: suspendBody.redraftDueOn },
      tasks: [],
    });
    const tooEarly = await http
      .post(`/regulations/${id}/repeal`)
      .set(chair)
      .send({ repealedOn: await today(), decisionNo: '70/QĐ-UBND', ground: 'redraft_deadline_passed', reason: 'x' });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.code).toBe('REPEAL.BEFORE_REDRAFT_DEADLINE');
    const resume = await http.post(`/regulations/${id}/resume`).set(chair).send({ resumedOn: await today(), reason: 'x' });
    expect(resume.status).toBe(404);
    // No recognized redraft by the deadline: the timer marks it passed and the repeal decision waits (art. 14).
    await sleepUntil(suspendBody.redraftDueOn);
    view = await eventually(id, (v) => v.tasks.some((t: { step: string }) => t.step === 'repeal_decision'));
    expect(view).toMatchObject({ suspension: { redraftOverdue: { openedOn: addCalendarDays(suspendBody.redraftDueOn, 1) } }, due: { step: 'repeal_decision' } });
    const repealed = await command(
      id,
      'repeal',
      { repealedOn: await today(), decisionNo: '70/QĐ-UBND', ground: 'redraft_deadline_passed', reason: 'Không soạn lại Điều 2 trong thời hạn' },
      chair,
    );
    expect(repealed.body).toMatchObject({ stage: 'repealed', allowedActions: [] });
    const list = await http.get('/regulations').query({ ward: 'cua-nam-2025', stage: 'repealed' });
    expect(list.body.items.map((r: { regulationId: string }) => r.regulationId)).toEqual([id]);
    const asOfFirstText = await http.get(`/regulations/${id}/as-of`).query({ date: recognizedOn });
    expect(asOfFirstText.body).toMatchObject({ stage: 'in_force', inForce: { decisionNo: '12/QĐ-UBND' } });
  });
});

describe('ward democracy regulation through its whole lifecycle over HTTP', () => {
  it('is consulted, critiqued by the Front, decided by the chair, reviewed, amended, the amendment withdrawn, then repealed', async () => {
    const id = `qc-${randomUUID().slice(0, 8)}`;
    const created = await http.post('/regulations').set(officer).send({
      regulationId: id,
      wardCode: 'cua-nam-2025',
      kind: 'democracy_regulation',
      title: 'Quy chế thực hiện dân chủ ở phường Cửa Nam',
      text: 'Chương I. Những quy định chung.',
      // The api checks "not in the future" on the wall clock, behind the virtual clock of the test server.
      startedOn: civilDateInVietnam(Date.now()),
    });
    expect(created.status).toBe(201);
    await consult(id, [{ commentId: 'nd-1', content: 'Công khai tài chính hằng quý.' }]);
    await command(id, 'record-disposition', { commentId: 'nd-1', disposition: 'accepted' });

    const withoutCritique = await http.post(`/regulations/${id}/recognize`).set(chair).send({ decisionNo: '5/QĐ-UBND', decidedOn: await today() });
    expect(withoutCritique.status).toBe(422);
    expect(withoutCritique.body.code).toBe('CRITIQUE.REQUIRED');
    await command(id, 'submit-critique', { content: 'Văn bản phản biện của UB MTTQ phường', submittedOn: await today() }, front);
    const decided = await command(id, 'recognize', { decisionNo: '5/QĐ-UBND', decidedOn: await today() }, chair);
    expect(decided.body.stage).toBe('in_force');
    expect(decided.body.allowedActions).not.toContain('Suspend');

    let view = await detail(id);
    await sleepUntil(view.nextReviewDueOn);
    await eventually(id, (v) => v.reviewDue === true);
    const suspend = await http.post(`/regulations/${id}/record-annual-review`).set(chair).send({ outcome: 'suspend', reviewedOn: await today(), notes: 'n' });
    expect(suspend.status).toBe(422);
    expect(suspend.body.code).toBe('REVIEW.OUTCOME_NOT_ALLOWED');
    await command(id, 'record-annual-review', { outcome: 'amend', reviewedOn: await today(), notes: 'Bổ sung công khai tài chính' }, chair);
    view = await detail(id);
    expect(view.draft).toMatchObject({ amendment: true, phase: 'drafting' });
    const withdrawn = await command(id, 'withdraw', { reason: 'Chờ hướng dẫn của thành phố' }, chair);
    expect(withdrawn.body.stage).toBe('in_force');
    view = await detail(id);
    expect(view).toMatchObject({ draft: null, status: 'in_force', inForce: { decisionNo: '5/QĐ-UBND' } });
    expect(view.timeline[view.timeline.length - 1]).toMatchObject({ type: 'AmendmentWithdrawn', reason: 'Chờ hướng dẫn của thành phố' });

    const repealed = await command(id, 'repeal', { repealedOn: await today(), decisionNo: '60/QĐ-UBND', reason: 'Thay bằng quy chế mới' }, chair);
    expect(repealed.body.stage).toBe('repealed');
    view = await detail(id);
    expect(view).toMatchObject({ status: 'repealed', endedOn: await today() });
  });
});

describe("the community's own steps of Decree 61/2023 over HTTP (art. 6, 7, 8, 10(2)(b), 15)", () => {
  /** A refusal: its status and code, and nothing written. */
  async function refused(id: string, route: string, body: object, status: number, code: string, actor: Record<string, string> = officer): Promise<void> {
    const before = (await detail(id)).version;
    const res = await http.post(`/regulations/${id}/${route}`).set(actor).send(body);
    expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status, code });
    expect((await detail(id)).version).toBe(before);
  }

  it('proposes, forms the drafting group, names, publishes the ballot, signs, is recognized, stamped and posted; each step refused when the law is not met', async () => {
    const id = `conv-steps-${randomUUID().slice(0, 8)}`;
    // The api refuses a draft starting after today by the wall clock; the workflows' virtual day may be ahead of it
    // when the suites above ran first.
    const startedOn = civilDateInVietnam(Date.now());
    const created = await http.post('/regulations').set(officer).send({
      regulationId: id,
      wardCode: 'cua-nam-2025',
      kind: 'community_convention',
      title: 'Quy ước tổ dân phố số 7 phường Cửa Nam',
      text: 'Điều 1. Giữ gìn vệ sinh chung.',
      residentialGroup: 'Tổ dân phố số 7',
      startedOn,
    });
    expect({ status: created.status, body: created.status === 201 ? 'ok' : created.body }).toEqual({ status: 201, body: 'ok' });
    expect(created.body.allowedActions.slice(0, 3)).toEqual(['RecordProposal', 'FormDraftingGroup', 'ChooseName']);

    // Art. 7: the group head's proposal needs the Front head's agreement; residents' the households' ballot or meeting.
    const proposal = { proposedOn: startedOn, proposer: 'group_head', content: 'Giữ gìn vệ sinh chung, giờ đổ rác' };
    await refused(id, 'record-proposal', proposal, 422, 'PROPOSAL.FRONT_AGREEMENT_REQUIRED');
    await refused(id, 'record-proposal', { ...proposal, proposer: 'residents' }, 422, 'PROPOSAL.CONSULTATION_REQUIRED');
    await refused(id, 'record-proposal', { ...proposal, frontHeadAgreedOn: startedOn }, 403, 'AUTH.FORBIDDEN', front);
    await command(id, 'record-proposal', { ...proposal, frontHeadAgreedOn: startedOn });

    // Art. 8: the drafting group after the proposal, its members each with whom they represent.
    await refused(id, 'form-drafting-group', { formedOn: startedOn, members: [] }, 400, 'COMMAND.INVALID');
    await refused(id, 'form-drafting-group', { formedOn: startedOn, members: [{ name: 'Nguyễn Văn An' }] }, 400, 'COMMAND.INVALID');
    const members = [
      { name: 'Nguyễn Văn An', represents: 'Chi hội Người cao tuổi' },
      { name: 'Trần Thị Bình', represents: 'Chi hội Phụ nữ' },
      { name: 'Đỗ Văn Cảnh', represents: 'Người có uy tín' },
    ];
    await command(id, 'form-drafting-group', { formedOn: startedOn, members });
    await refused(id, 'record-proposal', { ...proposal, frontHeadAgreedOn: startedOn }, 409, 'REGULATION.INVALID_TRANSITION');
    // Art. 6(2): the community names the text.
    await refused(id, 'choose-name', { name: 'quy_che', decidedOn: startedOn }, 400, 'COMMAND.INVALID');
    await command(id, 'choose-name', { name: 'quy_uoc', decidedOn: startedOn });
    let view = await detail(id);
    expect(view.draft).toMatchObject({
      proposal: { proposedOn: startedOn, proposer: 'group_head' },
      draftingGroup: { formedOn: startedOn, members: 3 },
      name: 'quy_uoc',
    });
    expect(view.timeline.slice(1).map((entry: { type: string }) => entry.type)).toEqual(['ProposalRecorded', 'DraftingGroupFormed', 'NameChosen']);
    expect(view.timeline[2].data.members).toEqual(members);

    await consult(id, []);
    await command(id, 'record-vote', { method: 'meeting', heldOn: await today(), totalHouseholds: 120, present: 50, approving: 50 });
    const ballotOn = await today();
    await command(id, 'record-vote', { method: 'household_ballot', heldOn: ballotOn, totalHouseholds: 120, present: 100, approving: 90 });
    // Art. 10(2)(b): the ballot's results made public; there is no recognized text yet.
    await refused(id, 'record-disclosure', { subject: 'recognized_text', disclosedOn: ballotOn, place: 'Bảng tin' }, 422, 'DISCLOSURE.NOT_APPLICABLE');
    const disclosed = await command(id, 'record-disclosure', { subject: 'ballot_results', disclosedOn: ballotOn, place: 'Bảng tin nhà văn hóa TDP số 7' });
    expect(disclosed.body.stage).toBe('adopted');
    // Art. 6(1): the group head, the Front head and two household representatives sign.
    const signatures = { signedOn: ballotOn, groupHead: 'Lê Văn Cường', frontHead: 'Phạm Thị Dung', householdRepresentatives: ['Hoàng Văn Em'] };
    await refused(id, 'record-signatures', signatures, 422, 'SIGNATURES.INCOMPLETE');
    await command(id, 'record-signatures', { ...signatures, householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'] });
    await refused(id, 'record-signatures', { ...signatures, householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'] }, 409, 'REGULATION.INVALID_TRANSITION');
    await refused(id, 'stamp-text', { stampedOn: ballotOn }, 409, 'REGULATION.INVALID_TRANSITION', chair);

    await command(id, 'submit-dossier', { submittedOn: ballotOn, documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
    await command(id, 'start-review', {}, chair);
    const recognizedOn = await today();
    await command(id, 'recognize', { decisionNo: '31/QĐ-UBND', decidedOn: recognizedOn }, chair);
    // Art. 6(1): the committee stamps the recognized text once; art. 15: it is posted.
    await command(id, 'stamp-text', { stampedOn: recognizedOn }, chair);
    await refused(id, 'stamp-text', { stampedOn: recognizedOn }, 409, 'REGULATION.INVALID_TRANSITION', chair);
    await refused(id, 'record-disclosure', { subject: 'ballot_results', disclosedOn: recognizedOn, place: 'Bảng tin' }, 422, 'DISCLOSURE.NOT_APPLICABLE');
    await command(id, 'record-disclosure', { subject: 'recognized_text', disclosedOn: recognizedOn, place: 'Loa truyền thanh phường' });
    view = await detail(id);
    expect(view).toMatchObject({
      stage: 'in_force',
      inForce: { decisionNo: '31/QĐ-UBND', name: 'quy_uoc', stampedOn: recognizedOn, disclosedOn: recognizedOn },
    });
    expect(view.timeline.filter((entry: { type: string }) => ['TextSigned', 'TextStamped', 'DisclosureRecorded'].includes(entry.type)).map((entry: { type: string; data: object }) => [entry.type, entry.data])).toEqual([
      ['DisclosureRecorded', { subject: 'ballot_results', disclosedOn: ballotOn, place: 'Bảng tin nhà văn hóa TDP số 7', round: 2, revision: null }],
      ['TextSigned', { signedOn: ballotOn, revision: 1, groupHead: 'Lê Văn Cường', frontHead: 'Phạm Thị Dung', householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'] }],
      ['TextStamped', { stampedOn: recognizedOn, revision: 1, decisionNo: '31/QĐ-UBND' }],
      ['DisclosureRecorded', { subject: 'recognized_text', disclosedOn: recognizedOn, place: 'Loa truyền thanh phường', round: null, revision: 1 }],
    ]);

    // Art. 15(4)(a): the community holds its annual review on a day it agrees instead of 18 November; the review
    // scheduled moves to that day of its year (or the next when it has passed), and the workflow's timer with it.
    const scheduled: string = view.nextReviewDueOn;
    expect(scheduled.slice(5)).toBe('11-18');
    const agreed = addCalendarDays(recognizedOn, 10);
    const [month, day] = [Number(agreed.slice(5, 7)), Math.min(Number(agreed.slice(8, 10)), 28)];
    const onDay = (year: string) => `${year}-${agreed.slice(5, 7)}-${String(day).padStart(2, '0')}`;
    const expected = onDay(scheduled.slice(0, 4)) > recognizedOn ? onDay(scheduled.slice(0, 4)) : onDay(String(Number(scheduled.slice(0, 4)) + 1));
    await refused(id, 'agree-review-day', { agreedOn: recognizedOn, month: 2, day: 29 }, 400, 'COMMAND.INVALID');
    await refused(id, 'agree-review-day', { agreedOn: recognizedOn, month: 13, day: 1 }, 400, 'COMMAND.INVALID');
    await refused(id, 'agree-review-day', { agreedOn: recognizedOn, month, day }, 403, 'AUTH.FORBIDDEN', front);
    await command(id, 'agree-review-day', { agreedOn: recognizedOn, month, day });
    view = await detail(id);
    expect(view).toMatchObject({ nextReviewDueOn: expected, due: { step: 'annual_review', dueOn: expected }, reviewDue: false });
    expect(view.timeline[view.timeline.length - 1]).toMatchObject({ type: 'ReviewDayAgreed', data: { agreedOn: recognizedOn, day: { month, day }, nextReviewDueOn: expected } });
    await sleepUntil(expected);
    view = await eventually(id, (v) => v.reviewDue === true);
    expect(view.timeline[view.timeline.length - 1]).toMatchObject({ type: 'AnnualReviewDue', actor: { role: 'system' }, data: { dueOn: expected } });
  });
});
