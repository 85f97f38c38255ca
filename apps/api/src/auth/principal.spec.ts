/** The principal a token's claims name: the actor of its commands, and the wards it reads. */
import { readableWards, readsWard } from '@app/domain';
import { callerRoles, principalFromClaims } from './principal';

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
      expect({ role, other: readsWard(principal, 'hang-dao'), list: readableWards(principal) }).toEqual({
        role,
        other: everywhere,
        list: everywhere ? null : ['hang-bac'],
      });
    }
    expect(readableWards({ id: 'x', role: 'officer', wards: ['*'] })).toBeNull();
  });
});
