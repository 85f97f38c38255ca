/** The token command's signing key: generated once into `${DATA_DIR}/keys`; the api verifies with its public half only. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { localPublicKeyPem, mintDemoTokens } from '../../../../scripts/token';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER, type AuthConfig } from './auth.config';
import { mintToken } from './dev-tokens';
import { loadOrCreateSigningKey, publicKeyPem, SIGNING_KEY_FILE } from './signing-key';
import { TokenVerifier } from './token-verifier';

let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(() => Logger.overrideLogger(false));

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-auth-'));
});

afterEach(() => {
  process.env = { ...savedEnv };
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const config = (key: { publicKey?: string; publicKeyFile?: string }): AuthConfig => ({
  jwksUrl: null,
  issuer: LOCAL_ISSUER,
  audience: DEFAULT_AUDIENCE,
  algorithms: ['ES256'],
  publicKey: key.publicKey ?? null,
  publicKeyFile: key.publicKeyFile ?? null,
  clockToleranceSeconds: 30,
  commandRateLimit: 600,
  commandRateWindowSeconds: 60,
  readRateLimit: 3000,
  readRateWindowSeconds: 60,
  streamsPerClient: 5,
});

it('generates one ES256 key, private to its owner, and every caller gets the same one, even all at once', async () => {
  const keyDir = path.join(dataDir, 'auth');
  const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKey({ signingKey: null, keyDir })));
  expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
  expect(keys[0].alg).toBe('ES256');
  expect(fs.readdirSync(keyDir)).toEqual([SIGNING_KEY_FILE]);
  expect(fs.statSync(path.join(keyDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
  expect(fs.statSync(keyDir).mode & 0o777).toBe(0o700);
  expect((await loadOrCreateSigningKey({ signingKey: null, keyDir })).kid).toBe(keys[0].kid);
});

it('mints the demo tokens with a key in DATA_DIR/keys whose public half, alone, verifies them', async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.AUTH_SIGNING_KEY;
  delete process.env.AUTH_JWKS_URL;
  const tokens = await mintDemoTokens();
  expect(Object.keys(tokens).sort()).toEqual(['auditor', 'district_approver', 'front', 'officer', 'supervisor', 'ward_chair']);
  expect(fs.readdirSync(path.join(dataDir, 'keys'))).toEqual([SIGNING_KEY_FILE]);
  const publicKey = (await localPublicKeyPem()) as string;
  expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  const publicKeyFile = path.join(dataDir, 'public-key.pem');
  fs.writeFileSync(publicKeyFile, publicKey);
  for (const verifier of [await TokenVerifier.create(config({ publicKey })), await TokenVerifier.create(config({ publicKeyFile }))]) {
    expect(await verifier.verify(`Bearer ${tokens.officer}`)).toEqual({ id: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] });
  }
  const verifier = await TokenVerifier.create(config({ publicKey }));
  expect(await verifier.verify(`Bearer ${tokens.officer}`)).toEqual({ id: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] });
  expect(await verifier.verify(`Bearer ${tokens.ward_chair}`)).toEqual({ id: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] });
  expect(await verifier.verify(`Bearer ${tokens.auditor}`)).toMatchObject({ role: 'auditor', wards: ['*'] });
  // A key of another data folder does not verify them.
  const other = await loadOrCreateSigningKey({ signingKey: null, keyDir: path.join(dataDir, 'other') });
  const elsewhere = await TokenVerifier.create(config({ publicKey: publicKeyPem(other) }));
  await expect(elsewhere.verify(`Bearer ${tokens.officer}`)).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
});

it('mints nothing when an identity provider issues the tokens', async () => {
  process.env.AUTH_JWKS_URL = 'https://sso.example.vn/realms/reglife/protocol/openid-connect/certs';
  expect(await mintDemoTokens()).toEqual({});
});

it('takes AUTH_SIGNING_KEY as PEM (with \\n escapes) or as a private JWK', async () => {
  const pem = fs.readFileSync(path.join((await loadOrCreateSigningKey({ signingKey: null, keyDir: path.join(dataDir, 'k') })).source), 'utf8');
  const fromPem = await loadOrCreateSigningKey({ signingKey: pem.replace(/\n/g, '\\n'), keyDir: '/nonexistent' });
  const jwk = JSON.stringify(fromPem.privateKey.export({ format: 'jwk' }));
  const fromJwk = await loadOrCreateSigningKey({ signingKey: jwk, keyDir: '/nonexistent' });
  expect(fromJwk.kid).toBe(fromPem.kid);
  const token = await mintToken(fromJwk, { sub: 'x', role: 'front', wards: ['hang-bac'] }, { issuer: LOCAL_ISSUER, audience: DEFAULT_AUDIENCE });
  const verifier = await TokenVerifier.create(config({ publicKey: JSON.stringify(fromPem.publicKey.export({ format: 'jwk' })) }));
  expect(await verifier.verify(`Bearer ${token}`)).toMatchObject({ id: 'x', role: 'front' });
});

it('verifies with a public key only: refuses a private key, a missing key, and a file it cannot read', async () => {
  const key = await loadOrCreateSigningKey({ signingKey: null, keyDir: path.join(dataDir, 'k') });
  const privatePem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const privateJwk = JSON.stringify(key.privateKey.export({ format: 'jwk' }));
  await expect(TokenVerifier.create(config({ publicKey: privatePem }))).rejects.toThrow(/AUTH_PUBLIC_KEY holds a private key: the api verifies with the public key only/);
  await expect(TokenVerifier.create(config({ publicKey: privateJwk }))).rejects.toThrow(/AUTH_PUBLIC_KEY holds a private key/);
  await expect(TokenVerifier.create(config({ publicKeyFile: key.source }))).rejects.toThrow(/holds a private key/);
  await expect(TokenVerifier.create(config({ publicKey: 'not a key' }))).rejects.toThrow(/AUTH_PUBLIC_KEY is not a public key/);
  await expect(TokenVerifier.create(config({}))).rejects.toThrow(/no key to verify bearer tokens with/);
  await expect(TokenVerifier.create(config({ publicKeyFile: path.join(dataDir, 'missing.pem') }))).rejects.toThrow(/cannot read AUTH_PUBLIC_KEY_FILE/);
});
