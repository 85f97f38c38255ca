/**
 * Web sign-in over plain HTTP as a browser does it, against real servers: the embedded OpenID provider (apps/idp) in
 * this process, the api (createApp, listening on a port) with a worker, the Temporal dev server and PostgreSQL.
 * Redirects are followed by hand and cookies kept per origin, as a browser would. Checks the session, the CSRF rule on
 * cookie-authenticated commands and the actor they record, the provider refusing a wrong password, forged and replayed
 * states, foreign return paths, sign-out, an expired session, the renewal of expired access tokens with the refresh
 * token (the provider's access tokens live ACCESS_TOKEN_TTL_SECONDS here, and no clock tolerance stretches them), and
 * that the token command's bearer tokens still work.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventStore } from '@app/event-store';
import { API_RESOURCE, RunningIdentityProvider, WEB_CLIENT_ID } from '../../apps/idp/src/identity-provider';
import { mintToken } from '../../apps/api/src/auth/dev-tokens';
import { createTestAuth, TestAuth } from '../../apps/api/src/auth/testing';
import { createApp } from '../../apps/api/src/create-app';
import { freePort } from '../../tools/dev-stack/servers';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestIdentityProvider } from '../support/identity-provider';
import { createRegulationWorker } from '../support/regulation-worker';

jest.setTimeout(180_000);

const SESSION_TTL_SECONDS = 900;
const ACCESS_TOKEN_TTL_SECONDS = 3;
const accounts = [
  { username: 'officer-hang-bac', name: 'Nguyễn Thị Lan', role: 'officer' as const, wards: ['hang-bac'], password: 'mat-khau-can-bo' },
  { username: 'chair-hang-bac', name: 'Trần Văn Hùng', role: 'ward_chair' as const, wards: ['hang-bac'], password: 'mat-khau-chu-tich' },
];

let db: TestDatabase;
let auth: TestAuth;
let idp: RunningIdentityProvider;
let connection: NativeConnection;
let worker: Worker;
let workerRun: Promise<void>;
let app: NestExpressApplication;
let api: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase();
  auth = await createTestAuth();
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  const provider = await startTestIdentityProvider(api, accounts, { accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  idp = provider.idp;
  const taskQueue = `web-sign-in-${randomUUID()}`;
  connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  worker = await createRegulationWorker({ connection, taskQueue, store: new EventStore(db.dataSource) });
  workerRun = worker.run();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'silent',
    AUTH_PUBLIC_KEY: auth.publicKeyPem,
    ...provider.apiEnv,
    WEB_SESSION_TTL_SECONDS: String(SESSION_TTL_SECONDS),
    AUTH_CLOCK_TOLERANCE_SECONDS: '0',
  });
  app = await createApp();
  await app.listen(port, '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await connection?.close();
  await db?.drop();
  process.env = savedEnv;
});

/** A browser's cookie jar and navigation: cookies per origin, redirects followed by hand. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).origin)?.get(name);
  }

  setCookie(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    this.jar.set(origin, new Map([...(this.jar.get(origin) ?? []), [name, value]]));
  }

  async request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const cookies = [...(this.jar.get(new URL(url).origin) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookies ? { cookie: cookies } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const origin = new URL(url).origin;
      const cookiesOfOrigin = this.jar.get(origin) ?? new Map<string, string>();
      if (attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) cookiesOfOrigin.delete(name);
      else cookiesOfOrigin.set(name, pair.slice(at + 1).trim());
      this.jar.set(origin, cookiesOfOrigin);
    }
    return res;
  }

  /** Follows redirects from `url` until a response that is not one (or one leaving for `stopAt`); returns each hop. */
  async follow(url: string, stopAt?: string): Promise<{ url: string; res: Response }[]> {
    const hops: { url: string; res: Response }[] = [];
    let next: string | null = url;
    while (next && hops.length < 10) {
      const res = await this.request(next);
      hops.push({ url: next, res });
      const location = res.headers.get('location');
      next = res.status >= 300 && res.status < 400 && location ? new URL(location, next).href : null;
      if (next && stopAt && next.startsWith(stopAt)) break;
    }
    return hops;
  }
}

/** Signs in from the api's /auth/login up to the provider's login form; returns the form's absolute action URL. */
async function openLoginForm(browser: Browser, returnTo = '/'): Promise<{ action: string; hops: { url: string; res: Response }[]; html: string }> {
  const hops = await browser.follow(`${api}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  const last = hops[hops.length - 1];
  expect(last.res.status).toBe(200);
  const html = await last.res.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  expect(action).toBeDefined();
  return { action: new URL(action!.replace(/&amp;/g, '&'), last.url).href, hops, html };
}

const postForm = (browser: Browser, url: string, fields: Record<string, string>) =>
  browser.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

/** A whole sign-in; returns the api's last answer (the redirect to returnTo) and the hops after the form. */
async function signIn(browser: Browser, username: string, password: string, returnTo = '/') {
  const { action } = await openLoginForm(browser, returnTo);
  const posted = await postForm(browser, action, { username, password });
  expect(posted.status).toBe(303);
  const hops = await browser.follow(new URL(posted.headers.get('location')!, action).href);
  return { hops, final: hops[hops.length - 1] };
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, any> });
const eventCount = async (): Promise<number> => (await db.dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n;

function draft(regulationId: string) {
  return JSON.stringify({
    regulationId,
    wardCode: 'hang-bac',
    kind: 'community_convention',
    title: 'Quy ước tổ dân phố số 3',
    text: 'Điều 1. Giữ gìn vệ sinh chung.',
    startedOn: '2025-06-02',
  });
}

describe('web sign-in with the embedded OpenID provider', () => {
  const officer = new Browser();

  it('signs in through the provider’s form (code + PKCE S256) and lands on returnTo with an HttpOnly session cookie', async () => {
    const { hops, html, action } = await openLoginForm(officer, '/regulations?ward=hang-bac');
    const [login, authorize] = hops;
    expect(login.res.status).toBe(302);
    expect(login.res.headers.getSetCookie().join('\n')).toMatch(/^reglife_login=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/m);
    const authorization = new URL(authorize.url);
    expect(authorization.origin).toBe(new URL(idp.issuer).origin);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      client_id: WEB_CLIENT_ID,
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${api}/auth/callback`,
      resource: API_RESOURCE,
      state: officer.cookie(api, 'reglife_login'),
    });
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    // The form: Vietnamese labels tied to their inputs, no external asset.
    expect(html).toContain('<label for="username">Tên đăng nhập</label>');
    expect(html).toContain('<label for="password">Mật khẩu</label>');
    expect(html).not.toMatch(/<(link|script|img)\b/);

    const posted = await postForm(officer, action, { username: 'officer-hang-bac', password: 'mat-khau-can-bo' });
    expect(posted.status).toBe(303);
    const after = await officer.follow(new URL(posted.headers.get('location')!, action).href);
    const callback = after.find((hop) => hop.url.startsWith(`${api}/auth/callback`))!;
    expect({ status: callback.res.status, body: callback.res.status === 302 ? null : await callback.res.text() }).toEqual({ status: 302, body: null });
    expect(callback.res.headers.get('location')).toBe('/regulations?ward=hang-bac');
    const setCookies = callback.res.headers.getSetCookie();
    expect(setCookies.find((line) => line.startsWith('reglife_session='))).toMatch(
      /^reglife_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    expect(setCookies.find((line) => line.startsWith('reglife_login='))).toMatch(/Max-Age=0/);
    // The tokens stay server-side: the browser got only the opaque cookie.
    expect(after.every((hop) => !/eyJ[A-Za-z0-9_-]+\.eyJ/.test(hop.res.headers.get('location') ?? ''))).toBe(true);
    const { status } = await officer.request(`${api}/regulations?ward=hang-bac`);
    expect(status).toBe(200);
  });

  it('GET /auth/session names the signed-in account, its role and wards, until the configured session length', async () => {
    const before = Date.now();
    const { status, body } = await json(await officer.request(`${api}/auth/session`));
    expect({ status, body: { ...body, expiresAt: undefined } }).toEqual({
      status: 200,
      body: { id: 'officer-hang-bac', name: 'Nguyễn Thị Lan', role: 'officer', wards: ['hang-bac'], expiresAt: undefined },
    });
    const expiresIn = Date.parse(body.expiresAt) - before;
    expect(expiresIn).toBeLessThanOrEqual(SESSION_TTL_SECONDS * 1000);
    expect(expiresIn).toBeGreaterThan((SESSION_TTL_SECONDS - 60) * 1000);
  });

  it('refuses a cookie-authenticated command without X-Requested-With (AUTH.CSRF, nothing written) and records the account as actor with it', async () => {
    const id = `web-${randomUUID().slice(0, 8)}`;
    const events = await eventCount();
    const refused = await json(await officer.request(`${api}/regulations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: draft(id) }));
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'AUTH.CSRF' });
    const wrongValue = await officer.request(`${api}/regulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
      body: draft(id),
    });
    expect(wrongValue.status).toBe(403);
    expect(await eventCount()).toBe(events);

    const accepted = await officer.request(`${api}/regulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'reglife-web' },
      body: draft(id),
    });
    expect(accepted.status).toBe(201);
    const rows = (await db.dataSource.query(`SELECT metadata FROM events WHERE stream_id = $1`, [id])) as { metadata: { actor: { id: string; role: string } } }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.metadata.actor)).toEqual(rows.map(() => expect.objectContaining({ id: 'officer-hang-bac', role: 'officer' })));
  });

  it('the provider refuses a wrong password and an unknown user, announcing the error on the form', async () => {
    const browser = new Browser();
    const { action } = await openLoginForm(browser);
    for (const [username, password] of [['officer-hang-bac', 'wrong'], ['nobody', 'mat-khau-can-bo']]) {
      const res = await postForm(browser, action, { username, password });
      expect(res.status).toBe(401);
      expect(res.headers.get('location')).toBeNull();
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
      expect(html).toContain('aria-describedby="login-error"');
    }
    expect(browser.cookie(api, 'reglife_session')).toBeUndefined();
  });

  it('refuses a callback whose state is absent, tampered with, or already used (AUTH.BAD_STATE)', async () => {
    const browser = new Browser();
    await browser.request(`${api}/auth/login`);
    const state = browser.cookie(api, 'reglife_login')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Its last character changed (to another one: a state ending in 'A' once made the "tampered" state the real one).
    const tampered = `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`;
    const cases: [string, string][] = [
      [`${api}/auth/callback?code=abc`, 'missing'],
      [`${api}/auth/callback?code=abc&state=${tampered}`, 'mismatch'],
    ];
    for (const [url, reason] of cases) {
      const { status, body } = await json(await browser.request(url));
      expect({ status, code: body.code, reason: body.details.reason }).toEqual({ status: 400, code: 'AUTH.BAD_STATE', reason });
      browser.setCookie(api, 'reglife_login', state);
    }
    const noCookie = await json(await fetch(`${api}/auth/callback?code=abc&state=${state}`));
    expect({ status: noCookie.status, code: noCookie.body.code, reason: noCookie.body.details.reason }).toEqual({ status: 400, code: 'AUTH.BAD_STATE', reason: 'missing' });

    // A completed sign-in's callback, replayed with its cookie: the state was used once.
    const replaying = new Browser();
    const { hops } = await signIn(replaying, 'chair-hang-bac', 'mat-khau-chu-tich');
    const callback = hops.find((hop) => hop.url.startsWith(`${api}/auth/callback`))!;
    const usedState = new URL(callback.url).searchParams.get('state')!;
    const replay = await fetch(callback.url, { redirect: 'manual', headers: { cookie: `reglife_login=${usedState}` } });
    const replayed = await json(replay);
    expect({ status: replayed.status, code: replayed.body.code, reason: replayed.body.details.reason }).toEqual({ status: 400, code: 'AUTH.BAD_STATE', reason: 'unknown' });
  });

  it('refuses a returnTo outside this origin (AUTH.BAD_RETURN_TO) before going to the provider', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'regulations', 'javascript:alert(1)']) {
      const res = await fetch(`${api}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      const { status, body } = await json(res);
      expect({ returnTo, status, code: body.code }).toEqual({ returnTo, status: 400, code: 'AUTH.BAD_RETURN_TO' });
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('answers AUTH.NO_SESSION without a cookie or token, and for a cookie the api never issued', async () => {
    const none = await json(await fetch(`${api}/auth/session`));
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 401, code: 'AUTH.NO_SESSION' });
    const forged = await json(await fetch(`${api}/auth/session`, { headers: { cookie: `reglife_session=${'A'.repeat(43)}` } }));
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 401, code: 'AUTH.NO_SESSION' });
  });

  it('an expired session answers 401 AUTH.SESSION_EXPIRED on /auth/session and on every route', async () => {
    const browser = new Browser();
    await signIn(browser, 'chair-hang-bac', 'mat-khau-chu-tich');
    expect((await browser.request(`${api}/auth/session`)).status).toBe(200);
    // The session's end, moved to the past: the configured length has run out.
    await db.dataSource.query(`UPDATE web_sessions SET expires_at = now() - interval '1 second' WHERE subject = 'chair-hang-bac'`);
    for (const url of [`${api}/auth/session`, `${api}/regulations`]) {
      const { status, body } = await json(await browser.request(url));
      expect({ url, status, code: body.code }).toEqual({ url, status: 401, code: 'AUTH.SESSION_EXPIRED' });
    }
  });

  it('renews an expired access token with the refresh token: the same cookie goes on, the new token stored, one renewal for requests at once', async () => {
    const browser = new Browser();
    await signIn(browser, 'officer-hang-bac', 'mat-khau-can-bo');
    const idHash = createHash('sha256').update(browser.cookie(api, 'reglife_session')!).digest('hex');
    const stored = async () =>
      (await db.dataSource.query(`SELECT access_token, refresh_token, expires_at FROM web_sessions WHERE id_hash = $1`, [idHash]))[0] as {
        access_token: string;
        refresh_token: string | null;
        expires_at: Date;
      };
    const first = await stored();
    expect(first.refresh_token).toBeTruthy();
    // The session outlives its access token: it lasts the configured length.
    expect(first.expires_at.getTime() - Date.now()).toBeGreaterThan((SESSION_TTL_SECONDS - 60) * 1000);
    const expiry = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
    await sleep(Math.max(0, expiry(first.access_token) - Date.now()) + 1_100);

    const answers = await Promise.all([`${api}/auth/session`, `${api}/regulations?ward=hang-bac`, `${api}/auth/session`].map((url) => browser.request(url)));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    const renewed = await stored();
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(expiry(renewed.access_token)).toBeGreaterThan(Date.now());
    // The three requests met one expiry: one renewal, the others took its token (the stored one is the one they used).
    const session = await json(await browser.request(`${api}/auth/session`));
    expect({ status: session.status, id: session.body.id, role: session.body.role }).toEqual({ status: 200, id: 'officer-hang-bac', role: 'officer' });
    expect((await stored()).access_token).toBe(renewed.access_token);
    // A command with the renewed session records the account as its actor.
    const regulationId = `web-renewed-${randomUUID()}`;
    const created = await browser.request(`${api}/regulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'reglife-web' },
      body: draft(regulationId),
    });
    expect(created.status).toBe(201);
    const [event] = await new EventStore(db.dataSource).readStream(regulationId);
    expect(event.metadata.actor).toEqual({ id: 'officer-hang-bac', role: 'officer' });
  });

  it('a renewal the provider refuses ends the session: 401 AUTH.SESSION_EXPIRED, and the session stays ended', async () => {
    const browser = new Browser();
    await signIn(browser, 'chair-hang-bac', 'mat-khau-chu-tich');
    const idHash = createHash('sha256').update(browser.cookie(api, 'reglife_session')!).digest('hex');
    // A refresh token the provider never issued (as one it revoked, or whose session there ended).
    await db.dataSource.query(`UPDATE web_sessions SET refresh_token = 'not-a-refresh-token' WHERE id_hash = $1`, [idHash]);
    const [{ access_token: token }] = (await db.dataSource.query(`SELECT access_token FROM web_sessions WHERE id_hash = $1`, [idHash])) as { access_token: string }[];
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
    await sleep(Math.max(0, exp - Date.now()) + 1_100);
    const before = await eventCount();
    const refused = await json(
      await browser.request(`${api}/regulations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'reglife-web' },
        body: draft(`web-refused-${randomUUID()}`),
      }),
    );
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'AUTH.SESSION_EXPIRED' });
    expect(await eventCount()).toBe(before);
    const [{ ended }] = (await db.dataSource.query(`SELECT expires_at <= now() AS ended FROM web_sessions WHERE id_hash = $1`, [idHash])) as { ended: boolean }[];
    expect(ended).toBe(true);
    const again = await json(await browser.request(`${api}/auth/session`));
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'AUTH.SESSION_EXPIRED' });
  });

  it('a bearer token from the token command’s key still works, on the routes and on /auth/session', async () => {
    const bearer = await auth.bearer({ sub: 'api-client-1', role: 'supervisor', wards: ['*'] });
    expect((await fetch(`${api}/regulations`, { headers: bearer })).status).toBe(200);
    const { status, body } = await json(await fetch(`${api}/auth/session`, { headers: bearer }));
    expect({ status, body: { ...body, expiresAt: typeof body.expiresAt } }).toEqual({
      status: 200,
      body: { id: 'api-client-1', name: null, role: 'supervisor', wards: ['*'], expiresAt: 'string' },
    });
    // The provider's own access token (a new session's, read from the database before it expires) verifies as a
    // bearer token by its issuer's keys; the local key cannot pass for the provider.
    const browser = new Browser();
    await signIn(browser, 'officer-hang-bac', 'mat-khau-can-bo');
    const idHash = createHash('sha256').update(browser.cookie(api, 'reglife_session')!).digest('hex');
    const [row] = (await db.dataSource.query(`SELECT access_token FROM web_sessions WHERE id_hash = $1`, [idHash])) as { access_token: string }[];
    const asBearer = await json(await fetch(`${api}/auth/session`, { headers: { Authorization: `Bearer ${row.access_token}` } }));
    expect({ status: asBearer.status, id: asBearer.body.id, role: asBearer.body.role }).toEqual({ status: 200, id: 'officer-hang-bac', role: 'officer' });
    const impostor = await mintToken(auth.key, { sub: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] }, { issuer: idp.issuer, audience: 'reglife-api' });
    const refused = await json(await fetch(`${api}/regulations`, { headers: { Authorization: `Bearer ${impostor}` } }));
    expect({ status: refused.status, code: refused.body.code, reason: refused.body.details.reason }).toEqual({
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
      reason: 'unknown_key',
    });
    // A bearer command needs no CSRF header.
    const id = `web-${randomUUID().slice(0, 8)}`;
    const officerBearer = await auth.bearer({ sub: 'api-officer', role: 'officer', wards: ['hang-bac'] });
    const res = await fetch(`${api}/regulations`, { method: 'POST', headers: { ...officerBearer, 'content-type': 'application/json' }, body: draft(id) });
    expect(res.status).toBe(201);
  });

  it('logout needs the CSRF header, ends the session (the cookie no longer works) and returns the provider’s end-session URL', async () => {
    const refused = await json(await officer.request(`${api}/auth/logout`, { method: 'POST' }));
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'AUTH.CSRF' });
    const cookie = officer.cookie(api, 'reglife_session')!;
    expect((await officer.request(`${api}/auth/session`)).status).toBe(200);

    const res = await officer.request(`${api}/auth/logout`, { method: 'POST', headers: { 'x-requested-with': 'reglife-web' } });
    const { status, body } = await json(res);
    expect(status).toBe(200);
    expect(res.headers.getSetCookie().find((line) => line.startsWith('reglife_session='))).toMatch(/^reglife_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    const endSession = new URL(body.endSessionUrl);
    expect(endSession.origin).toBe(new URL(idp.issuer).origin);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${api}/`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    // The provider accepts it: its sign-out confirmation.
    const confirm = await officer.request(endSession.href);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Đăng xuất');

    for (const url of [`${api}/auth/session`, `${api}/regulations`]) {
      const after = await json(await fetch(url, { headers: { cookie: `reglife_session=${cookie}` } }));
      expect({ url, status: after.status, code: after.body.code }).toEqual({ url, status: 401, code: 'AUTH.NO_SESSION' });
    }
  });
});
