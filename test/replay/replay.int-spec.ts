/**
 * Replay gate: every committed history must replay against the production workflows and hold what it claims to
 * cover (its updates, the domain events their results name, its timers, its ending); a tampered one must fail.
 * Histories are recorded from committed code by scripts/record-replay-history.ts (see README, Tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { getWorkflowBundle } from '../../apps/worker/src/workflow-bundle';

const historiesDir = join(__dirname, 'histories');

interface HistoryEvent {
  eventType: string;
  [attributes: string]: unknown;
}

function loadHistory(file: string): { events: HistoryEvent[] } {
  return JSON.parse(readFileSync(join(historiesDir, file), 'utf8'));
}

interface Claim {
  workflow: 'regulationLifecycleWorkflow' | 'summaryWorkflow';
  /** The history of the run this one continues (continue-as-new), when it is not a chain's first run. */
  continues?: string;
  startedBySchedule?: boolean;
  /** Accepted updates, in order. */
  updates: string[];
  /** Domain events named by the updates' results, in order (timer commands append too but return no result). */
  events: string[];
  /** Timers fired: a consultation closing, an annual review falling due, an approval task's reminder or escalation. */
  timersFired: number;
  /** Remote activities scheduled, in order (the lean command path appends by local activity). */
  activities: string[];
  /** patched() ids recorded, sorted. */
  patches: string[];
  ends: 'open' | 'continued-as-new' | 'completed';
}

/** The recorder's consultation (LifecycleDriver.consult): opened, two comments, closed by its timer, both disposed. */
const consultation = {
  updates: ['OpenConsultation', 'RecordComment', 'RecordComment', 'RecordDisposition', 'RecordDisposition'],
  events: ['ConsultationOpened', 'CommentRecorded', 'CommentRecorded', 'CommentDisposed', 'CommentDisposed'],
};
/** A convention from its draft to recognition: revision, consultation, two votes, dossier, review, decision. */
const toInForce = {
  updates: ['CreateDraft', 'ReviseDraft', ...consultation.updates, 'RecordVote', 'RecordVote', 'SubmitDossier', 'StartReview', 'Recognize'],
  events: ['RegulationDrafted', 'DraftRevised', ...consultation.events, 'VoteRecorded', 'VoteRecorded', 'DossierSubmitted', 'ReviewStarted', 'RegulationRecognized'],
};

const patches = ['approval-task-timers', 'lean-command-path'];
/** Recorded after the log decides and the domain checks the actor (the log-decides path no longer asks for lean-command-path). */
const patchesNow = ['access-rules-in-domain', 'approval-task-timers', 'log-decides'];

/** What each history covers. A history without a claim fails the gate: say what it is for. */
const claims: Record<string, Claim> = {
  // Before the lean command path: appends as remote activities, search attributes upserted after every command.
  'convention-consultation.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: ['CreateDraft', 'ReviseDraft', 'OpenConsultation', 'RecordComment', 'SubmitCritique', 'ExtendConsultation'],
    events: ['RegulationDrafted', 'DraftRevised', 'ConsultationOpened', 'CommentRecorded', 'CritiqueSubmitted', 'ConsultationExtended'],
    timersFired: 0,
    activities: Array<string>(6).fill('appendEvents'),
    patches: [],
    ends: 'open',
  },
  'convention-consultation-lean.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: ['CreateDraft', 'ReviseDraft', 'OpenConsultation', 'RecordComment', 'SubmitCritique', 'ExtendConsultation'],
    events: ['RegulationDrafted', 'DraftRevised', 'ConsultationOpened', 'CommentRecorded', 'CritiqueSubmitted', 'ConsultationExtended'],
    timersFired: 0,
    activities: [],
    patches: ['lean-command-path'],
    ends: 'open',
  },
  // A back-dated dossier: the consultation timer closes at once, the overdue decision task is escalated, claimed, released.
  'convention-approval-task.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: ['CreateDraft', 'OpenConsultation', 'RecordVote', 'SubmitDossier', 'ClaimTask', 'ReleaseTask'],
    events: ['RegulationDrafted', 'ConsultationOpened', 'VoteRecorded', 'DossierSubmitted', 'TaskClaimed', 'TaskReleased'],
    timersFired: 2,
    activities: [],
    patches,
    ends: 'open',
  },
  // Draft through recognition; the review timer, the review task's reminder timer, the first review (keep).
  'convention-annual-reviews-run1.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: [...toInForce.updates, 'RecordAnnualReview'],
    events: [...toInForce.events, 'AnnualReviewRecorded'],
    timersFired: 3,
    activities: [],
    patches,
    ends: 'continued-as-new',
  },
  // Carried state; the review timer; the second review (amend).
  'convention-annual-reviews-run2.json': {
    workflow: 'regulationLifecycleWorkflow',
    continues: 'convention-annual-reviews-run1.json',
    updates: ['RecordAnnualReview'],
    events: ['AnnualReviewRecorded', 'AmendmentStarted'],
    timersFired: 1,
    activities: [],
    patches,
    ends: 'continued-as-new',
  },
  // The amendment to recognition while the old text stays in force; then waiting for the third review.
  'convention-annual-reviews-run3.json': {
    workflow: 'regulationLifecycleWorkflow',
    continues: 'convention-annual-reviews-run2.json',
    updates: toInForce.updates.slice(1),
    events: toInForce.events.slice(1),
    timersFired: 1,
    activities: [],
    patches,
    ends: 'open',
  },
  // In force; an amendment started and withdrawn; suspended (report task reminded, escalated, reassigned); resumed; repealed.
  'convention-suspension-repeal.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: [...toInForce.updates, 'StartAmendment', 'ReviseDraft', 'Withdraw', 'Suspend', 'ReassignTask', 'Resume', 'Repeal'],
    events: [
      ...toInForce.events,
      ...['AmendmentStarted', 'DraftRevised', 'AmendmentWithdrawn', 'RegulationSuspended', 'TaskReassigned', 'RegulationResumed', 'RegulationRepealed'],
    ],
    timersFired: 4,
    activities: [],
    patches,
    ends: 'completed',
  },
  // A ward democracy regulation: consultation, critique, the chair's decision; the review timer; repealed by its review.
  'democracy-regulation-run1.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: ['CreateDraft', ...consultation.updates, 'SubmitCritique', 'Recognize', 'RecordAnnualReview'],
    events: ['RegulationDrafted', ...consultation.events, 'CritiqueSubmitted', 'RegulationRecognized', 'AnnualReviewRecorded', 'RegulationRepealed'],
    timersFired: 2,
    activities: [],
    patches,
    ends: 'continued-as-new',
  },
  // The run after a repealing review starts terminal and completes.
  'democracy-regulation-run2.json': {
    workflow: 'regulationLifecycleWorkflow',
    continues: 'democracy-regulation-run1.json',
    updates: [],
    events: [],
    timersFired: 0,
    activities: [],
    patches: [],
    ends: 'completed',
  },
  'summary-annual-schedule.json': {
    workflow: 'summaryWorkflow',
    startedBySchedule: true,
    updates: [],
    events: [],
    timersFired: 0,
    activities: ['captureEventPosition', 'produceSummary'],
    patches: [],
    ends: 'completed',
  },
};

// The same paths recorded with today's patches: the workflow believes the stored events, the domain checks the actor.
const recordedToday = (of: string, continues?: string): Claim => ({ ...claims[of], ...(continues ? { continues } : {}), patches: patchesNow });
Object.assign(claims, {
  'convention-annual-reviews-log-decides-run1.json': recordedToday('convention-annual-reviews-run1.json'),
  'convention-annual-reviews-log-decides-run2.json': recordedToday('convention-annual-reviews-run2.json', 'convention-annual-reviews-log-decides-run1.json'),
  'convention-annual-reviews-log-decides-run3.json': recordedToday('convention-annual-reviews-run3.json', 'convention-annual-reviews-log-decides-run2.json'),
  'convention-suspension-repeal-log-decides.json': recordedToday('convention-suspension-repeal.json'),
  // Decree 61/2023 art. 12, 14: a complaint dismissed; a second decided by a partial suspension, lifted by the
  // recognized redraft; a third by a whole suspension whose redraft deadline the timer marks passed; the repeal.
  'convention-complaint-suspension-repeal.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: [
      ...toInForce.updates,
      ...['ReceiveComplaint', 'DismissComplaint', 'ReceiveComplaint', 'Suspend', 'StartAmendment'],
      ...toInForce.updates.slice(2),
      ...['ReceiveComplaint', 'Suspend', 'Repeal'],
    ],
    events: [
      ...toInForce.events,
      ...['ComplaintReceived', 'ComplaintDismissed', 'ComplaintReceived', 'RegulationSuspended', 'AmendmentStarted'],
      ...toInForce.events.slice(2),
      ...['SuspensionLifted', 'ComplaintReceived', 'RegulationSuspended', 'RegulationRepealed'],
    ],
    timersFired: 3,
    activities: [],
    patches: patchesNow,
    ends: 'completed',
  },
  // Decree 61/2023 art. 6-8, 10(2)(b), 15: the group head's proposal, the drafting group and the name; adopted by
  // household ballot, its results made public; signed; recognized, stamped and posted; left in force.
  'convention-community-steps.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: [
      ...['CreateDraft', 'RecordProposal', 'FormDraftingGroup', 'ChooseName'],
      ...consultation.updates,
      ...['RecordVote', 'RecordVote', 'RecordDisclosure', 'RecordSignatures', 'SubmitDossier', 'StartReview', 'Recognize', 'StampText', 'RecordDisclosure'],
    ],
    events: [
      ...['RegulationDrafted', 'ProposalRecorded', 'DraftingGroupFormed', 'NameChosen'],
      ...consultation.events,
      ...['VoteRecorded', 'VoteRecorded', 'DisclosureRecorded', 'TextSigned', 'DossierSubmitted', 'ReviewStarted', 'RegulationRecognized', 'TextStamped', 'DisclosureRecorded'],
    ],
    timersFired: 1,
    activities: [],
    patches: patchesNow,
    ends: 'open',
  },
  // An agency's democracy regulation (Law 10/2022 ch. III): consulted and closed early (no minimum window), its
  // conference convened again after one without quorum, issued by the head as the officer records it, made public, repealed.
  'agency-regulation.json': {
    workflow: 'regulationLifecycleWorkflow',
    updates: [
      ...['CreateDraft', 'OpenConsultation', 'RecordComment', 'CloseConsultation', 'RecordDisposition'],
      ...['RecordConference', 'RecordConference', 'Recognize', 'RecordDisclosure', 'Repeal'],
    ],
    events: [
      ...['RegulationDrafted', 'ConsultationOpened', 'CommentRecorded', 'ConsultationClosed', 'CommentDisposed'],
      ...['ConferenceHeld', 'ConferenceHeld', 'RegulationRecognized', 'DisclosureRecorded', 'RegulationRepealed'],
    ],
    timersFired: 0,
    activities: [],
    patches: patchesNow,
    ends: 'completed',
  },
});

/** A field of a history event's JSON, by path (histories are plain proto JSON). */
function field(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);
}

/** A JSON payload's value. */
function decoded<T>(payload: unknown): T {
  return JSON.parse(Buffer.from(field(payload, 'data') as string, 'base64').toString('utf8')) as T;
}

/** What a history holds, read from its events: the counterpart of a Claim. */
function contentOf(events: HistoryEvent[]) {
  const of = (type: string) => events.filter((e) => e.eventType === `EVENT_TYPE_${type}`);
  const started = field(events[0], 'workflowExecutionStartedEventAttributes');
  const last = events[events.length - 1].eventType;
  const endings: Record<string, Claim['ends']> = {
    EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW: 'continued-as-new',
    EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: 'completed',
  };
  return {
    runId: field(started, 'originalExecutionRunId') as string,
    continuedFrom: (field(started, 'continuedExecutionRunId') as string | undefined) || undefined,
    successor: of('WORKFLOW_EXECUTION_CONTINUED_AS_NEW').map((e) => field(e, 'workflowExecutionContinuedAsNewEventAttributes', 'newExecutionRunId') as string)[0],
    content: {
      workflow: field(started, 'workflowType', 'name'),
      startedBySchedule: field(started, 'searchAttributes', 'indexedFields', 'TemporalScheduledStartTime') !== undefined,
      updates: of('WORKFLOW_EXECUTION_UPDATE_ACCEPTED').map((e) => field(e, 'workflowExecutionUpdateAcceptedEventAttributes', 'acceptedRequest', 'input', 'name')),
      events: of('WORKFLOW_EXECUTION_UPDATE_COMPLETED').flatMap((e) => {
        const result = field(e, 'workflowExecutionUpdateCompletedEventAttributes', 'outcome', 'success', 'payloads', 0);
        return decoded<{ events: { type: string }[] }>(result).events.map((event) => event.type);
      }),
      timersFired: of('TIMER_FIRED').length,
      activities: of('ACTIVITY_TASK_SCHEDULED').map((e) => field(e, 'activityTaskScheduledEventAttributes', 'activityType', 'name')),
      patches: [
        ...new Set(
          of('MARKER_RECORDED')
            .map((e) => field(e, 'markerRecordedEventAttributes'))
            .filter((marker) => field(marker, 'markerName') === 'core_patch')
            .map((marker) => decoded<{ id: string }>(field(marker, 'details', 'patch-data', 'payloads', 0)).id),
        ),
      ].sort(),
      ends: endings[last] ?? 'open',
    },
  };
}

describe('replay of committed histories', () => {
  const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();
  const read = new Map(files.map((f) => [f, contentOf(loadHistory(f).events)]));
  // The bundle production runs (the prebuilt one when its sidecar matches the sources), built once for all files.
  let replay: ReplayWorkerOptions;
  beforeAll(async () => {
    replay = { workflowBundle: { code: (await getWorkflowBundle()).code } };
  });

  it('has a claim for every history and a history for every claim', () => {
    expect(files).toEqual(Object.keys(claims).sort());
  });

  it.each(files)('%s replays without a determinism violation', async (file) => {
    await expect(Worker.runReplayHistory(replay, loadHistory(file), `replay-${file}`)).resolves.toBeUndefined();
  });

  it.each(files)('%s holds what it claims to cover', (file) => {
    const { continues, ...claimed } = claims[file] ?? ({} as Claim);
    const { content, continuedFrom } = read.get(file)!;
    expect(content).toEqual({ startedBySchedule: false, ...claimed });
    expect(continuedFrom).toBe(continues ? read.get(continues)?.runId : undefined);
  });

  it('has every run of a continue-as-new chain', () => {
    const runIds = new Set([...read.values()].map((h) => h.runId));
    const missing = [...read.entries()].filter(([, h]) => h.successor && !runIds.has(h.successor)).map(([file]) => file);
    expect(missing).toEqual([]);
  });

  it('rejects a history whose recorded activity differs from what the code schedules', async () => {
    const history = loadHistory('convention-consultation.json');
    const scheduled = history.events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED') as unknown as {
      activityTaskScheduledEventAttributes: { activityType: { name: string } };
    };
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'deleteEvents';
    const error = await Worker.runReplayHistory(replay, history, 'tampered').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeterminismViolationError);
  });
});
