import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AdapterPayload } from 'oidc-provider';
import { freePort } from '../../../tools/dev-stack/servers';
import { hashPassword } from './accounts';
import { generateCookieKey, generateSigningJwk, RunningIdentityProvider, startIdentityProvider, WEB_CLIENT_ID } from './identity-provider';
import { ProviderStore } from './provider-store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ProviderStore', () => {
  const payload = (fields: object) => fields as AdapterPayload;

  it('finds what was upserted until it expires, by id, by uid and by user code', async () => {
    let now = 1_000_000;
    const store = new ProviderStore(null, () => now);
    const sessions = store.adapter('Session');
    await sessions.upsert('s-1', payload({ uid: 'u-1', accountId: 'officer' }), 60);
    await store.adapter('DeviceCode').upsert('d-1', payload({ userCode: 'ABCD' }), 60);
    expect(await sessions.find('s-1')).toEqual({ uid: 'u-1', accountId: 'officer' });
    expect(await sessions.findByUid('u-1')).toEqual({ uid: 'u-1', accountId: 'officer' });
    expect(await store.adapter('DeviceCode').findByUserCode('ABCD')).toEqual({ userCode: 'ABCD' });
    expect(await store.adapter('Grant').find('s-1')).toBeUndefined();
    now += 60_000;
    expect(await sessions.find('s-1')).toBeUndefined();
    expect(await sessions.findByUid('u-1')).toBeUndefined();
  });

  it("consumes and destroys; revoking a grant removes its tokens of every model, and nothing else", async () => {
    const store = new ProviderStore(null);
    await store.adapter('AuthorizationCode').upsert('c-1', payload({ grantId: 'g-1' }), 60);
    await store.adapter('RefreshToken').upsert('r-1', payload({ grantId: 'g-1' }), 60);
    await store.adapter('RefreshToken').upsert('r-2', payload({ grantId: 'g-2' }), 60);
    await store.adapter('Grant').upsert('g-1', payload({ accountId: 'officer' }), 60);
    await store.adapter('AuthorizationCode').consume('c-1');
    expect(await store.adapter('AuthorizationCode').find('c-1')).toEqual({ grantId: 'g-1', consumed: expect.any(Number) });
    await store.adapter('RefreshToken').revokeByGrantId('g-1');
    expect(await store.adapter('AuthorizationCode').find('c-1')).toBeUndefined();
    expect(await store.adapter('RefreshToken').find('r-1')).toBeUndefined();
    expect(await store.adapter('RefreshToken').find('r-2')).toEqual({ grantId: 'g-2' });
    expect(await store.adapter('Grant').find('g-1')).toEqual({ accountId: 'officer' });
    await store.adapter('Grant').destroy('g-1');
    expect(await store.adapter('Grant').find('g-1')).toBeUndefined();
  });

  it('keeps its file (readable by the owner only) for the next start, without what expired meanwhile', async () => {
    const file = path.join(dir, 'store.json');
    let now = 1_000_000;
    const first = new ProviderStore(file, () => now);
    await first.adapter('Session').upsert('long', payload({ uid: 'u-1' }), 3600);
    await first.adapter('Session').upsert('short', payload({ uid: 'u-2' }), 60);
    await first.adapter('RefreshToken').upsert('r-1', payload({ grantId: 'g-1' }), 3600);
    await first.adapter('RefreshToken').consume('r-1');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    now += 120_000;
    const second = new ProviderStore(file, () => now);
    expect(await second.adapter('Session').findByUid('u-1')).toEqual({ uid: 'u-1' });
    expect(await second.adapter('Session').find('short')).toBeUndefined();
    expect(await second.adapter('RefreshToken').find('r-1')).toEqual({ grantId: 'g-1', consumed: 1_000 });
    expect(fs.readdirSync(dir)).toEqual(['store.json']);
  });

  it('writes nothing without a file', async () => {
    await new ProviderStore(null).adapter('Session').upsert('s-1', payload({ uid: 'u-1' }), 60);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('the embedded provider across a restart', () => {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const secret = 'test-client-secret-0123456789';
  const signingKeys = [generateSigningJwk()];
  const cookieKeys = [generateCookieKey()];
  let port: number;
  let idp: RunningIdentityProvider | undefined;

  beforeEach(async () => {
    port = await freePort();
  });
  afterEach(async () => {
    await idp?.close();
    idp = undefined;
  });

  const start = async (storeFile?: string): Promise<RunningIdentityProvider> => {
    await idp?.close();
    idp = await startIdentityProvider({
      port,
      clients: [{ clientId: WEB_CLIENT_ID, clientSecret: secret, redirectUris: [redirectUri], postLogoutRedirectUris: [] }],
      accounts: [{ username: 'officer-hang-bac', name: 'Nguyễn Thị Lan', role: 'officer', wards: ['hang-bac'], passwordHash: hashPassword('mat-khau') }],
      signingKeys,
      cookieKeys,
      storeFile,
    });
    return idp;
  };

  /** The browser's cookies at the provider. Each request on a connection of its own: the provider restarts between them. */
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie, connection: 'close' } });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0];
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return res;
  };

  /** An authorization request followed to where it leads: the client's redirect (with a code) or the login form. */
  const authorize = async (issuer: string) => {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      client_id: WEB_CLIENT_ID,
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: redirectUri,
      state: randomBytes(8).toString('hex'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    let url = `${issuer}/auth?${query}`;
    for (let hop = 0; hop < 10; hop++) {
      const res = await request(url);
      const location = res.headers.get('location');
      if (!location) return { verifier, loginForm: res.status === 200 ? url : null, code: null };
      url = new URL(location, url).href;
      if (url.startsWith(redirectUri)) return { verifier, loginForm: null, code: new URL(url).searchParams.get('code') };
    }
    throw new Error('too many redirects');
  };

  const token = async (issuer: string, fields: Record<string, string>) => {
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${WEB_CLIENT_ID}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        connection: 'close',
      },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  /** Signs in through the login form; returns the refresh token of the code's exchange. */
  const signIn = async (issuer: string): Promise<string> => {
    cookies.clear();
    const first = await authorize(issuer);
    expect(first.loginForm).not.toBeNull();
    const posted = await request(`${first.loginForm!}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'officer-hang-bac', password: 'mat-khau' }).toString(),
    });
    expect(posted.status).toBe(303);
    let url = new URL(posted.headers.get('location')!, first.loginForm!).href;
    while (!url.startsWith(redirectUri)) url = new URL((await request(url)).headers.get('location')!, url).href;
    const exchanged = await token(issuer, { grant_type: 'authorization_code', code: new URL(url).searchParams.get('code')!, redirect_uri: redirectUri, code_verifier: first.verifier });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.refresh_token).toEqual(expect.any(String));
    return exchanged.body.refresh_token;
  };

  it('with its store file, keeps the browser session and the refresh tokens', async () => {
    const storeFile = path.join(dir, 'provider-store.json');
    const refreshToken = await signIn((await start(storeFile)).issuer);
    const { issuer } = await start(storeFile);
    const renewed = await token(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(renewed).toMatchObject({ status: 200, body: { access_token: expect.any(String), refresh_token: expect.any(String) } });
    const again = await authorize(issuer);
    expect(again).toMatchObject({ loginForm: null, code: expect.any(String) });
  });

  it('without one, a restart ends them (the control: the same steps fail)', async () => {
    const refreshToken = await signIn((await start()).issuer);
    const { issuer } = await start();
    expect(await token(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await authorize(issuer)).loginForm).not.toBeNull();
  });
});
