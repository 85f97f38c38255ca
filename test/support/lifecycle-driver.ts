/** Drives regulations through their steps on the time-skipping server, reading the projections as truth. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { civilDateInVietnam, CivilDate, DomainError, RegulationState } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { envelope, uniqueId, wardChair } from './commands';
import { createTestDatabase, TestDatabase } from './database';
import { createRegulationWorker } from './regulation-worker';
import { createTimeSkippingEnv } from './time-skipping';

export interface LifecycleRig {
  env: TestWorkflowEnvironment;
  store: EventStore;
  worker: Worker;
  drive: LifecycleDriver;
}

/** One time-skipping server and one database per suite; each call gives a worker on its own task queue. */
export function timeSkippingSuite(): () => Promise<LifecycleRig> {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await env?.teardown();
  });
  return async () => {
    const taskQueue = uniqueId('tq');
    const store = new EventStore(db.dataSource);
    const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
    return { env, store, worker, drive: new LifecycleDriver(env, db, new RegulationCommandClient(env.client, taskQueue)) };
  };
}

export const DAY_MS = 86_400_000;

export interface ProjectionRow {
  stage: string;
  version: number;
  amendment_stage: string | null;
  state: RegulationState;
}

export interface TaskRow {
  task_id: string;
  step: string;
  status: string;
  assignee: string | null;
  opened_on: string;
  due_on: string;
  due_at: Date;
  remind_at: Date;
  reminders: number;
  escalations: number;
  closed_at: Date | null;
}

export class LifecycleDriver {
  constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly db: TestDatabase,
    readonly commands: RegulationCommandClient,
  ) {}

  async today(): Promise<CivilDate> {
    return civilDateInVietnam(await this.env.currentTimeMs());
  }

  async projection(id: string): Promise<ProjectionRow> {
    const [row] = await this.db.dataSource.query(
      'SELECT stage, version, amendment_stage, state FROM regulations WHERE regulation_id = $1',
      [id],
    );
    return row;
  }

  /** The regulation's rows of the approval_tasks projection, oldest first. */
  async tasks(id: string): Promise<TaskRow[]> {
    return this.db.dataSource.query(
      `SELECT task_id, step, status, assignee, to_char(opened_on, 'YYYY-MM-DD') AS opened_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              due_at, remind_at, reminders, escalations, closed_at
         FROM approval_tasks WHERE regulation_id = $1 ORDER BY opened_at, task_id`,
      [id],
    );
  }

  /** Waits (bounded) until the workflow's own timer has appended its event and the projection shows it. */
  async eventually(id: string, check: (row: ProjectionRow) => boolean): Promise<ProjectionRow> {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const row = await this.projection(id);
      if (row && check(row)) return row;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`projection of ${id} never reached the expected state: ${JSON.stringify(await this.projection(id))}`);
  }

  /** Advances virtual time to the start of a civil date in Hà Nội, plus an hour. */
  async sleepUntil(date: CivilDate): Promise<void> {
    const target = Date.parse(`${date}T01:00:00+07:00`);
    await this.env.sleep(Math.max(target - (await this.env.currentTimeMs()), 1));
  }

  async rejectionCode(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected a domain rejection, got ${String(error)}`);
    return error.code;
  }

  /** Consultation of the current cycle: two comments, the 30 days pass, the timer closes it, dispositions follow. */
  async consult(id: string): Promise<void> {
    const { commands } = this;
    await commands.execute(id, envelope({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'comment_box'] }));
    const receivedOn = await this.today();
    await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'c1', channel: 'meeting', content: 'Bổ sung giờ đổ rác', receivedOn }));
    await commands.execute(id, envelope({ type: 'RecordComment', commentId: 'c2', channel: 'comment_box', content: 'Bỏ mức phạt', receivedOn }));
    await this.env.sleep(29 * DAY_MS);
    const early = await this.rejectionCode(commands.execute(id, envelope({ type: 'CloseConsultation' })));
    if (early !== 'CONSULTATION.MINIMUM_NOT_REACHED') throw new Error(`closing on day 29 gave ${early}`);
    await this.env.sleep(DAY_MS + 60_000);
    await this.eventually(id, (row) => row.state.cycle?.phase === 'revising');
    await commands.execute(id, envelope({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' }));
    await commands.execute(id, envelope({ type: 'RecordDisposition', commentId: 'c2', disposition: 'not_accepted', reason: 'Mức phạt do luật định' }));
  }

  /** Vote (a meeting without quorum, then a household ballot), dossier, review and recognition. */
  async adoptAndRecognize(id: string, decisionNo: string): Promise<void> {
    await this.adoptAndSubmit(id);
    await this.commands.execute(id, envelope({ type: 'StartReview' }));
    await this.commands.execute(id, envelope({ type: 'Recognize', decisionNo, decidedOn: await this.today() }, wardChair));
  }

  /** Vote (a meeting without quorum, then a household ballot) and the dossier, submitted two days later. */
  async adoptAndSubmit(id: string): Promise<void> {
    const { commands } = this;
    const tally = { totalHouseholds: 120, heldOn: await this.today() };
    const noQuorum = await commands.execute(id, envelope({ type: 'RecordVote', method: 'meeting', present: 50, approving: 50, ...tally }));
    if (!noQuorum.allowedActions.includes('RecordVote')) throw new Error('a meeting without quorum must allow a ballot');
    await commands.execute(id, envelope({ type: 'RecordVote', method: 'household_ballot', present: 100, approving: 88, ...tally }));
    await this.env.sleep(2 * DAY_MS);
    const submittedOn = await this.today();
    await commands.execute(id, envelope({ type: 'SubmitDossier', submittedOn, documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }));
  }
}
