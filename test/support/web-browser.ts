/**
 * The rig of the browser suites (test/browser): a fresh database, a worker with the production workflows and the
 * regulation and summary activities, the embedded OpenID provider with the suite's accounts, the api from createApp
 * on a free port serving apps/web/dist (built by the global setup), and Debian's headless Chromium. Each person signs
 * in as a person does: the app sends the browser to the provider's login page, the test types the user name and
 * password, and the browser comes back with the api's session cookie. Pages are checked by axe; screenshots go to
 * test/artifacts/web/<suite>/.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NativeConnection, Worker } from '@temporalio/worker';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { EventStore, RegulationIncidents } from '@app/event-store';
import { SummaryReportService } from '@app/reporting';
import { createApp } from '../../apps/api/src/create-app';
import type { RunningIdentityProvider } from '../../apps/idp/src/identity-provider';
import { RegulationActivitiesService } from '../../apps/worker/src/regulation.activities';
import { SummaryActivitiesService } from '../../apps/worker/src/reporting/summary.activities';
import { WorkerMetrics } from '../../apps/worker/src/worker-metrics.service';
import { freePort, projectRoot } from '../../tools/dev-stack/servers';
import { createTestDatabase, TestDatabase } from './database';
import { startTestIdentityProvider, TestAccount } from './identity-provider';
import { chromiumArgs, chromiumPath } from '../../tools/dev-stack/tools';

/** How long a person's action (and the api's command behind it) may take before the test gives up. */
const ACTION_MS = 90_000;
export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };
/** Every account of a browser suite has this password. */
export const PASSWORD = 'mat-khau-thu-nghiem';

/** A person of a browser suite: an account of the provider (or, with `bearer`, an API client's token). */
export interface Person {
  sub: string;
  name: string;
  role: TestAccount['role'];
  wards: string[];
}

export interface WebStackOptions {
  /** The folder under test/artifacts/web/ for this suite's screenshots (emptied at start). */
  suite: string;
  /** The provider's accounts. */
  accounts: Person[];
  /** More environment for the api (e.g. AUTH_PUBLIC_KEY for API clients' tokens). */
  apiEnv?: Record<string, string>;
}

export interface SignInOptions {
  viewport?: { width: number; height: number };
  /** An API client's bearer token instead of the provider's sign-in (no session cookie). */
  bearer?: string;
  /** Axe-check and screenshot the provider's login page on the way. */
  checkLoginPage?: boolean;
  /**
   * The person's `prefers-reduced-motion`; 'reduce' unless said. With motion, a screenshot taken while one of Ant
   * Design's transitions runs can leave it waiting for ever for its end (a button's loading icon stays in the button,
   * whose name becomes "loading Nhập"), and the next locator by role and name finds nothing.
   */
  reducedMotion?: 'reduce' | 'no-preference';
}

export class WebStack {
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private step = 0;

  private constructor(
    readonly baseUrl: string,
    readonly db: TestDatabase,
    readonly store: EventStore,
    readonly idp: RunningIdentityProvider,
    readonly browser: Browser,
    readonly artifacts: string,
    private readonly app: NestExpressApplication,
    private readonly connection: NativeConnection,
    private readonly worker: Worker,
    private readonly workerRun: Promise<void>,
    private readonly savedEnv: NodeJS.ProcessEnv,
  ) {}

  static async start(options: WebStackOptions): Promise<WebStack> {
    if (!fs.existsSync(chromiumPath)) {
      throw new Error(`no Chromium at ${chromiumPath}: run scripts/ensure-tools.sh (apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH`);
    }
    const artifacts = path.join(projectRoot, 'test', 'artifacts', 'web', options.suite);
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    const savedEnv = { ...process.env };
    const db = await createTestDatabase();
    const store = new EventStore(db.dataSource);
    const taskQueue = `web-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
    const regulationActivities = new RegulationActivitiesService(store, new RegulationIncidents(db.dataSource), new WorkerMetrics()).activities();
    const summaryActivities = new SummaryActivitiesService(new SummaryReportService(db.dataSource)).activities();
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: { ...regulationActivities, ...summaryActivities },
    });
    const workerRun = worker.run();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const provider = await startTestIdentityProvider(
      baseUrl,
      options.accounts.map((person) => ({ username: person.sub, name: person.name, role: person.role, wards: person.wards, password: PASSWORD })),
    );
    // The whole gate runs these suites beside the fuzz suite, on the same Temporal dev server, on two cores: a command has
    // been seen to take more than 30 s there (the api's default deadline and Playwright's). Both wait up to ACTION_MS here.
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'silent',
      API_COMMAND_TIMEOUT_MS: String(ACTION_MS),
      ...options.apiEnv,
      ...provider.apiEnv,
    });
    const app = await createApp();
    await app.listen(port, '127.0.0.1');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    return new WebStack(baseUrl, db, store, provider.idp, browser, artifacts, app, connection, worker, workerRun, savedEnv);
  }

  /** A new browser context and page; page errors and console errors (but a refused command's 4xx) are collected. */
  async newPage(label: string, options: SignInOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: options.viewport ?? LAPTOP,
      reducedMotion: options.reducedMotion ?? 'reduce',
      acceptDownloads: true,
      ...(options.bearer ? { extraHTTPHeaders: { Authorization: `Bearer ${options.bearer}` } } : {}),
    });
    this.contexts.push(context);
    context.setDefaultTimeout(ACTION_MS);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`${label}: ${error.message}`));
    page.on('console', (message) => {
      // A refused command's 4xx is logged by Chromium as a failed load: those refusals are asserted on the page itself.
      if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
        this.pageErrors.push(`${label}: ${message.text()}`);
      }
    });
    return page;
  }

  /** A browser context signed in as the person through the provider's login page (or carrying a bearer token). */
  async signIn(person: Person, options: SignInOptions = {}): Promise<Page> {
    const page = await this.newPage(person.sub, options);
    if (options.bearer) return page;
    await page.goto(`${this.baseUrl}/`);
    await this.typeCredentials(page, person, options.checkLoginPage);
    await page.locator('#who', { hasText: person.name }).waitFor();
    return page;
  }

  /** On the provider's login page (waited for): types the person's user name and password, back in the app. */
  async typeCredentials(page: Page, person: Person, checkLoginPage = false): Promise<void> {
    await page.waitForURL(`${this.idp.url}/**`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    if (checkLoginPage) {
      await expectAccessible(page);
      await this.screenshot(page, 'provider-login-page');
    }
    await page.getByLabel('Tên đăng nhập').fill(person.sub);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${this.baseUrl}/**`);
  }

  /** A full-page screenshot, numbered in the order taken: test/artifacts/web/<suite>/NN-name.png. */
  async screenshot(page: Page, name: string): Promise<string> {
    this.step += 1;
    const file = path.join(this.artifacts, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  async stop(): Promise<void> {
    // The browser first: an open event stream would keep the HTTP server from closing.
    for (const context of this.contexts) await context.close();
    await this.browser.close();
    await this.app.close();
    await this.idp.close();
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.workerRun;
    await this.connection.close();
    await this.db.drop();
    process.env = this.savedEnv;
  }
}

/**
 * No axe violation of serious or critical impact on the page as it is now (WCAG 2.1 A and AA rules); with `within`,
 * in that part only (an open dialog: the page behind its mask is inert and checked once the dialog closes).
 * Axe runs inside the page (legacy mode): its default opens and closes a blank page of the context to finish the run,
 * and in `chromium --headless` the checked page then sometimes stopped producing frames, on which Playwright's next
 * locator waited for ever (see chromiumPath). The app has no cross-origin frames, the one thing legacy mode cannot check.
 */
export async function expectAccessible(page: Page, within?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (within ? builder.include(within) : builder).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
  expect({ url: page.url(), serious }).toEqual({ url: page.url(), serious: [] });
}

/** The regulation page's stage tag. */
export const stageTag = (page: Page, label: string) => page.locator('article header .ant-tag', { hasText: label });
/** The next step panel. */
export const panel = (page: Page) => page.locator('.ant-card', { has: page.locator('#next-step-title') });

/** Chooses an action in the next step panel. */
export async function choose(page: Page, action: string): Promise<void> {
  // Ant Design's button-styled radios hide their input: the label is what a person clicks.
  await panel(page).getByRole('radiogroup', { name: 'Chọn thao tác' }).locator('label', { hasText: new RegExp(`^${action}$`) }).click();
  await panel(page).getByRole('button', { name: action, exact: true }).waitFor();
}

export async function submit(page: Page, action: string): Promise<void> {
  await panel(page).getByRole('button', { name: action, exact: true }).click();
}
