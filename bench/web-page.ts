/**
 * `npm run bench:web`: how soon a regulation page of the web app is interactive (issue 15: ≤ 1 s on this machine with
 * the demo data). Starts the stack as the other benchmarks do (servers, the production worker and the api in child
 * processes) with the embedded OpenID provider, loads the demo data (npm start's), signs an officer of the ward in
 * through the provider's login page in Debian's Chromium, then opens the ward's regulation pages one after another and
 * times each from navigation start to the page's User Timing mark `reglife:regulation-interactive` (set by
 * apps/web/src/pages/regulation-page.tsx once the regulation and its next step panel are rendered, handlers attached):
 * `cold`, a fresh browser context each time (nothing cached, the session cookie carried over), and `warm`, the same
 * page navigating again (assets cached). Prints p50/p95 of both; the verdict is on the cold p95.
 * Writes bench/results/<timestamp>-web-page.json.
 * Settings: --loads BENCH_WEB_LOADS (40 of each), --warmup BENCH_WEB_WARMUP (3), --timeout BENCH_TIMEOUT_SECONDS (900).
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Pool } from 'pg';
import { API_RESOURCE, startIdentityProvider, WEB_CLIENT_ID } from '../apps/idp/src/identity-provider';
import { hashPassword } from '../apps/idp/src/accounts';
import { loadDemoData } from '../scripts/demo-data';
import { freePort } from '../tools/dev-stack/servers';
import { ensureWebBuild } from '../tools/web/build';
import { integerOptions, runBounded } from './bounded-run';
import { machine, revision, writeResult } from './record';
import { BENCH_WARD, startBenchStack } from './stack';
import { Distribution, distribution } from './stats';
import { chromiumArgs, chromiumPath } from '../tools/dev-stack/tools';

interface Settings {
  loads: number;
  warmup: number;
  timeoutSeconds: number;
}

/** The mark apps/web/src/pages/regulation-page.tsx sets (INTERACTIVE_MARK there). */
const INTERACTIVE_MARK = 'reglife:regulation-interactive';
const TARGET_MS = 1000;
const VIEWPORT = { width: 1366, height: 768 };
const OFFICER = { username: `officer-${BENCH_WARD}`, name: 'Cán bộ phường (benchmark)', role: 'officer' as const, wards: [BENCH_WARD], password: 'bench-web-page' };
const CLIENT_SECRET = 'bench-web-page-client-secret';

const log = (line: string): void => console.log(`[bench:web] ${line}`);

/** The page's `performance`, as the functions given to page.evaluate (run in Chromium) use it: the project compiles without the DOM library. */
interface BrowserPerformance {
  getEntriesByType(type: 'navigation'): { responseEnd: number; domContentLoadedEventEnd: number }[];
  getEntriesByType(type: 'resource'): { name: string; initiatorType: string; startTime: number; responseEnd: number }[];
  getEntriesByName(name: string): { startTime: number }[];
  getEntriesByType(type: 'mark'): { name: string; startTime: number }[];
}

/** Where a cold load's time went, ms since navigation start: the page's own HTML, its scripts, its api calls. */
interface LoadStages {
  htmlResponseEnd: number;
  /** The last script (the app's code, every chunk) received. */
  scriptsEnd: number;
  domContentLoaded: number;
  /** The api's answers the page waited for: the session, the regulation. */
  sessionStart: number;
  sessionEnd: number;
  regulationStart: number;
  regulationEnd: number;
  interactive: number;
  /** The app's own User Timing marks before it (`reglife:app-code`, `reglife:regulation-page-code`, …). */
  marks: Record<string, number>;
  regulationRequests: number;
  sessionRequests: number;
}

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, ['loads', 'warmup', 'timeout']);
  return {
    loads: read('loads', 'BENCH_WEB_LOADS', 40, 1, 10_000),
    warmup: read('warmup', 'BENCH_WEB_WARMUP', 3, 0, 100),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 900, 10, 3_600),
  };
}

/** Navigates to the page and reads, in the page, when the interactive mark was set and the stages before it. */
async function timeLoad(page: Page, url: string): Promise<LoadStages> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((mark) => (performance as unknown as BrowserPerformance).getEntriesByName(mark).length > 0, INTERACTIVE_MARK, { polling: 50, timeout: 30_000 });
  return page.evaluate((mark) => {
    const timings = performance as unknown as BrowserPerformance;
    const navigation = timings.getEntriesByType('navigation')[0];
    const resources = timings.getEntriesByType('resource');
    const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
    const call = (path: RegExp) => resources.find((r) => path.test(new URL(r.name).pathname));
    const session = call(/^\/auth\/session$/);
    const regulation = call(/^\/regulations\/[^/]+$/);
    return {
      htmlResponseEnd: navigation.responseEnd,
      scriptsEnd: Math.max(0, ...scripts.map((r) => r.responseEnd)),
      domContentLoaded: navigation.domContentLoadedEventEnd,
      sessionStart: session?.startTime ?? -1,
      sessionEnd: session?.responseEnd ?? -1,
      regulationStart: regulation?.startTime ?? -1,
      regulationEnd: regulation?.responseEnd ?? -1,
      interactive: timings.getEntriesByName(mark)[0].startTime,
      marks: Object.fromEntries(timings.getEntriesByType('mark').filter((m) => m.name !== mark).map((m) => [m.name, m.startTime])),
      regulationRequests: resources.filter((r) => /^\/regulations\/[^/]+$/.test(new URL(r.name).pathname)).length,
      sessionRequests: resources.filter((r) => new URL(r.name).pathname === '/auth/session').length,
    };
  }, INTERACTIVE_MARK);
}

async function signIn(browser: Browser, apiUrl: string, idpUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${apiUrl}/`);
  await page.waitForURL(`${idpUrl}/**`);
  await page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
  await page.getByLabel('Mật khẩu').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${apiUrl}/workspace`);
  return context;
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}`);
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: run scripts/ensure-tools.sh or set CHROMIUM_PATH`);
  ensureWebBuild({ log });
  // The provider must name the api's callback before the api starts: the api's port is chosen first.
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const idp = await startIdentityProvider({
    port: 0,
    clients: [{ clientId: WEB_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${apiUrl}/auth/callback`], postLogoutRedirectUris: [`${apiUrl}/`] }],
    accounts: [{ username: OFFICER.username, name: OFFICER.name, role: OFFICER.role, wards: OFFICER.wards, passwordHash: hashPassword(OFFICER.password) }],
  });
  Object.assign(process.env, { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: WEB_CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_RESOURCE: API_RESOURCE });
  const stack = await startBenchStack({ officers: 1, workerProcess: true, apiProcess: true, apiPort, log }).catch(async (error: unknown) => {
    await idp.close();
    throw error;
  });
  let browser: Browser | undefined;
  try {
    const demoStarted = Date.now();
    await loadDemoData({ client: stack.client, taskQueue: process.env.TEMPORAL_TASK_QUEUE!, databaseUrl: process.env.DATABASE_URL!, log });
    const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    const regulations = await pool
      .query<{ regulation_id: string; events: number }>(
        `SELECT r.regulation_id, (SELECT count(*)::int FROM events e WHERE e.stream_id = r.regulation_id) AS events
         FROM regulations r WHERE r.ward_code = $1 ORDER BY r.regulation_id`,
        [BENCH_WARD],
      )
      .finally(() => pool.end());
    const pages = regulations.rows;
    if (pages.length === 0) throw new Error(`the demo data holds no regulation of ${BENCH_WARD}`);
    const events = pages.map((p) => p.events);
    log(`demo data loaded in ${Date.now() - demoStarted} ms; ${pages.length} regulations of ${BENCH_WARD}, ${Math.min(...events)}–${Math.max(...events)} events each`);

    browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    const signedIn = await signIn(browser, apiUrl, idp.url);
    const storageState = await signedIn.storageState();
    const urlOf = (n: number) => `${apiUrl}/workspace/${encodeURIComponent(pages[n % pages.length].regulation_id)}`;

    const cold: number[] = [];
    const coldDcl: number[] = [];
    const coldStages: LoadStages[] = [];
    for (let n = 0; n < settings.warmup + settings.loads; n += 1) {
      signal.throwIfAborted();
      const context = await browser.newContext({ viewport: VIEWPORT, storageState });
      try {
        const timing = await timeLoad(await context.newPage(), urlOf(n));
        if (n >= settings.warmup) {
          cold.push(timing.interactive);
          coldDcl.push(timing.domContentLoaded);
          coldStages.push(timing);
        }
      } finally {
        await context.close();
      }
    }
    const warm: number[] = [];
    const page = await signedIn.newPage();
    for (let n = 0; n < settings.warmup + settings.loads; n += 1) {
      signal.throwIfAborted();
      const timing = await timeLoad(page, urlOf(n));
      if (n >= settings.warmup) warm.push(timing.interactive);
    }
    await signedIn.close();

    const results: Record<'cold' | 'coldDomContentLoaded' | 'warm', Distribution> = {
      cold: distribution(cold),
      coldDomContentLoaded: distribution(coldDcl),
      warm: distribution(warm),
    };
    const timesOf = (t: LoadStages): Record<string, number> => ({
      htmlResponseEnd: t.htmlResponseEnd,
      scriptsEnd: t.scriptsEnd,
      domContentLoaded: t.domContentLoaded,
      sessionStart: t.sessionStart,
      sessionEnd: t.sessionEnd,
      regulationStart: t.regulationStart,
      regulationEnd: t.regulationEnd,
      interactive: t.interactive,
      ...t.marks,
    });
    const flat = coldStages.map(timesOf);
    const requests = { regulation: Math.max(...coldStages.map((t) => t.regulationRequests)), session: Math.max(...coldStages.map((t) => t.sessionRequests)) };
    const stageNames = Object.keys(flat[0]).sort((a, b) => flat[0][a] - flat[0][b]);
    const coldBreakdown = Object.fromEntries(stageNames.map((stage) => [stage, distribution(flat.map((t) => t[stage]).filter((ms) => ms >= 0)).p50Ms]));
    const met = results.cold.p95Ms <= TARGET_MS;
    console.log('');
    console.log(`regulation page interactive (navigation start → ${INTERACTIVE_MARK}), ${settings.loads} loads each over ${pages.length} regulations:`);
    console.log(`  cold (fresh context): p50 ${results.cold.p50Ms} ms, p95 ${results.cold.p95Ms} ms, max ${results.cold.maxMs} ms`);
    console.log(`  warm (cached assets): p50 ${results.warm.p50Ms} ms, p95 ${results.warm.p95Ms} ms, max ${results.warm.maxMs} ms`);
    console.log(`  cold stages, p50 ms since navigation start: ${stageNames.map((stage) => `${stage} ${coldBreakdown[stage]}`).join(', ')}`);
    console.log(`  requests per cold load, at most: session ${requests.session}, regulation ${requests.regulation} (1 each: the preloads were used)`);
    console.log(`  target: cold p95 ≤ ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'}`);
    writeResult('web-page', startedAt, {
      benchmark: 'web-page',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      parameters: { ...settings, ward: BENCH_WARD, regulations: pages.length, eventsPerRegulation: { min: Math.min(...events), max: Math.max(...events) }, viewport: VIEWPORT, servers: stack.servers },
      results,
      coldBreakdownP50Ms: coldBreakdown,
      coldRequestsAtMost: requests,
      targetMs: TARGET_MS,
      met,
    });
  } finally {
    await browser?.close();
    await stack.stop();
    await idp.close();
  }
}

runBounded('bench:web', readSettings, main);
