/**
 * The law in the domain, proven on the real dev server and PostgreSQL: a command sent straight to Temporal (no
 * api, no guard) by an actor outside the regulation's ward, by a role without the power, or by the officer who
 * submitted the dossier is refused by the workflow's update validator with the code the api answers (403), and
 * nothing is written: no event, no history entry.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Actor, addCalendarDays, civilDateInVietnam, CommandEnvelope, DomainError, RegulationCommand } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RegulationCommandClient } from '@app/temporal';
import { statusOfDomainCode } from '../../apps/api/src/errors/error-status';
import { commandUpdates, getRegulationStateQuery, regulationWorkflowId } from '../../workflows/messages';
import { createDraft, envelope, officer, uniqueId, wardChair } from '../support/commands';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS });
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
  await env?.teardown();
});

const today = () => civilDateInVietnam(Date.now());
const daysAgo = (n: number) => addCalendarDays(today(), -n);
const eventCount = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM events'))[0].n);
const historyLength = async (id: string) => (await env.client.workflow.getHandle(regulationWorkflowId(id)).fetchHistory()).events?.length ?? 0;

/** The submitting officer of Hàng Bạc, who also holds a chair's role. */
const submitter: Actor = { id: 'nguyen-van-b', role: 'officer', wards: ['hang-bac'] };
const otherWardChair: Actor = { id: 'chair-hang-dao', role: 'ward_chair', wards: ['hang-dao'] };

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; details: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, details } = error as DomainError;
  return { code, status: statusOfDomainCode(code), details };
}

/** A convention of Hàng Bạc under review: its consultation, recorded afterwards, closed by the workflow's timer; dossier submitted today. */
async function underReview(commands: RegulationCommandClient, id: string): Promise<void> {
  await commands.execute(id, envelope(createDraft(id, { startedOn: daysAgo(60) })));
  await commands.execute(id, envelope({ type: 'OpenConsultation', openedOn: daysAgo(55), days: 30, channels: ['meeting'] }));
  const handle = env.client.workflow.getHandle(regulationWorkflowId(id));
  for (let i = 0; (await handle.query(getRegulationStateQuery)).cycle?.phase !== 'revising'; i += 1) {
    if (i === 200) throw new Error('the consultation timer never closed the window');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await commands.execute(id, envelope({ type: 'RecordVote', method: 'meeting', heldOn: today(), totalHouseholds: 80, present: 60, approving: 55 }));
  await commands.execute(id, envelope({ type: 'SubmitDossier', submittedOn: today(), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }, submitter));
  await commands.execute(id, envelope({ type: 'StartReview' }));
}

it('refuses, by a direct Temporal Update, an actor outside the ward, a role without the power and the submitter recognizing; writes nothing', async () => {
  const id = uniqueId('law');
  const taskQueue = uniqueId('tq');
  const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
  await worker.runUntil(async () => {
    const commands = new RegulationCommandClient(env.client, taskQueue);
    await underReview(commands, id);
    const recognize: RegulationCommand = { type: 'Recognize', decisionNo: '9/QĐ-UBND', decidedOn: today() };
    const events = await eventCount();
    const history = await historyLength(id);

    const refused = {
      'a chair of another ward': await refusal(commands.execute(id, envelope(recognize, otherWardChair))),
      'an officer (no power to recognize a convention)': await refusal(commands.execute(id, envelope(recognize, officer))),
      'the Front withdrawing': await refusal(commands.execute(id, envelope({ type: 'Withdraw', reason: 'r' }, { id: 'front-hang-bac', role: 'front', wards: ['hang-bac'] }))),
      'the submitter, as chair': await refusal(commands.execute(id, envelope(recognize, { ...submitter, role: 'ward_chair' }))),
      'an actor without wards (a client before the rules)': await refusal(
        commands.execute(id, { ...envelope(recognize), actor: { id: 'chair-hang-bac', role: 'ward_chair' } } as unknown as CommandEnvelope),
      ),
    };
    expect(refused).toEqual({
      'a chair of another ward': { code: 'AUTH.FORBIDDEN', status: 403, details: { wardCode: 'hang-bac', wards: ['hang-dao'] } },
      // The officer records only an agency's head's or an employer's decision: a convention's is the ward's.
      'an officer (no power to recognize a convention)': {
        code: 'AUTH.FORBIDDEN',
        status: 403,
        details: { role: 'officer', command: 'Recognize', authority: 'ward_peoples_committee' },
      },
      'the Front withdrawing': { code: 'AUTH.FORBIDDEN', status: 403, details: { role: 'front', command: 'Withdraw' } },
      'the submitter, as chair': { code: 'AUTH.SEPARATION_OF_DUTIES', status: 403, details: { regulationId: id } },
      'an actor without wards (a client before the rules)': { code: 'COMMAND.INVALID', status: 400, details: { field: 'actor.wards', problem: expect.any(String) } },
    });

    // The raw client sees the same: the validator's ApplicationFailure carries the code.
    const raw = await env.client.workflow
      .getHandle(regulationWorkflowId(id))
      .executeUpdate(commandUpdates.Recognize, { args: [envelope(recognize, otherWardChair) as CommandEnvelope<Extract<RegulationCommand, { type: 'Recognize' }>>] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(raw).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((raw as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('AUTH.FORBIDDEN');

    // Refused by the validator: no event, and not even an accepted update in the workflow's history.
    expect({ events: await eventCount(), history: await historyLength(id) }).toEqual({ events, history });

    // The ward's own chair, who did not submit the dossier, recognizes it.
    expect((await commands.execute(id, envelope(recognize, wardChair))).stage).toBe('in_force');
    expect(await eventCount()).toBe(events + 1);
  });
});

it('refuses, before any workflow starts, a draft in a ward outside the officer’s wards', async () => {
  const id = uniqueId('law');
  const taskQueue = uniqueId('tq');
  const worker = await createRegulationWorker({ connection: env.nativeConnection, taskQueue, store });
  await worker.runUntil(async () => {
    const commands = new RegulationCommandClient(env.client, taskQueue);
    const events = await eventCount();
    expect(await refusal(commands.execute(id, envelope(createDraft(id, { wardCode: 'hang-dao' }))))).toEqual({
      code: 'AUTH.FORBIDDEN',
      status: 403,
      details: { wardCode: 'hang-dao', wards: ['hang-bac'] },
    });
    await expect(env.client.workflow.getHandle(regulationWorkflowId(id)).describe()).rejects.toThrow(/not found/i);
    expect(await eventCount()).toBe(events);
  });
});
