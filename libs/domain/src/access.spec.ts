/** Who may act, as decide enforces it on the command's actor: role powers, wards, the deciding body, separation of duties. */
import { actsInWard, AccessFacts, authorize, commandPowers, decidingAuthority, mayEverIssue, mayEverIssueOn, mayIssue, readableWards, readsWard } from './access';
import type { Actor, CommandEnvelope, RegulationCommand } from './commands';
import { commandTypes, timerOnlyCommandTypes } from './commands';
import { decide, decideAsRecordedBeforeAccessRules } from './decider';
import { evolve } from './evolve';
import { DomainError } from './errors';
import { initialState, RegulationState } from './state';

const officer: Actor = { id: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] };
const otherOfficer: Actor = { id: 'officer-hang-dao', role: 'officer', wards: ['hang-dao'] };
const chair: Actor = { id: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] };
const otherChair: Actor = { id: 'chair-hang-dao', role: 'ward_chair', wards: ['hang-dao'] };
const front: Actor = { id: 'front-hang-bac', role: 'front', wards: ['hang-bac'] };
const approver: Actor = { id: 'district-approver', role: 'district_approver', wards: ['*'] };
const supervisor: Actor = { id: 'bcd', role: 'supervisor', wards: ['*'] };
const system: Actor = { id: 'system', role: 'system', wards: ['hang-bac'] };

const NOW = '2025-06-02T02:00:00.000Z';
const documents: ('request_form_01' | 'minutes_form_02' | 'adopted_text')[] = ['request_form_01', 'minutes_form_02', 'adopted_text'];
let seq = 0;

function envelope(command: RegulationCommand, actor: Actor): CommandEnvelope {
  seq += 1;
  return { commandId: `cmd-${seq}`, actor, command };
}

function run(state: RegulationState, command: RegulationCommand, actor: Actor): RegulationState {
  return decide(envelope(command, actor), state, NOW).reduce(evolve, state);
}

/** The code decide refuses with; the state it was given is not touched. */
function refusal(state: RegulationState, command: RegulationCommand, actor: unknown): DomainError {
  const before = JSON.stringify(state);
  try {
    decide({ commandId: `cmd-${++seq}`, actor, command } as CommandEnvelope, state, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(JSON.stringify(state)).toBe(before);
    return error as DomainError;
  }
  throw new Error(`${String((actor as Actor)?.role)} was allowed to ${command.type}`);
}

const create = (startedOn: string, kind: 'community_convention' | 'democracy_regulation' = 'community_convention'): RegulationCommand => ({
  type: 'CreateDraft',
  regulationId: 'reg-1',
  wardCode: 'hang-bac',
  kind,
  title: 'Quy ước nếp sống văn minh',
  text: 'Điều 1.',
  startedOn,
});

/** A convention of Hàng Bạc drafted on `startedOn`, consulted, voted and submitted by `submitter`, recorded afterwards. */
function submitted(startedOn: string, submitter: Actor = officer): RegulationState {
  let state = run(initialState('reg-1'), create(startedOn), officer);
  state = run(state, { type: 'OpenConsultation', openedOn: startedOn, days: 30, channels: ['meeting'] }, officer);
  state = run(state, { type: 'CloseConsultation' }, system);
  const held = state.cycle!.consultation!.closesAt.slice(0, 10);
  state = run(state, { type: 'RecordVote', method: 'meeting', heldOn: held, totalHouseholds: 10, present: 8, approving: 7 }, officer);
  return run(state, { type: 'SubmitDossier', submittedOn: held, documents }, submitter);
}

describe('role powers', () => {
  it('gives every command a holder, the timers’ commands to the system alone, and none to supervisors or auditors', () => {
    for (const type of commandTypes) {
      const holders = Object.keys(commandPowers[type]).sort();
      expect({ type, held: holders.length > 0, supervisor: mayEverIssue('supervisor', type), auditor: mayEverIssue('auditor', type) }).toEqual({
        type,
        held: true,
        supervisor: false,
        auditor: false,
      });
      if (timerOnlyCommandTypes.includes(type)) expect({ type, holders }).toEqual({ type, holders: ['system'] });
    }
    expect(commandTypes.filter((type) => mayEverIssue('system', type))).toEqual(['CloseConsultation', 'MarkReviewDue', 'MarkRedraftOverdue', 'TransferUnit', 'RemindTask', 'EscalateTask']);
    expect(commandTypes.filter((type) => mayEverIssue('front', type))).toEqual(['SubmitCritique']);
  });

  it('refuses a role without the power with AUTH.FORBIDDEN, and lets the holder act', () => {
    const drafted = run(initialState('reg-1'), create('2025-03-03'), officer);
    const cases: [Actor, RegulationCommand][] = [
      [front, { type: 'ReviseDraft', text: 'Điều 1 (sửa).', summary: 's' }],
      [chair, { type: 'OpenConsultation', days: 30, channels: ['meeting'] }],
      [supervisor, { type: 'Withdraw', reason: 'r' }],
      [officer, { type: 'Suspend', suspendedOn: '2025-06-01', scope: 'whole', reason: 'r' }],
      [officer, { type: 'MarkReviewDue' }],
      [front, { type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-11-18', notes: 'n' }],
      [supervisor, { type: 'RecordAnnualReview', outcome: 'keep', reviewedOn: '2025-11-18', notes: 'n' }],
    ];
    for (const [actor, command] of cases) {
      const error = refusal(drafted, command, actor);
      expect({ role: actor.role, type: command.type, code: error.code, details: error.details }).toEqual({
        role: actor.role,
        type: command.type,
        code: 'AUTH.FORBIDDEN',
        details: { role: actor.role, command: command.type },
      });
    }
    expect(run(drafted, { type: 'ReviseDraft', text: 'Điều 1 (sửa).', summary: 's' }, officer).version).toBe(2);
    expect(refusal(initialState('reg-1'), create('2025-03-03'), front).code).toBe('AUTH.FORBIDDEN');
  });

  it('lets the ward’s officer record the community’s annual review (Decree 61/2023 art. 15(4)), as the chair may', () => {
    for (const actor of [officer, chair]) {
      expect({ role: actor.role, allowed: mayIssue(actor.role, 'RecordAnnualReview', 'ward_peoples_committee') }).toEqual({ role: actor.role, allowed: true });
    }
    expect(mayIssue('front', 'RecordAnnualReview', 'ward_peoples_committee')).toBe(false);
  });

  it('lets the Front critique a democracy regulation, and nobody else', () => {
    let state = run(initialState('reg-1'), create('2025-03-03', 'democracy_regulation'), officer);
    state = run(state, { type: 'OpenConsultation', days: 30, channels: ['meeting'] }, officer);
    const critique: RegulationCommand = { type: 'SubmitCritique', content: 'Phản biện', submittedOn: '2025-06-01' };
    expect(refusal(state, critique, officer).code).toBe('AUTH.FORBIDDEN');
    expect(run(state, critique, front).cycle?.critiques).toBe(1);
  });
});

describe('ward scope', () => {
  it('refuses a draft in a ward outside the actor’s wards, even one not in the catalogue; allows its own, and any with *', () => {
    for (const wardCode of ['hang-dao', 'ba-dinh']) {
      const error = refusal(initialState('reg-1'), { ...(create('2025-03-03') as object), wardCode } as RegulationCommand, officer);
      expect({ code: error.code, details: error.details }).toEqual({ code: 'AUTH.FORBIDDEN', details: { wardCode, wards: ['hang-bac'] } });
    }
    expect(run(initialState('reg-1'), create('2025-03-03'), officer).wardCode).toBe('hang-bac');
    expect(run(initialState('reg-1'), create('2025-03-03'), { ...officer, wards: ['*'] }).wardCode).toBe('hang-bac');
  });

  it('refuses every command on a regulation of another ward, to holders of the power there', () => {
    const drafted = run(initialState('reg-1'), create('2025-03-03'), officer);
    expect(refusal(drafted, { type: 'ReviseDraft', text: 't', summary: 's' }, otherOfficer)).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      details: { wardCode: 'hang-bac', wards: ['hang-dao'] },
    });
    expect(refusal(drafted, { type: 'Withdraw', reason: 'r' }, otherChair).code).toBe('AUTH.FORBIDDEN');
  });

  it('gives the district-wide reading of supervisors and auditors no power to act', () => {
    const reader: Actor = { id: 'bcd', role: 'supervisor', wards: ['hang-dao'] };
    expect({ reads: readsWard(reader, 'hang-bac'), acts: actsInWard(reader, 'hang-bac'), list: readableWards(reader) }).toEqual({ reads: true, acts: false, list: null });
    expect({ reads: readsWard(officer, 'hang-dao'), list: readableWards(officer) }).toEqual({ reads: false, list: ['hang-bac'] });
  });
});

describe('the deciding authority under the pinned regime', () => {
  it('lets the district, not the ward chair or its officers, review and recognize a convention drafted under Decision 22/2018', () => {
    const state = submitted('2020-03-02');
    expect(decidingAuthority(state)).toBe('district_peoples_committee');
    for (const actor of [officer, chair]) {
      expect(refusal(state, { type: 'StartReview' }, actor)).toMatchObject({
        code: 'AUTH.FORBIDDEN',
        details: { role: actor.role, command: 'StartReview', authority: 'district_peoples_committee' },
      });
    }
    const underReview = run(state, { type: 'StartReview' }, approver);
    const recognize: RegulationCommand = { type: 'Recognize', decisionNo: '31/QĐ-UBND', decidedOn: underReview.cycle!.dossier!.submittedOn };
    expect(refusal(underReview, recognize, chair).details).toMatchObject({ authority: 'district_peoples_committee' });
    expect(run(underReview, recognize, approver).inForce?.authority).toBe('district_peoples_committee');
  });

  it('lets the ward, not the district, decide under Decree 61/2023', () => {
    const state = submitted('2025-03-03');
    expect(refusal(state, { type: 'StartReview' }, approver).details).toMatchObject({ authority: 'ward_peoples_committee' });
    const underReview = run(state, { type: 'StartReview' }, officer);
    const recognize: RegulationCommand = { type: 'Recognize', decisionNo: '9/QĐ-UBND', decidedOn: underReview.cycle!.dossier!.submittedOn };
    expect(refusal(underReview, recognize, approver).code).toBe('AUTH.FORBIDDEN');
    expect(run(underReview, recognize, chair).status).toBe('in_force');
  });

  it('follows the cycle under way, and gives a ward democracy regulation to the ward chair whatever the regime', () => {
    const facts = (over: Partial<AccessFacts>): AccessFacts => ({ regulationId: 'r', wardCode: 'hang-bac', kind: 'community_convention', regimeId: 'decision-22-2018', cycle: null, ...over });
    expect(decidingAuthority(facts({}))).toBe('district_peoples_committee');
    expect(decidingAuthority(facts({ cycle: { regimeId: 'decree-61-2023', dossier: null } }))).toBe('ward_peoples_committee');
    expect(decidingAuthority(facts({ regimeId: 'two-tier-2025', cycle: { regimeId: 'two-tier-2025', dossier: { authority: 'district_peoples_committee', submittedBy: null } } }))).toBe(
      'district_peoples_committee',
    );
    expect(decidingAuthority(facts({ kind: 'democracy_regulation' }))).toBe('ward_peoples_committee');
  });

  it("gives an agency's regulation to its head and an enterprise's to the employer: the ward's officer records their decisions, the committees may not take them", () => {
    const facts = (kind: AccessFacts['kind']): AccessFacts => ({ regulationId: 'r', wardCode: 'hang-bac', kind, regimeId: 'two-tier-2025', cycle: null });
    expect(decidingAuthority(facts('agency_democracy_regulation'))).toBe('agency_head');
    expect(decidingAuthority(facts('enterprise_democracy_regulation'))).toBe('employer');
    for (const kind of ['agency_democracy_regulation', 'enterprise_democracy_regulation'] as const) {
      for (const type of ['Recognize', 'Repeal'] as const) {
        expect(() => authorize(officer, type, facts(kind))).not.toThrow();
        for (const actor of [chair, approver, front]) expect(() => authorize(actor, type, facts(kind))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
      }
    }
    // The committees' decisions stay theirs: the officer records neither a recognition nor a convention's repeal.
    for (const type of ['Recognize', 'Repeal'] as const) {
      expect(() => authorize(officer, type, facts('community_convention'))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
      expect(() => authorize(officer, type, facts('democracy_regulation'))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    }
    expect(() => authorize(chair, 'Repeal', facts('democracy_regulation'))).not.toThrow();
    expect(() => authorize(approver, 'Repeal', { ...facts('community_convention'), regimeId: 'decision-22-2018' })).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    expect(() => authorize(chair, 'Repeal', { ...facts('community_convention'), regimeId: 'decision-22-2018' })).not.toThrow();
  });

  it('offers each kind its own holders: the officer issues nothing of a committee, the chair nothing of an agency or an enterprise', () => {
    const holders = (type: 'Recognize' | 'Repeal' | 'RecordConference' | 'Withdraw', kind: AccessFacts['kind']) =>
      (['officer', 'ward_chair', 'district_approver', 'front'] as const).filter((role) => mayEverIssueOn(role, type, kind));
    expect(holders('Recognize', 'community_convention')).toEqual(['ward_chair', 'district_approver']);
    expect(holders('Repeal', 'democracy_regulation')).toEqual(['ward_chair']);
    expect(holders('Recognize', 'agency_democracy_regulation')).toEqual(['officer']);
    expect(holders('Repeal', 'enterprise_democracy_regulation')).toEqual(['officer']);
    expect(holders('RecordConference', 'agency_democracy_regulation')).toEqual(['officer']);
    expect(holders('Withdraw', 'enterprise_democracy_regulation')).toEqual(['officer', 'ward_chair']);
  });
});

describe('separation of duties', () => {
  it('refuses the recognition by the actor who submitted the dossier, whatever role they now hold; another chair recognizes', () => {
    const dual: Actor = { id: 'nguyen-van-b', role: 'officer', wards: ['hang-bac'] };
    const state = run(submitted('2025-03-03', dual), { type: 'StartReview' }, officer);
    expect(state.cycle?.dossier?.submittedBy).toBe('nguyen-van-b');
    const recognize: RegulationCommand = { type: 'Recognize', decisionNo: '9/QĐ-UBND', decidedOn: state.cycle!.dossier!.submittedOn };
    const error = refusal(state, recognize, { ...dual, role: 'ward_chair' });
    expect({ code: error.code, details: error.details }).toEqual({ code: 'AUTH.SEPARATION_OF_DUTIES', details: { regulationId: 'reg-1' } });
    expect(run(state, recognize, chair).status).toBe('in_force');
  });

  it('cannot check a dossier whose event did not record its submitter (submitted before it was recorded)', () => {
    const facts: AccessFacts = {
      regulationId: 'r',
      wardCode: 'hang-bac',
      kind: 'community_convention',
      regimeId: 'decree-61-2023',
      cycle: { regimeId: 'decree-61-2023', dossier: { authority: 'ward_peoples_committee', submittedBy: null } },
    };
    expect(() => authorize(chair, 'Recognize', facts)).not.toThrow();
    expect(() => authorize(chair, 'Recognize', { ...facts, cycle: { ...facts.cycle!, dossier: { authority: 'ward_peoples_committee', submittedBy: chair.id } } })).toThrow(
      expect.objectContaining({ code: 'AUTH.SEPARATION_OF_DUTIES' }),
    );
  });
});

describe('the actor of an envelope from any client', () => {
  it('must carry an id, a known role and its wards (COMMAND.INVALID naming the field)', () => {
    const drafted = run(initialState('reg-1'), create('2025-03-03'), officer);
    const revise: RegulationCommand = { type: 'ReviseDraft', text: 't', summary: 's' };
    const cases: [unknown, string][] = [
      [undefined, 'actor.id'],
      [{ role: 'officer', wards: ['hang-bac'] }, 'actor.id'],
      [{ id: 'x', role: 'admin', wards: ['hang-bac'] }, 'actor.role'],
      [{ id: 'officer-hang-bac', role: 'officer' }, 'actor.wards'],
      [{ id: 'officer-hang-bac', role: 'officer', wards: 'hang-bac' }, 'actor.wards'],
      [{ id: 'officer-hang-bac', role: 'officer', wards: [7] }, 'actor.wards'],
    ];
    for (const [actor, field] of cases) {
      const error = refusal(drafted, revise, actor);
      expect({ field, code: error.code, got: error.details.field }).toEqual({ field, code: 'COMMAND.INVALID', got: field });
    }
  });

  it('refuses a command to a regulation not drafted yet by role, then as not found', () => {
    const none = initialState('reg-1');
    expect(refusal(none, { type: 'Repeal', repealedOn: '2025-06-01', decisionNo: '1', reason: 'r' }, front).code).toBe('AUTH.FORBIDDEN');
    expect(refusal(none, { type: 'Repeal', repealedOn: '2025-06-01', decisionNo: '1', reason: 'r' }, chair).code).toBe('REGULATION.INVALID_TRANSITION');
  });

  it('lets the workflow’s timers close a consultation; replayed histories decide without the check', () => {
    let state = run(initialState('reg-1'), create('2025-03-03'), officer);
    state = run(state, { type: 'OpenConsultation', openedOn: '2025-03-03', days: 30, channels: ['meeting'] }, officer);
    expect(run(state, { type: 'CloseConsultation' }, system).cycle?.phase).toBe('revising');
    const recorded = { commandId: 'old', actor: { id: 'officer-1', role: 'officer' }, command: { type: 'CloseConsultation' } } as unknown as CommandEnvelope;
    expect(() => decide(recorded, state, NOW)).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
    expect(decideAsRecordedBeforeAccessRules(recorded, state, NOW).map((e) => e.type)).toEqual(['ConsultationClosed']);
  });
});
