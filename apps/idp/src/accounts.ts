/**
 * The identity provider's accounts: who may sign in, with the claims the api needs (`sub`, `role`, `wards`) and a
 * display name. Passwords are kept as scrypt hashes only (`scrypt$<N>$<r>$<p>$<salt>$<hash>`, base64url), checked in
 * constant time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const accountRoles = ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor'] as const;
export type AccountRole = (typeof accountRoles)[number];

/** One account of the data file (apps/idp/src/demo-accounts.json). */
export interface AccountRecord {
  /** The user name typed on the login page, and the `sub` of its tokens (the actor id recorded in events). */
  username: string;
  /** The person's name: the ID token's `name`. */
  name: string;
  /** The office held, shown in the list `npm start` prints. */
  title?: string;
  role: AccountRole;
  /** Ward codes, or [`*`] for the whole district. */
  wards: string[];
}

/** An account able to sign in: its record and its password hash. */
export interface Account extends AccountRecord {
  passwordHash: string;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;
const WARD = /^(\*|[a-z0-9]+(-[a-z0-9]+)*)$/;

/** The accounts of a data file's JSON, or an error naming the first wrong entry. */
export function parseAccountRecords(json: unknown): AccountRecord[] {
  const list = (json as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(list) || list.length === 0) throw new Error('the accounts file must hold a non-empty "accounts" list');
  const seen = new Set<string>();
  return list.map((entry: Partial<AccountRecord>, index) => {
    const where = `accounts[${index}]`;
    if (typeof entry.username !== 'string' || !USERNAME.test(entry.username)) throw new Error(`${where}.username is missing or not a valid subject`);
    if (seen.has(entry.username)) throw new Error(`${where}.username ${entry.username} appears twice`);
    seen.add(entry.username);
    if (typeof entry.name !== 'string' || entry.name.trim() === '') throw new Error(`${where}.name is missing`);
    if (!accountRoles.includes(entry.role as AccountRole)) throw new Error(`${where}.role must be one of ${accountRoles.join(', ')}`);
    if (!Array.isArray(entry.wards) || entry.wards.length === 0 || !entry.wards.every((w) => typeof w === 'string' && WARD.test(w))) {
      throw new Error(`${where}.wards must list ward codes or "*"`);
    }
    return { username: entry.username, name: entry.name, title: entry.title, role: entry.role as AccountRole, wards: [...entry.wards] };
  });
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password.normalize('NFC'), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Whether `password` matches the hash; a malformed hash matches nothing. */
export function verifyPassword(password: string, passwordHash: string): boolean {
  const parts = passwordHash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (![N, r, p].every(Number.isSafeInteger) || expected.length !== 32) return false;
  const actual = scryptSync(password.normalize('NFC'), salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** A readable random password for a demo account: 4 groups of 4 lowercase letters and digits (80 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 4, 8, 12].map((at) => chars.slice(at, at + 4).join('')).join('-');
}
