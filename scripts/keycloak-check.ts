/**
 * `npm run check:keycloak`: docker-compose.yml's Keycloak example run for real, without Docker. Keycloak from the
 * distribution of the compose image's version (`scripts/ensure-tools.sh --for keycloak`) imports the realm file the
 * compose service mounts, with the service's command and environment, on a loopback port; PostgreSQL and the
 * Temporal dev server are throw-away ones; the worker and the api run as processes configured with the compose
 * services' environment (the api's OIDC_* as compose sets them, the issuer moved to where this Keycloak listens).
 * Then Debian's headless Chromium does what a person does: opens the app, is sent to Keycloak's login page, types a
 * realm user's name and password and comes back signed in. The check reads GET /auth/session, drafts a regulation
 * with the session cookie, waits out the access token (the realm copy's live ACCESS_TOKEN_SECONDS) and sees the api
 * renew it with Keycloak's refresh token, signs out through the app, and checks that Keycloak's end-session endpoint
 * was visited, that Keycloak holds no session of the user any more and that the old cookie is refused.
 *
 * Each step is printed with its time; exit code 1 on any failure; everything started is stopped. Logs and
 * screenshots: test/artifacts/keycloak/. Not part of `npm test`: a 152 MB download and a minute's start.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { parse } from 'yaml';
import { civilDateInVietnam } from '@app/domain';
import { migrateEventStore } from '@app/event-store';
import { startAppProcess } from '../tools/dev-stack/app-processes';
import { startKeycloak } from '../tools/dev-stack/keycloak';
import { freePort, portAccepts, projectRoot, startEphemeralServers } from '../tools/dev-stack/servers';
import { ensureWebBuild } from '../tools/web/build';
import { chromiumArgs, chromiumPath } from '../tools/dev-stack/tools';

/** The realm user who signs in: an officer of a ward that exists today (Hàng Bạc's ended on 2025-06-30). */
const USERNAME = 'officer-hoan-kiem-2025';
const ARTIFACTS = path.join(projectRoot, 'test', 'artifacts', 'keycloak');
/** A person's action and what the api and Keycloak do behind it, on 2 busy cores. */
const ACTION_MS = 60_000;
const CSRF = { 'X-Requested-With': 'reglife-web' };
/**
 * The access tokens' life in the realm copy Keycloak imports (the file gives 8 h), and no clock tolerance in the api,
 * so that the check sees a session outlive its access token within seconds.
 */
const ACCESS_TOKEN_SECONDS = 15;
/** The login form's labels in Vietnamese (the realm's localization texts: Keycloak 26.4 ships no Vietnamese messages). */
const LABELS = { username: 'Tên đăng nhập hoặc email', password: 'Mật khẩu', signIn: 'Đăng nhập' };

const started = Date.now();
const seconds = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const log = (line: string): void => void process.stdout.write(`[keycloak-check] ${seconds(started).padStart(7)}  ${line}\n`);

function expectThat(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t = Date.now();
  log(`▶ ${name}`);
  try {
    const value = await run();
    log(`✓ ${name} (${seconds(t)})`);
    return value;
  } catch (error) {
    log(`✗ ${name} (${seconds(t)}): ${(error as Error).message}`);
    throw error;
  }
}

// ------------------------------------------------------------------------------------------ docker-compose.yml

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
}

/** Compose interpolation with the defaults written in the file (`${NAME:-default}`), as a shell without them sees it. */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g, (match, _name, fallback: string | undefined) => (match === '$$' ? '$' : (fallback ?? '')));
}

function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, value === null ? '' : interpolate(String(value))]));
}

interface ComposeExample {
  keycloak: { version: string; args: string[]; env: Record<string, string>; realmFile: string; realmFileName: string };
  api: Record<string, string>;
  worker: Record<string, string>;
}

function readCompose(): ComposeExample {
  const services = (parse(fs.readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> }).services;
  const keycloak = services.keycloak;
  const version = /^quay\.io\/keycloak\/keycloak:(.+)$/.exec(keycloak?.image ?? '')?.[1];
  expectThat(version !== undefined, `the compose service keycloak runs ${keycloak?.image}, not quay.io/keycloak/keycloak:<version>`);
  const mount = (keycloak.volumes ?? []).map((volume) => /^(\.\/[^:]+):\/opt\/keycloak\/data\/import\/([^:/]+\.json)(?::ro)?$/.exec(volume)).find(Boolean);
  expectThat(!!mount, 'the compose service keycloak mounts no realm file into /opt/keycloak/data/import/');
  return {
    keycloak: { version, args: keycloak.command ?? [], env: environmentOf(keycloak), realmFile: path.join(projectRoot, mount[1]), realmFileName: mount[2] },
    api: environmentOf(services.api),
    worker: environmentOf(services.worker),
  };
}

/** The Keycloak version scripts/ensure-tools.sh caches (KEYCLOAK_VERSION): the one the check runs. */
function cachedKeycloakVersion(): string {
  const script = fs.readFileSync(path.join(projectRoot, 'scripts', 'ensure-tools.sh'), 'utf8');
  const version = /^KEYCLOAK_VERSION="([^"]+)"/m.exec(script)?.[1];
  expectThat(version !== undefined, 'no KEYCLOAK_VERSION in scripts/ensure-tools.sh');
  return version;
}

// ------------------------------------------------------------------------------------------ the realm

interface RealmUser {
  id: string;
  username: string;
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value: string }[];
}

interface RealmClient {
  clientId: string;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
}

interface Realm {
  realm: string;
  accessTokenLifespan?: number;
  clients: RealmClient[];
  users: RealmUser[];
}

/**
 * The realm registers the compose api's URLs (http://localhost:3000/…). When port 3000 is taken here the api listens on
 * another port, and the copy Keycloak imports registers that origin's URLs too; the repository's file is unchanged.
 */
function registerOrigin(realm: Realm, clientId: string, origin: string): Realm {
  const copy = structuredClone(realm);
  const client = copy.clients.find((c) => c.clientId === clientId);
  expectThat(!!client, `the realm has no client ${clientId}`);
  client.redirectUris = [...(client.redirectUris ?? []), `${origin}/auth/callback`];
  client.webOrigins = [...(client.webOrigins ?? []), origin];
  const logout = client.attributes?.['post.logout.redirect.uris'];
  client.attributes = { ...client.attributes, 'post.logout.redirect.uris': logout ? `${logout}##${origin}/` : `${origin}/` };
  return copy;
}

function withPort(url: URL, port: number): URL {
  const copy = new URL(url);
  copy.port = String(port);
  return copy;
}

// ------------------------------------------------------------------------------------------ Keycloak's admin API

/** The user's sessions as Keycloak's admin API lists them (the bootstrap admin of the compose service signs in). */
async function keycloakSessions(url: string, env: Record<string, string>, realm: string, userId: string): Promise<{ clients: Record<string, string> }[]> {
  const token = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: env.KC_BOOTSTRAP_ADMIN_USERNAME,
      password: env.KC_BOOTSTRAP_ADMIN_PASSWORD,
    }),
  });
  expectThat(token.ok, `Keycloak refused the admin's sign-in: HTTP ${token.status} ${await token.clone().text()}`);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const sessions = await fetch(`${url}/admin/realms/${realm}/users/${encodeURIComponent(userId)}/sessions`, { headers: { Authorization: `Bearer ${accessToken}` } });
  expectThat(sessions.ok, `Keycloak's admin API: GET …/users/${userId}/sessions answered HTTP ${sessions.status}`);
  return (await sessions.json()) as { clients: Record<string, string> }[];
}

// ------------------------------------------------------------------------------------------ the run

/** Keycloak's log line without its date: `INFO  [org.keycloak…] (main) Realm 'reglife' imported`. */
const keycloakLine = (line: string): string => line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+\s+/, '');

async function main(): Promise<number> {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      const t = Date.now();
      for (const { name, stop } of stops.reverse()) {
        await stop().catch((error: unknown) => log(`could not stop ${name}: ${String(error)}`));
      }
      if (stops.length > 0) log(`stopped ${stops.map((s) => s.name).join(', ')} (${seconds(t)})`);
    })();
    return stopping;
  };
  const interrupted = (): void => {
    log('interrupted: stopping everything');
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const compose = await step('read docker-compose.yml and the realm it mounts', async () => {
      const example = readCompose();
      const cached = cachedKeycloakVersion();
      expectThat(example.keycloak.version === cached, `compose runs Keycloak ${example.keycloak.version}, scripts/ensure-tools.sh caches ${cached}`);
      log(`  keycloak: ${example.keycloak.args.join(' ')}, realm ${path.relative(projectRoot, example.keycloak.realmFile)}, KC_HOSTNAME ${example.keycloak.env.KC_HOSTNAME}`);
      log(`  api: OIDC_ISSUER ${example.api.OIDC_ISSUER}, OIDC_CLIENT_ID ${example.api.OIDC_CLIENT_ID}, OIDC_REDIRECT_URI ${example.api.OIDC_REDIRECT_URI}`);
      return example;
    });
    const realm = JSON.parse(fs.readFileSync(compose.keycloak.realmFile, 'utf8')) as Realm;
    const issuerPath = new URL(compose.api.OIDC_ISSUER).pathname;
    expectThat(issuerPath === `/realms/${realm.realm}`, `OIDC_ISSUER names ${issuerPath}, the realm file holds realm ${realm.realm}`);
    const user = realm.users.find((u) => u.username === USERNAME);
    const password = user?.credentials?.find((c) => c.type === 'password')?.value;
    expectThat(!!user && password !== undefined, `the realm has no user ${USERNAME} with a password`);
    const expected = { id: user.id, role: user.attributes?.role?.[0], wards: user.attributes?.wards };

    // The api where compose publishes it (the realm registers http://localhost:3000/…), or elsewhere when 3000 is taken.
    let redirectUri = new URL(compose.api.OIDC_REDIRECT_URI);
    let postLogoutUri = new URL(compose.api.OIDC_POST_LOGOUT_REDIRECT_URI);
    let imported = realm;
    if (await portAccepts(Number(redirectUri.port))) {
      const port = await freePort();
      log(`  port ${redirectUri.port} is taken: the api listens on ${port}, and Keycloak's copy of the realm also registers http://${redirectUri.hostname}:${port}`);
      redirectUri = withPort(redirectUri, port);
      postLogoutUri = withPort(postLogoutUri, port);
      imported = registerOrigin(realm, compose.api.OIDC_CLIENT_ID, redirectUri.origin);
    }
    const appUrl = redirectUri.origin;
    imported = { ...imported, accessTokenLifespan: ACCESS_TOKEN_SECONDS };
    log(`  the realm copy's access tokens live ${ACCESS_TOKEN_SECONDS} s (the file: ${realm.accessTokenLifespan ?? 'Keycloak default'} s), to see one renewed`);
    let databaseUrl = '';

    await step('web app build (apps/web/dist, skipped when up to date)', async () => ensureWebBuild({ log: (line) => log(`  ${line}`) }));

    // Where this Keycloak listens: a loopback port, and a host name this machine resolves (compose's
    // keycloak.localhost resolves inside the api's container through extra_hosts; here only Chromium resolves it).
    const keycloakPort = await freePort();
    const keycloakUrl = `http://127.0.0.1:${keycloakPort}`;
    const issuer = `${keycloakUrl}/realms/${realm.realm}`;
    const keycloakLog = fs.createWriteStream(path.join(ARTIFACTS, 'keycloak.log'));
    let keycloakReady = false;
    const startKeycloakStep = step(`Keycloak ${compose.keycloak.version} (start-dev, realm ${realm.realm} imported) on ${keycloakUrl}`, async () => {
      const args = [...compose.keycloak.args.map((arg) => (arg.startsWith('--http-port=') ? `--http-port=${keycloakPort}` : arg)), '--http-host=127.0.0.1'];
      log(`  kc.sh ${args.join(' ')} (KC_HOSTNAME ${keycloakUrl}); its log: ${path.relative(projectRoot, keycloakLog.path as string)}`);
      const t = Date.now();
      const heartbeat = setInterval(() => log(`  … Keycloak still starting (${seconds(t)})`), 15_000);
      try {
        const keycloak = await startKeycloak({
          home: fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-keycloak-')),
          args,
          env: { ...compose.keycloak.env, KC_HOSTNAME: keycloakUrl },
          imports: { [compose.keycloak.realmFileName]: JSON.stringify(imported, null, 2) },
          url: keycloakUrl,
          realm: realm.realm,
          onLog: (line) => {
            keycloakLog.write(`${line}\n`);
            if (!keycloakReady || /^\S+\s+(WARN|ERROR)/.test(keycloakLine(line))) log(`  keycloak | ${keycloakLine(line)}`);
          },
        });
        keycloakReady = true;
        stops.push({ name: 'Keycloak', stop: () => keycloak.stop().finally(() => keycloakLog.end()) });
        log(`  Keycloak answered its discovery document ${seconds(t)} after the start`);
        return keycloak.discovery;
      } finally {
        clearInterval(heartbeat);
      }
    });

    const startStackStep = step('PostgreSQL, Temporal dev server, migrations, worker and api (compose environment)', async () => {
      const servers = await startEphemeralServers({ logDir: ARTIFACTS, reuseFromEnv: false });
      stops.push({ name: 'PostgreSQL and Temporal', stop: () => servers.stop() });
      const migrations = await migrateEventStore(servers.databaseMigrationUrl);
      log(`  servers ${servers.started.join(' + ')} up, ${migrations.length} event store migrations run`);
      // As in a container: the compose environment and little else from this shell.
      const base = { PATH: process.env.PATH ?? '', HOME: os.homedir(), ...(process.env.REGLIFE_CACHE ? { REGLIFE_CACHE: process.env.REGLIFE_CACHE } : {}) };
      databaseUrl = servers.databaseUrl;
      const connection = { DATABASE_URL: servers.databaseUrl, TEMPORAL_ADDRESS: servers.temporalAddress, TEMPORAL_NAMESPACE: servers.temporalNamespace };
      const worker = await startAppProcess({ kind: 'worker', name: 'worker', env: { ...base, ...compose.worker, ...connection }, logDir: ARTIFACTS });
      stops.push({ name: 'worker', stop: () => worker.stop() });
      const apiEnv = {
        ...base,
        ...compose.api,
        ...connection,
        HOST: '127.0.0.1',
        PORT: redirectUri.port,
        OIDC_ISSUER: issuer,
        OIDC_REDIRECT_URI: redirectUri.href,
        OIDC_POST_LOGOUT_REDIRECT_URI: postLogoutUri.href,
        AUTH_CLOCK_TOLERANCE_SECONDS: '0',
      };
      const api = await startAppProcess({ kind: 'api', name: 'api', env: apiEnv, logDir: ARTIFACTS });
      stops.push({ name: 'api', stop: () => api.stop() });
      log(`  api ready on ${api.url} (OIDC_ISSUER ${issuer}), worker polling; logs in ${path.relative(projectRoot, ARTIFACTS)}/`);
    });
    // Both are waited for before going on or failing, so that whatever either started is stopped.
    const [keycloakStart, stackStart] = await Promise.allSettled([startKeycloakStep, startStackStep]);
    if (keycloakStart.status === 'rejected') throw keycloakStart.reason;
    if (stackStart.status === 'rejected') throw stackStart.reason;
    const discovery = keycloakStart.value;

    const endSessionEndpoint = String(discovery.end_session_endpoint);
    await step('Keycloak discovery as the api reads it', async () => {
      expectThat(discovery.issuer === issuer, `issuer ${String(discovery.issuer)}, expected ${issuer}`);
      expectThat((discovery.code_challenge_methods_supported as string[]).includes('S256'), 'no PKCE S256');
      expectThat(typeof discovery.end_session_endpoint === 'string', 'no end_session_endpoint');
      log(`  issuer ${String(discovery.issuer)}; end_session_endpoint ${endSessionEndpoint}`);
    });

    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    stops.push({ name: 'Chromium', stop: () => browser.close() });
    // A browser in Vietnamese, as the wards' officers use: Keycloak picks the page's language from Accept-Language.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    context.setDefaultTimeout(ACTION_MS);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const shot = (n: number, name: string): Promise<Buffer> => page.screenshot({ path: path.join(ARTIFACTS, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
    const authEndpoint = String(discovery.authorization_endpoint);

    await step(`open the app (${appUrl}/): sent to Keycloak's login page`, async () => {
      const authorization = page.waitForRequest((request) => request.url().startsWith(authEndpoint));
      await page.goto(`${appUrl}/`);
      const query = new URL((await authorization).url()).searchParams;
      const sent = Object.fromEntries(['client_id', 'redirect_uri', 'response_type', 'scope', 'code_challenge_method'].map((name) => [name, query.get(name)]));
      log(`  authorization request: ${JSON.stringify(sent)}, state ${query.has('state')}, nonce ${query.has('nonce')}, code_challenge ${query.has('code_challenge')}`);
      expectThat(sent.client_id === compose.api.OIDC_CLIENT_ID && sent.redirect_uri === redirectUri.href, 'the authorization request names another client or redirect URI');
      expectThat(sent.code_challenge_method === 'S256' && query.has('code_challenge') && query.has('state') && query.has('nonce'), 'PKCE S256, state or nonce missing');
      await page.getByLabel(LABELS.username, { exact: true }).waitFor();
      const lang = await page.locator('html').getAttribute('lang');
      log(`  Keycloak's page: "${await page.title()}", lang ${lang}, heading "${(await page.getByRole('heading', { level: 1 }).textContent())?.trim()}"`);
      expectThat(lang === 'vi', `Keycloak's login page is in ${lang}, not in Vietnamese`);
      await shot(1, 'keycloak-login');
    });

    const who = await step(`type ${USERNAME}'s name and password: back in the app, signed in`, async () => {
      await page.getByLabel(LABELS.username, { exact: true }).fill(USERNAME);
      await page.getByLabel(LABELS.password, { exact: true }).fill(password);
      await page.getByRole('button', { name: LABELS.signIn, exact: true }).click();
      await page.waitForURL(`${appUrl}/**`);
      const text = (await page.locator('#who').textContent()) ?? '';
      log(`  landed on ${page.url()}; the app shows "${text}"`);
      await shot(2, 'signed-in');
      return text;
    });

    const cookie = (await context.cookies(appUrl)).find((c) => c.name === 'reglife_session');
    await step('GET /auth/session with the session cookie: the realm user\'s role and wards', async () => {
      expectThat(!!cookie && cookie.httpOnly, 'no HttpOnly reglife_session cookie');
      const response = await page.request.get(`${appUrl}/auth/session`);
      const session = (await response.json()) as { id: string; name: string | null; role: string; wards: string[]; expiresAt: string };
      log(`  ${response.status()} ${JSON.stringify(session)}`);
      expectThat(response.status() === 200, `HTTP ${response.status()}`);
      expectThat(session.id === expected.id, `id ${session.id}, expected the Keycloak user's id ${expected.id}`);
      expectThat(session.role === expected.role && JSON.stringify(session.wards) === JSON.stringify(expected.wards), `role/wards ${session.role} ${JSON.stringify(session.wards)}, expected ${expected.role} ${JSON.stringify(expected.wards)}`);
      expectThat(session.name !== null && who.includes(session.name), `the app shows "${who}", the session's name is ${session.name}`);
      const sessions = await keycloakSessions(keycloakUrl, compose.keycloak.env, realm.realm, expected.id);
      log(`  Keycloak's admin API: ${sessions.length} session(s) of ${USERNAME}, clients ${JSON.stringify(sessions.map((s) => Object.values(s.clients)))}`);
      expectThat(sessions.length === 1, `Keycloak lists ${sessions.length} sessions of ${USERNAME}`);
    });

    const regulationId = `kc-${Date.now().toString(36)}`;
    await step('an officer\'s step with the session cookie: POST /regulations (a draft), then its page', async () => {
      const draft = {
        regulationId,
        wardCode: expected.wards?.[0],
        kind: 'community_convention',
        title: 'Quy ước giữ gìn vệ sinh ngõ phố (thử đăng nhập Keycloak)',
        text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
        residentialGroup: 'Tổ dân phố số 1',
        startedOn: civilDateInVietnam(Date.now()),
      };
      const unprotected = await page.request.post(`${appUrl}/regulations`, { data: draft });
      log(`  without X-Requested-With: ${unprotected.status()} ${((await unprotected.json()) as { code?: string }).code}`);
      expectThat(unprotected.status() === 403, `a cookie-authenticated POST without X-Requested-With answered ${unprotected.status()}`);
      const created = await page.request.post(`${appUrl}/regulations`, { data: draft, headers: CSRF });
      log(`  with X-Requested-With: ${created.status()} ${await created.text()}`);
      expectThat(created.status() === 201, `POST /regulations answered ${created.status()}`);
      const detail = (await (await page.request.get(`${appUrl}/regulations/${regulationId}`)).json()) as { timeline: { type: string; actor: { id: string; role: string } }[] };
      const first = detail.timeline[0];
      log(`  its first event: ${first.type} by ${first.actor.id} (${first.actor.role})`);
      expectThat(first.actor.id === expected.id, `the event's actor is ${first.actor.id}, expected ${expected.id}`);
      await page.goto(`${appUrl}/workspace/${regulationId}`);
      await page.getByRole('heading', { level: 1, name: draft.title }).waitFor();
      await shot(3, 'draft');
    });

    await step(`the session outlives its ${ACCESS_TOKEN_SECONDS} s access token: the api renews it with Keycloak's refresh token`, async () => {
      const database = new Client({ connectionString: databaseUrl });
      await database.connect();
      try {
        const stored = async () =>
          ((await database.query(`SELECT access_token, refresh_token IS NOT NULL AS renewable FROM web_sessions`)).rows as { access_token: string; renewable: boolean }[])[0];
        const expiry = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
        const first = await stored();
        expectThat(first?.renewable === true, 'the session holds no refresh token from Keycloak');
        const wait = Math.max(0, expiry(first.access_token) - Date.now()) + 1_100;
        log(`  the session holds a refresh token; waiting ${(wait / 1000).toFixed(1)} s for its access token to expire`);
        await new Promise((resolve) => setTimeout(resolve, wait));
        const session = await page.request.get(`${appUrl}/auth/session`);
        const read = await page.request.get(`${appUrl}/regulations/${regulationId}`);
        const renewed = await stored();
        log(`  after the expiry: GET /auth/session ${session.status()}, GET /regulations/${regulationId} ${read.status()}; the stored access token ${renewed.access_token === first.access_token ? 'unchanged' : `renewed, valid ${((expiry(renewed.access_token) - Date.now()) / 1000).toFixed(1)} s more`}`);
        expectThat(session.status() === 200 && read.status() === 200, 'the session did not outlive its access token');
        expectThat(renewed.access_token !== first.access_token && expiry(renewed.access_token) > Date.now(), 'the access token was not renewed');
      } finally {
        await database.end();
      }
    });

    await step('sign out through the app: Keycloak\'s end-session visited, its session gone, the old cookie refused', async () => {
      const endSession = page.waitForRequest((request) => request.url().startsWith(endSessionEndpoint));
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      const query = new URL((await endSession).url()).searchParams;
      log(`  visited ${endSessionEndpoint} with id_token_hint ${query.has('id_token_hint')}, post_logout_redirect_uri ${query.get('post_logout_redirect_uri')}`);
      expectThat(query.has('id_token_hint') && query.get('post_logout_redirect_uri') === postLogoutUri.href, 'the end-session request lacks the ID token or the post-logout URI');
      // Back at the app, which has no session any more: it starts a sign-in, and Keycloak asks for the password again.
      await page.waitForURL((url) => url.href.startsWith(authEndpoint));
      await page.getByLabel(LABELS.username, { exact: true }).waitFor();
      log(`  back at ${appUrl}, then at Keycloak's login page again`);
      await shot(4, 'signed-out');
      const sessions = await keycloakSessions(keycloakUrl, compose.keycloak.env, realm.realm, expected.id);
      expectThat(sessions.length === 0, `Keycloak still lists ${sessions.length} sessions of ${USERNAME}`);
      const old = { Cookie: `reglife_session=${cookie?.value}`, Accept: 'application/json' };
      const session = await fetch(`${appUrl}/auth/session`, { headers: old });
      const read = await fetch(`${appUrl}/regulations/${regulationId}`, { headers: old });
      log(`  Keycloak lists no session of ${USERNAME}; the old cookie: GET /auth/session ${session.status} ${((await session.json()) as { code: string }).code}, GET /regulations/${regulationId} ${read.status}`);
      expectThat(session.status === 401 && read.status === 401, 'the old cookie is still accepted');
    });
    expectThat(pageErrors.length === 0, `errors in the app's page: ${pageErrors.join('; ')}`);
    log(`PASS: signed in with Keycloak ${compose.keycloak.version}, the session's role and wards, a draft, its access token renewed, the sign-out (${seconds(started)} in all)`);
    return 0;
  } catch (error) {
    log(`FAIL: ${(error as Error).message}`);
    log(`logs and screenshots: ${path.relative(projectRoot, ARTIFACTS)}/`);
    return 1;
  } finally {
    await stopAll();
  }
}

void main().then((code) => process.exit(code));
