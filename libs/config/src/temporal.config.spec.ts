import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { temporalConfig, temporalEnvProblems } from './temporal.config';
import { validateEnv } from './validate-env';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
const ca = path.join(dir, 'ca.pem');
const cert = path.join(dir, 'client.pem');
const key = path.join(dir, 'client.key');
for (const file of [ca, cert, key]) fs.writeFileSync(file, `-----BEGIN ${path.basename(file)}-----\n`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Temporal TLS and API-key settings', () => {
  it('accepts plaintext (the default), TLS alone, TLS with a CA and a server name, mTLS, and an API key over TLS', () => {
    for (const env of [
      {},
      { TEMPORAL_TLS: 'off' },
      { TEMPORAL_TLS: '', TEMPORAL_API_KEY: '' },
      { TEMPORAL_TLS: 'on' },
      { TEMPORAL_TLS: 'on', TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' },
      { TEMPORAL_TLS: 'true', TEMPORAL_TLS_CERT_FILE: cert, TEMPORAL_TLS_KEY_FILE: key },
      { TEMPORAL_TLS: 'on', TEMPORAL_API_KEY: 'eyJhbGciOi.key' },
    ]) {
      expect({ env, problems: temporalEnvProblems(env) }).toEqual({ env, problems: [] });
    }
  });

  it('refuses inconsistent or unreadable settings, naming each variable', () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ TEMPORAL_TLS: 'yes' }, ['TEMPORAL_TLS must be on or off']],
      [{ TEMPORAL_TLS: 'constructor' }, ['TEMPORAL_TLS must be on or off']],
      [{ TEMPORAL_TLS: 'on', TEMPORAL_TLS_CERT_FILE: cert }, ['TEMPORAL_TLS_CERT_FILE is set without TEMPORAL_TLS_KEY_FILE: mTLS needs both']],
      [{ TEMPORAL_TLS: 'on', TEMPORAL_TLS_KEY_FILE: key }, ['TEMPORAL_TLS_KEY_FILE is set without TEMPORAL_TLS_CERT_FILE: mTLS needs both']],
      [{ TEMPORAL_TLS: 'on', TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem') }, [`TEMPORAL_TLS_CA_FILE names ${path.join(dir, 'missing.pem')}, which cannot be read`]],
      [
        { TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_API_KEY: 'k' },
        ['TEMPORAL_TLS_CA_FILE is set but TEMPORAL_TLS is off: set TEMPORAL_TLS=on', 'TEMPORAL_API_KEY is set but TEMPORAL_TLS is off: set TEMPORAL_TLS=on'],
      ],
      [{ TEMPORAL_TLS: 'off', TEMPORAL_TLS_SERVER_NAME: 'x' }, ['TEMPORAL_TLS_SERVER_NAME is set but TEMPORAL_TLS is off: set TEMPORAL_TLS=on']],
      [{ TEMPORAL_TLS: 'on', TEMPORAL_API_KEY: 'two words' }, ['TEMPORAL_API_KEY must not contain whitespace']],
    ];
    for (const [env, problems] of cases) expect({ env, problems: temporalEnvProblems(env) }).toEqual({ env, problems });
  });

  it('stops the start through validateEnv with every problem in one message', () => {
    expect(() => validateEnv({ TEMPORAL_TLS: 'on', TEMPORAL_TLS_CERT_FILE: cert, TEMPORAL_API_KEY: 'a b' })).toThrow(
      'invalid configuration: TEMPORAL_TLS_CERT_FILE is set without TEMPORAL_TLS_KEY_FILE: mTLS needs both; TEMPORAL_API_KEY must not contain whitespace',
    );
  });

  it('reads the settings into the temporal namespace, empty values as absent', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        TEMPORAL_TLS: 'on',
        TEMPORAL_TLS_CA_FILE: ca,
        TEMPORAL_TLS_CERT_FILE: cert,
        TEMPORAL_TLS_KEY_FILE: key,
        TEMPORAL_TLS_SERVER_NAME: '',
        TEMPORAL_API_KEY: 'k',
      });
      expect(temporalConfig()).toMatchObject({
        tls: { caFile: ca, certFile: cert, keyFile: key, serverName: null },
        apiKey: 'k',
      });
      Object.assign(process.env, { TEMPORAL_TLS: 'off', TEMPORAL_API_KEY: '' });
      expect(temporalConfig()).toMatchObject({ tls: null, apiKey: null });
    } finally {
      process.env = saved;
    }
  });
});
