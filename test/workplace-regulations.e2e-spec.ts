/**
 * The democracy regulations of an agency or public service unit (Law 10/2022 ch. III) and of an enterprise (Decree
 * 145/2020 art. 48) over HTTP, on the real servers (api, worker on the dev server, PostgreSQL): from draft to in force,
 * with the coded refusals on the way, each leaving the regulation as it was.
 */
import { randomUUID } from 'node:crypto';
import { civilDateInVietnam } from '@app/domain';
import { ApiRig, startApiRig } from './support/api-rig';

jest.setTimeout(120_000);

const WARD = 'cua-nam-2025';
let rig: ApiRig;
let officer: Record<string, string>;
let chair: Record<string, string>;

beforeAll(async () => {
  rig = await startApiRig('workplace-kinds');
  officer = await rig.auth.bearer({ sub: 'officer-cua-nam', role: 'officer', wards: [WARD] });
  chair = await rig.auth.bearer({ sub: 'chair-cua-nam', role: 'ward_chair', wards: [WARD] });
});

afterAll(async () => {
  await rig?.close();
});

const today = () => civilDateInVietnam(Date.now());

async function detail(id: string) {
  const res = await rig.http.get(`/regulations/${id}`).set(officer);
  expect(res.status).toBe(200);
  return res.body;
}

async function command(id: string, route: string, body: object = {}, actor = officer): Promise<{ version: number; stage: string; allowedActions: string[] }> {
  const res = await rig.http.post(`/regulations/${id}/${route}`).set(actor).send(body);
  expect({ route, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ route, status: 200, body: 'ok' });
  return res.body;
}

/** A refusal: its status and code, and nothing written. */
async function refused(id: string, route: string, body: object, status: number, code: string, actor = officer): Promise<Record<string, unknown>> {
  const before = (await detail(id)).version;
  const res = await rig.http.post(`/regulations/${id}/${route}`).set(actor).send(body);
  expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status, code });
  expect((await detail(id)).version).toBe(before);
  return res.body;
}

async function draft(kind: string, title: string): Promise<string> {
  const id = `wk-${randomUUID().slice(0, 8)}`;
  const created = await rig.http.post('/regulations').set(officer).send({ regulationId: id, wardCode: WARD, kind, title, text: 'Chương I. Quy định chung.', startedOn: today() });
  expect(created.status).toBe(201);
  return id;
}

/** Consults the staff with one comment and closes the window at once (no minimum window was found in the texts). */
async function consult(id: string, commentId: string, content: string): Promise<void> {
  await command(id, 'open-consultation', { days: 7, channels: ['meeting'] });
  await command(id, 'record-comment', { commentId, channel: 'meeting', content, receivedOn: today() });
  const closed = await command(id, 'close-consultation');
  expect(closed.stage).toBe('revising');
}

describe('an agency or public service unit democracy regulation over HTTP', () => {
  it('is consulted, discussed by the conference of officials and employees (convened again without quorum), issued by its head as the officer records it; each step refused out of order', async () => {
    const id = await draft('agency_democracy_regulation', 'Quy chế thực hiện dân chủ của Trường THCS Trưng Vương');
    await consult(id, 'cb-1', 'Bổ sung công khai quỹ phúc lợi');
    const conference = (present: number, approving: number) => ({ heldOn: today(), form: 'plenary', convened: 60, present, approving });
    const issue = { decisionNo: '12/QĐ-THCS', decidedOn: today() };

    await refused(id, 'record-conference', conference(45, 40), 422, 'COMMENT.DISPOSITIONS_MISSING');
    await command(id, 'record-disposition', { commentId: 'cb-1', disposition: 'accepted' });
    // A step out of order: the head issues only after the conference adopted the draft.
    expect(await refused(id, 'recognize', issue, 409, 'REGULATION.INVALID_TRANSITION')).toMatchObject({ details: { allowedActions: expect.arrayContaining(['RecordConference']) } });
    // A convention's step this kind lacks.
    await refused(id, 'record-vote', { method: 'meeting', heldOn: today(), totalHouseholds: 60, present: 45, approving: 40 }, 409, 'REGULATION.INVALID_TRANSITION');
    await refused(id, 'record-conference', conference(61, 40), 422, 'CONFERENCE.TALLY_INCONSISTENT');

    const withoutQuorum = await command(id, 'record-conference', conference(39, 39));
    expect(withoutQuorum.stage).toBe('voting');
    const adopted = await command(id, 'record-conference', conference(40, 21));
    expect(adopted).toMatchObject({ stage: 'adopted', allowedActions: expect.arrayContaining(['Recognize']) });

    // The wrong issuer: the ward's committee does not issue an agency's regulation.
    expect(await refused(id, 'recognize', issue, 403, 'AUTH.FORBIDDEN', chair)).toMatchObject({ details: { authority: 'agency_head' } });
    const issued = await command(id, 'recognize', issue);
    expect(issued.stage).toBe('in_force');
    await command(id, 'record-disclosure', { subject: 'recognized_text', disclosedOn: today(), place: 'Bảng tin phòng hội đồng' });

    const view = await detail(id);
    expect(view).toMatchObject({
      kind: 'agency_democracy_regulation',
      status: 'in_force',
      nextReviewDueOn: null,
      tasks: [],
      inForce: { authority: 'agency_head', decisionNo: '12/QĐ-THCS', disclosedOn: today() },
      decisions: [{ authority: 'agency_head', decisionNo: '12/QĐ-THCS' }],
    });
    expect(view.conferences.map((c: { present: number; quorumMet: boolean; adopted: boolean }) => [c.present, c.quorumMet, c.adopted])).toEqual([
      [39, false, false],
      [40, true, true],
    ]);
    expect(view.timeline.map((e: { type: string }) => e.type)).toContain('ConferenceHeld');
    await refused(id, 'repeal', { repealedOn: today(), decisionNo: '1/QĐ-UBND', reason: 'r' }, 403, 'AUTH.FORBIDDEN', chair);
  });
});

describe('an enterprise workplace democracy regulation over HTTP', () => {
  it("is consulted with the employees' representative organisation, every comment not taken up answered with its reason, and issued by the employer as the officer records it", async () => {
    const id = await draft('enterprise_democracy_regulation', 'Quy chế dân chủ ở cơ sở tại nơi làm việc của Công ty TNHH Phố Cổ');
    await consult(id, 'cd-1', 'Ý kiến Ban chấp hành công đoàn cơ sở về lịch đối thoại');
    await refused(id, 'record-disposition', { commentId: 'cd-1', disposition: 'not_accepted' }, 422, 'COMMENT.REASON_REQUIRED');
    await command(id, 'record-disposition', { commentId: 'cd-1', disposition: 'not_accepted', reason: 'Lịch đối thoại đã theo Điều 37 Nghị định 145/2020' });
    await refused(id, 'record-conference', { heldOn: today(), form: 'plenary', convened: 60, present: 45, approving: 40 }, 409, 'REGULATION.INVALID_TRANSITION');
    await refused(id, 'recognize', { decisionNo: '01/QĐ-QCDC', decidedOn: today() }, 403, 'AUTH.FORBIDDEN', chair);
    const issued = await command(id, 'recognize', { decisionNo: '01/QĐ-QCDC', decidedOn: today() });
    expect(issued.stage).toBe('in_force');
    expect(await detail(id)).toMatchObject({ status: 'in_force', nextReviewDueOn: null, inForce: { authority: 'employer' }, conferences: [] });
  });
});

describe('the catalogue', () => {
  it("returns the agencies' and the enterprises' kinds with their issuer, steps and rules, each rule with its source", async () => {
    const res = await rig.http.get('/catalogue').set(officer);
    expect(res.status).toBe(200);
    const kinds = Object.fromEntries(res.body.kinds.map((k: { id: string }) => [k.id, k]));
    expect(kinds.agency_democracy_regulation).toMatchObject({
      issuer: 'agency_head',
      steps: ['drafting', 'consultation', 'revising', 'conference', 'decision', 'in_force'],
      rules: {
        conferenceQuorum: { numerator: 2, denominator: 3 },
        sources: { annualConference: { text: 'Luật 10/2022/QH15', article: '51', clause: '1', status: 'confirmed' }, conferenceQuorum: { status: 'unconfirmed' } },
      },
    });
    expect(kinds.enterprise_democracy_regulation).toMatchObject({
      issuer: 'employer',
      rules: { conference: null, sources: { issuer: { text: 'Nghị định 145/2020/NĐ-CP', article: '48', clause: '1', status: 'confirmed' } } },
    });
    expect(kinds.community_convention).toMatchObject({ issuer: null, rules: null });
  });
});
