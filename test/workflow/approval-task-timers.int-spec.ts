/**
 * Approval tasks through the workflow on the time-skipping test server: a submitted dossier opens a task, its
 * reminder fires at half its time and its escalations from the deadline on, in virtual time; a claim and the
 * decision close it, after which nothing fires any more.
 */
import { addCalendarDays, taskDueAt, taskRemindAt, vietnameseCalendar } from '@app/domain';
import { createDraft, envelope, uniqueId, wardChair } from '../support/commands';
import { DAY_MS, timeSkippingSuite } from '../support/lifecycle-driver';

jest.setTimeout(180_000);

const rig = timeSkippingSuite();

it('reminds at half time, escalates when overdue and again every two working days, and stops once decided', async () => {
  const id = uniqueId('task');
  const { env, store, worker, drive } = await rig();
  const { commands } = drive;
  const eventsOf = async (type: string) =>
    (await store.readStream(id)).filter((e) => e.type === type).map((e) => ({ ...e, data: e.data as Record<string, unknown> }));

  await worker.runUntil(async () => {
    await commands.execute(id, envelope(createDraft(id, { startedOn: await drive.today() })));
    await drive.consult(id);
    await drive.adoptAndSubmit(id);

    const [task] = await drive.tasks(id);
    expect(task).toMatchObject({ step: 'dossier_decision', status: 'open', assignee: null, reminders: 0, escalations: 0 });
    // The decision is due five working days after the submission, on the Vietnamese calendar.
    expect(task.due_on).toBe(vietnameseCalendar.addWorkingDays(task.opened_on, 5));
    const remindAt = taskRemindAt({ openedOn: task.opened_on, dueOn: task.due_on });
    const dueAt = taskDueAt({ dueOn: task.due_on });
    expect(task.remind_at.getTime()).toBe(remindAt);
    expect(task.due_at.getTime()).toBe(dueAt);

    await env.sleep(remindAt - (await env.currentTimeMs()) - 60_000);
    expect(await eventsOf('TaskReminderSent')).toHaveLength(0);
    await env.sleep(2 * 60_000);
    await drive.eventually(id, (row) => row.state.tasks?.[0]?.reminders === 1);
    const [reminder] = await eventsOf('TaskReminderSent');
    expect(Date.parse(reminder.data.remindedAt as string) - remindAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(reminder.data.remindedAt as string) - remindAt).toBeLessThan(60_000);
    expect(reminder.metadata.actor).toEqual({ id: 'system', role: 'system' });

    await env.sleep(dueAt - (await env.currentTimeMs()) - 60_000);
    expect(await eventsOf('TaskEscalated')).toHaveLength(0);
    await env.sleep(2 * 60_000);
    await drive.eventually(id, (row) => row.state.tasks?.[0]?.escalations === 1);
    const [first] = await eventsOf('TaskEscalated');
    expect(first.data).toMatchObject({ taskId: task.task_id, escalation: 1, overdueWorkingDays: expect.any(Number), escalatedTo: 'steering_committee' });
    expect(Date.parse(first.data.escalatedAt as string) - dueAt).toBeLessThan(60_000);

    // The next escalation is two working days after the day of the first, at midnight in Hà Nội.
    const escalatedOn = addCalendarDays(task.due_on, 1);
    const secondOn = vietnameseCalendar.addWorkingDays(escalatedOn, 2);
    await drive.sleepUntil(secondOn);
    await drive.eventually(id, (row) => row.state.tasks?.[0]?.escalations === 2);
    const second = (await eventsOf('TaskEscalated'))[1];
    const secondAt = Date.parse(`${secondOn}T00:00:00+07:00`);
    expect(Date.parse(second.data.escalatedAt as string) - secondAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(second.data.escalatedAt as string) - secondAt).toBeLessThan(60_000);

    await commands.execute(id, envelope({ type: 'ClaimTask', taskId: task.task_id }, wardChair));
    expect((await drive.tasks(id))[0]).toMatchObject({ status: 'claimed', assignee: 'chair-hang-bac', reminders: 1, escalations: 2 });
    await commands.execute(id, envelope({ type: 'StartReview' }));
    await commands.execute(id, envelope({ type: 'Recognize', decisionNo: '77/QĐ-UBND', decidedOn: await drive.today() }, wardChair));
    const [closed] = await drive.tasks(id);
    expect(closed).toMatchObject({ status: 'done', assignee: 'chair-hang-bac' });
    expect(closed.closed_at).not.toBeNull();

    await env.sleep(10 * DAY_MS);
    expect(await eventsOf('TaskEscalated')).toHaveLength(2);
  });
});
