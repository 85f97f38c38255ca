/**
 * The supervisors' dashboard in real headless Chromium (Debian's `chromium`, driven by playwright-core) against the
 * real stack: the app from createApp listening on a free port, a worker with the production workflows, the Temporal
 * dev server and PostgreSQL of the global setup, a fresh database. Conventions are taken to a submitted dossier by
 * officers' commands over HTTP, back-dated so that their decisions are on time, due soon, overdue and long overdue,
 * beside the demo data's own overdue dossier (loaded by the demo loader `npm start` uses); the ward chair's recognition, sent over HTTP while the page is open, must take the task off the page without a
 * reload. Screenshots (laptop, tablet, and the timeline dialog) go to test/artifacts/.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type { Socket } from 'node:net';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Browser, chromium, Page } from 'playwright-core';
import { addCalendarDays, Aging, agingOf, CivilDate, civilDateInVietnam, vietnameseCalendar } from '@app/domain';
import { EventStore } from '@app/event-store';
import { createTestAuth } from '../../apps/api/src/auth/testing';
import { createApp } from '../../apps/api/src/create-app';
import { loadDemoData } from '../../scripts/demo-data';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';
import { freePort, projectRoot } from '../../tools/dev-stack/servers';

/**
 * The functions given to page.evaluate run in Chromium. The project compiles without the DOM library (it would retype
 * Node's timers everywhere), so the few browser globals they use are declared here, for this file only.
 */
interface PageNode {
  id: string;
  open: boolean;
  textContent: string | null;
  getAttribute(name: string): string | null;
  contains(other: PageNode | null): boolean;
  blur(): void;
}
declare const document: {
  activeElement: PageNode | null;
  documentElement: { scrollWidth: number };
  getElementById(id: string): PageNode;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): { length: number };
};
declare const window: { sameDocument?: boolean };
declare const sessionStorage: { getItem(key: string): string | null };
declare const localStorage: { getItem(key: string): string | null };
declare function getComputedStyle(node: PageNode): { backgroundColor: string; color: string; outlineStyle: string };

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const artifacts = path.join(projectRoot, 'test', 'artifacts');
const DOSSIER = ['request_form_01', 'minutes_form_02', 'adopted_text'];

let db: TestDatabase;
let connection: NativeConnection;
let clientConnection: Connection;
let worker: Worker;
let workerRun: Promise<void>;
let app: NestExpressApplication;
let baseUrl: string;
/** The api's open client connections, so that a test can cut them as a network failure would. */
const sockets = new Set<Socket>();
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const savedEnv = { ...process.env };
const tokens: Record<'supervisor' | 'chair' | 'hoan-kiem-2025' | 'ba-dinh-2025' | 'cua-nam-2025', string> = {
  supervisor: '',
  chair: '',
  'hoan-kiem-2025': '',
  'ba-dinh-2025': '',
  'cua-nam-2025': '',
};

const today = civilDateInVietnam(Date.now());
const ago = (days: number): CivilDate => addCalendarDays(today, -days);

/** The latest working day on which a dossier submitted leaves its decision (5 working days) in that aging bucket today. */
function submittedOnFor(aging: Aging): CivilDate {
  for (let back = 0; back < 40; back += 1) {
    const submittedOn = ago(back);
    if (vietnameseCalendar.isWorkingDay(submittedOn) && agingOf(vietnameseCalendar.addWorkingDays(submittedOn, 5), today) === aging) return submittedOn;
  }
  throw new Error(`no submission date gives ${aging} on ${today}`);
}

async function call(method: 'GET' | 'POST', token: string, route: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** A current-regime convention drafted 60 days ago, its consultation closed by the workflow's timer, then adopted. */
async function adoptedConvention(ward: keyof typeof tokens, title: string, votedOn: CivilDate): Promise<string> {
  const id = `dash-${ward}-${randomUUID().slice(0, 8)}`;
  const officer = tokens[ward];
  await call('POST', officer, '/regulations', {
    regulationId: id,
    wardCode: ward,
    kind: 'community_convention',
    title,
    residentialGroup: 'Tổ dân phố số 4',
    text: `${title}\n\nĐiều 1. Các hộ gia đình giữ gìn trật tự, vệ sinh chung.`,
    startedOn: ago(60),
  });
  await call('POST', officer, `/regulations/${id}/open-consultation`, { openedOn: ago(58), days: 30, channels: ['meeting', 'comment_box'] });
  for (let attempt = 0; (await call('GET', officer, `/regulations/${id}`)).stage !== 'revising'; attempt += 1) {
    if (attempt > 150) throw new Error(`the consultation of ${id} was not closed by its timer`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await call('POST', officer, `/regulations/${id}/record-vote`, { method: 'meeting', heldOn: votedOn, totalHouseholds: 90, present: 70, approving: 64 });
  return id;
}

async function conventionWithDossier(ward: keyof typeof tokens, title: string, aging: Aging): Promise<string> {
  const submittedOn = submittedOnFor(aging);
  const id = await adoptedConvention(ward, title, addCalendarDays(submittedOn, -1));
  await call('POST', tokens[ward], `/regulations/${id}/submit-dossier`, { submittedOn, documents: DOSSIER });
  return id;
}

interface InboxItem {
  taskId: string;
  regulationId: string;
  aging: Aging;
  overdueWorkingDays: number;
  title: string;
  dueOn: CivilDate;
}

async function inboxItem(regulationId: string): Promise<InboxItem> {
  const page = (await call('GET', tokens.supervisor, '/inbox?limit=100')) as unknown as { items: InboxItem[] };
  const item = page.items.find((candidate) => candidate.regulationId === regulationId);
  if (!item) throw new Error(`${regulationId} has no task in the inbox`);
  return item;
}

const row = (taskId: string) => `#inbox tbody tr[data-task-id="${taskId}"]`;
const rowCount = () => page.locator('#inbox tbody tr').count();

/** One property of the computed style of the first element the selector finds. */
function computed(selector: string, property: 'backgroundColor' | 'color'): Promise<string> {
  return page.locator(selector).first().evaluate((node: PageNode, name) => getComputedStyle(node)[name], property);
}

let overdue: InboxItem;
let overdueLong: InboxItem;
/** The demo data's dossier left waiting since 20 days ago (the first convention of Hàng Bồ's residents, begun after the 2025 merger: Hoàn Kiếm ward's), loaded as `npm start` loads it. */
let demoOverdue: InboxItem;
let onTime: InboxItem;
let awaitingDossier: string;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-tools.sh (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  db = await createTestDatabase();
  const taskQueue = `dashboard-${randomUUID()}`;
  connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  worker = await createRegulationWorker({ connection, taskQueue, store: new EventStore(db.dataSource) });
  workerRun = worker.run();
  const auth = await createTestAuth();
  tokens.supervisor = await auth.token({ sub: 'bcd-hoan-kiem', role: 'supervisor', wards: ['*'] });
  tokens.chair = await auth.token({ sub: 'chair-hoan-kiem', role: 'ward_chair', wards: ['hoan-kiem-2025'] });
  for (const ward of ['hoan-kiem-2025', 'ba-dinh-2025', 'cua-nam-2025'] as const) tokens[ward] = await auth.token({ sub: `officer-${ward}`, role: 'officer', wards: [ward] });
  Object.assign(process.env, { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY: auth.publicKeyPem });
  app = await createApp();
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  app.getHttpServer().on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  baseUrl = `http://127.0.0.1:${port}`;

  clientConnection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const demo = loadDemoData({
    client: new Client({ connection: clientConnection }),
    taskQueue,
    databaseUrl: db.url,
    log: () => undefined,
    only: (plan) => plan.origin === 'hang-bo' && plan.target === 'overdue_review',
  });
  const [overdueId, overdueLongId, onTimeId] = await Promise.all([
    conventionWithDossier('hoan-kiem-2025', 'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp', 'overdue'),
    conventionWithDossier('hoan-kiem-2025', 'Quy ước xây dựng tổ dân phố an toàn về an ninh trật tự', 'overdue_long'),
    conventionWithDossier('ba-dinh-2025', 'Quy ước sống ở nhà chung cư, nhà nhiều hộ', 'on_time'),
    conventionWithDossier('cua-nam-2025', 'Quy ước giữ gìn phố cổ sạch đẹp', 'due_soon'),
    demo,
  ]);
  awaitingDossier = await adoptedConvention('cua-nam-2025', 'Quy ước ứng xử văn minh nơi công cộng', ago(1));
  await call('POST', tokens['hoan-kiem-2025'], `/regulations/${overdueId}/start-review`, {});
  [overdue, overdueLong, onTime, demoOverdue] = await Promise.all([
    inboxItem(overdueId),
    inboxItem(overdueLongId),
    inboxItem(onTimeId),
    inboxItem('demo-hang-bo-qu-3'),
  ]);
  expect([overdue.aging, overdueLong.aging, onTime.aging, demoOverdue.aging]).toEqual(['overdue', 'overdue_long', 'on_time', 'overdue_long']);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterAll(async () => {
  // The browser first: its open event stream would keep the HTTP server from closing.
  await browser?.close();
  await app?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await connection?.close();
  await clientConnection?.close();
  await db?.drop();
  process.env = savedEnv;
});

describe('the dashboard over HTTP', () => {
  it('serves its page and modules without a token, with a strict content security policy, outside the OpenAPI document', async () => {
    const html = await fetch(`${baseUrl}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await html.text()).toContain('<html lang="vi">');
    const script = await fetch(`${baseUrl}/dashboard/app.js`);
    expect({ status: script.status, type: script.headers.get('content-type') }).toEqual({ status: 200, type: 'text/javascript; charset=utf-8' });
    // fetch adds `Cache-Control: no-cache` to a conditional request unless the request names its own.
    const revalidate = { 'If-None-Match': script.headers.get('etag')!, 'Cache-Control': 'max-age=0' };
    expect((await fetch(`${baseUrl}/dashboard/app.js`, { headers: revalidate })).status).toBe(304);
    expect((await fetch(`${baseUrl}/dashboard/missing.js`)).status).toBe(404);
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((route) => route.startsWith('/dashboard'))).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/inbox', '/inbox/counts', '/inbox/stream']));
  });
});

describe('the dashboard in Chromium', () => {
  it('logs a supervisor in with a pasted token and shows who is logged in, the inbox and the live indicator', async () => {
    await page.goto(`${baseUrl}/dashboard`);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.textContent('h1')).toBe('Hộp việc chờ duyệt');
    await page.getByLabel('Mã truy cập (bearer token)').fill(tokens.supervisor);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator(row(overdue.taskId)).waitFor();
    expect(await page.textContent('#who')).toBe('Đang đăng nhập: bcd-hoan-kiem · Ban Chỉ đạo QCDC · toàn quận');
    expect(await rowCount()).toBe(5);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('summary-title');
    await page.locator('#live[data-state="connected"]').waitFor();
    expect(await page.textContent('#live')).toBe('Trực tuyến: tự động cập nhật');
    expect(await page.evaluate(() => sessionStorage.getItem('reglife.dashboard.token'))).toBe(tokens.supervisor);
  });

  it('shows an overdue task in red and a long overdue one in dark red, each with its badge in words', async () => {
    // The demo data's overdue dossier, more than 5 working days late.
    expect(await page.getAttribute(row(demoOverdue.taskId), 'class')).toContain('aging-overdue_long');
    expect(await page.textContent(`${row(demoOverdue.taskId)} .badge`)).toBe('Quá hạn trên 5 ngày làm việc');
    expect(await computed(`${row(demoOverdue.taskId)} .badge`, 'backgroundColor')).toBe('rgb(122, 16, 16)');
    expect(await page.textContent(`${row(demoOverdue.taskId)} td`)).toBe('Hoàn Kiếm');

    expect(await page.getAttribute(row(overdue.taskId), 'class')).toContain('aging-overdue');
    expect(await page.textContent(`${row(overdue.taskId)} .badge`)).toBe('Quá hạn');
    expect(await computed(`${row(overdue.taskId)} .badge`, 'backgroundColor')).toBe('rgb(198, 40, 40)');
    expect(await computed(`${row(overdue.taskId)} td`, 'backgroundColor')).toBe('rgb(253, 232, 231)');
    // On a weekend, a task due on Friday is overdue by 0 working days: the row counts the days late only when there are some.
    expect(await page.locator(`${row(overdue.taskId)} .late`).allTextContents()).toEqual(
      overdue.overdueWorkingDays > 0 ? [`trễ ${overdue.overdueWorkingDays} ngày làm việc`] : [],
    );
    expect(await page.textContent(`${row(overdueLong.taskId)} .late`)).toBe(`trễ ${overdueLong.overdueWorkingDays} ngày làm việc`);
    expect(await page.textContent(`${row(overdueLong.taskId)} .badge`)).toBe('Quá hạn trên 5 ngày làm việc');
    expect(await computed(`${row(overdueLong.taskId)} .badge`, 'backgroundColor')).toBe('rgb(122, 16, 16)');
    expect(await page.textContent(`${row(onTime.taskId)} .badge`)).toBe('Đúng hạn');
    const cells = await page.locator(`${row(overdue.taskId)} > *`).allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Hoàn Kiếm', `${overdue.title}Hương ước, quy ước`, 'Chờ quyết định công nhận', 'UBND phường']);
    expect(cells[6]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    // Totals per aging bucket and the counts per ward.
    expect(await page.textContent('#totals .tile-total .tile-count')).toBe('5');
    for (const [aging, count] of [['on_time', '1'], ['due_soon', '1'], ['overdue', '1'], ['overdue_long', '2']]) {
      expect(await page.textContent(`#totals .tile-${aging} .tile-count`)).toBe(count);
    }
    expect(await page.locator('#wards tbody tr[data-ward="hoan-kiem-2025"] > *').allTextContents()).toEqual(['Hoàn Kiếm', '3', '3', '0', '0', '0', '1', '2']);
    expect(await page.locator('#wards tbody tr').count()).toBe(3);
  });

  it('opens the regulation’s timeline in a dialog that Escape closes, giving the focus back', async () => {
    const opener = page.locator(`${row(overdue.taskId)} button[data-regulation-id]`);
    await opener.click();
    const dialog = page.locator('#timeline');
    await dialog.locator('tr[data-event-type="DossierSubmitted"]').waitFor();
    expect(await dialog.evaluate((node: PageNode) => node.open && node.contains(document.activeElement))).toBe(true);
    expect(await page.textContent('#timeline-title')).toBe(overdue.title);
    const submitted = await dialog.locator('tr[data-event-type="DossierSubmitted"] > *').allTextContents();
    const [year, month, day] = submittedOnFor('overdue').split('-');
    expect(submitted.slice(1)).toEqual(['Nộp hồ sơ đề nghị công nhận', `${day}/${month}/${year}`, expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/), 'officer-hoan-kiem-2025', 'Cán bộ phường']);
    expect(await dialog.locator('tbody tr').first().getAttribute('data-event-type')).toBe('RegulationDrafted');
    await page.screenshot({ path: path.join(artifacts, 'dashboard-timeline.png') });

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('timeline').open);
    expect(await opener.evaluate((node: PageNode) => node === document.activeElement)).toBe(true);
  });

  it('is operable by keyboard: Tab reaches the filters, Space filters the overdue tasks', async () => {
    await page.locator('.skip-link').focus();
    const reached: string[] = [];
    for (let presses = 0; presses < 3; presses += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(reached).toEqual(['language', 'logout', 'filter-ward']);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    for (const next of ['filter-step', 'filter-aging', 'filter-overdue']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(next);
    }
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelectorAll('#inbox tbody tr').length === 3);
    expect(await page.locator('#inbox tbody tr').evaluateAll((rows: PageNode[]) => rows.map((r) => r.getAttribute('data-aging')))).toEqual([
      'overdue_long',
      'overdue_long',
      'overdue',
    ]);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelectorAll('#inbox tbody tr').length === 5);
  });

  it('sorts by a column header and filters by ward', async () => {
    const dueHeader = page.locator('#inbox th[data-sort="due"]');
    expect(await dueHeader.getAttribute('aria-sort')).toBe('ascending');
    await dueHeader.locator('button').click();
    await page.waitForFunction(() => document.querySelector('#inbox th[data-sort="due"]')?.getAttribute('aria-sort') === 'descending');
    await page.waitForFunction((taskId) => document.querySelector('#inbox tbody tr')?.getAttribute('data-task-id') === taskId, onTime.taskId);
    await dueHeader.locator('button').click();
    const [earliest] = [demoOverdue, overdueLong].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.taskId.localeCompare(b.taskId));
    await page.waitForFunction((taskId) => document.querySelector('#inbox tbody tr')?.getAttribute('data-task-id') === taskId, earliest.taskId);

    await page.selectOption('#filter-ward', 'ba-dinh-2025');
    await page.waitForFunction(() => document.querySelectorAll('#inbox tbody tr').length === 1);
    expect(await page.textContent('#inbox tbody tr td')).toBe('Ba Đình');
    expect(await page.locator('#wards tbody tr').count()).toBe(1);
    await page.selectOption('#filter-ward', '');
    await page.waitForFunction(() => document.querySelectorAll('#inbox tbody tr').length === 5);
  });

  it('is readable on a laptop (1366×768) and a tablet (768×1024): screenshots', async () => {
    await page.screenshot({ path: path.join(artifacts, 'dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 768, height: 1024 });
    // The page itself never scrolls sideways, and the inbox keeps its deadline status in view (it drops secondary columns).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect(await page.isHidden('#inbox th[data-sort="priority"]')).toBe(true);
    const badge = (await page.locator(`${row(overdue.taskId)} .badge`).boundingBox())!;
    expect(badge.x + badge.width).toBeLessThanOrEqual(768);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-tablet.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('updates live: a new dossier appears, and a task the ward chair decides over HTTP disappears without a reload', async () => {
    await page.evaluate(() => {
      window.sameDocument = true;
    });
    await call('POST', tokens['cua-nam-2025'], `/regulations/${awaitingDossier}/submit-dossier`, { submittedOn: today, documents: DOSSIER });
    const added = await inboxItem(awaitingDossier);
    await page.locator(row(added.taskId)).waitFor();
    await page.waitForFunction(() => document.querySelector('#totals .tile-total .tile-count')?.textContent === '6');

    await call('POST', tokens.chair, `/regulations/${overdue.regulationId}/recognize`, { decisionNo: '27/QĐ-UBND', decidedOn: today });
    await page.locator(row(overdue.taskId)).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('#totals .tile-overdue .tile-count')?.textContent === '0');
    expect(await page.textContent('#totals .tile-total .tile-count')).toBe('5');
    expect(await page.locator('#wards tbody tr[data-ward="hoan-kiem-2025"] > *').allTextContents()).toEqual(['Hoàn Kiếm', '2', '2', '0', '0', '0', '0', '2']);
    expect(await page.textContent('#announcer')).toBe(`Đã xong hoặc đã hủy: ${overdue.title}`);
    expect(await page.evaluate(() => window.sameDocument)).toBe(true);
    expect(await page.getAttribute('#live', 'data-state')).toBe('connected');
  });

  it('reconnects by itself when its connection is cut, and catches up on a decision taken meanwhile', async () => {
    await page.locator('#live[data-state="connected"]').waitFor();
    const errorsBefore = pageErrors.length;
    // The page's attempts to reconnect wait until the decision is taken: it must catch up, not hear of it live.
    let decided: () => void = () => undefined;
    const decision = new Promise<void>((resolve) => (decided = resolve));
    let held = 0;
    await page.route('**/inbox/stream', async (route) => {
      held += 1;
      await decision;
      await route.continue();
    });
    for (const socket of sockets) socket.destroy();
    await page.locator('#live[data-state="reconnecting"]').waitFor();
    await call('POST', tokens['hoan-kiem-2025'], `/regulations/${overdueLong.regulationId}/start-review`, {});
    await call('POST', tokens.chair, `/regulations/${overdueLong.regulationId}/recognize`, { decisionNo: '28/QĐ-UBND', decidedOn: today });
    expect(await page.locator(row(overdueLong.taskId)).count()).toBe(1);
    decided();
    await page.locator('#live[data-state="connected"]').waitFor();
    await page.unroute('**/inbox/stream');
    expect(held).toBeGreaterThan(0);
    await page.locator(row(overdueLong.taskId)).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('#totals .tile-total .tile-count')?.textContent === '4');
    expect(await page.textContent('#live')).toBe('Trực tuyến: tự động cập nhật');
    // Chromium reports the cut stream on the console; nothing else went wrong meanwhile.
    const fromCut = pageErrors.splice(errorsBefore);
    expect(fromCut.filter((error) => !/net::ERR_(INCOMPLETE_CHUNKED_ENCODING|CONNECTION_\w+|EMPTY_RESPONSE)/.test(error))).toEqual([]);
  });

  it('switches to English and back, and remembers the choice across a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Approval inbox');
    expect(await page.textContent(`${row(demoOverdue.taskId)} .badge`)).toBe('Overdue by more than 5 working days');
    expect(await page.locator(`${row(demoOverdue.taskId)} td`).nth(1).textContent()).toBe('Awaiting the recognition decision');
    expect(await page.textContent('label[for="filter-ward"]')).toBe('Ward');

    await page.reload();
    await page.locator(row(demoOverdue.taskId)).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#live')).toMatch(/^(Connecting…|Live: updates automatically)$/);

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.textContent('h1')).toBe('Hộp việc chờ duyệt');
    expect(await page.textContent(`${row(demoOverdue.taskId)} .badge`)).toBe('Quá hạn trên 5 ngày làm việc');
    expect(await page.evaluate(() => localStorage.getItem('reglife.dashboard.language'))).toBe('vi');
  });

  it('logs out: the token leaves the tab and the login form comes back', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    expect(await page.isVisible('#token')).toBe(true);
    expect(await page.isHidden('#dashboard')).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('reglife.dashboard.token'))).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
