/**
 * Demo data: the 18 wards of Hoàn Kiếm (from the administrative units table) with conventions and democracy regulations of the kinds the seed
 * names, spread over every stage. A regulation begun after the 2025 reorganization is the new ward's (the unit that
 * holds the old ward's regulations on its start day); one begun before is the old ward's and moves to its successor. Everything goes through the workflows as commands of each ward's officer, chair
 * and Front (the district for dossiers it decided) recording facts of the past months (postings, votes, dossiers,
 * decisions), so the domain's access rules hold for them as for the api; loaded once per database.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import {
  Actor,
  addCalendarDays,
  civilDateInVietnam,
  CommandEnvelope,
  KindId,
  RegulationCommand,
  RegulationState,
  regimeInForceOn,
} from '@app/domain';
import { AdminUnitsStore, regulationsHolderOn, UnitList } from '@app/admin-units';
import { RegulationCommandClient } from '@app/temporal';
import { getRegulationStateQuery, regulationWorkflowId } from '../workflows/messages';
import { applyReorganizations } from './reorganizations';

const conventionTitles = [
  'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp',
  'Quy ước xây dựng tổ dân phố an toàn về an ninh trật tự',
  'Quy ước sống ở nhà chung cư, nhà nhiều hộ',
];
const regulationTitles = [
  'Quy chế thực hiện dân chủ ở phường',
  'Quy chế công khai tài chính',
  'Quy chế tiếp công dân, giải quyết khiếu nại, tố cáo',
  'Quy chế quản lý, sử dụng tài sản công',
  'Quy chế tổ chức và hoạt động của Ban Thanh tra nhân dân',
];

/** Where a demo regulation stops. */
export type Target =
  | 'drafting'
  | 'consultation'
  | 'revising'
  | 'voting'
  | 'adopted'
  | 'submitted'
  | 'under_review'
  | 'overdue_review'
  | 'in_force'
  | 'review_due'
  | 'amending'
  | 'complaint_open'
  | 'suspended'
  | 'redraft_recognized'
  | 'repealed'
  | 'withdrawn'
  | 'legacy_in_force'
  | 'legacy_submitted';

const conventionTargets: Target[] = [
  'in_force', 'consultation', 'under_review', 'overdue_review', 'drafting', 'revising', 'voting', 'adopted',
  'submitted', 'review_due', 'amending', 'suspended', 'repealed', 'withdrawn', 'legacy_in_force', 'complaint_open',
  'redraft_recognized',
];
const regulationTargets: Target[] = ['in_force', 'consultation', 'revising', 'drafting', 'review_due', 'amending', 'repealed', 'withdrawn'];

/**
 * One demo regulation, taken to its target stage: `demo-<origin>-qu-<n>` (a convention), `demo-<origin>-qc-<n>` (a
 * ward democracy regulation), `-cq-` (an agency's or unit's), `-dn-` (an enterprise's).
 */
export interface DemoPlan {
  /** The ward of Hoàn Kiếm before 1/7/2025 whose residential group or people it is for: names its id. */
  origin: string;
  /** The unit that holds it on its start day: the origin, or the ward that succeeded it. */
  ward: string;
  kind: KindId;
  title: string;
  target: Target;
  n: number;
}

const idPart: Record<KindId, string> = {
  community_convention: 'qu',
  democracy_regulation: 'qc',
  agency_democracy_regulation: 'cq',
  enterprise_democracy_regulation: 'dn',
};
/** Who signs the decision: the ward's People's Committee, the school's head, the company. */
const decisionSuffix: Record<KindId, string> = {
  community_convention: 'QĐ-UBND',
  democracy_regulation: 'QĐ-UBND',
  agency_democracy_regulation: 'QĐ-THCS',
  enterprise_democracy_regulation: 'QĐ-CTDL',
};
/** The kinds a head of an agency or unit, or an employer, issues: the ward's officer records their decisions. */
const workplaceKinds: readonly KindId[] = ['agency_democracy_regulation', 'enterprise_democracy_regulation'];

const officer = (ward: string): Actor => ({ id: `officer-${ward}`, role: 'officer', wards: [ward] });
const chair = (ward: string): Actor => ({ id: `chair-${ward}`, role: 'ward_chair', wards: [ward] });
const front = (ward: string): Actor => ({ id: `front-${ward}`, role: 'front', wards: [ward] });
const districtApprover: Actor = { id: 'district-approver-hoan-kiem', role: 'district_approver', wards: ['*'] };

export interface DemoOptions {
  client: Client;
  taskQueue: string;
  databaseUrl: string;
  log: (line: string) => void;
  concurrency?: number;
  /** Only the regulations this accepts (default: all of them). */
  only?: (plan: DemoPlan) => boolean;
}

/** Loads the demo once: returns false when the database already holds it. */
export async function loadDemoData(options: DemoOptions): Promise<boolean> {
  if (await demoPresent(options.databaseUrl)) return false;
  const commands = new RegulationCommandClient(options.client, options.taskQueue);
  const list = await unitList(options.databaseUrl);
  const today = civilDateInVietnam(Date.now());
  const plan = (origin: string, kind: KindId, title: string, target: Target, n: number): DemoPlan => {
    const holder = regulationsHolderOn(list, origin, addCalendarDays(today, -startDaysAgo(target)));
    return { origin, ward: holder?.unit.code ?? origin, kind, title, target, n };
  };
  const wards = list.units.filter((unit) => unit.parent === 'hoan-kiem' && unit.level === 'ward').map((unit) => unit.code).sort();
  const plans = wards.flatMap((ward, w): DemoPlan[] => [
    ...conventionTitles.map((title, i) => plan(ward, 'community_convention', title, conventionTargets[(w * 3 + i) % conventionTargets.length], i + 1)),
    ...regulationTitles.map((title, i) => plan(ward, 'democracy_regulation', title, regulationTargets[(w * 5 + i) % regulationTargets.length], i + 1)),
    // A dossier sent to the district in June 2023 and still undecided when districts ended: handed to the ward.
  ]).concat(plan('hang-bac', 'community_convention', 'Hương ước tổ dân phố số 9 (hồ sơ gửi quận tháng 6/2023)', 'legacy_submitted', 4))
    // A school's and an enterprise's own regulations (Law 10/2022 ch. III; Decree 145/2020 art. 48), issued by the
    // school's head and by the employer, recorded by the ward's officer.
    .concat(plan('hang-trong', 'agency_democracy_regulation', 'Quy chế thực hiện dân chủ của Trường THCS Trưng Vương', 'in_force', 1))
    .concat(plan('hang-bai', 'enterprise_democracy_regulation', 'Quy chế dân chủ ở cơ sở tại nơi làm việc của Công ty TNHH Du lịch Phố Cổ', 'in_force', 1))
    .filter((candidate) => options.only?.(candidate) ?? true);
  let done = 0;
  const queue = [...plans];
  const workers = Array.from({ length: options.concurrency ?? 6 }, async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      await seedOne(commands, options.client, plan);
      done += 1;
      if (done % 24 === 0 || done === plans.length) options.log(`demo data: ${done}/${plans.length} regulations`);
    }
  });
  await Promise.all(workers);
  // The regulations begun in Hoàn Kiếm's wards before 1 July 2025 and still under way or in force move to the wards
  // that succeeded them (Resolution 1656/NQ-UBTVQH15), their earlier events staying under the old ward. A partial
  // load (`only`, for tests) keeps its wards.
  if (!options.only) await applyReorganizations({ ...options, today: civilDateInVietnam(Date.now()) });
  return true;
}

/** The administrative units table: the 18 wards of Hoàn Kiếm district (until 30/6/2025) and their successors. */
async function unitList(databaseUrl: string): Promise<UnitList> {
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return await new AdminUnitsStore({ query: async (sql, parameters) => (await pg.query(sql, parameters)).rows }).list();
  } finally {
    await pg.end();
  }
}

/**
 * How many days before today a demo regulation starts: legacy ones under Decision 22/2018; those in force with a
 * review due, or met by a complaint, over a year ago; those still in drafting or consultation weeks ago; the others
 * in recent months.
 */
function startDaysAgo(target: Target): number {
  if (target === 'legacy_in_force') return 2100;
  // Begun on 2 May 2023, under Decision 22/2018: its dossier goes to the district on 13 June 2023.
  if (target === 'legacy_submitted') return Math.round((Date.parse(civilDateInVietnam(Date.now())) - Date.parse('2023-05-02')) / 86_400_000);
  if (['review_due', 'amending', 'complaint_open', 'suspended', 'redraft_recognized', 'repealed'].includes(target)) return 480;
  return ['drafting', 'consultation'].includes(target) ? 20 : 120;
}

async function demoPresent(databaseUrl: string): Promise<boolean> {
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    // The worker runs the migrations as it starts: wait (bounded) for the projection table.
    for (let i = 0; i < 600; i += 1) {
      const { rows } = await pg.query("SELECT to_regclass('public.regulations') IS NOT NULL AS ready");
      if (rows[0].ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await pg.query("SELECT 1 FROM regulations WHERE regulation_id LIKE 'demo-%' LIMIT 1");
    return rows.length > 0;
  } finally {
    await pg.end();
  }
}

async function seedOne(
  commands: RegulationCommandClient,
  client: Client,
  plan: DemoPlan,
): Promise<void> {
  const id = `demo-${plan.origin}-${idPart[plan.kind]}-${plan.n}`;
  const today = civilDateInVietnam(Date.now());
  const ago = (days: number) => addCalendarDays(today, -days);
  const start = startDaysAgo(plan.target);
  const send = (command: RegulationCommand, actor: Actor = officer(plan.ward)) =>
    commands.execute(id, { commandId: randomUUID(), actor, command } as CommandEnvelope);
  const until = async (done: (state: RegulationState) => boolean) => {
    const handle = client.workflow.getHandle(regulationWorkflowId(id));
    for (let i = 0; i < 600 && !done(await handle.query(getRegulationStateQuery)); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stop = (at: Target) => plan.target === at;
  const workplace = workplaceKinds.includes(plan.kind);
  let decider = workplace ? officer(plan.ward) : chair(plan.ward);

  await send({
    type: 'CreateDraft',
    regulationId: id,
    wardCode: plan.ward,
    kind: plan.kind,
    title: plan.title,
    text: `${plan.title}\n\nĐiều 1. Phạm vi điều chỉnh.\nĐiều 2. Trách nhiệm của các hộ gia đình và cá nhân.\nĐiều 3. Khen thưởng và xử lý vi phạm.`,
    ...(plan.kind === 'community_convention' ? { residentialGroup: `Tổ dân phố số ${plan.n + 2}` } : {}),
    startedOn: ago(start),
  });
  // The first convention of each ward records the community's own steps (Decree 61/2023 art. 6-8): the group head's
  // proposal agreed with the Front head, the drafting group, the name; later its signatures, stamp and posting.
  const communitySteps = plan.kind === 'community_convention' && plan.n === 1 && !stop('legacy_in_force') && !stop('withdrawn');
  if (communitySteps) {
    await send({ type: 'RecordProposal', proposedOn: ago(start + 10), proposer: 'group_head', content: 'Nếp sống văn minh, vệ sinh môi trường, giờ giữ yên tĩnh', frontHeadAgreedOn: ago(start + 12) });
    const members = [
      { name: `Tổ trưởng tổ dân phố số ${plan.n + 2}`, represents: 'Tổ trưởng tổ dân phố' },
      { name: 'Đại diện Chi hội Người cao tuổi', represents: 'Chi hội Người cao tuổi' },
      { name: 'Đại diện Chi hội Phụ nữ', represents: 'Chi hội Phụ nữ' },
    ];
    await send({ type: 'FormDraftingGroup', formedOn: ago(start + 5), members });
    await send({ type: 'ChooseName', name: 'quy_uoc', decidedOn: ago(start) });
  }
  if (stop('drafting')) return;
  if (stop('withdrawn')) {
    await send({ type: 'Withdraw', reason: 'Tổ dân phố sáp nhập, dự thảo không còn phù hợp' });
    return;
  }
  const openedOn = stop('consultation') ? ago(start - 5) : ago(start - 3);
  await send({ type: 'OpenConsultation', openedOn, days: 30, channels: ['meeting', 'comment_box', 'household_copy'] });
  await send({ type: 'RecordComment', commentId: 'c1', channel: 'meeting', content: 'Đề nghị bổ sung quy định về giờ giữ yên tĩnh', receivedOn: openedOn });
  await send({ type: 'RecordComment', commentId: 'c2', channel: 'comment_box', content: 'Đề nghị giảm mức đóng góp', receivedOn: openedOn });
  if (plan.kind === 'democracy_regulation') {
    await send({ type: 'SubmitCritique', content: 'Ý kiến phản biện của Ủy ban MTTQ phường', submittedOn: openedOn }, front(plan.ward));
  }
  if (stop('consultation')) return;
  await until((s) => s.cycle?.phase === 'revising');
  if (stop('revising')) return;
  await send({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
  await send({ type: 'RecordDisposition', commentId: 'c2', disposition: 'not_accepted', reason: 'Mức đóng góp do hội nghị tổ dân phố quyết định' });
  const votedOn = ago(start - 40);
  if (plan.kind === 'agency_democracy_regulation') {
    // The conference of officials, public employees and workers (Law 10/2022 art. 51): 48 of 62 convened, 45 approving.
    await send({ type: 'RecordConference', heldOn: votedOn, form: 'plenary', convened: 62, present: 48, approving: 45 });
  }
  if (plan.kind === 'community_convention') {
    await send({ type: 'RecordVote', method: 'meeting', heldOn: votedOn, totalHouseholds: 96, present: stop('voting') ? 41 : 70, approving: stop('voting') ? 40 : 64 });
    if (stop('voting')) return;
    if (communitySteps) {
      await send({ type: 'RecordSignatures', signedOn: votedOn, groupHead: `Tổ trưởng tổ dân phố số ${plan.n + 2}`, frontHead: 'Trưởng ban công tác Mặt trận', householdRepresentatives: ['Đại diện hộ số 12', 'Đại diện hộ số 27'] });
    }
    if (stop('adopted')) return;
    // Under Decision 22/2018 the district reviewed and recognized a convention; since Decree 61/2023 the ward does.
    if (regimeInForceOn(ago(start)).recognizingAuthority === 'district_peoples_committee') decider = districtApprover;
    const submittedOn = stop('submitted') || stop('under_review') ? ago(2) : ago(start - 42);
    await send({ type: 'SubmitDossier', submittedOn: stop('overdue_review') ? ago(20) : submittedOn, documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
    if (stop('submitted') || stop('legacy_submitted')) return;
    await send({ type: 'StartReview' }, decider);
    if (stop('under_review') || stop('overdue_review')) return;
  }
  await send({ type: 'Recognize', decisionNo: `${10 + plan.n}/${decisionSuffix[plan.kind]}`, decidedOn: ago(start - 45) }, decider);
  if (workplace) {
    await send({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: ago(start - 46), place: 'Bảng tin nội bộ, thư điện tử gửi người lao động' });
  }
  if (communitySteps) {
    await send({ type: 'StampText', stampedOn: ago(start - 46) }, decider);
    await send({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: ago(start - 47), place: 'Bảng tin nhà văn hóa, loa truyền thanh' });
    // Art. 15(4)(a): the community reviews it on Vietnamese Family Day (28 June) instead of 18 November.
    if (stop('in_force')) await send({ type: 'AgreeReviewDay', agreedOn: ago(start - 48), month: 6, day: 28 });
  }
  if (stop('in_force') || stop('legacy_in_force')) return;
  if (plan.kind === 'community_convention' && ['complaint_open', 'suspended', 'redraft_recognized', 'repealed'].includes(plan.target)) {
    await complaintPath(plan, send, until, ago, today);
    return;
  }
  await until((s) => s.reviewDue);
  if (stop('review_due')) return;
  if (stop('amending')) {
    await send({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: ago(3), notes: 'Cập nhật theo Luật Thực hiện dân chủ ở cơ sở' }, chair(plan.ward));
    return;
  }
  await send({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: ago(4), notes: 'Nội dung còn phù hợp' }, chair(plan.ward));
  await send({ type: 'Repeal', repealedOn: ago(1), decisionNo: `${90 + plan.n}/QĐ-UBND`, reason: 'Thay thế bằng văn bản mới' }, chair(plan.ward));
}

/**
 * A convention in force meets a complaint (Decree 61/2023 art. 12, 14): still open; suspended in part with its redraft
 * deadline ahead; suspended, redrafted and the redraft recognized; or suspended in whole, its redraft deadline
 * passed (the timer marks it) and repealed.
 */
async function complaintPath(
  plan: DemoPlan,
  send: (command: RegulationCommand, actor?: Actor) => Promise<unknown>,
  until: (done: (state: RegulationState) => boolean) => Promise<void>,
  ago: (days: number) => string,
  today: string,
): Promise<void> {
  const decider = chair(plan.ward);
  const complaintId = `don-${plan.origin}-${plan.n}`;
  const received = { complaint_open: 1, suspended: 6, redraft_recognized: 100, repealed: 30 }[plan.target as string] ?? 1;
  await send({
    type: 'ReceiveComplaint',
    complaintId,
    receivedOn: ago(received),
    source: plan.target === 'repealed' ? 'inspection_finding' : 'written_complaint',
    summary: plan.target === 'repealed' ? 'Kiểm tra: hội nghị thông qua không đủ số hộ tham dự' : 'Điều 3 quy định mức phạt tiền trái pháp luật',
  });
  if (plan.target === 'complaint_open') return;
  const procedure = plan.target === 'repealed';
  await send(
    {
      type: 'Suspend',
      complaintId,
      decisionNo: `${40 + plan.n}/QĐ-UBND`,
      suspendedOn: ago(received - 2),
      ground: procedure ? 'procedure' : 'content',
      scope: procedure ? 'whole' : 'part',
      ...(procedure ? {} : { articles: ['Điều 3'] }),
      redraftDueOn: { suspended: addCalendarDays(today, 60), redraft_recognized: addCalendarDays(today, 10), repealed: ago(5) }[plan.target as string],
      reason: procedure ? 'Vi phạm trình tự thông qua (Điều 10 Nghị định 61/2023)' : 'Điều 3 trái Điều 4 Nghị định 61/2023',
    },
    decider,
  );
  if (plan.target === 'suspended') return;
  if (plan.target === 'repealed') {
    await until((s) => Boolean(s.suspension?.redraftOverdue));
    await send(
      { type: 'Repeal', repealedOn: ago(1), decisionNo: `${90 + plan.n}/QĐ-UBND`, ground: 'redraft_deadline_passed', reason: 'Không soạn lại trong thời hạn' },
      decider,
    );
    return;
  }
  await send({ type: 'StartAmendment', text: `${plan.title}\n\nĐiều 3. Khen thưởng (soạn lại, bỏ mức phạt tiền).`, startedOn: ago(97), reason: 'Soạn lại theo quyết định tạm ngưng' });
  await send({ type: 'OpenConsultation', openedOn: ago(96), days: 30, channels: ['meeting'] });
  await until((s) => s.cycle?.phase === 'revising');
  await send({ type: 'RecordVote', method: 'meeting', heldOn: ago(60), totalHouseholds: 96, present: 72, approving: 66 });
  await send({ type: 'SubmitDossier', submittedOn: ago(59), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
  await send({ type: 'StartReview' }, decider);
  await send({ type: 'Recognize', decisionNo: `${60 + plan.n}/QĐ-UBND`, decidedOn: ago(55) }, decider);
}
