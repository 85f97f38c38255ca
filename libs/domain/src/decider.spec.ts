import { Actor, CommandEnvelope, RegulationCommand } from './commands';
import { allowedActions, decide, evolve, fold, nextDeadline } from './decider';
import { DomainError } from './errors';
import { RegulationEvent } from './events';
import { initialState, RegulationState, stageOf } from './state';

const officer: Actor = { id: 'officer-1', role: 'officer' };
const system: Actor = { id: 'system', role: 'system' };
const START = '2025-03-03T02:00:00.000Z'; // Monday 09:00 in Hà Nội
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString();

let seq = 0;
function envelope(command: RegulationCommand, actor = officer): CommandEnvelope {
  seq += 1;
  return { commandId: `cmd-${seq}`, actor, command };
}

/** A regulation driven through the decider: given commands, each applied at a clock the test sets. */
class Scenario {
  state: RegulationState;
  now = START;
  constructor(id = 'reg-1') {
    this.state = initialState(id);
  }
  run(command: RegulationCommand, actor = officer): RegulationEvent[] {
    const events = decide(envelope(command, actor), this.state, this.now);
    this.state = events.reduce(evolve, this.state);
    return events;
  }
  at(days: number): this {
    this.now = at(days);
    return this;
  }
  rejects(command: RegulationCommand, code: string, actor = officer): DomainError {
    const before = this.state;
    let caught: unknown;
    try {
      decide(envelope(command, actor), this.state, this.now);
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

function drafted(kind: 'community_convention' | 'democracy_regulation' = 'community_convention'): Scenario {
  const s = new Scenario();
  s.run(create({ kind }));
  return s;
}

function inConsultation(kind?: 'community_convention' | 'democracy_regulation'): Scenario {
  const s = drafted(kind);
  s.run({ type: 'OpenConsultation', days: 30, channels: ['meeting', 'comment_box'] });
  return s;
}

function revising(kind?: 'community_convention' | 'democracy_regulation'): Scenario {
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
    it('rejects an unknown ward, an unknown kind, a date before any regime, a future date and bad fields', () => {
      const s = new Scenario();
      s.rejects(create({ wardCode: 'atlantis' }), 'REGULATION.UNKNOWN_WARD');
      s.rejects(create({ kind: 'decree' as never }), 'REGULATION.UNKNOWN_KIND');
      s.rejects(create({ startedOn: '2010-01-01' }), 'REGIME.NOT_IN_FORCE');
      s.rejects(create({ startedOn: '2025-03-04' }), 'COMMAND.INVALID');
      s.rejects(create({ startedOn: '2025-02-30' }), 'COMMAND.INVALID');
      s.rejects(create({ title: '   ' }), 'COMMAND.INVALID');
      s.rejects(create({ regulationId: 'has space' }), 'COMMAND.INVALID');
      s.rejects(create({ title: 'nul \u0000 byte' }), 'COMMAND.INVALID');
      s.rejects(create({ text: 'lone \uD800 surrogate' }), 'COMMAND.INVALID');
      expect(() => decide(envelope(create({ title: 'Tổ dân phố 🏠' })), initialState('reg-1'), START)).not.toThrow();
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
    it('recognizes: in force from the decision date, next review one year later', () => {
      const s = inForce();
      expect(stageOf(s.state)).toBe('in_force');
      expect(s.state.inForce).toMatchObject({ decidedOn: '2025-04-18', decisionNo: '15/QĐ-UBND', revision: 1 });
      expect(s.state.nextReviewDueOn).toBe('2026-04-18');
      expect(s.state.cycle).toBeNull();
    });
  });

  describe('steps out of order', () => {
    const cases: [string, () => Scenario, RegulationCommand][] = [
      ['vote in drafting', drafted, vote(80, 70)],
      ['recognize in drafting', drafted, { type: 'Recognize', decisionNo: '1', decidedOn: '2025-03-03' }],
      ['dossier in consultation', inConsultation, { type: 'SubmitDossier', submittedOn: '2025-03-03', documents: [] }],
      ['comment in revising', revising, { type: 'RecordComment', commentId: 'c2', channel: 'online', content: 'x', receivedOn: '2025-04-03' }],
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
        decide({ ...envelope({ type: 'ReviseDraft', text: 't', summary: 's' }), expectedVersion: 0 }, s.state, s.now);
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
      s.now = '2026-04-17T16:59:59.000Z';
      s.rejects({ type: 'MarkReviewDue' }, 'REVIEW.NOT_DUE', system);
      s.now = '2026-04-17T17:00:00.000Z';
      s.run({ type: 'MarkReviewDue' }, system);
      expect(allowedActions(s.state)).toContain('RecordAnnualReview');
      const [event] = s.run({ type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2026-04-20', notes: 'Giữ nguyên' });
      expect(event.data).toMatchObject({ nextReviewDueOn: '2027-04-18' });
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
      expect(s.state.nextReviewDueOn).toBe('2026-04-18');
    });
    it('withdraws an amendment without touching the text in force', () => {
      const s = inForce();
      s.run({ type: 'StartAmendment', text: 'x', startedOn: '2025-06-02', reason: 'r' });
      const [event] = s.run({ type: 'Withdraw', reason: 'không cần' });
      expect(event.type).toBe('AmendmentWithdrawn');
      expect(stageOf(s.state)).toBe('in_force');
      expect(s.state.cycle).toBeNull();
    });
    it('suspends with a 3-working-day report deadline, resumes, repeals', () => {
      const s = inForce();
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
    it('annual review outcomes amend, suspend and repeal emit their follow-up events', () => {
      for (const [outcome, follow] of [['amend', 'AmendmentStarted'], ['suspend', 'RegulationSuspended'], ['repeal', 'RegulationRepealed']]) {
        const s = inForce();
        s.now = '2026-04-18T01:00:00.000Z';
        s.run({ type: 'MarkReviewDue' }, system);
        const events = s.run({ type: 'RecordAnnualReview', outcome: outcome as 'keep', reviewedOn: '2026-04-20', notes: 'n', decisionNo: '9/QĐ' });
        expect(events.map((e) => e.type)).toEqual(['AnnualReviewRecorded', follow]);
      }
    });
    it('refuses a repeal at review without its decision number', () => {
      const s = inForce();
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
