import { Actor, CommandEnvelope, ImportRegulation } from './commands';
import { decide } from './decider';
import { DomainError } from './errors';
import { fold } from './evolve';
import { initialState, stageOf, tasksOf } from './state';

const officer: Actor = { id: 'officer-1', role: 'officer', wards: ['hang-bac'] };
const districtOfficer: Actor = { id: 'officer-d', role: 'officer', wards: ['*'] };
const NOW = '2026-11-30T03:00:00.000Z';
const HASH = 'a'.repeat(64);

/** A 2019 convention of Hàng Bạc, from its draft to its last review, as an import row gives it. */
function row(over: Partial<ImportRegulation> = {}, facts: Partial<ImportRegulation['facts']> = {}): ImportRegulation {
  return {
    type: 'ImportRegulation',
    regulationId: 'imp-hang-bac-1',
    wardCode: 'hang-bac',
    kind: 'community_convention',
    title: 'Quy ước tổ dân phố số 3',
    text: 'Điều 1. Các hộ gia đình giữ gìn trật tự, vệ sinh chung.',
    residentialGroup: 'Tổ dân phố số 3',
    startedOn: '2019-02-11',
    facts: {
      vote: { heldOn: '2019-04-20', totalHouseholds: 120, present: 90, approving: 80 },
      dossierSubmittedOn: '2019-04-24',
      decision: { decisionNo: '12/QĐ-UBND', decidedOn: '2019-05-08' },
      lastReview: { reviewedOn: '2020-05-12', outcome: 'keep', notes: 'Giữ nguyên' },
      ...facts,
    },
    source: { importId: 'import-1', fileHash: HASH, row: 2, factsDigest: 'b'.repeat(64) },
    ...over,
  };
}

function decideRow(command: ImportRegulation, actor: Actor = officer, state = initialState(command.regulationId)) {
  const envelope: CommandEnvelope = { commandId: 'import-1:2', actor, command };
  return decide(envelope, state, NOW);
}

function refusal(command: ImportRegulation, actor: Actor = officer, state = initialState(command.regulationId)): DomainError {
  try {
    decideRow(command, actor, state);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('the row was accepted');
}

describe('ImportRegulation: a regulation already in force, from an import row', () => {
  it('given nothing, when a 2019 convention is imported, then RegulationImported comes first and the lifecycle events follow with their legal dates', () => {
    const events = decideRow(row());
    expect(events.map((e) => e.type)).toEqual([
      'RegulationImported',
      'RegulationDrafted',
      'VoteRecorded',
      'DossierSubmitted',
      'RegulationRecognized',
      'AnnualReviewDue',
      'AnnualReviewRecorded',
    ]);
    expect(events[0].data).toEqual({ importId: 'import-1', fileHash: HASH, row: 2, factsDigest: 'b'.repeat(64), textReference: null });
    // Decision 22/2018 was the regime on 11/2/2019: the district recognized, the review fell on the anniversary.
    expect(events[1].data).toMatchObject({ regimeId: 'decision-22-2018', startedOn: '2019-02-11' });
    expect(events[2].data).toMatchObject({ heldOn: '2019-04-20', quorumMet: true, adopted: true, round: 1 });
    expect(events[3].data).toMatchObject({ submittedOn: '2019-04-24', late: false, authority: 'district_peoples_committee', submittedBy: 'officer-1' });
    expect(events[4].data).toMatchObject({ decidedOn: '2019-05-08', nextReviewDueOn: '2020-05-08', authority: 'district_peoples_committee' });
    expect(events[5].data).toEqual({ dueOn: '2020-05-08' });
    expect(events[6].data).toMatchObject({ reviewedOn: '2020-05-12', nextReviewDueOn: '2021-05-08' });
    const state = fold('imp-hang-bac-1', events);
    expect(stageOf(state)).toBe('in_force');
    expect(state).toMatchObject({ version: 7, reviewDue: false, nextReviewDueOn: '2021-05-08', firstInForceOn: '2019-05-08' });
  });

  it('given nothing, when a Decree 61 convention is imported with a review a year after, then its reviews fall on 18 November', () => {
    const events = decideRow(
      row(
        { startedOn: '2024-01-08' },
        {
          vote: { heldOn: '2024-03-02', totalHouseholds: 80, present: 60, approving: 55 },
          dossierSubmittedOn: '2024-03-05',
          decision: { decisionNo: '3/QĐ-UBND', decidedOn: '2024-03-11' },
          lastReview: { reviewedOn: '2025-11-18', outcome: 'keep', notes: 'Giữ nguyên' },
        },
      ),
    );
    expect(events.find((e) => e.type === 'RegulationRecognized')?.data).toMatchObject({ nextReviewDueOn: '2024-11-18', authority: 'ward_peoples_committee' });
    expect(events.find((e) => e.type === 'AnnualReviewDue')?.data).toEqual({ dueOn: '2025-11-18' });
    expect(fold('imp-hang-bac-1', events).nextReviewDueOn).toBe('2026-11-18');
  });

  it('given nothing, when a repealed convention is imported, then it ends repealed on its decision date', () => {
    const events = decideRow(
      row({}, { lastReview: undefined, repeal: { repealedOn: '2020-09-01', decisionNo: '40/QĐ-UBND', reason: 'Trái pháp luật', ground: 'unlawful_content' } }),
    );
    expect(events[events.length - 1]).toEqual({
      type: 'RegulationRepealed',
      data: { repealedOn: '2020-09-01', decisionNo: '40/QĐ-UBND', reason: 'Trái pháp luật', ground: 'unlawful_content', scope: 'whole', articles: [] },
    });
    expect(fold('imp-hang-bac-1', events)).toMatchObject({ status: 'repealed', endedOn: '2020-09-01' });
  });

  it('given nothing, when a review amended the convention, then its amendment is under way', () => {
    const events = decideRow(row({}, { lastReview: { reviewedOn: '2020-05-12', outcome: 'amend', notes: 'Sửa Điều 3' } }));
    expect(events[events.length - 1]).toMatchObject({ type: 'AmendmentStarted', data: { startedOn: '2020-05-12', regimeId: 'decision-22-2018' } });
    expect(fold('imp-hang-bac-1', events)).toMatchObject({ status: 'in_force', cycle: { amendment: true, phase: 'drafting' } });
  });

  it('given nothing, when a democracy regulation is imported, then its chair decision puts it in force with no vote or dossier', () => {
    const command = row({ kind: 'democracy_regulation' }, { vote: undefined, dossierSubmittedOn: undefined });
    const events = decideRow(command);
    expect(events.map((e) => e.type)).toEqual(['RegulationImported', 'RegulationDrafted', 'RegulationRecognized', 'AnnualReviewDue', 'AnnualReviewRecorded']);
    expect(events[2].data).toMatchObject({ authority: 'ward_peoples_committee' });
  });

  it("given nothing, when an agency's or an enterprise's regulation is imported, then its issuer's decision puts it in force with no review scheduled, and it may be repealed", () => {
    for (const [kind, authority] of [['agency_democracy_regulation', 'agency_head'], ['enterprise_democracy_regulation', 'employer']] as const) {
      const repeal = { repealedOn: '2021-01-04', decisionNo: '3/QĐ', reason: 'Thay thế' };
      const events = decideRow(row({ kind }, { vote: undefined, dossierSubmittedOn: undefined, lastReview: undefined, repeal }));
      expect(events.map((e) => e.type)).toEqual(['RegulationImported', 'RegulationDrafted', 'RegulationRecognized', 'RegulationRepealed']);
      expect(events[2].data).toMatchObject({ authority, nextReviewDueOn: null });
      expect(fold('imp-hang-bac-1', events)).toMatchObject({ status: 'repealed', nextReviewDueOn: null });
    }
  });

  it('given nothing, when only the draft is known, then the regulation is drafting and the text reference is recorded', () => {
    const command = row({ source: { ...row().source, textReference: 'Lưu tại UBND phường, hồ sơ 12' } }, { vote: undefined, dossierSubmittedOn: undefined, decision: undefined, lastReview: undefined });
    const events = decideRow(command);
    expect(events[0].data).toMatchObject({ textReference: 'Lưu tại UBND phường, hồ sơ 12' });
    expect(stageOf(fold('imp-hang-bac-1', events))).toBe('drafting');
  });

  it('given a dossier without a decision, then the dossier waits for its decision (an open task)', () => {
    const events = decideRow(row({}, { decision: undefined, lastReview: undefined }));
    const state = fold('imp-hang-bac-1', events);
    expect(stageOf(state)).toBe('submitted');
    expect(tasksOf(state).map((t) => t.step)).toEqual(['dossier_decision']);
  });

  it('given an officer with the district\'s wards, then the import is accepted', () => {
    expect(decideRow(row(), districtOfficer)).toHaveLength(7);
  });

  describe('refusals: nothing is decided', () => {
    const cases: Array<[string, ImportRegulation, string, Record<string, unknown>]> = [
      ['a vote before the draft', row({}, { vote: { heldOn: '2019-01-02', totalHouseholds: 120, present: 90, approving: 80 } }), 'IMPORT.FACTS_OUT_OF_ORDER', { field: 'vote.heldOn', earlierField: 'startedOn' }],
      ['a recognition before the dossier', row({}, { decision: { decisionNo: '1', decidedOn: '2019-04-22' } }), 'DECISION.DATE_BEFORE_SUBMISSION', {}],
      ['a dossier before the vote', row({}, { dossierSubmittedOn: '2019-04-19' }), 'IMPORT.FACTS_OUT_OF_ORDER', { field: 'dossierSubmittedOn', earlierField: 'vote.heldOn' }],
      ['a review before the recognition', row({}, { lastReview: { reviewedOn: '2019-05-01', outcome: 'keep', notes: 'x' } }), 'IMPORT.FACTS_OUT_OF_ORDER', { field: 'lastReview.reviewedOn' }],
      ['a repeal before the review', row({}, { repeal: { repealedOn: '2020-05-01', decisionNo: '2', reason: 'x', ground: 'unlawful_content' } }), 'IMPORT.FACTS_OUT_OF_ORDER', { field: 'repeal.repealedOn' }],
      ['more present than households', row({}, { vote: { heldOn: '2019-04-20', totalHouseholds: 80, present: 90, approving: 70 } }), 'VOTE.TALLY_INCONSISTENT', {}],
      ['more approving than present', row({}, { vote: { heldOn: '2019-04-20', totalHouseholds: 120, present: 60, approving: 70 } }), 'VOTE.TALLY_INCONSISTENT', {}],
      ['a vote that did not adopt, then a dossier', row({}, { vote: { heldOn: '2019-04-20', totalHouseholds: 120, present: 90, approving: 50 } }), 'IMPORT.NOT_ADOPTED', {}],
      ['a dossier without a vote', row({}, { vote: undefined }), 'IMPORT.FACT_MISSING', { field: 'dossierSubmittedOn', requires: 'vote' }],
      ['a convention recognized without a dossier', row({}, { dossierSubmittedOn: undefined }), 'IMPORT.FACT_MISSING', { field: 'decision' }],
      ['a review without a decision', row({}, { decision: undefined }), 'IMPORT.FACT_MISSING', { field: 'lastReview' }],
      ['a vote on a democracy regulation', row({ kind: 'democracy_regulation' }), 'IMPORT.FACT_NOT_FOR_KIND', { field: 'vote' }],
      [
        "a review of an enterprise's regulation (no review step)",
        row({ kind: 'enterprise_democracy_regulation' }, { vote: undefined, dossierSubmittedOn: undefined }),
        'IMPORT.FACT_NOT_FOR_KIND',
        { field: 'lastReview' },
      ],
      ["a repeal of an agency's regulation never issued", row({ kind: 'agency_democracy_regulation' }, { vote: undefined, dossierSubmittedOn: undefined, decision: undefined, lastReview: undefined, repeal: { repealedOn: '2021-01-04', decisionNo: '3', reason: 'x' } }), 'IMPORT.FACT_MISSING', { field: 'repeal' }],
      ['a convention repealed without a ground', row({}, { repeal: { repealedOn: '2020-09-01', decisionNo: '2', reason: 'x' } }), 'REPEAL.GROUND_NOT_ALLOWED', {}],
      ['a review suspending', row({}, { lastReview: { reviewedOn: '2020-05-12', outcome: 'suspend', notes: 'x' } }), 'REVIEW.OUTCOME_NOT_ALLOWED', {}],
      ['a decision in the future', row({}, { lastReview: undefined, decision: { decisionNo: '1', decidedOn: '2026-12-01' } }), 'COMMAND.INVALID', { field: 'decision.decidedOn' }],
      ['a start in the future', row({ startedOn: '2027-01-01' }), 'COMMAND.INVALID', { field: 'startedOn' }],
      ['a malformed date', row({}, { dossierSubmittedOn: '24/04/2019' }), 'COMMAND.INVALID', { field: 'dossier.submittedOn' }],
      ['an empty decision number', row({}, { decision: { decisionNo: ' ', decidedOn: '2019-05-08' } }), 'COMMAND.INVALID', { field: 'decision.decisionNo' }],
      ['a start before any regime', row({ startedOn: '2010-01-04' }), 'REGIME.NOT_IN_FORCE', {}],
      ['no import source', row({ source: { ...row().source, fileHash: 'nope' } }), 'COMMAND.INVALID', { field: 'source.fileHash' }],
    ];
    it.each(cases)('%s', (_name, command, code, details) => {
      const error = refusal(command);
      expect(error.code).toBe(code);
      expect(error.details).toMatchObject(details);
    });

    it('a regulation that already exists', () => {
      const state = fold('imp-hang-bac-1', decideRow(row()));
      expect(refusal(row(), officer, state).code).toBe('REGULATION.ALREADY_EXISTS');
    });

    it('an officer of another ward, or a role that does not record', () => {
      expect(refusal(row(), { id: 'o2', role: 'officer', wards: ['hang-dao'] }).code).toBe('AUTH.FORBIDDEN');
      expect(refusal(row(), { id: 'c1', role: 'ward_chair', wards: ['hang-bac'] }).code).toBe('AUTH.FORBIDDEN');
    });
  });
});
