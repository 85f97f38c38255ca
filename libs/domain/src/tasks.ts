/**
 * Approval tasks: what waits for a decision, which body decides, since when and due when. A task is derived
 * from the regulation's state (a dossier before its authority, a suspension whose report is due, an annual
 * review that fell due), so the event log stays the only truth; reminders, escalations and claims are events.
 */
import {
  addCalendarDays,
  calendarThrough,
  CivilDate,
  civilDateInVietnam,
  compareCivilDates,
  firstCalendarVersion,
  startOfCivilDateInVietnam,
  vietnameseCalendar,
  WorkingDayCalendar,
} from './calendar';
import type { RegulationEvent } from './events';
import { addDuration, Authority, LegalDuration } from './regimes';
import { ApprovalTask, CandidateRole, RegulationState, TaskPriority, TaskStep, tasksOf } from './state';

export const taskSteps: readonly TaskStep[] = ['dossier_decision', 'complaint_answer', 'repeal_decision', 'suspension_report', 'annual_review'];

export type TaskStatus = 'open' | 'claimed' | 'done' | 'cancelled';
export const taskStatuses: readonly TaskStatus[] = ['open', 'claimed', 'done', 'cancelled'];
export const pendingTaskStatuses: readonly TaskStatus[] = ['open', 'claimed'];

/** The district whose People's Committee decided dossiers under Decision 22/2018. */
export const DISTRICT_CODE = 'hoan-kiem';

/**
 * When reminders and escalations fire: one reminder once `reminderShare` of the time between opening and
 * the deadline has passed; an escalation to the steering committee once it is overdue, then again every
 * `escalationInterval` while it stays open.
 */
export const taskPolicy = {
  reminderShare: { numerator: 1, denominator: 2 },
  escalationInterval: { amount: 2, unit: 'working_days' } as LegalDuration,
  /** An annual review that fell due is to be recorded within this time (customarily before 18 November's summary). */
  annualReviewResponse: { amount: 30, unit: 'calendar_days' } as LegalDuration,
  /**
   * Default (operational, not in the texts read): the repeal decision is due this long after a redraft deadline
   * passed; Decree 61/2023 art. 14 names the act, not its time limit.
   */
  repealDecisionResponse: { amount: 5, unit: 'working_days' } as LegalDuration,
  priorities: {
    complaint_answer: 1,
    repeal_decision: 1,
    suspension_report: 1,
    dossier_decision: 2,
    annual_review: 3,
  } as Record<TaskStep, TaskPriority>,
} as const;

export function candidateRoleOf(authority: Authority): CandidateRole {
  return authority === 'district_peoples_committee' ? 'district_approver' : 'ward_chair';
}

/** The task is overdue from the start of the day after its due date, Vietnam time. */
export function taskDueAt(task: Pick<ApprovalTask, 'dueOn'>): number {
  return startOfCivilDateInVietnam(addCalendarDays(task.dueOn, 1));
}

export function taskRemindAt(task: Pick<ApprovalTask, 'openedOn' | 'dueOn'>): number {
  const opened = startOfCivilDateInVietnam(task.openedOn);
  const { numerator, denominator } = taskPolicy.reminderShare;
  return opened + Math.floor(((taskDueAt(task) - opened) * numerator) / denominator);
}

/** The first escalation is at the deadline; the next ones `escalationInterval` after the previous one. */
export function nextEscalationAt(
  task: Pick<ApprovalTask, 'dueOn' | 'lastEscalatedAt'>,
  calendar: WorkingDayCalendar = vietnameseCalendar,
): number {
  if (!task.lastEscalatedAt) return taskDueAt(task);
  const last = civilDateInVietnam(Date.parse(task.lastEscalatedAt));
  return startOfCivilDateInVietnam(addDuration(last, taskPolicy.escalationInterval, calendar));
}

/** The next reminder or escalation of a pending task, as of `now` (epoch ms), on the calendar its workflow uses. */
export function nextTaskTimer(
  task: ApprovalTask,
  now: number,
  calendar: WorkingDayCalendar = vietnameseCalendar,
): { type: 'RemindTask' | 'EscalateTask'; at: number } {
  const dueAt = taskDueAt(task);
  if (task.reminders === 0 && task.escalations === 0 && now < dueAt) {
    const remindAt = taskRemindAt(task);
    if (remindAt < dueAt) return { type: 'RemindTask', at: remindAt };
  }
  return { type: 'EscalateTask', at: nextEscalationAt(task, calendar) };
}

/** Working days past the due date on `today` (0 while not overdue). */
export function overdueWorkingDays(dueOn: CivilDate, today: CivilDate, calendar: WorkingDayCalendar = vietnameseCalendar): number {
  if (compareCivilDates(today, dueOn) <= 0) return 0;
  return calendar.workingDaysBetween(dueOn, today);
}

export type Aging = 'on_time' | 'due_soon' | 'overdue' | 'overdue_long';
export const agingBuckets: readonly Aging[] = ['on_time', 'due_soon', 'overdue', 'overdue_long'];

/**
 * The due-date limits of the aging buckets on `today`, so that a query can bucket by `due_on` alone:
 *   on_time       due after `dueSoonThrough` (more than 2 working days left)
 *   due_soon      due today .. `dueSoonThrough`
 *   overdue       due before today, by 1 to 5 working days (due after `overdueLongThrough`)
 *   overdue_long  due on or before `overdueLongThrough`: more than 5 working days late
 */
export interface AgingLimits {
  today: CivilDate;
  dueSoonThrough: CivilDate;
  overdueLongThrough: CivilDate;
}

export function agingLimits(today: CivilDate): AgingLimits {
  const dueSoonThrough = vietnameseCalendar.addWorkingDays(today, 2);
  let day = today;
  let working = 0;
  for (;;) {
    if (vietnameseCalendar.isWorkingDay(day)) working += 1;
    day = addCalendarDays(day, -1);
    if (working === 6) return { today, dueSoonThrough, overdueLongThrough: day };
  }
}

export function agingOf(dueOn: CivilDate, today: CivilDate): Aging {
  return agingWithin(dueOn, agingLimits(today));
}

/** The bucket of a due date under a day's limits: for many tasks on one day, the limits are computed once. */
export function agingWithin(dueOn: CivilDate, limits: AgingLimits): Aging {
  if (compareCivilDates(dueOn, limits.dueSoonThrough) > 0) return 'on_time';
  if (compareCivilDates(dueOn, limits.today) >= 0) return 'due_soon';
  if (compareCivilDates(dueOn, limits.overdueLongThrough) > 0) return 'overdue';
  return 'overdue_long';
}

type Waiting = Pick<ApprovalTask, 'step' | 'authority' | 'openedOn' | 'dueOn'>;

/** The decisions a regulation waits for in this state, in step order. */
function waitingDecisions(state: RegulationState): Waiting[] {
  const waiting: Waiting[] = [];
  const dossier = state.cycle?.dossier;
  if (dossier) {
    waiting.push({ step: 'dossier_decision', authority: dossier.authority, openedOn: dossier.submittedOn, dueOn: dossier.decisionDueOn });
  }
  if (state.complaint) {
    const { receivedOn, answerDueOn } = state.complaint;
    waiting.push({ step: 'complaint_answer', authority: 'ward_peoples_committee', openedOn: receivedOn, dueOn: answerDueOn });
  }
  const suspension = state.status === 'suspended' ? state.suspension : null;
  if (suspension?.redraftOverdue) {
    const { openedOn, dueOn } = suspension.redraftOverdue;
    waiting.push({ step: 'repeal_decision', authority: 'ward_peoples_committee', openedOn, dueOn });
  }
  if (suspension?.reportDueOn) {
    waiting.push({ step: 'suspension_report', authority: 'ward_peoples_committee', openedOn: suspension.suspendedOn, dueOn: suspension.reportDueOn });
  }
  if (state.reviewDue && state.nextReviewDueOn) {
    const opened = state.nextReviewDueOn;
    waiting.push({
      step: 'annual_review',
      authority: 'ward_peoples_committee',
      openedOn: opened,
      // Folded, not decided: on the first calendar version, so a fold of the same events never changes when
      // reference data is added (the AnnualReviewDue event does not carry this date).
      dueOn: addDuration(opened, taskPolicy.annualReviewResponse, calendarThrough(firstCalendarVersion)),
    });
  }
  return waiting;
}

function applyTaskEvent(tasks: ApprovalTask[], event: RegulationEvent): ApprovalTask[] {
  const update = (taskId: string, patch: Partial<ApprovalTask>) =>
    tasks.map((task) => (task.taskId === taskId ? { ...task, ...patch } : task));
  switch (event.type) {
    case 'TaskClaimed':
      return update(event.data.taskId, { assignee: event.data.assignee });
    case 'TaskReleased':
      return update(event.data.taskId, { assignee: null });
    case 'TaskReassigned':
      return update(event.data.taskId, { assignee: event.data.to });
    case 'TaskReminderSent': {
      const task = tasks.find((t) => t.taskId === event.data.taskId);
      return update(event.data.taskId, { reminders: (task?.reminders ?? 0) + 1 });
    }
    case 'TaskEscalated':
      return update(event.data.taskId, { escalations: event.data.escalation, lastEscalatedAt: event.data.escalatedAt });
    default:
      return tasks;
  }
}

/**
 * The pending tasks after an event: task events update theirs; then a decision the regulation now waits for
 * opens a task (its id names the step and the version that opened it), and one it no longer waits for drops.
 */
export function evolveTasks(before: RegulationState, after: RegulationState, event: RegulationEvent): ApprovalTask[] {
  const transfer = event.type === 'RegulationTransferred' ? event.data : null;
  const tasks = applyTaskEvent(tasksOf(before), event).map((task) => {
    if (!transfer) return task;
    if (task.authority === 'ward_peoples_committee') return { ...task, authorityUnit: after.wardCode };
    const authority = transfer.dossierAuthority;
    return authority ? { ...task, authority, candidateRole: candidateRoleOf(authority), authorityUnit: after.wardCode } : task;
  });
  return waitingDecisions(after).map(
    (waiting) =>
      tasks.find((task) => task.step === waiting.step) ?? {
        taskId: `${after.regulationId}:${waiting.step}:${after.version}`,
        ...waiting,
        candidateRole: candidateRoleOf(waiting.authority),
        authorityUnit: waiting.authority === 'district_peoples_committee' ? DISTRICT_CODE : after.wardCode,
        priority: taskPolicy.priorities[waiting.step],
        assignee: null,
        reminders: 0,
        escalations: 0,
        lastEscalatedAt: null,
      },
  );
}

/** How a task that `event` closed ended: decided (done), or made moot by a withdrawal or a repeal (cancelled). */
export function closedTaskStatus(task: Pick<ApprovalTask, 'step'>, event: RegulationEvent): 'done' | 'cancelled' {
  if (event.type === 'RegulationWithdrawn' || event.type === 'AmendmentWithdrawn') return 'cancelled';
  if (event.type === 'RegulationRepealed' && ['dossier_decision', 'annual_review'].includes(task.step)) return 'cancelled';
  return 'done';
}
