import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TemporalConfig } from '@app/config';
import { temporalConnectionOptions } from './temporal-connection-options';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-options-'));
const files = { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'client.pem'), key: path.join(dir, 'client.key') };
for (const [name, file] of Object.entries(files)) fs.writeFileSync(file, `${name} bytes`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Settings = Pick<TemporalConfig, 'address' | 'tls' | 'apiKey'>;
const plain: Settings = { address: 'temporal:7233', tls: null, apiKey: null };
const tls = (over: Partial<NonNullable<TemporalConfig['tls']>> = {}): Settings['tls'] => ({
  caFile: null,
  certFile: null,
  keyFile: null,
  serverName: null,
  ...over,
});

describe('temporalConnectionOptions', () => {
  it('gives the address alone for a plaintext connection', () => {
    expect(temporalConnectionOptions(plain)).toEqual({ address: 'temporal:7233' });
  });

  it('turns TLS on with the system CAs when no file is given', () => {
    expect(temporalConnectionOptions({ ...plain, tls: tls() })).toEqual({ address: 'temporal:7233', tls: {} });
  });

  it('maps the CA, the server name and the client pair (mTLS) with the files’ bytes, and the API key', () => {
    const options = temporalConnectionOptions({
      address: 'ns.tmprl.cloud:7233',
      tls: tls({ caFile: files.ca, certFile: files.cert, keyFile: files.key, serverName: 'ns.tmprl.cloud' }),
      apiKey: 'secret',
    });
    expect(options).toEqual({
      address: 'ns.tmprl.cloud:7233',
      tls: {
        serverNameOverride: 'ns.tmprl.cloud',
        serverRootCACertificate: Buffer.from('ca bytes'),
        clientCertPair: { crt: Buffer.from('cert bytes'), key: Buffer.from('key bytes') },
      },
      apiKey: 'secret',
    });
  });

  it('refuses an API key without TLS, half a client pair, and an unreadable file, naming the variable', () => {
    expect(() => temporalConnectionOptions({ ...plain, apiKey: 'secret' })).toThrow('TEMPORAL_API_KEY needs TEMPORAL_TLS=on');
    expect(() => temporalConnectionOptions({ ...plain, tls: tls({ certFile: files.cert }) })).toThrow(/TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together/);
    const missing = path.join(dir, 'gone.pem');
    expect(() => temporalConnectionOptions({ ...plain, tls: tls({ caFile: missing }) })).toThrow(`TEMPORAL_TLS_CA_FILE: cannot read ${missing} (ENOENT)`);
  });
});
