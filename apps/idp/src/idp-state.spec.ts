import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoAccountRecords, idpStateDir, loadOrCreateIdpState } from './idp-state';

describe("the provider's state in a data directory", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-state-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is generated once, readable by the owner only, and kept', () => {
    const records = demoAccountRecords();
    const first = loadOrCreateIdpState(dataDir, records);
    expect(first.signingKeys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), d: expect.any(String) })]);
    expect(Object.keys(first.passwords).sort()).toEqual(records.map((r) => r.username).sort());
    for (const file of ['jwks.json', 'cookie-keys.json', 'web-client.json', 'demo-passwords.json']) {
      expect({ file, mode: fs.statSync(path.join(idpStateDir(dataDir), file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
    expect(loadOrCreateIdpState(dataDir, records)).toEqual(first);
  });

  it('gives a new account a password and keeps the others; IDP_DEMO_PASSWORD replaces them all without touching the file', () => {
    const records = demoAccountRecords();
    const first = loadOrCreateIdpState(dataDir, records.slice(0, 3));
    const grown = loadOrCreateIdpState(dataDir, records.slice(0, 4));
    expect(grown.passwords).toEqual({ ...first.passwords, [records[3].username]: expect.stringMatching(/^\w{4}-\w{4}-\w{4}-\w{4}$/) });
    const fixed = loadOrCreateIdpState(dataDir, records.slice(0, 4), 'demo');
    expect(Object.values(fixed.passwords)).toEqual(['demo', 'demo', 'demo', 'demo']);
    expect(JSON.parse(fs.readFileSync(path.join(idpStateDir(dataDir), 'demo-passwords.json'), 'utf8'))).toEqual(grown.passwords);
  });
});
