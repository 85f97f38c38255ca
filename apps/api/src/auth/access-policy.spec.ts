/** The access policy as data: who holds each command, and who decides a dossier under which regime. */
import { commandTypes, timerOnlyCommandTypes } from '@app/domain';
import { ApiCommandType, commandPowers, decidingAuthority, mayEverIssue, mayIssue, RegulationAccessFacts } from './access-policy';
import { callerRoles, coversWard, principalFromClaims, readableWards } from './principal';

const facts = (over: Partial<RegulationAccessFacts> = {}): RegulationAccessFacts => ({
  wardCode: 'hang-bac',
  kind: 'community_convention',
  regimeId: 'decree-61-2023',
  cycleRegimeId: 'decree-61-2023',
  dossierAuthority: null,
  ...over,
});

describe('command powers', () => {
  it('covers every command of the api, and no timer command', () => {
    const apiCommands = commandTypes.filter((type) => !timerOnlyCommandTypes.includes(type));
    expect(Object.keys(commandPowers).sort()).toEqual([...apiCommands].sort());
  });

  it('gives the steering committee and the auditors no command at all', () => {
    for (const type of Object.keys(commandPowers) as ApiCommandType[]) {
      expect({ type, supervisor: mayEverIssue('supervisor', type), auditor: mayEverIssue('auditor', type) }).toEqual({ type, supervisor: false, auditor: false });
    }
  });

  it('lets the Front only submit its critique', () => {
    const frontCommands = (Object.keys(commandPowers) as ApiCommandType[]).filter((type) => mayEverIssue('front', type));
    expect(frontCommands).toEqual(['SubmitCritique']);
  });

  it('gives recognition and return of a dossier to the body that decides it', () => {
    for (const type of ['Recognize', 'ReturnDossier'] as const) {
      expect(mayIssue('ward_chair', type, 'ward_peoples_committee')).toBe(true);
      expect(mayIssue('ward_chair', type, 'district_peoples_committee')).toBe(false);
      expect(mayIssue('district_approver', type, 'district_peoples_committee')).toBe(true);
      expect(mayIssue('district_approver', type, 'ward_peoples_committee')).toBe(false);
      expect(mayIssue('officer', type, 'ward_peoples_committee')).toBe(false);
    }
    expect(mayIssue('officer', 'StartReview', 'ward_peoples_committee')).toBe(true);
    expect(mayIssue('officer', 'StartReview', 'district_peoples_committee')).toBe(false);
  });
});

describe('deciding authority', () => {
  it('is the district for a convention drafted under Decision 22/2018, the ward under the later regimes', () => {
    expect(decidingAuthority(facts({ regimeId: 'decision-22-2018', cycleRegimeId: 'decision-22-2018' }))).toBe('district_peoples_committee');
    expect(decidingAuthority(facts())).toBe('ward_peoples_committee');
    expect(decidingAuthority(facts({ regimeId: 'two-tier-2025', cycleRegimeId: null }))).toBe('ward_peoples_committee');
  });

  it('follows the cycle under way, and once submitted the dossier', () => {
    expect(decidingAuthority(facts({ regimeId: 'decision-22-2018', cycleRegimeId: 'decree-61-2023' }))).toBe('ward_peoples_committee');
    expect(decidingAuthority(facts({ dossierAuthority: 'district_peoples_committee' }))).toBe('district_peoples_committee');
  });

  it('is always the ward chair for a ward democracy regulation', () => {
    expect(decidingAuthority(facts({ kind: 'democracy_regulation', regimeId: 'decision-22-2018', cycleRegimeId: 'decision-22-2018' }))).toBe(
      'ward_peoples_committee',
    );
  });
});

describe('principal claims', () => {
  it('takes sub, role and known ward codes, or * for the district', () => {
    expect(principalFromClaims({ sub: 'a', role: 'officer', wards: ['hang-bac', 'hang-bac', 'hang-dao'] })).toEqual({ id: 'a', role: 'officer', wards: ['hang-bac', 'hang-dao'] });
    expect(principalFromClaims({ sub: 'a', role: 'district_approver', wards: ['*'] })).toEqual({ id: 'a', role: 'district_approver', wards: ['*'] });
    expect(principalFromClaims({ sub: 'a', role: 'auditor' })).toEqual({ id: 'a', role: 'auditor', wards: ['*'] });
  });

  it('names the claim that is missing or wrong', () => {
    expect(principalFromClaims({ role: 'officer', wards: ['hang-bac'] })).toEqual({ invalid: 'sub' });
    expect(principalFromClaims({ sub: 'a', role: 'system', wards: ['hang-bac'] })).toEqual({ invalid: 'role' });
    expect(principalFromClaims({ sub: 'a', role: 'officer' })).toEqual({ invalid: 'wards' });
    expect(principalFromClaims({ sub: 'a', role: 'officer', wards: ['hang-bac', 7] })).toEqual({ invalid: 'wards' });
    expect(principalFromClaims({ sub: 'a', role: 'officer', wards: Array(101).fill('hang-bac') })).toEqual({ invalid: 'wards' });
  });

  it('scopes reads: own wards for ward-bound roles, everything for supervisors and auditors', () => {
    for (const role of callerRoles) {
      const principal = { id: 'x', role, wards: ['hang-bac'] };
      const everywhere = role === 'supervisor' || role === 'auditor';
      expect({ role, other: coversWard(principal, 'hang-dao'), list: readableWards(principal) }).toEqual({
        role,
        other: everywhere,
        list: everywhere ? null : ['hang-bac'],
      });
    }
    expect(readableWards({ id: 'x', role: 'officer', wards: ['*'] })).toBeNull();
  });
});
