import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUnitCode } from '@app/domain';
import { generatePassword, hashPassword, parseAccountRecords, verifyPassword } from './accounts';
import { withPasswords } from './idp-state';

describe('passwords', () => {
  it('verify against their scrypt hash only, in NFC', () => {
    const hash = hashPassword('Mật khẩu 1');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(verifyPassword('Mật khẩu 1', hash)).toBe(true);
    expect(verifyPassword('Mật khẩu 1'.normalize('NFD'), hash)).toBe(true);
    expect(verifyPassword('Mật khẩu 2', hash)).toBe(false);
    expect(hashPassword('same')).not.toBe(hashPassword('same'));
  });

  it('a malformed hash matches nothing', () => {
    for (const hash of ['', 'plain', 'scrypt$1$2$3$salt', 'bcrypt$16384$8$1$c2FsdA$aGFzaA', 'scrypt$x$8$1$c2FsdA$aGFzaA']) {
      expect(verifyPassword('anything', hash)).toBe(false);
    }
  });

  it('generated demo passwords are 4 groups of 4 unambiguous characters, and differ', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/);
  });
});

describe('the accounts file', () => {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, 'demo-accounts.json'), 'utf8')) as { accounts: Record<string, unknown>[] };

  it('holds an officer, a chair and a Front account per demo ward, the district approver, a supervisor and an auditor', () => {
    const records = parseAccountRecords(file);
    const wards = [...new Set(records.filter((r) => r.role === 'officer').map((r) => r.wards[0]))];
    expect(wards.length).toBe(4);
    for (const ward of wards) {
      expect(isUnitCode(ward)).toBe(true);
      expect(records.filter((r) => r.wards.length === 1 && r.wards[0] === ward).map((r) => [r.username, r.role])).toEqual([
        [`officer-${ward}`, 'officer'],
        [`chair-${ward}`, 'ward_chair'],
        [`front-${ward}`, 'front'],
      ]);
    }
    expect(records.filter((r) => r.wards[0] === '*').map((r) => [r.username, r.role])).toEqual([
      ['district-approver-hoan-kiem', 'district_approver'],
      ['bcd-hoan-kiem', 'supervisor'],
      ['auditor-hoan-kiem', 'auditor'],
    ]);
    expect(records.every((r) => /\p{Script=Latin}+ /u.test(r.name))).toBe(true);
  });

  it('refuses a wrong entry, naming it', () => {
    const base = { username: 'officer-hang-bac', name: 'Nguyễn Thị Lan', role: 'officer', wards: ['hang-bac'] };
    expect(() => parseAccountRecords({ accounts: [] })).toThrow('non-empty "accounts" list');
    expect(() => parseAccountRecords({ accounts: [base, base] })).toThrow('accounts[1].username officer-hang-bac appears twice');
    expect(() => parseAccountRecords({ accounts: [{ ...base, role: 'admin' }] })).toThrow('accounts[0].role must be one of');
    expect(() => parseAccountRecords({ accounts: [{ ...base, wards: [] }] })).toThrow('accounts[0].wards');
    expect(() => parseAccountRecords({ accounts: [{ ...base, username: 'has space' }] })).toThrow('accounts[0].username');
    expect(() => parseAccountRecords({ accounts: [{ ...base, name: ' ' }] })).toThrow('accounts[0].name is missing');
  });
});

describe('demo accounts with their passwords', () => {
  it('verify the password of each, hashed on first use', () => {
    const records = parseAccountRecords({ accounts: [{ username: 'officer-hang-bac', name: 'Nguyễn Thị Lan', role: 'officer', wards: ['hang-bac'] }] });
    const [account] = withPasswords(records, { 'officer-hang-bac': 'abcd-efgh-ijkm-npqr' });
    expect(account).toMatchObject({ username: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] });
    expect(verifyPassword('abcd-efgh-ijkm-npqr', account.passwordHash)).toBe(true);
    expect(account.passwordHash).toBe(account.passwordHash);
    expect(verifyPassword('abcd-efgh-ijkm-npqs', account.passwordHash)).toBe(false);
  });
});
