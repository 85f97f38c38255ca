import type { CommandEnvelope, RegulationCommand } from './commands';
import { decide } from './decider';
import { DomainError } from './errors';
import { initialState } from './state';
import { refuseControlCharacters, validateCommand } from './validation';

/** The refusal of `command`: its code and details (field, problem). */
function refusal(command: object): { code: string; details: Record<string, unknown> } {
  try {
    validateCommand(command as RegulationCommand);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(command)}`);
}

const accepts = (command: object) => expect(() => validateCommand(command as RegulationCommand)).not.toThrow();
const invalid = (field: string, problem: string) => ({ code: 'COMMAND.INVALID', details: { field, problem } });

const comment = { type: 'RecordComment', commentId: 'c-1', channel: 'online', content: 'Ý kiến', receivedOn: '2025-03-10' };

describe('validateCommand walks the command schemas', () => {
  it('text: present, not blank, within its length, storable', () => {
    accepts({ ...comment, content: 'x'.repeat(5_000) });
    expect(refusal({ ...comment, content: undefined })).toEqual(invalid('content', 'is required'));
    expect(refusal({ ...comment, content: '  ' })).toEqual(invalid('content', 'is required'));
    expect(refusal({ ...comment, content: 7 })).toEqual(invalid('content', 'is required'));
    expect(refusal({ ...comment, content: 'x'.repeat(5_001) })).toEqual({
      code: 'COMMAND.TEXT_TOO_LONG',
      details: { field: 'content', length: 5_001, maximum: 5_000 },
    });
    expect(refusal({ ...comment, content: 'a\u0000b' })).toEqual(invalid('content', 'contains a NUL character or a lone surrogate'));
    expect(refusal({ ...comment, content: 'a\uDC00b' })).toEqual(invalid('content', 'contains a NUL character or a lone surrogate'));
  });

  it('id: letters, digits and . _ : - within its own maximum', () => {
    accepts({ ...comment, commentId: 'don-2026.014:a_b' });
    expect(refusal({ ...comment, commentId: 'has space' })).toEqual(invalid('commentId', 'may contain only letters, digits, ".", "_", ":" and "-"'));
    expect(refusal({ ...comment, commentId: '-leading' }).code).toBe('COMMAND.INVALID');
    expect(refusal({ ...comment, commentId: 'c'.repeat(101) }).code).toBe('COMMAND.TEXT_TOO_LONG');
    accepts({ type: 'ClaimTask', taskId: 't'.repeat(200) });
    expect(refusal({ type: 'ClaimTask', taskId: 't'.repeat(201) }).details).toMatchObject({ field: 'taskId', maximum: 200 });
  });

  it('date: a civil date that exists', () => {
    expect(refusal({ ...comment, receivedOn: '2025-02-29' })).toEqual(invalid('receivedOn', 'must be a date YYYY-MM-DD'));
    expect(refusal({ ...comment, receivedOn: '10/03/2025' })).toEqual(invalid('receivedOn', 'must be a date YYYY-MM-DD'));
  });

  it('oneOf: a value from the closed set', () => {
    expect(refusal({ ...comment, channel: 'pigeon' })).toEqual(invalid('channel', 'must be one of meeting, household_copy, comment_box, online'));
  });

  it('int: an integer in range; atMost lowers the maximum from other fields', () => {
    const extend = { type: 'ExtendConsultation', days: 365, reason: 'r' };
    accepts(extend);
    expect(refusal({ ...extend, days: 366 })).toEqual(invalid('days', 'must be an integer from 1 to 365'));
    expect(refusal({ ...extend, days: 1.5 })).toEqual(invalid('days', 'must be an integer from 1 to 365'));
    expect(refusal({ ...extend, days: '5' })).toEqual(invalid('days', 'must be an integer from 1 to 365'));
    const agree = { type: 'AgreeReviewDay', agreedOn: '2025-05-01', month: 2, day: 28 };
    accepts(agree);
    expect(refusal({ ...agree, day: 29 })).toEqual(invalid('day', 'must be an integer from 1 to 28'));
    accepts({ ...agree, month: 12, day: 31 });
    const proposal = { type: 'RecordProposal', proposedOn: '2025-02-10', proposer: 'residents', content: 'c', totalHouseholds: 120 };
    accepts({ ...proposal, agreeing: 120 });
    expect(refusal({ ...proposal, agreeing: 121 })).toEqual(invalid('agreeing', 'must be an integer from 0 to 120'));
  });

  it('optional fields may be absent, and are checked when present (null too: the API drops null fields)', () => {
    const revise = { type: 'ReviseDraft', text: 't', summary: 's' };
    accepts(revise);
    expect(refusal({ ...revise, title: ' ' })).toEqual(invalid('title', 'is required'));
    expect(refusal({ ...revise, title: null })).toEqual(invalid('title', 'is required'));
    expect(refusal({ type: 'RecordProposal', proposedOn: '2025-02-10', proposer: 'residents', content: 'c', consultationMethod: null }).details.field).toBe(
      'consultationMethod',
    );
  });

  it('requiredWhen: required when another field holds the value, checked whenever present', () => {
    const review = { type: 'RecordAnnualReview', outcome: 'repeal', reviewedOn: '2026-04-20', notes: 'n' };
    expect(refusal(review)).toEqual(invalid('decisionNo', 'is required'));
    accepts({ ...review, decisionNo: '7/QĐ-UBND' });
    accepts({ ...review, outcome: 'keep' });
    expect(refusal({ ...review, outcome: 'keep', decisionNo: ' ' })).toEqual(invalid('decisionNo', 'is required'));
  });

  it('requiredByDecider: absent (an empty list too) is left to the decider; present is checked', () => {
    const suspend = { type: 'Suspend', suspendedOn: '2025-06-05', scope: 'part', reason: 'r' };
    accepts(suspend);
    accepts({ ...suspend, articles: [] });
    expect(refusal({ ...suspend, complaintId: 'has space' }).details.field).toBe('complaintId');
    expect(refusal({ ...suspend, ground: 'whim' }).details.field).toBe('ground');
  });

  it('list: a list within its sizes, each item checked, repeats refused where the schema says', () => {
    const open = { type: 'OpenConsultation', days: 30, channels: ['online'] };
    accepts(open);
    expect(refusal({ ...open, channels: [] })).toEqual(invalid('channels', 'must list from 1 to 20 channels'));
    expect(refusal({ ...open, channels: 'online' })).toEqual(invalid('channels', 'must list from 1 to 20 channels'));
    expect(refusal({ ...open, channels: Array(21).fill('online') })).toEqual(invalid('channels', 'must list from 1 to 20 channels'));
    expect(refusal({ ...open, channels: ['online', 'pigeon'] }).details.field).toBe('channels');
    const repeal = { type: 'Repeal', repealedOn: '2025-09-05', decisionNo: '9/QĐ', scope: 'part', reason: 'r' };
    accepts({ ...repeal, articles: ['Điều 4', 'Điều 5'] });
    expect(refusal({ ...repeal, articles: ['Điều 4', 'Điều 4'] })).toEqual(invalid('articles', 'names an article twice'));
    expect(refusal({ ...repeal, articles: ['Điều 4', ' '] })).toEqual(invalid('articles', 'is required'));
    expect(refusal({ ...repeal, articles: Array.from({ length: 51 }, (_, i) => `Điều ${i}`) })).toEqual(
      invalid('articles', 'must be a list of at most 50 articles'),
    );
  });

  it('list of objects: each an object whose texts are checked under the list’s name', () => {
    const group = { type: 'FormDraftingGroup', formedOn: '2025-02-20', members: [{ name: 'An', represents: 'Chi hội' }] };
    accepts(group);
    expect(refusal({ ...group, members: ['An'] })).toEqual(invalid('members', 'each member is an object'));
    expect(refusal({ ...group, members: [{ name: 'An' }] })).toEqual(invalid('members.represents', 'is required'));
    expect(refusal({ ...group, members: [] })).toEqual(invalid('members', 'must list from 1 to 50 members'));
  });

  it('cross-field checks run after the fields', () => {
    const vote = { type: 'RecordVote', method: 'meeting', heldOn: '2025-04-10', totalHouseholds: 100, present: 80, approving: 81 };
    expect(refusal(vote).code).toBe('VOTE.TALLY_INCONSISTENT');
    expect(refusal({ ...vote, present: -1 })).toEqual(invalid('present', 'must be an integer from 0 to 100000'));
  });

  it('commands without fields pass; an unknown command is refused', () => {
    accepts({ type: 'CloseConsultation' });
    expect(refusal({ type: 'Teleport' })).toEqual(invalid('type', 'unknown command Teleport'));
    expect(refusal({ type: 'toString' })).toEqual(invalid('type', 'unknown command toString'));
  });
});

describe('refuseControlCharacters: the rule for new commands only', () => {
  const draft = { type: 'CreateDraft', regulationId: 'r-1', wardCode: 'hang-bac', kind: 'community_convention', title: 'Quy ước', text: 'Điều 1.', startedOn: '2026-03-02' };
  const envelopeOf = (command: object, extra: object = {}) =>
    ({ commandId: 'c-1', actor: { id: 'o-1', role: 'officer', wards: ['hang-bac'] }, command, ...extra }) as CommandEnvelope;
  const refused = (envelope: CommandEnvelope) => {
    try {
      refuseControlCharacters(envelope);
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, details: error.details };
      throw error;
    }
    throw new Error('accepted');
  };
  const controls = invalid('title', 'must be well-formed Unicode text without control characters');

  it('refuses a C0 control other than tab and line breaks, DEL, NUL and a lone surrogate, naming the field', () => {
    for (const bad of ['\u0001', '\u0007', '\u000B', '\u000C', '\u001B', '\u007F', '\u0000', '\uD800']) {
      expect(refused(envelopeOf({ ...draft, title: `Quy${bad}ước` }))).toEqual(controls);
    }
    expect(() => refuseControlCharacters(envelopeOf({ ...draft, text: 'Điều 1.\tA\r\nĐiều 2. 👍' }))).not.toThrow();
  });

  it('walks lists, objects, an import\'s facts (named as their commands name them), the reason and the legal basis', () => {
    const group = { type: 'FormDraftingGroup', formedOn: '2025-02-20', members: [{ name: 'An\u0008', represents: 'Chi hội' }] };
    expect(refused(envelopeOf(group)).details).toMatchObject({ field: 'members.name' });
    const imported = { type: 'ImportRegulation', facts: { decision: { decisionNo: '12\u001F/QĐ', decidedOn: '2019-05-08' } } };
    expect(refused(envelopeOf(imported)).details).toMatchObject({ field: 'decision.decisionNo' });
    expect(refused(envelopeOf(draft, { reason: 'lý do\u0007' })).details).toMatchObject({ field: 'reason' });
    expect(refused(envelopeOf(draft, { legalBasis: '\u007FNĐ 61' })).details).toMatchObject({ field: 'legalBasis' });
  });

  it('is not part of decide, which also replays commands recorded before the rule', () => {
    const events = decide(envelopeOf({ ...draft, title: 'Quy\u0007ước' }), initialState('r-1'), '2026-03-02T03:00:00.000Z');
    expect(events.map((e) => e.type)).toEqual(['RegulationDrafted']);
  });
});
