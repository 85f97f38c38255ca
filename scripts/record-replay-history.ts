/**
 * Records the Temporal histories of workflows driven through a scenario, for the replay tests.
 * Usage: npx ts-node -r tsconfig-paths/register --transpile-only scripts/record-replay-history.ts <file.json> [scenario]
 * Starts a throw-away PostgreSQL and Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS point at running
 * ones; the scenarios that need months or years run on the time-skipping test server (a year passes in seconds).
 * A chain of continue-as-new runs writes one history per run: <file>-run1.json, <file>-run2.json, …
 * Record from the committed workflow code (a `git worktree` of HEAD), never from a tree with workflow changes.
 *
 * Scenarios (dev server unless marked time-skipping):
 * - `consultation` (default): draft, revision, consultation with a comment, a critique and an extension.
 * - `approval-task`: a back-dated dossier whose overdue decision task the workflow escalates, then claimed and released.
 * - `annual-reviews` (time-skipping): a convention from draft through recognition; two annual reviews, each opened
 *   by the review timer and ending the run with continue-as-new (the first after the review task's reminder, outcome
 *   keep; the second outcome amend); the third run takes the amendment to recognition and waits for the next review.
 * - `suspension` (time-skipping): a convention in force; an amendment started and withdrawn; a suspension whose
 *   report task is reminded, escalated and reassigned; resumption; repeal, which completes the workflow.
 * - `complaint` (time-skipping): a convention in force; a complaint dismissed; a second complaint decided by a partial
 *   suspension, ended by a recognized redraft; a third decided by a whole suspension whose redraft deadline passes
 *   (the timer marks it), then the repeal on that ground, which completes the workflow (Decree 61/2023 art. 12, 14).
 * - `community-steps` (time-skipping): a convention whose group head proposed it with the Front head's agreement, its
 *   drafting group formed and its name chosen (Decree 61/2023 art. 6-8); adopted by household ballot, whose results are
 *   made public (art. 10(2)(b)); signed (art. 6(1)), recognized, stamped and posted (art. 6(1), 15); left in force.
 * - `democracy-regulation` (time-skipping): a ward democracy regulation consulted, critiqued, decided by the chair;
 *   its annual review repeals it (continue-as-new), and the second run completes.
 * - `agency-regulation`: an agency's democracy regulation (Law 10/2022 ch. III): consulted and closed early, its
 *   conference convened twice (the first without quorum), issued by the head as the officer records it, made public,
 *   repealed (the workflow completes).
 * - `summary`: the annual summary workflow, started by its Schedule.
 */
import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { EventStore, RegulationIncidents } from '@app/event-store';
import { ensureSummarySchedules, parseScheduleTime, ReportingConfig, SummaryReportService, SummaryScheduleClient } from '@app/reporting';
import { RegulationCommandClient } from '@app/temporal';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { RegulationActivitiesService } from '../apps/worker/src/regulation.activities';
import { WorkerMetrics } from '../apps/worker/src/worker-metrics.service';
import { SummaryActivitiesService } from '../apps/worker/src/reporting/summary.activities';
import { regulationWorkflowId } from '../workflows/messages';
import { summaryScheduleIds } from '../workflows/summary.messages';
import { createDraft, envelope, front, uniqueId, wardChair } from '../test/support/commands';
import { createTestDatabase, TestDatabase } from '../test/support/database';
import { DAY_MS, LifecycleDriver } from '../test/support/lifecycle-driver';
import { createTimeSkippingEnv } from '../test/support/time-skipping';
import { startEphemeralServers } from '../tools/dev-stack/servers';

interface Rig {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  store: EventStore;
  taskQueue: string;
  drive: LifecycleDriver;
}

interface Scenario {
  timeSkipping: boolean;
  /** Drives a workflow; returns its workflow id once the last step is in its history. */
  run(rig: Rig): Promise<string>;
}

const daysAgo = (n: number) => addCalendarDays(civilDateInVietnam(Date.now()), -n);

/** Waits for the workflow's own timers to append an event: the store is the truth. */
async function waitForEvent(store: EventStore, id: string, type: string): Promise<{ taskId?: string }> {
  for (;;) {
    const event = (await store.readStream(id)).find((e) => e.type === type);
    if (event) return event.data as { taskId?: string };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Until the review timer has marked the annual review due. */
async function reviewDue({ drive }: Rig, id: string): Promise<void> {
  await drive.sleepUntil((await drive.projection(id)).state.nextReviewDueOn!);
  await drive.eventually(id, (row) => row.state.reviewDue);
}

async function inForce(rig: Rig, id: string): Promise<void> {
  const { drive } = rig;
  await drive.commands.execute(id, envelope(createDraft(id, { startedOn: await drive.today() })));
  await drive.commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1. Giữ gìn vệ sinh; Điều 2. Giờ đổ rác.', summary: 'thêm điều 2' }));
  await drive.consult(id);
  await drive.adoptAndRecognize(id, '12/QĐ-UBND');
}

const scenarios: Record<string, Scenario> = {
  consultation: {
    timeSkipping: false,
    async run({ drive: { commands } }) {
      const id = uniqueId('replay');
      await commands.execute(id, envelope(createDraft(id)));
      await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa)', summary: 'làm rõ' }));
      await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'online'] }));
      await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'c1', channel: 'online', content: 'Ý kiến', receivedOn: '2025-03-04' }));
      await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Phản biện', submittedOn: '2025-03-05' }, front));
      await commands.execute(id, envelope({ type: 'ExtendConsultation', days: 10, reason: 'nhiều hộ vắng nhà' }));
      return regulationWorkflowId(id);
    },
  },
  'approval-task': {
    timeSkipping: false,
    async run({ store, drive: { commands } }) {
      const id = uniqueId('replay');
      await commands.execute(id, envelope(createDraft(id, { startedOn: daysAgo(60) })));
      await commands.execute(id, envelope({ type: 'OpenConsultation', openedOn: daysAgo(55), days: 30, channels: ['meeting'] }));
      await waitForEvent(store, id, 'ConsultationClosed');
      await commands.execute(id, envelope({ type: 'RecordVote', method: 'meeting', heldOn: daysAgo(20), totalHouseholds: 86, present: 61, approving: 57 }));
      await commands.execute(id, envelope({ type: 'SubmitDossier', submittedOn: daysAgo(17), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }));
      const { taskId } = await waitForEvent(store, id, 'TaskEscalated');
      await commands.execute(id, envelope({ type: 'ClaimTask', taskId: taskId! }, wardChair));
      await commands.execute(id, envelope({ type: 'ReleaseTask', taskId: taskId! }, wardChair));
      return regulationWorkflowId(id);
    },
  },
  'annual-reviews': {
    timeSkipping: true,
    async run(rig) {
      const { env, store, drive } = rig;
      const id = uniqueId('replay');
      await inForce(rig, id);
      await reviewDue(rig, id);
      // Half of the 30 days to record the review pass: the review task's reminder timer fires.
      await env.sleep(16 * DAY_MS);
      await waitForEvent(store, id, 'TaskReminderSent');
      await drive.commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: await drive.today(), notes: 'Giữ nguyên' }, wardChair));
      await reviewDue(rig, id);
      await drive.commands.execute(id, envelope({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: await drive.today(), notes: 'Cập nhật theo Nghị định 61' }, wardChair));
      await drive.commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (sửa đổi). Giữ gìn vệ sinh chung.', summary: 'sửa điều 1' }));
      await drive.consult(id);
      await drive.adoptAndRecognize(id, '48/QĐ-UBND');
      return regulationWorkflowId(id);
    },
  },
  suspension: {
    timeSkipping: true,
    async run(rig) {
      const { env, store, drive } = rig;
      const { commands } = drive;
      const id = uniqueId('replay');
      await inForce(rig, id);
      const startedOn = await drive.today();
      await commands.execute(id, envelope({ type: 'StartAmendment', text: 'Điều 1 (dự thảo sửa đổi)', startedOn, reason: 'đề nghị của tổ dân phố' }));
      await commands.execute(id, envelope({ type: 'ReviseDraft', text: 'Điều 1 (dự thảo sửa đổi, lần 2)', summary: 'làm rõ' }));
      await commands.execute(id, envelope({ type: 'Withdraw', reason: 'tổ dân phố rút đề nghị' }));
      await commands.execute(id, envelope({ type: 'Suspend', suspendedOn: await drive.today(), scope: 'part', reason: 'Điều 2 trái quy định' }, wardChair));
      // The suspension report is due in a few working days: its task is reminded, then escalated.
      await env.sleep(10 * DAY_MS);
      const { taskId } = await waitForEvent(store, id, 'TaskEscalated');
      await commands.execute(id, envelope({ type: 'ReassignTask', taskId: taskId!, assigneeId: 'vice-chair-hang-bac' }, wardChair));
      await commands.execute(id, envelope({ type: 'Resume', resumedOn: await drive.today(), reason: 'đã sửa Điều 2' }, wardChair));
      await commands.execute(id, envelope({ type: 'Repeal', repealedOn: await drive.today(), decisionNo: '75/QĐ-UBND', reason: 'thay bằng quy ước mới' }, wardChair));
      await env.client.workflow.getHandle(regulationWorkflowId(id)).result();
      return regulationWorkflowId(id);
    },
  },
  complaint: {
    timeSkipping: true,
    async run(rig) {
      const { env, store, drive } = rig;
      const { commands } = drive;
      const id = uniqueId('replay');
      await inForce(rig, id);
      const complaint = async (complaintId: string) =>
        commands.execute(id, envelope({ type: 'ReceiveComplaint', complaintId, receivedOn: await drive.today(), source: 'written_complaint', summary: 'Điều 2 trái quy định' }));
      await complaint('don-1');
      await commands.execute(id, envelope({ type: 'DismissComplaint', complaintId: 'don-1', answeredOn: await drive.today(), reason: 'Không có cơ sở' }, wardChair));
      await complaint('don-2');
      const suspension = async (complaintId: string, ground: 'procedure' | 'content', redraftDays: number) => {
        const today = await drive.today();
        const part = ground === 'content' ? { scope: 'part' as const, articles: ['Điều 2'] } : { scope: 'whole' as const };
        const decision = { complaintId, decisionNo: `${complaintId}/QĐ-UBND`, suspendedOn: today, ground, ...part, redraftDueOn: addCalendarDays(today, redraftDays), reason: 'r' };
        await commands.execute(id, envelope({ type: 'Suspend', ...decision }, wardChair));
        return decision.redraftDueOn;
      };
      await suspension('don-2', 'content', 90);
      await commands.execute(id, envelope({ type: 'StartAmendment', text: 'Điều 2 (soạn lại)', startedOn: await drive.today(), reason: 'soạn lại theo quyết định tạm ngưng' }));
      await drive.consult(id);
      await drive.adoptAndRecognize(id, '30/QĐ-UBND');
      await complaint('don-3');
      const redraftDueOn = await suspension('don-3', 'procedure', 10);
      await drive.sleepUntil(addCalendarDays(redraftDueOn, 1));
      await waitForEvent(store, id, 'RedraftDeadlinePassed');
      const repeal = { type: 'Repeal', repealedOn: await drive.today(), decisionNo: '80/QĐ-UBND', ground: 'redraft_deadline_passed', reason: 'không soạn lại' } as const;
      await commands.execute(id, envelope(repeal, wardChair));
      await env.client.workflow.getHandle(regulationWorkflowId(id)).result();
      return regulationWorkflowId(id);
    },
  },
  'community-steps': {
    timeSkipping: true,
    async run({ drive }) {
      const { commands } = drive;
      const id = uniqueId('replay');
      const startedOn = await drive.today();
      await commands.execute(id, envelope(createDraft(id, { startedOn })));
      const proposal = { type: 'RecordProposal', proposedOn: startedOn, proposer: 'group_head', content: 'Vệ sinh chung, giờ đổ rác', frontHeadAgreedOn: startedOn } as const;
      await commands.execute(id, envelope(proposal));
      const members = [
        { name: 'Nguyễn Văn An', represents: 'Chi hội Người cao tuổi' },
        { name: 'Trần Thị Bình', represents: 'Chi hội Phụ nữ' },
      ];
      await commands.execute(id, envelope({ type: 'FormDraftingGroup', formedOn: startedOn, members }));
      await commands.execute(id, envelope({ type: 'ChooseName', name: 'quy_uoc', decidedOn: startedOn }));
      await drive.consult(id);
      const tally = { totalHouseholds: 120, heldOn: await drive.today() };
      await commands.execute(id, envelope({ type: 'RecordVote', method: 'meeting', present: 50, approving: 50, ...tally }));
      await commands.execute(id, envelope({ type: 'RecordVote', method: 'household_ballot', present: 100, approving: 88, ...tally }));
      await commands.execute(id, envelope({ type: 'RecordDisclosure', subject: 'ballot_results', disclosedOn: tally.heldOn, place: 'Bảng tin nhà văn hóa' }));
      const signatures = { signedOn: tally.heldOn, groupHead: 'Lê Văn Cường', frontHead: 'Phạm Thị Dung', householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'] };
      await commands.execute(id, envelope({ type: 'RecordSignatures', ...signatures }));
      await commands.execute(id, envelope({ type: 'SubmitDossier', submittedOn: tally.heldOn, documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }));
      await commands.execute(id, envelope({ type: 'StartReview' }));
      const decidedOn = await drive.today();
      await commands.execute(id, envelope({ type: 'Recognize', decisionNo: '31/QĐ-UBND', decidedOn }, wardChair));
      await commands.execute(id, envelope({ type: 'StampText', stampedOn: decidedOn }, wardChair));
      await commands.execute(id, envelope({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: decidedOn, place: 'Loa truyền thanh phường' }));
      return regulationWorkflowId(id);
    },
  },
  'democracy-regulation': {
    timeSkipping: true,
    async run(rig) {
      const { env, drive } = rig;
      const { commands } = drive;
      const id = uniqueId('replay');
      const draft = createDraft(id, { kind: 'democracy_regulation', title: 'Quy chế thực hiện dân chủ ở phường', startedOn: await drive.today() });
      delete draft.residentialGroup;
      await commands.execute(id, envelope(draft));
      await drive.consult(id);
      await commands.execute(id, envelope({ type: 'SubmitCritique', content: 'Văn bản phản biện của UB MTTQ phường', submittedOn: await drive.today() }, front));
      await commands.execute(id, envelope({ type: 'Recognize', decisionNo: '5/QĐ-UBND', decidedOn: await drive.today() }, wardChair));
      await reviewDue(rig, id);
      const repeal = { type: 'RecordAnnualReview', outcome: 'repeal', reviewedOn: await drive.today(), notes: 'Thay bằng quy chế mới', decisionNo: '60/QĐ-UBND' } as const;
      await commands.execute(id, envelope(repeal, wardChair));
      await env.client.workflow.getHandle(regulationWorkflowId(id)).result();
      return regulationWorkflowId(id);
    },
  },
  'agency-regulation': {
    timeSkipping: false,
    async run({ drive: { commands } }) {
      const id = uniqueId('replay');
      const today = civilDateInVietnam(Date.now());
      const draft = createDraft(id, { kind: 'agency_democracy_regulation', title: 'Quy chế thực hiện dân chủ của Trường THCS Chương Dương', startedOn: today });
      delete draft.residentialGroup;
      await commands.execute(id, envelope(draft));
      await commands.execute(id, envelope({ type: 'OpenConsultation', days: 7, channels: ['meeting'] }));
      await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'cb-1', channel: 'meeting', content: 'Công khai quỹ phúc lợi', receivedOn: today }));
      await commands.execute(id, envelope({ type: 'CloseConsultation' }));
      await commands.execute(id, envelope({ type: 'RecordDisposition', commentId: 'cb-1', disposition: 'accepted' }));
      await commands.execute(id, envelope({ type: 'RecordConference', heldOn: today, form: 'plenary', convened: 60, present: 39, approving: 39 }));
      await commands.execute(id, envelope({ type: 'RecordConference', heldOn: today, form: 'plenary', convened: 60, present: 48, approving: 45 }));
      await commands.execute(id, envelope({ type: 'Recognize', decisionNo: '12/QĐ-THCS', decidedOn: today }));
      await commands.execute(id, envelope({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: today, place: 'Bảng tin phòng hội đồng' }));
      await commands.execute(id, envelope({ type: 'Repeal', repealedOn: today, decisionNo: '30/QĐ-THCS', reason: 'Thay bằng quy chế mới' }));
      return regulationWorkflowId(id);
    },
  },
  summary: {
    timeSkipping: false,
    async run({ env, taskQueue }) {
      const config: ReportingConfig = {
        semiannualAt: parseScheduleTime('semiannual', '07-05 02:00'),
        annualAt: parseScheduleTime('annual', '01-05 02:00'),
        catchupDays: 30,
        manageSchedules: true,
      };
      await ensureSummarySchedules(env.client, config, taskQueue);
      const schedules = new SummaryScheduleClient(env.client, config);
      try {
        await schedules.trigger('annual');
        let workflowId: string | undefined;
        while (!(workflowId = (await schedules.describe('annual')).recentActions[0]?.workflowId)) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await env.client.workflow.getHandle(workflowId).result();
        return workflowId;
      } finally {
        for (const id of Object.values(summaryScheduleIds)) await env.client.schedule.getHandle(id).delete();
      }
    },
  },
};

async function main(): Promise<void> {
  const [file, name = 'consultation'] = process.argv.slice(2);
  const scenario = scenarios[name];
  if (!file?.endsWith('.json') || !scenario) {
    throw new Error(`usage: record-replay-history.ts <file.json> [${Object.keys(scenarios).join('|')}]`);
  }
  const servers = await startEphemeralServers();
  // As the jest global setup exports them: createTestDatabase migrates as the owner and connects as the application role.
  process.env.DATABASE_URL = servers.databaseUrl;
  process.env.DATABASE_MIGRATION_URL = servers.databaseMigrationUrl;
  process.env.DATABASE_ADMIN_URL = servers.databaseAdminUrl;
  const db = await createTestDatabase();
  const env = scenario.timeSkipping
    ? await createTimeSkippingEnv()
    : await TestWorkflowEnvironment.createFromExistingServer({ address: servers.temporalAddress, namespace: servers.temporalNamespace });
  try {
    const store = new EventStore(db.dataSource);
    const taskQueue = uniqueId('record');
    // The production worker's workflows and activities.
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath: require.resolve('../workflows'),
      activities: {
        ...new RegulationActivitiesService(store, new RegulationIncidents(db.dataSource), new WorkerMetrics()).activities(),
        ...new SummaryActivitiesService(new SummaryReportService(db.dataSource)).activities(),
      },
    });
    const drive = new LifecycleDriver(env, db, new RegulationCommandClient(env.client, taskQueue));
    const workflowId = await worker.runUntil(scenario.run({ env, db, store, taskQueue, drive }));
    const runs = await historiesOfChain(env, workflowId);
    runs.forEach((history, i) => {
      const out = runs.length === 1 ? file : file.replace(/\.json$/, `-run${i + 1}.json`);
      writeFileSync(out, `${history}\n`);
      console.log(`wrote the history of ${workflowId} (run ${i + 1} of ${runs.length}) to ${out}`);
    });
  } finally {
    await env.teardown();
    await db.drop();
    await servers.stop();
  }
  process.exit(0);
}

/** The histories of every run of a workflow id, first run first, following continue-as-new back from the latest. */
async function historiesOfChain(env: TestWorkflowEnvironment, workflowId: string): Promise<string[]> {
  const runs: string[] = [];
  let runId: string | undefined;
  do {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(historyToJSON(history));
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return runs;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
