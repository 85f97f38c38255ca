/**
 * What the embedded provider keeps per data directory (DATA_DIR/idp, files readable by the owner only): its signing
 * keys (a JWKS), its cookie keys, the web client's secret and the demo accounts' passwords, generated on the first
 * start and kept, so that a restart keeps sessions, tokens and passwords valid.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JWK } from 'oidc-provider';
import { Account, AccountRecord, generatePassword, hashPassword, parseAccountRecords } from './accounts';
import { generateCookieKey, generateSigningJwk } from './identity-provider';

export interface IdpState {
  signingKeys: JWK[];
  cookieKeys: string[];
  /** The secret of the api's client `reglife-web` (OIDC_CLIENT_SECRET). */
  clientSecret: string;
  /** Each demo account's password, by user name. */
  passwords: Record<string, string>;
}

export const idpStateDir = (dataDir: string): string => path.join(dataDir, 'idp');

function loadOrCreate<T>(file: string, create: () => T, complete: (value: T) => T = (value) => value): T {
  let value: T | undefined;
  if (fs.existsSync(file)) value = JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  const next = complete(value ?? create());
  if (JSON.stringify(next) !== JSON.stringify(value)) fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  return next;
}

/**
 * The state of `dataDir`, created where missing. `demoPassword` (IDP_DEMO_PASSWORD) gives every demo account that
 * one password instead of its own generated one.
 */
export function loadOrCreateIdpState(dataDir: string, records: AccountRecord[], demoPassword?: string): IdpState {
  const dir = idpStateDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const jwks = loadOrCreate(path.join(dir, 'jwks.json'), () => ({ keys: [generateSigningJwk()] }));
  const cookieKeys = loadOrCreate(path.join(dir, 'cookie-keys.json'), () => [generateCookieKey()]);
  const client = loadOrCreate(path.join(dir, 'web-client.json'), () => ({ clientSecret: generateCookieKey() }));
  const stored = loadOrCreate<Record<string, string>>(path.join(dir, 'demo-passwords.json'), () => ({}), (passwords) => {
    const complete = { ...passwords };
    for (const { username } of records) complete[username] ??= generatePassword();
    return complete;
  });
  const passwords = demoPassword ? Object.fromEntries(records.map(({ username }) => [username, demoPassword])) : stored;
  return { signingKeys: jwks.keys, cookieKeys, clientSecret: client.clientSecret, passwords };
}

/** The demo accounts of the data file. */
export function demoAccountRecords(): AccountRecord[] {
  return parseAccountRecords(JSON.parse(fs.readFileSync(path.join(__dirname, 'demo-accounts.json'), 'utf8')));
}

/**
 * Accounts able to sign in: each record with the hash of its password, computed at its first sign-in (scrypt takes
 * some 50 ms an account: hashing all the demo accounts would hold the start for seconds).
 */
export function withPasswords(records: AccountRecord[], passwords: Record<string, string>): Account[] {
  return records.map((record) => {
    let hash: string | undefined;
    return Object.defineProperty({ ...record }, 'passwordHash', {
      enumerable: true,
      get: () => (hash ??= hashPassword(passwords[record.username])),
    }) as Account;
  });
}
