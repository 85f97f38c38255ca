import { addCalendarDays, civilDateInVietnam } from './calendar';
import { decidingAuthority, mayEverIssue, mayIssue } from './access';
import type { KindId } from './catalogue';
import { Actor, CommandEnvelope, RegulationCommand } from './commands';
import { nextDeadline } from './deadlines';
import { currentRules, decide, DecisionRules, rulesAsFirstRecorded, rulesBeforeComplaints, shapedAsFirstRecorded } from './decider';
import { evolve, fold } from './evolve';
import { allowedActions } from './preconditions';
import { DomainError } from './errors';
import { RegulationEvent } from './events';
import { initialState, RegulationState, stageOf, tasksOf } from './state';
import { agingLimits, agingOf, closedTaskStatus, nextEscalationAt, nextTaskTimer, overdueWorkingDays, taskDueAt, taskRemindAt } from './tasks';

const officer: Actor = { id: 'officer-1', role: 'officer', wards: ['hang-bac'] };
const system: Actor = { id: 'system', role: 'system', wards: ['hang-bac'] };
const wardChair: Actor = { id: 'chair-1', role: 'ward_chair', wards: ['hang-bac'] };
const front: Actor = { id: 'front-1', role: 'front', wards: ['hang-bac'] };
const districtApprover: Actor = { id: 'approver-1', role: 'district_approver', wards: ['*'] };

/** The actor a step is recorded by unless a test names one: the ward's officer, chair or Front, the timers (access.spec.ts tests who may). */
function holderOf(command: RegulationCommand, state: RegulationState): Actor {
  const facts = command.type === 'CreateDraft' ? null : state;
  for (const actor of [officer, wardChair, front, districtApprover, system]) {
    if (facts === null ? mayEverIssue(actor.role, command.type) : mayIssue(actor.role, command.type, decidingAuthority(facts))) return actor;
  }
  throw new Error(`nobody holds ${command.type}`);
}
const START = '2025-03-03T02:00:00.000Z'; // Monday 09:00 in Hà Nội
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString();

let seq = 0;
function envelope(command: RegulationCommand, actor: Actor): CommandEnvelope {
  seq += 1;
  return { commandId: `cmd-${seq}`, actor, command };
}

/** A regulation driven through the decider: given commands, each applied at a clock the test sets. */
class Scenario {
  state: RegulationState;
  now = START;
  rules: DecisionRules = currentRules;
  constructor(id = 'reg-1') {
    this.state = initialState(id);
  }
  run(command: RegulationCommand, actor = holderOf(command, this.state)): RegulationEvent[] {
    const events = decide(envelope(command, actor), this.state, this.now, this.rules);
    this.state = events.reduce(evolve, this.state);
    return events;
  }
  at(days: number): this {
    this.now = at(days);
    return this;
  }
  rejects(command: RegulationCommand, code: string, actor = holderOf(command, this.state)): DomainError {
    const before = this.state;
    let caught: unknown;
    try {
      decide(envelope(command, actor), this.state, this.now, this.rules);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe(code);
    expect(this.state).toBe(before);
    return caught as DomainError;
  }
}

const create = (over: Partial<Extract<RegulationCommand, { type: 'CreateDraft' }>> = {}): RegulationCommand => ({
  type: 'CreateDraft',
  regulationId: 'reg-1',
  wardCode: 'hang-bac',
  kind: 'community_convention',
  title: 'Quy ước nếp sống văn minh, môi trường xanh sạch đẹp',
  text: 'Điều 1. Phạm vi…',
  residentialGroup: 'TDP số 3',
  startedOn: '2025-03-01',
  ...over,
});

const vote = (present: number, approving: number, method: 'meeting' | 'household_ballot' = 'meeting'): RegulationCommand => ({
  type: 'RecordVote',
  method,
  heldOn: '2025-04-10',
  totalHouseholds: 120,
  present,
  approving,
});

function drafted(kind: KindId = 'community_convention'): Scenario {
  const s = new Scenario();
  s.run(create({ kind }));
  return s;
}

function inConsultation(kind?: KindId): Scenario {
  const s = drafted(kind);
  s.run({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'comment_box'] });
  return s;
}

function revising(kind?: KindId): Scenario {
  const s = inConsultation(kind);
  s.run({ type: 'RecordComment', commentId: 'c1', channel: 'meeting', content: 'Thêm quy định giờ đổ rác', receivedOn: '2025-03-05' });
  s.at(30).run({ type: 'CloseConsultation' }, system);
  return s;
}

function readyToVote(): Scenario {
  const s = revising();
  s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
  return s;
}

function adopted(): Scenario {
  const s = readyToVote();
  s.run(vote(80, 70));
  return s;
}

function underReview(): Scenario {
  const s = adopted();
  s.run({ type: 'SubmitDossier', submittedOn: '2025-04-14', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
  s.run({ type: 'StartReview' });
  return s;
}

function inForce(): Scenario {
  const s = underReview();
  s.run({ type: 'Recognize', decisionNo: '15/QĐ-UBND', decidedOn: '2025-04-18' });
  return s;
}

describe('decide / evolve: community convention', () => {
  describe('CreateDraft', () => {
    it('given nothing, when a draft is created, then RegulationDrafted pins the regime of its start date', () => {
      const s = new Scenario();
      const [event] = s.run(create());
      expect(event.type).toBe('RegulationDrafted');
      expect(event.data).toMatchObject({ wardCode: 'hang-bac', regimeId: 'decree-61-2023', startedOn: '2025-03-01' });
      expect(stageOf(s.state)).toBe('drafting');
      expect(s.state.version).toBe(1);
    });
    it('pins the legacy regime for a draft started in 2020', () => {
      const s = new Scenario();
      const [event] = s.run(create({ startedOn: '2020-05-04' }));
      expect(event.data).toMatchObject({ regimeId: 'decision-22-2018' });
    });
    it('rejects a code that is no unit code, an unknown kind, a date before any regime, a future date and bad fields', () => {
      const s = new Scenario();
      s.rejects(create({ wardCode: 'Atlantis!' }), 'REGULATION.UNKNOWN_WARD', { ...officer, wards: ['*'] });
      s.rejects(create({ kind: 'decree' as never }), 'REGULATION.UNKNOWN_KIND');
      s.rejects(create({ startedOn: '2010-01-01' }), 'REGIME.NOT_IN_FORCE');
      s.rejects(create({ startedOn: '2025-03-04' }), 'COMMAND.INVALID');
      s.rejects(create({ startedOn: '2025-02-30' }), 'COMMAND.INVALID');
      s.rejects(create({ title: '   ' }), 'COMMAND.INVALID');
      s.rejects(create({ regulationId: 'has space' }), 'COMMAND.INVALID');
      s.rejects(create({ title: 'nul \u0000 byte' }), 'COMMAND.INVALID');
      s.rejects(create({ text: 'lone \uD800 surrogate' }), 'COMMAND.INVALID');
      expect(() => decide(envelope(create({ title: 'Tổ dân phố 🏠' }), officer), initialState('reg-1'), START)).not.toThrow();
      const tooLong = s.rejects(create({ text: 'x'.repeat(100_001) }), 'COMMAND.TEXT_TOO_LONG');
      expect(tooLong.details).toMatchObject({ field: 'text', maximum: 100_000 });
    });
    it('rejects creating a regulation that exists', () => {
      drafted().rejects(create(), 'REGULATION.ALREADY_EXISTS');
    });
  });

  describe('ReviseDraft', () => {
    it('keeps revisions numbered in drafting', () => {
      const s = drafted();
      const [event] = s.run({ type: 'ReviseDraft', text: 'Điều 1 (sửa)', summary: 'sửa điều 1' });
      expect(event.data).toMatchObject({ revision: 2, text: 'Điều 1 (sửa)' });
      expect(s.state.cycle?.revision).toBe(2);
    });
    it('is refused during the consultation', () => {
      inConsultation().rejects({ type: 'ReviseDraft', text: 'x', summary: 'y' }, 'REGULATION.INVALID_TRANSITION');
    });
  });

  describe('consultation', () => {
    it('opens for at least the legal 30 calendar days', () => {
      const s = drafted();
      const [event] = s.run({ type: 'OpenConsultation', days: 45, channels: ['online'] });
      expect(event.data).toMatchObject({ openedAt: START, closesAt: at(45), minimumEndsAt: at(30) });
      expect(stageOf(s.state)).toBe('consultation');
    });
    it('refuses a window shorter than the minimum, an unknown channel, and no channel', () => {
      const s = drafted();
      const error = s.rejects({ type: 'OpenConsultation', days: 29, channels: ['online'] }, 'CONSULTATION.WINDOW_TOO_SHORT');
      expect(error.details).toMatchObject({ minimumDays: 30 });
      s.rejects({ type: 'OpenConsultation', days: 30, channels: ['pigeon' as never] }, 'COMMAND.INVALID');
      s.rejects({ type: 'OpenConsultation', days: 30, channels: [] }, 'COMMAND.INVALID');
    });
    it('counts the window from the day of public posting when it is recorded afterwards', () => {
      const s = drafted();
      s.rejects({ type: 'OpenConsultation', openedOn: '2025-02-28', days: 30, channels: ['online'] }, 'COMMAND.INVALID');
      s.rejects({ type: 'OpenConsultation', openedOn: '2025-03-04', days: 30, channels: ['online'] }, 'COMMAND.INVALID');
      const [event] = s.run({ type: 'OpenConsultation', openedOn: '2025-03-01', days: 30, channels: ['online'] });
      expect(event.data).toMatchObject({ openedAt: '2025-02-28T17:00:00.000Z', closesAt: '2025-03-30T17:00:00.000Z' });
    });
    it('records comments with their channel and refuses a duplicate id', () => {
      const s = inConsultation();
      s.run({ type: 'RecordComment', commentId: 'c1', channel: 'household_copy', content: 'Ý kiến', receivedOn: '2025-03-04' });
      expect(s.state.cycle?.comments).toEqual([
        { commentId: 'c1', channel: 'household_copy', receivedOn: '2025-03-04', disposition: null, reason: null },
      ]);
      s.rejects({ type: 'RecordComment', commentId: 'c1', channel: 'online', content: 'again', receivedOn: '2025-03-04' }, 'COMMENT.DUPLICATE');
    });
    it('records after the close a comment received within the window, and refuses one received after it', () => {
      const s = readyToVote();
      const { openedAt, closedOn } = s.state.cycle!.consultation!;
      expect(allowedActions(s.state)).toContain('RecordComment');
      const late = s.rejects({ type: 'RecordComment', commentId: 'late', channel: 'online', content: 'x', receivedOn: addCalendarDays(closedOn!, 1) }, 'COMMAND.INVALID');
      expect(late.details).toMatchObject({ field: 'receivedOn' });
      const early = s.rejects({ type: 'RecordComment', commentId: 'early', channel: 'online', content: 'x', receivedOn: addCalendarDays(civilDateInVietnam(Date.parse(openedAt)), -1) }, 'COMMAND.INVALID');
      expect(early.details).toMatchObject({ field: 'receivedOn' });
      const [event] = s.run({ type: 'RecordComment', commentId: 'on-last-day', channel: 'comment_box', content: 'Ý kiến gửi hòm thư ngày cuối', receivedOn: closedOn! });
      expect(event).toMatchObject({ type: 'CommentRecorded', data: { commentId: 'on-last-day', receivedOn: closedOn } });
      s.rejects(vote(80, 70), 'COMMENT.DISPOSITIONS_MISSING');
    });
    it('extends the window', () => {
      const s = inConsultation();
      const [event] = s.run({ type: 'ExtendConsultation', days: 10, reason: 'nhiều hộ vắng' });
      expect(event.data).toEqual({ days: 10, closesAt: at(40) });
    });
    it('is not closed by an officer before the legal minimum, nor by the timer before the window ends', () => {
      const s = inConsultation();
      s.run({ type: 'ExtendConsultation', days: 10, reason: 'r' });
      s.at(29).rejects({ type: 'CloseConsultation' }, 'CONSULTATION.MINIMUM_NOT_REACHED');
      s.at(35).rejects({ type: 'CloseConsultation' }, 'CONSULTATION.MINIMUM_NOT_REACHED', system);
      const [event] = s.at(43).run({ type: 'CloseConsultation' }, system);
      expect(event.data).toMatchObject({ automatic: true, comments: 0, closedAt: at(40), closedOn: '2025-04-12' });
      expect(stageOf(s.state)).toBe('revising');
    });
    it('accepts the Front critique during consultation and revising, not in drafting', () => {
      drafted().rejects({ type: 'SubmitCritique', content: 'x', submittedOn: '2025-03-03' }, 'REGULATION.INVALID_TRANSITION');
      const s = inConsultation();
      s.run({ type: 'SubmitCritique', content: 'Phản biện', submittedOn: '2025-03-10' });
      expect(s.state.cycle?.critiques).toBe(1);
    });
  });

  describe('RecordDisposition', () => {
    it('needs a reason unless fully accepted and a known comment', () => {
      const s = revising();
      s.rejects({ type: 'RecordDisposition', commentId: 'c1', disposition: 'not_accepted' }, 'COMMENT.REASON_REQUIRED');
      s.rejects({ type: 'RecordDisposition', commentId: 'c9', disposition: 'accepted' }, 'COMMENT.UNKNOWN');
      s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'partly_accepted', reason: 'trái luật một phần' });
      expect(s.state.cycle?.comments[0]).toMatchObject({ disposition: 'partly_accepted', reason: 'trái luật một phần' });
    });
  });

  describe('RecordVote', () => {
    it('refuses a vote while comments lack a disposition', () => {
      revising().rejects(vote(80, 70), 'COMMENT.DISPOSITIONS_MISSING');
    });
    it('refuses inconsistent tallies', () => {
      const s = readyToVote();
      s.rejects(vote(121, 60), 'VOTE.TALLY_INCONSISTENT');
      s.rejects(vote(60, 61), 'VOTE.TALLY_INCONSISTENT');
      s.rejects({ ...(vote(0, 0) as object), totalHouseholds: 0 } as RegulationCommand, 'VOTE.TALLY_INCONSISTENT');
      s.rejects(vote(60.5, 1), 'COMMAND.INVALID');
    });
    it('adopts with quorum and more than half of ALL households', () => {
      const s = readyToVote();
      const [event] = s.run(vote(80, 61));
      expect(event.data).toMatchObject({ round: 1, quorumMet: true, adopted: true });
      expect(stageOf(s.state)).toBe('adopted');
      // Its dossier is due next: the regime's submission deadline from the adoption.
      expect(nextDeadline(s.state)).toMatchObject({ step: 'submission' });
    });
    it('fails at exactly half of all households (approving 60 of 120) and goes back to revising', () => {
      const s = readyToVote();
      const [event] = s.run(vote(100, 60));
      expect(event.data).toMatchObject({ quorumMet: true, adopted: false });
      expect(stageOf(s.state)).toBe('revising');
    });
    it('misses quorum at exactly half present, then allows a household ballot', () => {
      const s = readyToVote();
      s.rejects(vote(60, 60, 'household_ballot'), 'VOTE.BALLOT_NOT_ALLOWED');
      const [event] = s.run(vote(60, 60));
      expect(event.data).toMatchObject({ quorumMet: false, adopted: false });
      expect(stageOf(s.state)).toBe('voting');
      expect(allowedActions(s.state)).toContain('RecordVote');
      const [ballot] = s.run(vote(100, 90, 'household_ballot'));
      expect(ballot.data).toMatchObject({ round: 2, method: 'household_ballot', adopted: true });
    });
  });

  describe('SubmitDossier and review', () => {
    it('refuses an incomplete dossier and a submission before the vote', () => {
      const s = adopted();
      const error = s.rejects({ type: 'SubmitDossier', submittedOn: '2025-04-11', documents: ['adopted_text'] }, 'DOSSIER.INCOMPLETE');
      expect(error.details).toMatchObject({ missing: ['request_form_01', 'minutes_form_02'] });
      s.rejects(
        { type: 'SubmitDossier', submittedOn: '2025-04-09', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] },
        'COMMAND.INVALID',
      );
    });
    it('computes the submission and decision deadlines in working days and flags a late dossier', () => {
      const s = adopted();
      const [event] = s.run({
        type: 'SubmitDossier',
        submittedOn: '2025-04-24',
        documents: ['request_form_01', 'minutes_form_02', 'adopted_text'],
      });
      // vote Thu 10/4; Hùng Kings' day was Mon 7/4, so five working days end Thu 17/4
      expect(event.data).toMatchObject({ submissionDueOn: '2025-04-17', late: true, authority: 'ward_peoples_committee' });
      // 24/4 + 5 working days skips 30/4 and 1/5 (public holidays): Fri 25, Mon 28, Tue 29, Fri 2/5, Mon 5/5
      expect(event.data).toMatchObject({ decisionDueOn: '2025-05-05' });
      expect(nextDeadline(s.state)).toEqual({ step: 'decision', dueOn: '2025-05-05' });
    });
    it('returns the dossier with reasons to revising, which requires a new vote', () => {
      const s = underReview();
      s.run({ type: 'ReturnDossier', returnedOn: '2025-04-16', reasons: 'Điều 5 trái luật' });
      expect(stageOf(s.state)).toBe('revising');
      expect(allowedActions(s.state)).toContain('RecordVote');
      expect(allowedActions(s.state)).not.toContain('SubmitDossier');
    });
    it('refuses a decision dated before the submission', () => {
      underReview().rejects({ type: 'Recognize', decisionNo: '1', decidedOn: '2025-04-13' }, 'DECISION.DATE_BEFORE_SUBMISSION');
    });
    it('recognizes: in force from the decision date, next review on the first 18 November after it (Decree 61/2023 art. 15(4))', () => {
      const s = inForce();
      expect(stageOf(s.state)).toBe('in_force');
      expect(s.state.inForce).toMatchObject({ decidedOn: '2025-04-18', decisionNo: '15/QĐ-UBND', revision: 1 });
      expect(s.state.nextReviewDueOn).toBe('2025-11-18');
      expect(s.state.cycle).toBeNull();
    });
    it('recognizes on 18 November itself or after it: the review is the next year’s', () => {
      for (const [decidedOn, review] of [['2025-11-18', '2026-11-18'], ['2025-12-01', '2026-11-18'], ['2025-11-17', '2025-11-18']]) {
        const s = underReview();
        s.run({ type: 'Recognize', decisionNo: '15/QĐ-UBND', decidedOn });
        expect({ decidedOn, review: s.state.nextReviewDueOn }).toEqual({ decidedOn, review });
      }
    });
    it('decides on the anniversary under the rules a workflow recorded its decisions on before the review day', () => {
      const s = underReview();
      const [recognized] = decide(
        envelope({ type: 'Recognize', decisionNo: '15/QĐ-UBND', decidedOn: '2025-04-18' }, wardChair),
        s.state,
        s.now,
        rulesAsFirstRecorded,
      );
      expect(recognized.data).toMatchObject({ nextReviewDueOn: '2026-04-18' });
    });
  });

  describe('steps out of order', () => {
    const cases: [string, () => Scenario, RegulationCommand][] = [
      ['vote in drafting', drafted, vote(80, 70)],
      ['recognize in drafting', drafted, { type: 'Recognize', decisionNo: '1', decidedOn: '2025-03-03' }],
      ['dossier in consultation', inConsultation, { type: 'SubmitDossier', submittedOn: '2025-03-03', documents: [] }],
      ['comment in drafting', drafted, { type: 'RecordComment', commentId: 'c2', channel: 'online', content: 'x', receivedOn: '2025-03-03' }],
      ['start review before submission', adopted, { type: 'StartReview' }],
      ['suspend before recognition', underReview, { type: 'Suspend', suspendedOn: '2025-04-20', scope: 'whole', reason: 'r' }],
      ['resume when in force', inForce, { type: 'Resume', resumedOn: '2025-05-01', reason: 'r' }],
      ['amend twice', () => { const s = inForce(); s.run({ type: 'StartAmendment', text: 't', startedOn: '2025-05-01', reason: 'r' }); return s; },
        { type: 'StartAmendment', text: 't', startedOn: '2025-05-02', reason: 'r' }],
    ];
    it.each(cases)('%s is an invalid transition listing the allowed actions', (_name, given, command) => {
      const s = given();
      const error = s.rejects(command, 'REGULATION.INVALID_TRANSITION');
      expect(error.details.allowedActions).toEqual(allowedActions(s.state));
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a command sent for another version', () => {
      const s = drafted();
      let caught: unknown;
      try {
        decide({ ...envelope({ type: 'ReviseDraft', text: 't', summary: 's' }, officer), expectedVersion: 0 }, s.state, s.now);
      } catch (error) {
        caught = error;
      }
      expect((caught as DomainError).code).toBe('REGULATION.CONCURRENCY');
      expect((caught as DomainError).details).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    });
  });

  describe('in force', () => {
    it('marks the annual review due only from its due date, then records keep', () => {
      const s = inForce();
      s.at(40).rejects({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-05-01', notes: 'n' }, 'REVIEW.NOT_DUE');
      s.now = '2025-11-17T16:59:59.000Z';
      s.rejects({ type: 'MarkReviewDue' }, 'REVIEW.NOT_DUE', system);
      s.now = '2025-11-17T17:00:00.000Z';
      s.run({ type: 'MarkReviewDue' }, system);
      expect(allowedActions(s.state)).toContain('RecordAnnualReview');
      const [event] = s.run({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-11-20', notes: 'Giữ nguyên' });
      expect(event.data).toMatchObject({ nextReviewDueOn: '2026-11-18' });
      expect(s.state.reviewDue).toBe(false);
    });
    it('amends: the old text stays in force until the new one is recognized', () => {
      const s = inForce();
      s.run({ type: 'StartAmendment', text: 'Điều 1 (mới)', startedOn: '2025-06-02', reason: 'luật mới' });
      expect(stageOf(s.state)).toBe('in_force');
      expect(s.state.cycle).toMatchObject({ amendment: true, phase: 'drafting', revision: 2 });
      s.run({ type: 'OpenConsultation', days: 30, channels: ['online'] });
      s.at(150).run({ type: 'CloseConsultation' }, system);
      s.run(vote(90, 80));
      s.run({ type: 'SubmitDossier', submittedOn: '2025-04-14', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
      expect(s.state.inForce?.text).toBe('Điều 1. Phạm vi…');
      s.run({ type: 'StartReview' });
      s.run({ type: 'Recognize', decisionNo: '30/QĐ-UBND', decidedOn: '2025-08-05' });
      expect(s.state.inForce).toMatchObject({ text: 'Điều 1 (mới)', revision: 2, decidedOn: '2025-08-05' });
      expect(s.state.firstInForceOn).toBe('2025-04-18');
      expect(s.state.nextReviewDueOn).toBe('2025-11-18');
    });
    it('withdraws an amendment without touching the text in force', () => {
      const s = inForce();
      s.run({ type: 'StartAmendment', text: 'x', startedOn: '2025-06-02', reason: 'r' });
      const [event] = s.run({ type: 'Withdraw', reason: 'không cần' });
      expect(event.type).toBe('AmendmentWithdrawn');
      expect(stageOf(s.state)).toBe('in_force');
      expect(s.state.cycle).toBeNull();
    });
    it('as first recorded: suspends with a 3-working-day report deadline, resumes, repeals', () => {
      const s = inForce();
      s.rules = rulesBeforeComplaints;
      const [suspended] = s.run({ type: 'Suspend', suspendedOn: '2025-05-09', scope: 'part', reason: 'Điều 4 trái luật' });
      expect(suspended.data).toMatchObject({ reportDueOn: '2025-05-14' });
      expect(stageOf(s.state)).toBe('suspended');
      s.run({ type: 'Resume', resumedOn: '2025-05-20', reason: 'đã sửa' });
      expect(stageOf(s.state)).toBe('in_force');
      s.run({ type: 'Repeal', repealedOn: '2025-06-01', decisionNo: '40/QĐ-UBND', reason: 'r' });
      expect(stageOf(s.state)).toBe('repealed');
      expect(allowedActions(s.state)).toEqual([]);
      s.rejects({ type: 'Resume', resumedOn: '2025-06-02', reason: 'r' }, 'REGULATION.INVALID_TRANSITION');
    });
    it('as first recorded: annual review outcomes amend, suspend and repeal emit their follow-up events', () => {
      for (const [outcome, follow] of [['amend', 'AmendmentStarted'], ['suspend', 'RegulationSuspended'], ['repeal', 'RegulationRepealed']]) {
        const s = inForce();
        s.rules = rulesAsFirstRecorded;
        s.now = '2026-04-18T01:00:00.000Z';
        s.run({ type: 'MarkReviewDue' }, system);
        const events = s.run({ type: 'RecordAnnualReview', outcome: outcome as 'keep', reviewedOn: '2026-04-20', notes: 'n', decisionNo: '9/QĐ' });
        expect(events.map((e) => e.type)).toEqual(['AnnualReviewRecorded', follow]);
      }
    });
    it('the community review keeps or amends: suspension and repeal are not its outcomes (Decree 61/2023 art. 15(4))', () => {
      const s = inForce();
      s.now = '2026-04-18T01:00:00.000Z';
      s.run({ type: 'MarkReviewDue' }, system);
      for (const outcome of ['suspend', 'repeal'] as const) {
        s.rejects({ type: 'RecordAnnualReview', outcome, reviewedOn: '2026-04-20', notes: 'n', decisionNo: '9/QĐ' }, 'REVIEW.OUTCOME_NOT_ALLOWED');
      }
      const events = s.run({ type: 'RecordAnnualReview', outcome: 'amend', reviewedOn: '2026-04-20', notes: 'Đề xuất sửa Điều 5' });
      expect(events.map((e) => e.type)).toEqual(['AnnualReviewRecorded', 'AmendmentStarted']);
    });
    it('as first recorded: refuses a repeal at review without its decision number', () => {
      const s = inForce();
      s.rules = rulesAsFirstRecorded;
      s.now = '2026-04-18T01:00:00.000Z';
      s.run({ type: 'MarkReviewDue' }, system);
      s.rejects({ type: 'RecordAnnualReview', outcome: 'repeal', reviewedOn: '2026-04-20', notes: 'n' }, 'COMMAND.INVALID');
    });
  });

  it('withdraws a draft before recognition, which ends it', () => {
    const s = revising();
    s.run({ type: 'Withdraw', reason: 'Tổ dân phố sáp nhập' });
    expect(stageOf(s.state)).toBe('withdrawn');
    s.rejects({ type: 'ReviseDraft', text: 't', summary: 's' }, 'REGULATION.INVALID_TRANSITION');
  });
});

describe('complaint, suspension, redraft and repeal (Decree 61/2023 art. 12, 14)', () => {
  // In force since Fri 18/4/2025; the ward receives a complaint on Fri 6/6/2025.
  const complained = (): Scenario => {
    const s = inForce();
    s.now = '2025-06-06T03:00:00.000Z';
    s.run({ type: 'ReceiveComplaint', complaintId: 'don-14', receivedOn: '2025-06-06', source: 'written_complaint', summary: 'Điều 4 phạt tiền trái luật' });
    return s;
  };
  const suspend = (over: Partial<Extract<RegulationCommand, { type: 'Suspend' }>> = {}): RegulationCommand => ({
    type: 'Suspend',
    complaintId: 'don-14',
    decisionNo: '45/QĐ-UBND',
    suspendedOn: '2025-06-10',
    ground: 'content',
    scope: 'part',
    articles: ['Điều 4'],
    redraftDueOn: '2025-08-29',
    reason: 'Điều 4 trái Điều 3, 4 Nghị định 61/2023',
    ...over,
  });
  const suspended = (): Scenario => {
    const s = complained();
    s.now = '2025-06-10T03:00:00.000Z';
    s.run(suspend());
    return s;
  };

  it('given a convention in force, when a complaint is received, then the committee has 3 working days to answer', () => {
    const s = complained();
    // Fri 6/6 + 3 working days: Mon 9, Tue 10, Wed 11.
    expect(s.state.complaint).toMatchObject({ complaintId: 'don-14', answerDueOn: '2025-06-11' });
    expect(tasksOf(s.state)).toEqual([expect.objectContaining({ step: 'complaint_answer', openedOn: '2025-06-06', dueOn: '2025-06-11', candidateRole: 'ward_chair' })]);
    expect(nextDeadline(s.state)).toEqual({ step: 'complaint_answer', dueOn: '2025-06-11' });
    expect(allowedActions(s.state)).toEqual(expect.arrayContaining(['DismissComplaint', 'Suspend']));
    expect(allowedActions(s.state)).not.toContain('ReceiveComplaint');
  });

  it('refuses a complaint about a text not in force, a second one while one is open, and one dated in the future', () => {
    revising().rejects({ type: 'ReceiveComplaint', complaintId: 'd', receivedOn: '2025-04-01', source: 'review_finding', summary: 's' }, 'REGULATION.INVALID_TRANSITION');
    complained().rejects({ type: 'ReceiveComplaint', complaintId: 'd2', receivedOn: '2025-06-06', source: 'written_complaint', summary: 's' }, 'REGULATION.INVALID_TRANSITION');
    const s = inForce();
    s.now = '2025-06-06T03:00:00.000Z';
    s.rejects({ type: 'ReceiveComplaint', complaintId: 'd', receivedOn: '2025-06-09', source: 'written_complaint', summary: 's' }, 'COMMAND.INVALID');
    s.rejects({ type: 'ReceiveComplaint', complaintId: 'd', receivedOn: '2025-06-06', source: 'letter' as 'written_complaint', summary: 's' }, 'COMMAND.INVALID');
  });

  it('dismisses a complaint without basis, late after the 3 working days, and closes its task', () => {
    const s = complained();
    s.now = '2025-06-13T03:00:00.000Z';
    s.rejects({ type: 'DismissComplaint', complaintId: 'don-99', answeredOn: '2025-06-12', reason: 'r' }, 'COMPLAINT.NOT_OPEN');
    s.rejects({ type: 'DismissComplaint', complaintId: 'don-14', answeredOn: '2025-06-05', reason: 'r' }, 'COMMAND.INVALID');
    const [dismissed] = s.run({ type: 'DismissComplaint', complaintId: 'don-14', answeredOn: '2025-06-12', reason: 'Mức phạt là tự nguyện đóng góp' });
    expect(dismissed.data).toMatchObject({ late: true });
    expect(s.state.complaint).toBeNull();
    expect(tasksOf(s.state)).toEqual([]);
    expect(stageOf(s.state)).toBe('in_force');
  });

  it('refuses a suspension without an open complaint, without a ground, with a scope its ground does not give, or a partial one naming no article', () => {
    inForce().rejects(suspend(), 'REGULATION.INVALID_TRANSITION');
    const s = complained();
    s.now = '2025-06-10T03:00:00.000Z';
    s.rejects(suspend({ complaintId: 'don-99' }), 'COMPLAINT.NOT_OPEN');
    s.rejects(suspend({ ground: undefined }), 'SUSPENSION.GROUND_REQUIRED');
    s.rejects(suspend({ ground: 'procedure' }), 'SUSPENSION.SCOPE_NOT_FOR_GROUND');
    s.rejects(suspend({ ground: 'content', scope: 'whole' }), 'SUSPENSION.SCOPE_NOT_FOR_GROUND');
    s.rejects(suspend({ articles: [] }), 'SUSPENSION.ARTICLES_REQUIRED');
    s.rejects(suspend({ articles: ['Điều 4', 'Điều 4'] }), 'COMMAND.INVALID');
    s.rejects(suspend({ redraftDueOn: undefined }), 'COMMAND.INVALID');
    s.rejects(suspend({ redraftDueOn: '2025-06-10' }), 'COMMAND.INVALID');
    s.rejects(suspend({ decisionNo: undefined }), 'COMMAND.INVALID');
    s.rejects(suspend({ suspendedOn: '2025-06-05' }), 'COMMAND.INVALID');
  });

  it('suspends on the complaint with the redraft deadline; no lifting: a recognized redraft ends it', () => {
    const s = suspended();
    expect(stageOf(s.state)).toBe('suspended');
    expect(s.state.complaint).toBeNull();
    expect(s.state.suspension).toMatchObject({ ground: 'content', scope: 'part', articles: ['Điều 4'], redraftDueOn: '2025-08-29', decisionNo: '45/QĐ-UBND' });
    expect(tasksOf(s.state)).toEqual([]);
    expect(nextDeadline(s.state)).toEqual({ step: 'redraft', dueOn: '2025-08-29' });
    expect(allowedActions(s.state)).not.toContain('Resume');
    s.rejects({ type: 'Resume', resumedOn: '2025-06-11', reason: 'r' }, 'REGULATION.INVALID_TRANSITION');
    s.run({ type: 'StartAmendment', text: 'Điều 4 (soạn lại).', startedOn: '2025-06-12', reason: 'Soạn lại theo Quyết định 45' });
    s.run({ type: 'OpenConsultation', days: 30, channels: ['meeting'] });
    s.now = '2025-07-14T03:00:00.000Z';
    s.run({ type: 'CloseConsultation' }, system);
    s.run({ type: 'RecordVote', method: 'meeting', heldOn: '2025-07-15', totalHouseholds: 120, present: 80, approving: 75 });
    s.run({ type: 'SubmitDossier', submittedOn: '2025-07-16', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
    s.run({ type: 'StartReview' });
    const events = s.run({ type: 'Recognize', decisionNo: '60/QĐ-UBND', decidedOn: '2025-07-18' });
    expect(events.map((e) => e.type)).toEqual(['RegulationRecognized', 'SuspensionLifted']);
    expect(events[1].data).toEqual({ liftedOn: '2025-07-18', decisionNo: '60/QĐ-UBND', by: 'redraft_recognized' });
    expect(stageOf(s.state)).toBe('in_force');
    expect(s.state.suspension).toBeNull();
    expect(s.state.inForce).toMatchObject({ revision: 2, text: 'Điều 4 (soạn lại).' });
  });

  it('repeals a suspended text only once its redraft deadline passed, on that ground; the timer opens the repeal task', () => {
    const s = suspended();
    s.now = '2025-08-29T03:00:00.000Z';
    const repeal = { type: 'Repeal', repealedOn: '2025-08-29', decisionNo: '70/QĐ-UBND', reason: 'Không soạn lại đúng hạn', ground: 'redraft_deadline_passed' } as const;
    s.rejects(repeal, 'REPEAL.BEFORE_REDRAFT_DEADLINE');
    s.rejects({ type: 'MarkRedraftOverdue' }, 'COMMAND.INVALID', system);
    s.now = '2025-08-29T17:00:00.000Z'; // 00:00 Sat 30/8 in Hà Nội
    const [passed] = s.run({ type: 'MarkRedraftOverdue' }, system);
    // Sat 30/8; 5 working days (default): Mon 1/9 is a day off, Tue 2/9 National Day: Wed 3 .. Tue 9/9.
    expect(passed.data).toEqual({ redraftDueOn: '2025-08-29', passedOn: '2025-08-30', decisionDueOn: '2025-09-09' });
    expect(tasksOf(s.state)).toEqual([expect.objectContaining({ step: 'repeal_decision', openedOn: '2025-08-30', dueOn: '2025-09-09', priority: 1 })]);
    s.now = '2025-09-03T03:00:00.000Z';
    s.rejects({ ...repeal, repealedOn: '2025-09-03', ground: 'unlawful_content' }, 'REPEAL.GROUND_NOT_ALLOWED');
    s.rejects({ ...repeal, repealedOn: '2025-09-04' }, 'COMMAND.INVALID');
    const taskBefore = tasksOf(s.state)[0];
    const [repealed] = s.run({ ...repeal, repealedOn: '2025-09-03' });
    expect(repealed.data).toMatchObject({ ground: 'redraft_deadline_passed', scope: 'whole', articles: [] });
    expect(stageOf(s.state)).toBe('repealed');
    expect(closedTaskStatus(taskBefore, repealed)).toBe('done');
  });

  it('repeals articles of a text in force for unlawful content, which stays in force; a convention’s repeal states an allowed ground', () => {
    const s = inForce();
    s.now = '2025-06-20T03:00:00.000Z';
    const repeal = { type: 'Repeal', repealedOn: '2025-06-20', decisionNo: '50/QĐ-UBND', reason: 'Điều 4 trái luật' } as const;
    s.rejects(repeal, 'REPEAL.GROUND_NOT_ALLOWED');
    s.rejects({ ...repeal, ground: 'redraft_deadline_passed' }, 'REPEAL.GROUND_NOT_ALLOWED');
    s.rejects({ ...repeal, ground: 'unlawful_content', scope: 'part' }, 'SUSPENSION.ARTICLES_REQUIRED');
    s.run({ ...repeal, ground: 'unlawful_content', scope: 'part', articles: ['Điều 4'] });
    expect(stageOf(s.state)).toBe('in_force');
    expect(s.state.repealedArticles).toEqual(['Điều 4']);
    s.run({ ...repeal, ground: 'vote_threshold_not_met', decisionNo: '51/QĐ-UBND' });
    expect(stageOf(s.state)).toBe('repealed');
  });

  it('refuses on the current rules every command shaped as first recorded, which only a replayed history holds', () => {
    const s = inForce();
    s.now = '2026-04-18T01:00:00.000Z';
    s.run({ type: 'MarkReviewDue' }, system);
    const legacy: [RegulationCommand, string][] = [
      [{ type: 'Suspend', suspendedOn: '2026-04-18', scope: 'whole', reason: 'r' }, 'REGULATION.INVALID_TRANSITION'],
      [{ type: 'Resume', resumedOn: '2026-04-18', reason: 'r' }, 'REGULATION.INVALID_TRANSITION'],
      [{ type: 'RecordAnnualReview', outcome: 'suspend', reviewedOn: '2026-04-18', notes: 'n' }, 'REVIEW.OUTCOME_NOT_ALLOWED'],
      [{ type: 'RecordAnnualReview', outcome: 'repeal', reviewedOn: '2026-04-18', notes: 'n', decisionNo: '1/QĐ' }, 'REVIEW.OUTCOME_NOT_ALLOWED'],
      [{ type: 'Repeal', repealedOn: '2026-04-18', decisionNo: '1/QĐ', reason: 'r' }, 'REPEAL.GROUND_NOT_ALLOWED'],
    ];
    for (const [command, code] of legacy) {
      expect({ type: command.type, legacy: shapedAsFirstRecorded(command) }).toEqual({ type: command.type, legacy: true });
      s.rejects(command, code);
    }
    expect(shapedAsFirstRecorded({ type: 'Repeal', repealedOn: '2026-04-18', decisionNo: '1/QĐ', reason: 'r', ground: 'unlawful_content' })).toBe(false);
    expect(shapedAsFirstRecorded(suspend())).toBe(false);
    expect(shapedAsFirstRecorded({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2026-04-18', notes: 'n' })).toBe(false);
  });

  it('a democracy regulation takes no complaint and its repeal states no ground', () => {
    const s = revising('democracy_regulation');
    s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
    s.run({ type: 'SubmitCritique', content: 'Đồng ý', submittedOn: '2025-04-03' }, front);
    s.run({ type: 'Recognize', decisionNo: '20/QĐ-UBND', decidedOn: '2025-04-05' });
    s.now = '2025-06-02T03:00:00.000Z';
    s.rejects({ type: 'ReceiveComplaint', complaintId: 'd', receivedOn: '2025-06-02', source: 'written_complaint', summary: 's' }, 'REGULATION.INVALID_TRANSITION');
    s.run({ type: 'Repeal', repealedOn: '2025-06-02', decisionNo: '21/QĐ-UBND', reason: 'Thay thế' });
    expect(stageOf(s.state)).toBe('repealed');
  });
});

describe("the community's own steps (Decree 61/2023 art. 6, 7, 8, 10(2)(b), 15)", () => {
  type Cmd<T extends RegulationCommand['type']> = Extract<RegulationCommand, { type: T }>;
  const headProposal = (over: Partial<Cmd<'RecordProposal'>> = {}): RegulationCommand => ({
    type: 'RecordProposal',
    proposedOn: '2025-02-20',
    proposer: 'group_head',
    content: 'Giữ gìn vệ sinh chung, giờ đổ rác',
    frontHeadAgreedOn: '2025-02-18',
    ...over,
  });
  const residentsProposal = (over: Partial<Cmd<'RecordProposal'>> = {}): RegulationCommand => ({
    type: 'RecordProposal',
    proposedOn: '2025-02-10',
    proposer: 'residents',
    content: 'Quy ước về trông giữ xe',
    consultationMethod: 'household_ballot',
    consultationHeldOn: '2025-02-15',
    totalHouseholds: 120,
    agreeing: 80,
    ...over,
  });
  const group = (over: Partial<Cmd<'FormDraftingGroup'>> = {}): RegulationCommand => ({
    type: 'FormDraftingGroup',
    formedOn: '2025-02-25',
    members: [
      { name: 'Nguyễn Văn An', represents: 'Chi hội Người cao tuổi' },
      { name: 'Trần Thị Bình', represents: 'Chi hội Phụ nữ' },
    ],
    ...over,
  });
  const signatures = (over: Partial<Cmd<'RecordSignatures'>> = {}): RegulationCommand => ({
    type: 'RecordSignatures',
    signedOn: '2025-04-11',
    groupHead: 'Lê Văn Cường',
    frontHead: 'Phạm Thị Dung',
    householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'],
    ...over,
  });

  describe('RecordProposal (art. 7)', () => {
    it("given a draft, when the group head proposes with the Front head's agreement, records it; a second proposal is out of order", () => {
      const s = drafted();
      expect(allowedActions(s.state)).toEqual(expect.arrayContaining(['RecordProposal', 'FormDraftingGroup', 'ChooseName']));
      expect(s.run(headProposal())).toEqual([
        {
          type: 'ProposalRecorded',
          data: { proposedOn: '2025-02-20', proposer: 'group_head', content: 'Giữ gìn vệ sinh chung, giờ đổ rác', frontHeadAgreedOn: '2025-02-18', consultation: null },
        },
      ]);
      expect(s.state.cycle!.proposal).toEqual({ proposedOn: '2025-02-20', proposer: 'group_head' });
      expect(stageOf(s.state)).toBe('drafting');
      expect(allowedActions(s.state)).not.toContain('RecordProposal');
      s.rejects(headProposal(), 'REGULATION.INVALID_TRANSITION');
    });

    it("given residents' proposal, records how the households were asked", () => {
      const s = drafted();
      const [event] = s.run(residentsProposal());
      expect(event).toMatchObject({
        type: 'ProposalRecorded',
        data: { proposer: 'residents', frontHeadAgreedOn: null, consultation: { method: 'household_ballot', heldOn: '2025-02-15', totalHouseholds: 120, agreeing: 80 } },
      });
    });

    it("rejects the group head's proposal without the Front head's agreement, and residents' without a ballot or meeting", () => {
      const s = drafted();
      s.rejects(headProposal({ frontHeadAgreedOn: undefined }), 'PROPOSAL.FRONT_AGREEMENT_REQUIRED');
      s.rejects(residentsProposal({ consultationMethod: undefined }), 'PROPOSAL.CONSULTATION_REQUIRED');
      s.rejects(residentsProposal({ agreeing: undefined }), 'PROPOSAL.CONSULTATION_REQUIRED');
      s.rejects(headProposal({ consultationMethod: 'meeting', consultationHeldOn: '2025-02-21', totalHouseholds: 120, agreeing: 70 }), 'COMMAND.INVALID');
      s.rejects(residentsProposal({ frontHeadAgreedOn: '2025-02-11' }), 'COMMAND.INVALID');
    });

    it('rejects a ballot held before the proposal, more households agreeing than there are, a date in the future, a wrong proposer', () => {
      const s = drafted();
      s.rejects(residentsProposal({ consultationHeldOn: '2025-02-01' }), 'COMMAND.INVALID');
      s.rejects(residentsProposal({ agreeing: 121 }), 'COMMAND.INVALID');
      s.rejects(residentsProposal({ consultationMethod: 'letter' as 'meeting' }), 'COMMAND.INVALID');
      s.rejects(headProposal({ proposedOn: '2025-03-04' }), 'COMMAND.INVALID');
      s.rejects(headProposal({ proposer: 'ward' as 'group_head' }), 'COMMAND.INVALID');
    });

    it('is out of order once the drafting group is formed, once the draft is posted, and for a democracy regulation', () => {
      const s = drafted();
      s.run(group());
      s.rejects(headProposal(), 'REGULATION.INVALID_TRANSITION');
      inConsultation().rejects(headProposal(), 'REGULATION.INVALID_TRANSITION');
      drafted('democracy_regulation').rejects(headProposal(), 'REGULATION.INVALID_TRANSITION');
    });

    it('is recorded by the ward officer, not by the Front', () => {
      drafted().rejects(headProposal(), 'AUTH.FORBIDDEN', front);
    });
  });

  describe('FormDraftingGroup (art. 8)', () => {
    it('given a proposal, records the group and its members; a second group is out of order', () => {
      const s = drafted();
      s.run(headProposal());
      const [event] = s.run(group());
      expect(event).toEqual({ type: 'DraftingGroupFormed', data: { formedOn: '2025-02-25', members: (group() as Cmd<'FormDraftingGroup'>).members } });
      expect(s.state.cycle!.draftingGroup).toEqual({ formedOn: '2025-02-25', members: 2 });
      s.rejects(group(), 'REGULATION.INVALID_TRANSITION');
    });

    it('rejects no member, a member without whom they represent, a group formed before the proposal', () => {
      const s = drafted();
      s.run(headProposal());
      s.rejects(group({ members: [] }), 'COMMAND.INVALID');
      s.rejects(group({ members: [{ name: 'An', represents: ' ' }] }), 'COMMAND.INVALID');
      s.rejects(group({ formedOn: '2025-02-19' }), 'COMMAND.INVALID');
    });

    it('is out of order after the draft is posted', () => {
      inConsultation().rejects(group(), 'REGULATION.INVALID_TRANSITION');
    });
  });

  describe('ChooseName (art. 6(2))', () => {
    it('given a draft, records the name; recognized, the text in force carries it', () => {
      const s = drafted();
      expect(s.run({ type: 'ChooseName', name: 'quy_uoc', decidedOn: '2025-03-02' })).toEqual([{ type: 'NameChosen', data: { name: 'quy_uoc', decidedOn: '2025-03-02' } }]);
      s.at(40).run({ type: 'OpenConsultation', days: 30, channels: ['meeting'] });
      s.at(70).run({ type: 'CloseConsultation' });
      s.run(vote(80, 70));
      s.run({ type: 'SubmitDossier', submittedOn: '2025-05-13', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
      s.run({ type: 'StartReview' });
      s.run({ type: 'Recognize', decisionNo: '20/QĐ-UBND', decidedOn: '2025-05-14' });
      expect(s.state.inForce).toMatchObject({ decisionNo: '20/QĐ-UBND', name: 'quy_uoc' });
    });

    it('rejects a name the decree does not give, a day before the draft started, and a choice after the adoption', () => {
      const s = drafted();
      s.rejects({ type: 'ChooseName', name: 'quy_che' as 'quy_uoc', decidedOn: '2025-03-02' }, 'COMMAND.INVALID');
      s.rejects({ type: 'ChooseName', name: 'huong_uoc', decidedOn: '2025-02-28' }, 'COMMAND.INVALID');
      adopted().rejects({ type: 'ChooseName', name: 'huong_uoc', decidedOn: '2025-04-01' }, 'REGULATION.INVALID_TRANSITION');
    });
  });

  describe('RecordSignatures (art. 6(1))', () => {
    it('given an adopted text, records its signatures once', () => {
      const s = adopted().at(40);
      expect(s.run(signatures())).toEqual([
        {
          type: 'TextSigned',
          data: { signedOn: '2025-04-11', revision: 1, groupHead: 'Lê Văn Cường', frontHead: 'Phạm Thị Dung', householdRepresentatives: ['Hoàng Văn Em', 'Vũ Thị Giang'] },
        },
      ]);
      expect(s.state.cycle!.signed).toEqual({ signedOn: '2025-04-11', round: 1 });
      expect(allowedActions(s.state)).not.toContain('RecordSignatures');
      s.rejects(signatures(), 'REGULATION.INVALID_TRANSITION');
    });

    it('rejects one household representative, the same one twice, three, and a signature before the vote', () => {
      const s = adopted().at(40);
      s.rejects(signatures({ householdRepresentatives: ['Hoàng Văn Em'] }), 'SIGNATURES.INCOMPLETE');
      s.rejects(signatures({ householdRepresentatives: ['Hoàng Văn Em', 'Hoàng Văn Em'] }), 'SIGNATURES.INCOMPLETE');
      s.rejects(signatures({ householdRepresentatives: ['A', 'B', 'C'] }), 'SIGNATURES.INCOMPLETE');
      s.rejects(signatures({ signedOn: '2025-04-09' }), 'COMMAND.INVALID');
      s.rejects(signatures({ frontHead: '' }), 'COMMAND.INVALID');
    });

    it('is out of order before the adoption', () => {
      readyToVote().rejects(signatures(), 'REGULATION.INVALID_TRANSITION');
    });
  });

  describe('StampText (art. 6(1))', () => {
    it('given a recognized text, records the stamp across its pages once', () => {
      const s = inForce().at(50);
      expect(s.run({ type: 'StampText', stampedOn: '2025-04-21' }, wardChair)).toEqual([
        { type: 'TextStamped', data: { stampedOn: '2025-04-21', revision: 1, decisionNo: '15/QĐ-UBND' } },
      ]);
      expect(s.state.inForce!.stampedOn).toBe('2025-04-21');
      s.rejects({ type: 'StampText', stampedOn: '2025-04-21' }, 'REGULATION.INVALID_TRANSITION');
    });

    it('rejects a stamp before the recognition, and one on a text not yet recognized', () => {
      inForce().at(50).rejects({ type: 'StampText', stampedOn: '2025-04-17' }, 'COMMAND.INVALID');
      underReview().rejects({ type: 'StampText', stampedOn: '2025-04-21' }, 'REGULATION.INVALID_TRANSITION');
    });
  });

  describe('RecordDisclosure (art. 10(2)(b), art. 15)', () => {
    const ballotAdopted = (): Scenario => {
      const s = readyToVote();
      s.run(vote(50, 45));
      expect(stageOf(s.state)).toBe('voting');
      s.run(vote(90, 75, 'household_ballot'));
      expect(stageOf(s.state)).toBe('adopted');
      return s.at(40);
    };

    it("given a household ballot, records its results made public, with the ballot's round", () => {
      const s = ballotAdopted();
      expect(s.run({ type: 'RecordDisclosure', subject: 'ballot_results', disclosedOn: '2025-04-11', place: 'Bảng tin nhà văn hóa TDP số 3' })).toEqual([
        { type: 'DisclosureRecorded', data: { subject: 'ballot_results', disclosedOn: '2025-04-11', place: 'Bảng tin nhà văn hóa TDP số 3', round: 2, revision: null } },
      ]);
      expect(stageOf(s.state)).toBe('adopted');
      s.rejects({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: '2025-04-11', place: 'Bảng tin' }, 'DISCLOSURE.NOT_APPLICABLE');
      s.rejects({ type: 'RecordDisclosure', subject: 'ballot_results', disclosedOn: '2025-04-09', place: 'Bảng tin' }, 'COMMAND.INVALID');
    });

    it('given a text in force, records it posted; a ballot with none held is not applicable', () => {
      const s = inForce().at(50);
      s.run({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: '2025-04-19', place: 'Loa truyền thanh phường' });
      expect(s.state.inForce!.disclosedOn).toBe('2025-04-19');
      s.rejects({ type: 'RecordDisclosure', subject: 'ballot_results', disclosedOn: '2025-04-19', place: 'Bảng tin' }, 'DISCLOSURE.NOT_APPLICABLE');
      s.rejects({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: '2025-04-19', place: '' }, 'COMMAND.INVALID');
    });

    it('is out of order while nothing can be disclosed: a draft voted at a meeting, before recognition', () => {
      adopted().rejects({ type: 'RecordDisclosure', subject: 'ballot_results', disclosedOn: '2025-04-11', place: 'Bảng tin' }, 'REGULATION.INVALID_TRANSITION');
    });
  });

  describe('AgreeReviewDay (art. 15(4)(a))', () => {
    const agree = (agreedOn: string, month: number, day: number): RegulationCommand => ({ type: 'AgreeReviewDay', agreedOn, month, day });

    it('given a convention in force, moves the next review to the agreed day, which then holds every year', () => {
      const s = inForce().at(60);
      expect(s.state.nextReviewDueOn).toBe('2025-11-18');
      expect(s.run(agree('2025-05-01', 12, 15))).toEqual([
        { type: 'ReviewDayAgreed', data: { agreedOn: '2025-05-01', day: { month: 12, day: 15 }, nextReviewDueOn: '2025-12-15' } },
      ]);
      expect(nextDeadline(s.state)).toEqual({ step: 'annual_review', dueOn: '2025-12-15' });
      s.now = '2025-11-18T01:00:00.000Z';
      s.rejects({ type: 'MarkReviewDue' }, 'REVIEW.NOT_DUE', system);
      s.now = '2025-12-14T17:00:00.000Z';
      s.run({ type: 'MarkReviewDue' }, system);
      const [reviewed] = s.run({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-12-15', notes: 'Giữ nguyên' });
      expect(reviewed.data).toMatchObject({ nextReviewDueOn: '2026-12-15' });
    });

    it("takes the agreed day of the scheduled review's year, or of the next year when that day has passed", () => {
      const s = inForce().at(60);
      s.run(agree('2025-05-01', 3, 26));
      expect(s.state.nextReviewDueOn).toBe('2026-03-26');
      s.run(agree('2025-05-02', 11, 30));
      expect(s.state.nextReviewDueOn).toBe('2026-11-30');
      expect(s.state.reviewDay).toEqual({ month: 11, day: 30 });
    });

    it('leaves a review already due as it is: the agreed day holds from the next one', () => {
      const s = inForce();
      s.now = '2025-11-17T17:00:00.000Z';
      s.run({ type: 'MarkReviewDue' }, system);
      s.now = '2025-11-19T03:00:00.000Z';
      s.run(agree('2025-11-19', 3, 26));
      expect(s.state).toMatchObject({ reviewDue: true, nextReviewDueOn: '2025-11-18' });
      const [reviewed] = s.run({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-11-19', notes: 'n' });
      expect(reviewed.data).toMatchObject({ nextReviewDueOn: '2026-03-26' });
    });

    it('rejects a day not in every year, a month out of range, a date before the recognition or in the future', () => {
      const s = inForce().at(60);
      expect(s.rejects(agree('2025-05-01', 2, 29), 'COMMAND.INVALID').message).toContain('day');
      s.rejects(agree('2025-05-01', 13, 1), 'COMMAND.INVALID');
      s.rejects(agree('2025-05-01', 4, 31), 'COMMAND.INVALID');
      s.rejects(agree('2025-04-17', 3, 26), 'COMMAND.INVALID');
      s.rejects(agree('2025-05-03', 3, 26), 'COMMAND.INVALID');
    });

    it("is the community's, recorded by the officer: not before recognition, not a democracy regulation's, not the Front's", () => {
      underReview().rejects(agree('2025-04-15', 3, 26), 'REGULATION.INVALID_TRANSITION');
      inForce().at(60).rejects(agree('2025-05-01', 3, 26), 'AUTH.FORBIDDEN', front);
      const democracy = revising('democracy_regulation');
      democracy.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
      democracy.run({ type: 'SubmitCritique', content: 'x', submittedOn: '2025-04-03' });
      democracy.run({ type: 'Recognize', decisionNo: '1/QĐ-UBND', decidedOn: '2025-04-04' });
      expect(allowedActions(democracy.state)).not.toContain('AgreeReviewDay');
      democracy.at(60).rejects(agree('2025-05-01', 3, 26), 'REGULATION.INVALID_TRANSITION');
    });
  });
});

describe('reorganization of the administrative units', () => {
  const transfer = { type: 'TransferUnit', toWardCode: 'hoan-kiem-2025', effectiveOn: '2025-07-01', legalBasis: 'Nghị quyết 1656/NQ-UBTVQH15, art. 1(1)' } as const;

  it('moves a regulation to the successor ward with its pending tasks, from the reorganization’s day', () => {
    const s = adopted();
    s.run({ type: 'SubmitDossier', submittedOn: '2025-04-14', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
    s.now = '2025-07-02T03:00:00.000Z';
    const [moved] = s.run(transfer, system);
    expect(moved.data).toEqual({ fromWardCode: 'hang-bac', toWardCode: 'hoan-kiem-2025', effectiveOn: '2025-07-01', legalBasis: transfer.legalBasis });
    expect(s.state.wardCode).toBe('hoan-kiem-2025');
    expect(tasksOf(s.state)).toEqual([expect.objectContaining({ step: 'dossier_decision', authorityUnit: 'hoan-kiem-2025' })]);
    expect(stageOf(s.state)).toBe('submitted');
    expect(allowedActions(s.state)).not.toContain('TransferUnit');
  });

  it('refuses a transfer by a person, to the same ward, to a malformed code, dated in the future, or of an ended regulation', () => {
    const s = revising();
    s.now = '2025-07-02T03:00:00.000Z';
    s.rejects(transfer, 'AUTH.FORBIDDEN', officer);
    s.rejects(transfer, 'AUTH.FORBIDDEN', wardChair);
    s.rejects({ ...transfer, toWardCode: 'hang-bac' }, 'COMMAND.INVALID', system);
    s.rejects({ ...transfer, toWardCode: 'Hoàn Kiếm!' }, 'REGULATION.UNKNOWN_WARD', system);
    s.rejects({ ...transfer, effectiveOn: '2025-07-03' }, 'COMMAND.INVALID', system);
    s.run({ type: 'Withdraw', reason: 'Sáp nhập' });
    s.rejects(transfer, 'REGULATION.INVALID_TRANSITION', system);
  });
});

describe('transitions between regimes: the body a dossier goes to', () => {
  const documents = ['request_form_01', 'minutes_form_02', 'adopted_text'] as const;
  const newWardChair: Actor = { id: 'chair-2', role: 'ward_chair', wards: ['hoan-kiem-2025'] };
  const transfer = { type: 'TransferUnit', toWardCode: 'hoan-kiem-2025', effectiveOn: '2025-07-01', legalBasis: 'Nghị quyết 1656/NQ-UBTVQH15, art. 1(1)' } as const;

  /** A convention begun and adopted under Decision 22/2018, before Decree 61/2023 took effect on 16/8/2023. */
  function adoptedUnder2018(): Scenario {
    const s = new Scenario();
    s.now = '2023-07-20T03:00:00.000Z';
    s.run(create({ startedOn: '2023-05-02' }));
    expect(s.state.regimeId).toBe('decision-22-2018');
    s.run({ type: 'OpenConsultation', openedOn: '2023-05-03', days: 30, channels: ['meeting'] });
    s.run({ type: 'CloseConsultation' }, system);
    s.run({ type: 'RecordVote', method: 'meeting', heldOn: '2023-07-10', totalHouseholds: 120, present: 80, approving: 70 });
    expect(stageOf(s.state)).toBe('adopted');
    return s;
  }

  it('sends a 2018 draft adopted before 16/8/2023 to the district, and one sent from that day to the ward (Decree 61/2023 art. 11)', () => {
    const before = adoptedUnder2018();
    const [toDistrict] = before.run({ type: 'SubmitDossier', submittedOn: '2023-07-20', documents: [...documents] });
    expect(toDistrict.data).toMatchObject({ authority: 'district_peoples_committee' });
    expect(tasksOf(before.state)).toEqual([expect.objectContaining({ candidateRole: 'district_approver', authorityUnit: 'hoan-kiem' })]);

    const after = adoptedUnder2018();
    after.now = '2023-08-21T03:00:00.000Z';
    const [toWard] = after.run({ type: 'SubmitDossier', submittedOn: '2023-08-21', documents: [...documents] });
    expect(toWard.data).toMatchObject({ authority: 'ward_peoples_committee' });
    expect(tasksOf(after.state)).toEqual([expect.objectContaining({ candidateRole: 'ward_chair', authorityUnit: 'hang-bac' })]);
    after.rejects({ type: 'StartReview' }, 'AUTH.FORBIDDEN', districtApprover);
    after.run({ type: 'StartReview' }, wardChair);
  });

  it('hands a dossier still with the district on 1/7/2025 to the ward that succeeds, which decides it; the district may not', () => {
    const s = adoptedUnder2018();
    s.run({ type: 'SubmitDossier', submittedOn: '2023-07-20', documents: [...documents] });
    s.now = '2025-07-02T03:00:00.000Z';
    const [moved] = s.run(transfer, system);
    expect(moved.data).toMatchObject({ toWardCode: 'hoan-kiem-2025', dossierAuthority: 'ward_peoples_committee' });
    expect(s.state.cycle!.dossier!.authority).toBe('ward_peoples_committee');
    expect(tasksOf(s.state)).toEqual([
      expect.objectContaining({ step: 'dossier_decision', authority: 'ward_peoples_committee', candidateRole: 'ward_chair', authorityUnit: 'hoan-kiem-2025' }),
    ]);
    s.rejects({ type: 'StartReview' }, 'AUTH.FORBIDDEN', districtApprover);
    s.run({ type: 'StartReview' }, newWardChair);
    const [recognized] = s.run({ type: 'Recognize', decisionNo: '5/QĐ-UBND', decidedOn: '2025-07-02' }, newWardChair);
    expect(recognized.data).toMatchObject({ authority: 'ward_peoples_committee' });
  });

  it('leaves the dossier with a district that still exists on the transfer day', () => {
    const s = adoptedUnder2018();
    s.run({ type: 'SubmitDossier', submittedOn: '2023-07-20', documents: [...documents] });
    s.now = '2025-07-02T03:00:00.000Z';
    const [early] = s.run({ ...transfer, effectiveOn: '2024-01-01' }, system);
    expect(early.data).not.toHaveProperty('dossierAuthority');
    expect(s.state.cycle!.dossier!.authority).toBe('district_peoples_committee');
  });
});

describe('decide / evolve: ward democracy regulation', () => {
  it('has no vote or dossier: the chair decides after the Front critique', () => {
    const s = revising('democracy_regulation');
    s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
    expect(allowedActions(s.state)).not.toContain('RecordVote');
    s.rejects(vote(80, 70), 'REGULATION.INVALID_TRANSITION');
    s.rejects({ type: 'Recognize', decisionNo: '1', decidedOn: '2025-04-03' }, 'CRITIQUE.REQUIRED');
    s.run({ type: 'SubmitCritique', content: 'Phản biện của UB MTTQ', submittedOn: '2025-04-03' });
    s.rejects({ type: 'Recognize', decisionNo: '1', decidedOn: '2025-04-01' }, 'DECISION.DATE_BEFORE_SUBMISSION');
    s.run({ type: 'Recognize', decisionNo: '1/QĐ-UBND', decidedOn: '2025-04-04' });
    expect(s.state.inForce?.authority).toBe('ward_peoples_committee');
    expect(stageOf(s.state)).toBe('in_force');
  });
  it('cannot be suspended: its review outcomes are keep, amend, repeal', () => {
    const s = revising('democracy_regulation');
    s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
    s.run({ type: 'SubmitCritique', content: 'x', submittedOn: '2025-04-03' });
    s.run({ type: 'Recognize', decisionNo: '1/QĐ-UBND', decidedOn: '2025-04-04' });
    s.rejects({ type: 'Suspend', suspendedOn: '2025-05-01', scope: 'whole', reason: 'r' }, 'REGULATION.INVALID_TRANSITION');
    s.now = '2026-04-04T01:00:00.000Z';
    s.run({ type: 'MarkReviewDue' }, system);
    s.rejects({ type: 'RecordAnnualReview', outcome: 'suspend', reviewedOn: '2026-04-06', notes: 'n' }, 'REVIEW.OUTCOME_NOT_ALLOWED');
  });
});

const conference = (present: number, approving: number, heldOn = '2025-04-10'): RegulationCommand => ({
  type: 'RecordConference',
  heldOn,
  form: 'plenary',
  convened: 60,
  present,
  approving,
});
const issue: RegulationCommand = { type: 'Recognize', decisionNo: '12/QĐ-THCS', decidedOn: '2025-04-11' };

/** An agency's regulation whose consultation closed with its one comment answered, on 2025-04-12. */
function agencyReadyForConference(): Scenario {
  const s = revising('agency_democracy_regulation');
  s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
  return s.at(40);
}

describe('decide / evolve: an agency or public service unit democracy regulation (Law 10/2022 ch. III)', () => {
  it('given a revised draft, when the conference of officials and employees adopts it, then the head issues it (the officer records it): in force, no review scheduled', () => {
    const s = agencyReadyForConference();
    expect(allowedActions(s.state)).toContain('RecordConference');
    expect(allowedActions(s.state)).not.toContain('Recognize');
    const [held] = s.run(conference(40, 21));
    expect(held).toEqual({
      type: 'ConferenceHeld',
      data: { round: 1, heldOn: '2025-04-10', form: 'plenary', convened: 60, present: 40, approving: 21, quorumMet: true, adopted: true },
    });
    expect(stageOf(s.state)).toBe('adopted');
    // No dossier is due: the head issues the adopted text; a convention's would be (its submission deadline).
    expect(nextDeadline(s.state)).toBeNull();
    s.rejects({ ...issue, decidedOn: '2025-04-09' }, 'DECISION.DATE_BEFORE_SUBMISSION');
    const [issued] = s.run(issue, officer);
    expect(issued).toMatchObject({ type: 'RegulationRecognized', data: { authority: 'agency_head', nextReviewDueOn: null, decisionNo: '12/QĐ-THCS' } });
    expect(s.state).toMatchObject({ status: 'in_force', nextReviewDueOn: null, inForce: { authority: 'agency_head' } });
    expect(tasksOf(s.state)).toEqual([]);
    expect(nextDeadline(s.state)).toBeNull();
  });

  it('given a conference under two thirds present, then it is convened again; with at least two thirds it is valid', () => {
    const s = agencyReadyForConference();
    s.run(conference(39, 39));
    expect(s.state.cycle).toMatchObject({ phase: 'voting', adoptedOn: null });
    expect(s.state.cycle!.conferences![0]).toMatchObject({ quorumMet: false, adopted: false });
    s.rejects(issue, 'REGULATION.INVALID_TRANSITION');
    const [second] = s.run(conference(40, 21, '2025-04-11'));
    expect(second.data).toMatchObject({ round: 2, quorumMet: true, adopted: true });
  });

  it('given half of those present or fewer approving, then the draft is revised before another conference', () => {
    const s = agencyReadyForConference();
    s.run(conference(40, 20));
    expect(s.state.cycle).toMatchObject({ phase: 'revising', adoptedOn: null });
    expect(allowedActions(s.state)).toEqual(expect.arrayContaining(['ReviseDraft', 'RecordConference']));
    s.run({ type: 'ReviseDraft', text: 'Điều 1 (sửa theo hội nghị).', summary: 'Tiếp thu ý kiến hội nghị' });
    s.run(conference(50, 45, '2025-04-11'));
    expect(stageOf(s.state)).toBe('adopted');
  });

  it('refuses a conference before the consultation closed, before every comment is answered, held before the close or in the future, or with an inconsistent tally', () => {
    const consulting = inConsultation('agency_democracy_regulation');
    consulting.rejects(conference(40, 30), 'REGULATION.INVALID_TRANSITION');
    const unanswered = revising('agency_democracy_regulation').at(40);
    unanswered.rejects(conference(40, 30), 'COMMENT.DISPOSITIONS_MISSING');
    const s = agencyReadyForConference();
    expect(s.rejects(conference(40, 30, '2025-04-01'), 'COMMAND.INVALID').details).toMatchObject({ field: 'heldOn' });
    expect(s.rejects(conference(40, 30, '2025-05-01'), 'COMMAND.INVALID').details).toMatchObject({ field: 'heldOn' });
    expect(s.rejects({ ...conference(61, 30), convened: 60 } as RegulationCommand, 'CONFERENCE.TALLY_INCONSISTENT').details).toMatchObject({ problem: 'present exceeds convened' });
    s.rejects(conference(40, 41), 'CONFERENCE.TALLY_INCONSISTENT');
    s.rejects({ ...conference(0, 0), convened: 0 } as RegulationCommand, 'CONFERENCE.TALLY_INCONSISTENT');
    s.rejects({ ...conference(40, 30), form: 'online' } as unknown as RegulationCommand, 'COMMAND.INVALID');
  });

  it("refuses a convention's steps it lacks: a household vote, the ward Front's critique, a dossier, a complaint", () => {
    const s = agencyReadyForConference();
    s.rejects(vote(80, 70), 'REGULATION.INVALID_TRANSITION');
    expect(allowedActions(s.state)).not.toContain('SubmitCritique');
    s.rejects({ type: 'SubmitCritique', content: 'Ý kiến phản biện', submittedOn: '2025-04-10' }, 'REGULATION.INVALID_TRANSITION', front);
    s.rejects({ type: 'RecordProposal', proposedOn: '2025-03-02', proposer: 'group_head', content: 'c', frontHeadAgreedOn: '2025-03-02' }, 'REGULATION.INVALID_TRANSITION');
    s.run(conference(40, 21));
    s.rejects({ type: 'SubmitDossier', submittedOn: '2025-04-11', documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] }, 'REGULATION.INVALID_TRANSITION');
    s.rejects({ type: 'RecordSignatures', signedOn: '2025-04-11', groupHead: 'a', frontHead: 'b', householdRepresentatives: ['c', 'd'] }, 'REGULATION.INVALID_TRANSITION');
    s.run(issue);
    s.rejects({ type: 'ReceiveComplaint', complaintId: 'k1', receivedOn: '2025-04-12', source: 'written_complaint', summary: 's' }, 'REGULATION.INVALID_TRANSITION');
    s.rejects({ type: 'StampText', stampedOn: '2025-04-12' }, 'REGULATION.INVALID_TRANSITION');
    s.rejects({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-04-12', notes: 'n' }, 'REGULATION.INVALID_TRANSITION');
    s.rejects({ type: 'MarkReviewDue' }, 'REGULATION.INVALID_TRANSITION', system);
  });

  it('refuses the issue to the ward chair and the district: the head issues and repeals, the ward officer records it', () => {
    const s = agencyReadyForConference();
    s.run(conference(40, 21));
    for (const actor of [wardChair, districtApprover]) {
      expect(s.rejects(issue, 'AUTH.FORBIDDEN', actor).details).toMatchObject({ command: 'Recognize', authority: 'agency_head' });
    }
    s.run(issue, officer);
    const repeal: RegulationCommand = { type: 'Repeal', repealedOn: '2025-04-12', decisionNo: '20/QĐ-THCS', reason: 'Thay thế' };
    s.rejects(repeal, 'AUTH.FORBIDDEN', wardChair);
    s.run(repeal, officer);
    expect(s.state.status).toBe('repealed');
  });

  it('given a text in force, an amendment runs the consultation and the conference again before the head issues it', () => {
    const s = agencyReadyForConference();
    s.run(conference(40, 21));
    s.run(issue);
    s.run({ type: 'StartAmendment', text: 'Điều 1 (sửa đổi).', startedOn: '2025-04-12', reason: 'Theo hội nghị thường niên' });
    s.run({ type: 'OpenConsultation', days: 7, channels: ['meeting'] });
    s.run({ type: 'CloseConsultation' });
    s.rejects({ ...issue, decidedOn: '2025-04-12' }, 'REGULATION.INVALID_TRANSITION');
    s.run(conference(45, 30, '2025-04-12'));
    s.run({ ...issue, decisionNo: '13/QĐ-THCS', decidedOn: '2025-04-12' });
    expect(s.state.inForce).toMatchObject({ revision: 2, decisionNo: '13/QĐ-THCS', authority: 'agency_head' });
    expect(s.state.nextReviewDueOn).toBeNull();
  });
});

describe('decide / evolve: an enterprise workplace democracy regulation (Decree 145/2020 art. 48)', () => {
  it("given the representative organisation's comments answered, then the employer issues it (the officer records it) and it is made public", () => {
    const s = inConsultation('enterprise_democracy_regulation');
    // No minimum window found in the texts: the officer may close it once the comments are in.
    s.run({ type: 'RecordComment', commentId: 'cd1', channel: 'meeting', content: 'Ý kiến Ban chấp hành công đoàn cơ sở', receivedOn: '2025-03-03' });
    s.run({ type: 'CloseConsultation' });
    expect(s.state.cycle?.phase).toBe('revising');
    // Art. 48(2): a comment the employer does not take up is answered with the reasons.
    s.rejects({ type: 'RecordDisposition', commentId: 'cd1', disposition: 'not_accepted' }, 'COMMENT.REASON_REQUIRED');
    s.rejects(issue, 'COMMENT.DISPOSITIONS_MISSING');
    s.run({ type: 'RecordDisposition', commentId: 'cd1', disposition: 'not_accepted', reason: 'Trái với nội quy lao động đã đăng ký' });
    s.rejects(conference(40, 30, '2025-03-03'), 'REGULATION.INVALID_TRANSITION');
    s.rejects({ ...issue, decidedOn: '2025-03-03' }, 'AUTH.FORBIDDEN', wardChair);
    s.at(1).run({ ...issue, decisionNo: '01/QĐ-QCDC', decidedOn: '2025-03-04' }, officer);
    expect(s.state).toMatchObject({ status: 'in_force', nextReviewDueOn: null, inForce: { authority: 'employer', decisionNo: '01/QĐ-QCDC' } });
    // Art. 48(3): made public to the employees.
    s.rejects({ type: 'RecordDisclosure', subject: 'ballot_results', disclosedOn: '2025-03-04', place: 'Bảng tin' }, 'DISCLOSURE.NOT_APPLICABLE');
    s.run({ type: 'RecordDisclosure', subject: 'recognized_text', disclosedOn: '2025-03-04', place: 'Bảng tin nhà xưởng' });
    expect(s.state.inForce?.disclosedOn).toBe('2025-03-04');
  });

  it("has no part for the ward's Front: no critique is taken, and the employer issues without one", () => {
    const s = revising('enterprise_democracy_regulation');
    expect(allowedActions(s.state)).not.toContain('SubmitCritique');
    s.rejects({ type: 'SubmitCritique', content: 'Ý kiến phản biện', submittedOn: '2025-04-01' }, 'REGULATION.INVALID_TRANSITION', front);
    s.run({ type: 'RecordDisposition', commentId: 'c1', disposition: 'accepted' });
    expect(s.run({ ...issue, decidedOn: '2025-04-02' }).map((e) => e.type)).toEqual(['RegulationRecognized']);
  });
});

describe('fold', () => {
  it('rebuilds the same state from the stored events', () => {
    const s = new Scenario();
    const events = [
      ...s.run(create()),
      ...s.run({ type: 'OpenConsultation', days: 30, channels: ['online'] }),
    ];
    expect(fold('reg-1', events)).toEqual(s.state);
  });
});

describe('approval tasks', () => {
  const chair: Actor = { id: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] };
  const deputy: Actor = { id: 'deputy-hang-bac', role: 'ward_chair', wards: ['hang-bac'] };
  const documents: ('request_form_01' | 'minutes_form_02' | 'adopted_text')[] = ['request_form_01', 'minutes_form_02', 'adopted_text'];
  const submitted = (submittedOn: string): Scenario => {
    const s = adopted();
    s.run({ type: 'SubmitDossier', submittedOn, documents });
    return s;
  };
  const taskOf = (s: Scenario) => {
    expect(tasksOf(s.state)).toHaveLength(1);
    return tasksOf(s.state)[0];
  };

  it('computes a deadline on the calendar version of the rules it is given: the ones its workflow decides with', () => {
    const s = adopted();
    const command: RegulationCommand = { type: 'SubmitDossier', submittedOn: '2025-12-29', documents };
    const onFirst = decide(envelope(command, officer), s.state, s.now, rulesAsFirstRecorded);
    const onLatest = decide(envelope(command, officer), s.state, s.now);
    expect(onFirst[0].data).toMatchObject({ decisionDueOn: '2026-01-06' });
    expect(onLatest[0].data).toMatchObject({ decisionDueOn: '2026-01-07' });
  });

  it('opens a decision task when the dossier is submitted, due in working days across New Year', () => {
    // Mon 29/12/2025 + 5 working days: Tue 30, Wed 31, (1/1 and 2/1 off: 12729/VPCP-KGVX) Mon 5, Tue 6, Wed 7/1/2026
    const task = taskOf(submitted('2025-12-29'));
    expect(task).toEqual({
      taskId: 'reg-1:dossier_decision:7', // the version of the DossierSubmitted event
      step: 'dossier_decision',
      authority: 'ward_peoples_committee',
      candidateRole: 'ward_chair',
      authorityUnit: 'hang-bac',
      openedOn: '2025-12-29',
      dueOn: '2026-01-07',
      priority: 2,
      assignee: null,
      reminders: 0,
      escalations: 0,
      lastEscalatedAt: null,
    });
    expect(new Date(taskDueAt(task)).toISOString()).toBe('2026-01-07T17:00:00.000Z');
  });

  it('counts the decision time over Tết and a weekend', () => {
    // Wed 11/2/2026: Thu 12, Fri 13, Tết from Sat 14 to Sun 22, Mon 23, Tue 24, Wed 25
    expect(taskOf(submitted('2026-02-11')).dueOn).toBe('2026-02-25');
  });

  it('closes the decision task when the dossier is decided, and opens none for a ward democracy regulation in revising', () => {
    const s = submitted('2025-04-14');
    s.run({ type: 'StartReview' });
    expect(taskOf(s).step).toBe('dossier_decision');
    s.run({ type: 'Recognize', decisionNo: '15/QĐ-UBND', decidedOn: '2025-04-18' });
    expect(tasksOf(s.state)).toEqual([]);
    expect(tasksOf(revising('democracy_regulation').state)).toEqual([]);
  });

  it('opens a new task, with a new id, for a dossier submitted again after it was returned', () => {
    const s = submitted('2025-04-14');
    const first = taskOf(s).taskId;
    s.run({ type: 'ReturnDossier', returnedOn: '2025-04-16', reasons: 'Điều 5 trái luật' });
    expect(tasksOf(s.state)).toEqual([]);
    s.run(vote(90, 80));
    s.run({ type: 'SubmitDossier', submittedOn: '2025-04-25', documents });
    expect(taskOf(s).taskId).not.toBe(first);
  });

  it('as first recorded: opens a suspension report task and an annual review task, closed by their decisions', () => {
    const s = inForce();
    s.rules = rulesBeforeComplaints;
    s.run({ type: 'Suspend', suspendedOn: '2025-06-06', scope: 'part', reason: 'Điều 3 trái luật' }, chair);
    // Fri 6/6 + 3 working days: Mon 9, Tue 10, Wed 11
    expect(taskOf(s)).toMatchObject({ step: 'suspension_report', dueOn: '2025-06-11', priority: 1, candidateRole: 'ward_chair' });
    s.run({ type: 'Resume', resumedOn: '2025-06-12', reason: 'đã sửa' }, chair);
    expect(tasksOf(s.state)).toEqual([]);
    s.now = '2025-11-17T17:00:00.000Z';
    s.run({ type: 'MarkReviewDue' }, system);
    expect(taskOf(s)).toMatchObject({ step: 'annual_review', openedOn: '2025-11-18', dueOn: '2025-12-18', priority: 3 });
    s.run({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-11-20', notes: 'Giữ nguyên' }, chair);
    expect(tasksOf(s.state)).toEqual([]);
  });

  it('claims, releases and reassigns, refusing the wrong people', () => {
    const s = submitted('2025-04-14');
    const { taskId } = taskOf(s);
    s.rejects({ type: 'ClaimTask', taskId }, 'TASK.NOT_CANDIDATE', districtApprover);
    s.rejects({ type: 'ClaimTask', taskId: 'reg-1:dossier_decision:1' }, 'TASK.UNKNOWN', chair);
    s.rejects({ type: 'ReleaseTask', taskId }, 'TASK.NOT_CLAIMED', chair);
    s.run({ type: 'ClaimTask', taskId }, chair);
    expect(taskOf(s).assignee).toBe('chair-hang-bac');
    s.rejects({ type: 'ClaimTask', taskId }, 'TASK.ALREADY_CLAIMED', deputy);
    s.rejects({ type: 'ReleaseTask', taskId }, 'TASK.NOT_ASSIGNEE', deputy);
    s.rejects({ type: 'ReassignTask', taskId, assigneeId: 'chair-hang-bac' }, 'COMMAND.INVALID', chair);
    const [reassigned] = s.run({ type: 'ReassignTask', taskId, assigneeId: 'deputy-hang-bac' }, chair);
    expect(reassigned.data).toEqual({ taskId, from: 'chair-hang-bac', to: 'deputy-hang-bac' });
    s.run({ type: 'ReleaseTask', taskId }, deputy);
    expect(taskOf(s).assignee).toBeNull();
    s.rejects({ type: 'ClaimTask', taskId: 'bad id!' }, 'COMMAND.INVALID', chair);
  });

  it('reminds at half its time, then escalates when overdue and every 2 working days after', () => {
    // Mon 12/1/2026 + 5 working days → due Mon 19/1: overdue from 20/1 00:00 in Hà Nội (19/1 17:00 UTC)
    const s = submitted('2026-01-12');
    const task = taskOf(s);
    expect(task.dueOn).toBe('2026-01-19');
    const remindAt = taskRemindAt(task);
    expect(new Date(remindAt).toISOString()).toBe('2026-01-15T17:00:00.000Z'); // half of 8 days after 11/1 17:00 UTC
    expect(nextTaskTimer(task, remindAt - 1)).toEqual({ type: 'RemindTask', at: remindAt });
    s.now = new Date(remindAt - 1).toISOString();
    s.rejects({ type: 'RemindTask', taskId: task.taskId }, 'TASK.TIMER_NOT_DUE', system);
    s.now = new Date(remindAt).toISOString();
    s.rejects({ type: 'EscalateTask', taskId: task.taskId }, 'TASK.TIMER_NOT_DUE', system);
    s.run({ type: 'RemindTask', taskId: task.taskId }, system);
    s.rejects({ type: 'RemindTask', taskId: task.taskId }, 'TASK.TIMER_NOT_DUE', system);
    expect(nextTaskTimer(taskOf(s), remindAt)).toEqual({ type: 'EscalateTask', at: Date.parse('2026-01-19T17:00:00.000Z') });

    s.now = '2026-01-19T17:00:00.000Z';
    const [first] = s.run({ type: 'EscalateTask', taskId: task.taskId }, system);
    expect(first.data).toMatchObject({ escalation: 1, overdueWorkingDays: 1, escalatedTo: 'steering_committee', dueOn: '2026-01-19' });
    // escalated on Tue 20/1 (Hà Nội): the next one two working days later, Thu 22/1
    expect(new Date(nextEscalationAt(taskOf(s))).toISOString()).toBe('2026-01-21T17:00:00.000Z');
    s.now = '2026-01-21T16:59:59.000Z';
    s.rejects({ type: 'EscalateTask', taskId: task.taskId }, 'TASK.TIMER_NOT_DUE', system);
    s.now = '2026-01-21T17:00:00.000Z';
    const [second] = s.run({ type: 'EscalateTask', taskId: task.taskId }, system);
    expect(second.data).toMatchObject({ escalation: 2, overdueWorkingDays: 3 });
    expect(allowedActions(s.state)).not.toContain('EscalateTask');
    expect(allowedActions(s.state)).toContain('ClaimTask');
  });

  it('escalates a task found long overdue once, not once per missed interval', () => {
    const s = submitted('2025-04-14');
    s.now = '2025-06-30T03:00:00.000Z';
    expect(nextTaskTimer(taskOf(s), Date.parse(s.now)).type).toBe('EscalateTask');
    s.run({ type: 'EscalateTask', taskId: taskOf(s).taskId }, system);
    expect(taskOf(s).escalations).toBe(1);
    expect(nextEscalationAt(taskOf(s))).toBeGreaterThan(Date.parse(s.now));
  });

  it('marks a task closed by a withdrawal cancelled and one closed by a decision done', () => {
    const s = submitted('2025-04-14');
    const task = taskOf(s);
    expect(closedTaskStatus(task, { type: 'RegulationWithdrawn', data: { reason: 'r', withdrawnAt: START } })).toBe('cancelled');
    expect(closedTaskStatus(task, { type: 'DossierReturned', data: { returnedOn: '2025-04-16', reasons: 'r' } })).toBe('done');
    expect(closedTaskStatus({ step: 'suspension_report' }, { type: 'RegulationRepealed', data: { repealedOn: '2025-06-01', decisionNo: '1', reason: 'r' } })).toBe('done');
    expect(closedTaskStatus({ step: 'annual_review' }, { type: 'RegulationRepealed', data: { repealedOn: '2025-06-01', decisionNo: '1', reason: 'r' } })).toBe('cancelled');
  });

  it('folds a state recorded before tasks existed', () => {
    const { tasks: _tasks, ...legacy } = submitted('2025-04-14').state;
    const next = evolve(legacy, { type: 'ReviewStarted', data: { startedAt: START } });
    expect(tasksOf(next)).toHaveLength(1);
  });
});

describe('aging of tasks on the working-day calendar', () => {
  it('buckets around New Year 2026 and its swapped days (Official Dispatch 12729/VPCP-KGVX)', () => {
    // Thu 8/1/2026: 2 working days ahead are Fri 9 and Sat 10/1 (worked in exchange for Fri 2/1); 6 working days
    // back from today are 8, 7, 6, 5/1, 31 and 30/12/2025 (1/1 and 2/1 off), so due on 29/12 or before is long overdue
    expect(agingLimits('2026-01-08')).toEqual({ today: '2026-01-08', dueSoonThrough: '2026-01-10', overdueLongThrough: '2025-12-29' });
    expect(agingOf('2026-01-12', '2026-01-08')).toBe('on_time');
    expect(agingOf('2026-01-10', '2026-01-08')).toBe('due_soon');
    expect(agingOf('2026-01-08', '2026-01-08')).toBe('due_soon');
    expect(agingOf('2026-01-07', '2026-01-08')).toBe('overdue');
    expect(agingOf('2025-12-30', '2026-01-08')).toBe('overdue');
    expect(agingOf('2025-12-29', '2026-01-08')).toBe('overdue_long');
    expect(overdueWorkingDays('2025-12-31', '2026-01-08')).toBe(4);
    expect(overdueWorkingDays('2025-12-30', '2026-01-08')).toBe(5);
    expect(overdueWorkingDays('2025-12-29', '2026-01-08')).toBe(6);
  });
  it('buckets across Tết 2026', () => {
    // Fri 13/2/2026: the next two working days are Mon 23 and Tue 24/2
    expect(agingLimits('2026-02-13').dueSoonThrough).toBe('2026-02-24');
    expect(agingOf('2026-02-24', '2026-02-13')).toBe('due_soon');
    expect(agingOf('2026-02-25', '2026-02-13')).toBe('on_time');
    // Tue 24/2: due Fri 13/2 is 2 working days late (23, 24), due Fri 6/2 is 7
    expect(agingOf('2026-02-13', '2026-02-24')).toBe('overdue');
    expect(overdueWorkingDays('2026-02-06', '2026-02-24')).toBe(7);
    expect(agingOf('2026-02-06', '2026-02-24')).toBe('overdue_long');
    expect(agingOf('2026-02-11', '2026-02-24')).toBe('overdue');
  });
});
