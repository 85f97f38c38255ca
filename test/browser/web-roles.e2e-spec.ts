/**
 * The rest of the officers' web app in real headless Chromium, each person signing in through the embedded OpenID
 * provider's login page (the rig: test/support/web-browser.ts): the Front committee's critique, a supervisor's report
 * (first-published against restated, downloads read back), a bulk import (dry run with a coded row error, the run
 * with its progress), the diff between two revisions of a text, an expired session that keeps a half-filled form,
 * and sign-out ending both the api's session and the provider's. Every page passes axe (no serious or critical
 * violation); each step's screenshot goes to test/artifacts/web/roles/.
 *
 * What a person does not do in the browser is set up over HTTP with an API client's bearer token (a regulation in
 * consultation, one in drafting) or written to the event log directly (the reporting fixture's past facts).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page, Request as BrowserRequest } from 'playwright-core';
import { civilDateInVietnam } from '@app/domain';
import { columns, csvLine } from '@app/imports';
import { createTestAuth } from '../../apps/api/src/auth/testing';
import { appendStreams, fixture2025, StreamBuilder, vn } from '../reporting/summary-fixture';
import { choose, expectAccessible, panel, Person, stageTag, submit, WebStack } from '../support/web-browser';

jest.setTimeout(600_000);

const WARD = 'hoan-kiem-2025';
const people: Record<'officer' | 'front' | 'supervisor' | 'importer', Person> = {
  officer: { sub: 'officer-hoan-kiem', name: 'Nguyễn Thị Lan', role: 'officer', wards: [WARD] },
  front: { sub: 'mttq-hoan-kiem', name: 'Đỗ Văn Bình', role: 'front', wards: [WARD] },
  supervisor: { sub: 'bcd-hoan-kiem', name: 'Lê Minh Tuấn', role: 'supervisor', wards: ['*'] },
  importer: { sub: 'officer-hang-bac', name: 'Vũ Thị Mai', role: 'officer', wards: ['hang-bac'] },
};

let stack: WebStack;
let baseUrl: string;
/** An API client's bearer token for the ward's officer: sets up what the browser steps start from. */
let officerBearer: string;
const today = civilDateInVietnam(Date.now());

const screenshot = (page: Page, name: string) => stack.screenshot(page, name);

/** A command over HTTP as an API client (the officer's bearer token); the answer's body, failing on a refusal. */
async function command(route: string, body: object, version?: number): Promise<{ regulationId: string; version: number }> {
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${officerBearer}`, 'Content-Type': 'application/json', ...(version === undefined ? {} : { 'If-Match': `"${version}"` }) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { regulationId: string; version: number };
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** A convention of the ward drafted over HTTP, with a title of its own; its id. */
async function draft(title: string, text: string): Promise<string> {
  const regulationId = `web-${randomUUID().slice(0, 8)}`;
  await command('/regulations', { regulationId, wardCode: WARD, kind: 'community_convention', title, text, residentialGroup: 'Tổ dân phố số 7', startedOn: today });
  return regulationId;
}

const regulationUrl = (id: string) => `${baseUrl}/workspace/${encodeURIComponent(id)}`;

beforeAll(async () => {
  const auth = await createTestAuth();
  officerBearer = await auth.token({ sub: people.officer.sub, role: 'officer', wards: [WARD] });
  stack = await WebStack.start({ suite: 'roles', accounts: Object.values(people), apiEnv: { AUTH_PUBLIC_KEY: auth.publicKeyPem } });
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  expect(stack.pageErrors).toEqual([]);
});

describe("the Front committee's critique", () => {
  it('lets the Front account of the ward record a critique on a convention in consultation, shown on its page', async () => {
    const title = `Quy ước giữ gìn cảnh quan hồ (${randomUUID().slice(0, 6)})`;
    const id = await draft(title, 'Điều 1. Không xả rác xuống hồ.');
    await command(`/regulations/${id}/open-consultation`, { days: 30, channels: ['meeting'] }, 1);

    const front = await stack.signIn(people.front);
    await front.waitForURL(`${baseUrl}/workspace`);
    await front.locator('tr', { hasText: title }).getByRole('link').click();
    await stageTag(front, 'Đang lấy ý kiến').waitFor();
    // The Front's one step: the panel offers the critique and names the officer's steps as someone else's.
    const offered = await panel(front).getByRole('radiogroup', { name: 'Chọn thao tác' }).locator('label').allTextContents();
    expect(offered).toEqual(['Gửi phản biện']);
    await panel(front).getByTestId('others-steps').filter({ hasText: 'Ghi nhận ý kiến góp ý (' }).waitFor();
    await choose(front, 'Gửi phản biện');
    // An empty critique is caught on its field before anything is sent.
    await submit(front, 'Gửi phản biện');
    await panel(front).locator('[id$="_content_help"]', { hasText: 'Bắt buộc' }).waitFor();
    const critique = 'Ủy ban MTTQ phường đề nghị bổ sung trách nhiệm của các hộ kinh doanh ven hồ.';
    await panel(front).getByLabel('Nội dung').fill(critique);
    // The message fades out once the field is filled; axe would read its contrast mid-animation.
    await panel(front).locator('[id$="_content_help"]').waitFor({ state: 'detached' });
    await expectAccessible(front);
    await screenshot(front, 'front-critique-form');
    await submit(front, 'Gửi phản biện');
    await front.getByRole('tab', { name: 'Phản biện của MTTQ (1)' }).click();
    await front.getByRole('tabpanel').getByText(`${people.front.sub}: ${critique}`, { exact: false }).waitFor();
    await stageTag(front, 'Đang lấy ý kiến').waitFor();
    await expectAccessible(front);
    await screenshot(front, 'front-critique-recorded');

    // The officer sees it on the regulation's page too, and in the timeline with its actor.
    const officer = await stack.signIn(people.officer);
    await officer.goto(regulationUrl(id));
    await officer.getByRole('tab', { name: 'Phản biện của MTTQ (1)' }).click();
    await officer.getByRole('tabpanel').getByText(critique, { exact: false }).waitFor();
    await officer.getByRole('tab', { name: 'Diễn biến' }).click();
    await officer.getByTestId('timeline').locator('tr', { hasText: `${people.front.sub} (front)` }).waitFor();
  });
});

describe("a supervisor's reports", () => {
  it('runs a report, compares the first-published figures with the period restated, and downloads both as CSV', async () => {
    await appendStreams(stack.store, fixture2025('web').streams);
    const supervisor = await stack.signIn(people.supervisor);
    await supervisor.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await supervisor.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
    await expectAccessible(supervisor);
    await supervisor.getByLabel('Kỳ bắt đầu').fill('2025-01-01');
    await supervisor.getByRole('button', { name: 'Lập báo cáo' }).click();
    const done = supervisor.getByTestId('report-run').filter({ hasText: 'Đã lập báo cáo semiannual-2025-h1' });
    await done.waitFor();
    const published = /vị trí (\d+)/.exec((await done.textContent())!)![1];
    const row = supervisor.locator('tr[data-row-key="semiannual-2025-h1"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['semiannual-2025-h1', '6 tháng', '01/01/2025 – 30/06/2025', published]));
    await expectAccessible(supervisor);
    await screenshot(supervisor, 'supervisor-report-run');

    // Decided on 27 June 2025, recorded on 3 July: after the first half ended, so only the restated report counts it.
    const late = new StreamBuilder('web-b1', 'hang-dao', 'community_convention').recognized('2025-06-27', vn('2025-07-03 09:00'));
    await stack.store.append('web-b1', await stack.store.currentVersion('web-b1'), late.events);
    await row.getByRole('button', { name: 'So sánh bản công bố lần đầu và bản cập nhật: semiannual-2025-h1' }).click();
    const comparison = supervisor.getByTestId('comparison');
    await comparison.getByText(new RegExp(`^Bản công bố lần đầu \\(vị trí ${published}\\) và bản cập nhật \\(vị trí \\d+\\): 1 sự kiện khác biệt, \\d+ chỉ tiêu thay đổi$`)).waitFor();
    const pending = comparison.locator('tr', { hasText: 'Chờ quyết định cuối kỳ' }).filter({ hasText: 'Hàng Đào' });
    expect(await pending.locator('td').allTextContents()).toEqual(['Hàng Đào', 'Chờ quyết định cuối kỳ', '1', '0']);
    expect(await comparison.getByText('approvals.pendingAtEnd').count()).toBe(0);
    await expectAccessible(supervisor);
    await screenshot(supervisor, 'supervisor-first-published-vs-restated');

    const firstPublished = await download(supervisor, row.getByRole('link', { name: 'Bản công bố lần đầu (csv)' }));
    expect(firstPublished.name).toBe(`semiannual-2025-h1-first-published-at-${published}.csv`);
    expect(firstPublished.lines[3]).toBe('Chỉ tiêu,Toàn địa bàn,Hàng Bạc,Hàng Đào,Tràng Tiền');
    expect(firstPublished.lines).toContain('"Tổng số quy chế, quy ước",7,3,2,2');
    expect(firstPublished.lines).toContain('Công nhận / ban hành trong kỳ,3,2,0,1');
    const restated = await download(supervisor, row.getByRole('link', { name: 'Bản cập nhật (csv)' }));
    expect(restated.name).toMatch(/^semiannual-2025-h1-restated-at-\d+\.csv$/);
    expect(restated.lines).toContain('Công nhận / ban hành trong kỳ,4,2,1,1');
  });
});

/** Clicks a download link and reads the file: its suggested name and its lines (UTF-8, without the byte order mark). */
async function download(page: Page, link: ReturnType<Page['locator']>): Promise<{ name: string; lines: string[] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = fs.readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
  return { name: file.suggestedFilename(), lines: text.split(/\r?\n/) };
}

describe('the bulk import', () => {
  it('checks a file from the template (a coded row error, the valid rows), imports it with progress, and the regulations appear', async () => {
    const importer = await stack.signIn(people.importer);
    await importer.getByRole('navigation').getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await importer.getByRole('heading', { level: 1, name: 'Nhập văn bản đã có hiệu lực' }).waitFor();
    await expectAccessible(importer);
    // The template from the page: its headings and its example row, a 2019 convention of Hàng Bạc.
    const template = await download(importer, importer.getByRole('link', { name: 'Tải mẫu (.csv)' }));
    expect(template.name).toBe('mau-nhap-van-ban.csv');
    expect(template.lines[0]).toBe(csvLine(columns.map((c) => c.heading)));
    const example = csvCells(template.lines[1]);
    const titleAt = columns.findIndex((c) => c.key === 'title');
    const startedAt = columns.findIndex((c) => c.key === 'startedOn');
    const batch = randomUUID().slice(0, 6);
    const valid = Array.from({ length: 40 }, (_, n) => example.map((cell, at) => (at === titleAt ? `Quy ước tổ dân phố số ${n + 1} (${batch})` : cell)));
    const bad = example.map((cell, at) => (at === titleAt ? `Quy ước ghi sai ngày (${batch})` : at === startedAt ? '31/02/2019' : cell));
    const rows = [...valid.slice(0, 20), bad, ...valid.slice(20)];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'web-import-')), 'van-ban.csv');
    fs.writeFileSync(file, `\uFEFF${[template.lines[0], ...rows.map(csvLine)].join('\r\n')}\r\n`);

    await importer.getByLabel('Tệp theo mẫu (.xlsx, .csv)').setInputFiles(file);
    await importer.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await importer.getByRole('heading', { level: 2, name: 'Kết quả kiểm tra thử: 41 dòng' }).waitFor();
    expect(await importer.getByTestId('import-counts').locator('.ant-tag').allTextContents()).toEqual([
      'Đã nhập: 0',
      'Sẽ nhập: 40',
      'Đã có, không đổi: 0',
      'Bị từ chối: 1',
    ]);
    // The bad row is the 22nd of the sheet (the heading is row 1): refused with its code and column.
    const refused = importer.locator('tr[data-row-key="22"]');
    expect(await refused.locator('td').nth(1).textContent()).toBe('Bị từ chối');
    expect(await refused.locator('td').nth(3).textContent()).toMatch(/^IMPORT\.CELL_INVALID \(startedOn\): /);
    expect(await importer.locator('tr[data-row-key="2"] td').nth(1).textContent()).toBe('Sẽ nhập');
    await expectAccessible(importer);
    await screenshot(importer, 'import-dry-run');

    await importer.getByRole('button', { name: 'Nhập', exact: true }).click();
    const progress = importer.getByTestId('import-progress');
    await progress.getByText(/^Đang nhập: \d+\/41 dòng$/).waitFor();
    expect(await progress.getByRole('progressbar', { name: 'Tiến độ nhập' }).count()).toBe(1);
    await screenshot(importer, 'import-running');
    await importer.getByRole('heading', { level: 2, name: 'Kết quả nhập: 41 dòng' }).waitFor();
    expect(await importer.getByTestId('import-counts').locator('.ant-tag').allTextContents()).toEqual([
      'Đã nhập: 40',
      'Sẽ nhập: 0',
      'Đã có, không đổi: 0',
      'Bị từ chối: 1',
    ]);
    await progress.waitFor({ state: 'detached' });
    await expectAccessible(importer);
    await screenshot(importer, 'import-done');

    await importer.getByRole('navigation').getByRole('link', { name: 'Văn bản của phường' }).click();
    await importer.getByLabel('Tìm theo tên').fill(batch);
    await importer.getByLabel('Tìm theo tên').press('Enter');
    await importer.locator('tr', { hasText: `Quy ước tổ dân phố số 40 (${batch})` }).waitFor();
    const listed = importer.locator('tr', { hasText: `(${batch})` });
    expect(await listed.count()).toBeGreaterThanOrEqual(20);
    expect(await importer.locator('tr', { hasText: `Quy ước ghi sai ngày (${batch})` }).count()).toBe(0);
    await importer.locator('tr', { hasText: `Quy ước tổ dân phố số 40 (${batch})` }).getByRole('link').click();
    await stageTag(importer, 'Có hiệu lực').waitFor();
    await expectAccessible(importer);
    await screenshot(importer, 'imported-regulation');
  });
});

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) => (match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]));
}

describe("an agency's democracy regulation", () => {
  it('shows the conferences of officials and employees on its page, the one without quorum and the one adopting', async () => {
    const regulationId = `web-${randomUUID().slice(0, 8)}`;
    await command('/regulations', { regulationId, wardCode: WARD, kind: 'agency_democracy_regulation', title: `Quy chế dân chủ của Trường Tiểu học (${regulationId})`, text: 'Chương I. Quy định chung.', startedOn: today });
    const step = (route: string, body: object = {}) => command(`/regulations/${regulationId}/${route}`, body);
    await step('open-consultation', { days: 7, channels: ['meeting'] });
    await step('close-consultation');
    await step('record-conference', { heldOn: today, form: 'plenary', convened: 60, present: 39, approving: 39 });
    await step('record-conference', { heldOn: today, form: 'delegates', convened: 60, present: 40, approving: 21 });

    const officer = await stack.signIn(people.officer);
    await officer.goto(regulationUrl(regulationId));
    await stageTag(officer, 'Đã thông qua').waitFor();
    // Its head issues it: no dossier is due, as it would be for a convention.
    expect(await officer.getByText(/nộp hồ sơ/).count()).toBe(0);
    // The head issues it (ban hành); a convention is recognized (công nhận). The officer records the head's decision.
    await panel(officer).getByRole('radiogroup', { name: 'Chọn thao tác' }).locator('label', { hasText: /^Quyết định ban hành$/ }).waitFor();
    expect(await panel(officer).getByText('Quyết định công nhận').count()).toBe(0);
    // Its tabs are its steps': the conferences, no households' votes, no critiques of the ward's Front.
    expect(await officer.getByRole('tab', { name: /^Biểu quyết/ }).count()).toBe(0);
    expect(await officer.getByRole('tab', { name: /^Phản biện/ }).count()).toBe(0);
    await officer.getByRole('tab', { name: 'Hội nghị cán bộ, công chức, viên chức (2)' }).click();
    const rows = officer.getByRole('tabpanel').locator('tbody tr');
    const shown = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    expect([await rows.nth(0).locator('td').allTextContents(), await rows.nth(1).locator('td').allTextContents()]).toEqual([
      ['1', 'Hội nghị toàn thể', shown, '39 / 39 / 60', 'Không đủ số người dự'],
      ['2', 'Hội nghị đại biểu', shown, '21 / 40 / 60', 'Thông qua'],
    ]);
    expect(await rows.count()).toBe(2);
    await expectAccessible(officer);
    await screenshot(officer, 'agency-conferences');
  });
});

describe('the revisions of a text', () => {
  it('revises a draft in the browser and shows the diff between any two revisions', async () => {
    const id = await draft(`Quy ước phòng cháy (${randomUUID().slice(0, 6)})`, 'Điều 1. Mỗi hộ có bình chữa cháy.\nĐiều 2. Không đốt vàng mã trong ngõ.');
    await command(`/regulations/${id}/revise-draft`, { text: 'Điều 1. Mỗi hộ có bình chữa cháy.\nĐiều 2. Đốt vàng mã đúng nơi quy định.', summary: 'Sửa Điều 2' }, 1);
    const officer = await stack.signIn(people.officer);
    await officer.goto(regulationUrl(id));
    await stageTag(officer, 'Đang soạn thảo').waitFor();
    await choose(officer, 'Chỉnh lý dự thảo');
    await panel(officer).getByLabel('Nội dung').fill('Điều 1. Mỗi hộ có bình chữa cháy.\nĐiều 2. Đốt vàng mã đúng nơi quy định.\nĐiều 3. Giữ lối thoát hiểm thông thoáng.');
    await panel(officer).getByLabel('Tóm tắt').fill('Thêm Điều 3');
    await submit(officer, 'Chỉnh lý dự thảo');
    await officer.getByRole('tab', { name: 'Các lần sửa (3)' }).click();
    const diff = officer.getByTestId('text-diff');
    // By default the last two revisions: Điều 3 added.
    await diff.locator('ins', { hasText: 'Điều 3. Giữ lối thoát hiểm thông thoáng.' }).waitFor();
    expect(await diff.locator('del').count()).toBe(0);
    // The first against the last: Điều 2 replaced, Điều 3 added, Điều 1 the same.
    await pick(officer, 'Bản cũ', 'Bản 1');
    await diff.locator('del', { hasText: 'Điều 2. Không đốt vàng mã trong ngõ.' }).waitFor();
    expect(await diff.locator('del').allTextContents()).toEqual(['Bỏ: Điều 2. Không đốt vàng mã trong ngõ.']);
    expect(await diff.locator('ins').allTextContents()).toEqual(['Thêm: Điều 2. Đốt vàng mã đúng nơi quy định.', 'Thêm: Điều 3. Giữ lối thoát hiểm thông thoáng.']);
    expect(await diff.locator('p').allTextContents()).toEqual(['Điều 1. Mỗi hộ có bình chữa cháy.']);
    await expectAccessible(officer);
    await screenshot(officer, 'revision-diff');
  });
});

/** Picks an option of an Ant Design select by its label and the option's leading text, with the keyboard. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${option} `) }).click();
  // The list fades out after the choice; until it is hidden, an accessibility check would judge it mid-animation.
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' });
}

describe('an expired session', () => {
  it('sends the person to sign in when the session ends under a half-filled form, and restores the form after signing in', async () => {
    const id = await draft(`Quy ước về vật nuôi (${randomUUID().slice(0, 6)})`, 'Điều 1. Chó ra đường phải có rọ mõm.');
    const officer = await stack.signIn(people.officer);
    await officer.goto(regulationUrl(id));
    await stageTag(officer, 'Đang soạn thảo').waitFor();
    await choose(officer, 'Chỉnh lý dự thảo');
    const text = 'Điều 1. Chó ra đường phải có rọ mõm và dây xích.\nĐiều 2. Không thả gà vịt ra ngõ.';
    await panel(officer).getByLabel('Nội dung').fill(text);
    await panel(officer).getByLabel('Tóm tắt').fill('Bổ sung Điều 2');
    await screenshot(officer, 'session-form-half-filled');

    // The session ends on the server (its row goes, as when it expires), and the provider's session has ended too.
    const [{ n }] = (await stack.db.dataSource.query(`WITH gone AS (DELETE FROM web_sessions RETURNING 1) SELECT count(*)::int AS n FROM gone`)) as { n: number }[];
    expect(n).toBeGreaterThanOrEqual(1);
    await officer.context().clearCookies({ name: /^_session/ });
    await submit(officer, 'Chỉnh lý dự thảo');
    await officer.waitForURL(`${stack.idp.url}/**`);
    await officer.getByLabel('Tên đăng nhập').waitFor();
    await screenshot(officer, 'session-expired-sign-in-again');
    await stack.typeCredentials(officer, people.officer);
    await officer.waitForURL(regulationUrl(id));

    // Back on the same page, the same step chosen and its fields as they were; sending it now goes through.
    await panel(officer).getByRole('button', { name: 'Chỉnh lý dự thảo', exact: true }).waitFor();
    expect(await panel(officer).getByLabel('Nội dung').inputValue()).toBe(text);
    expect(await panel(officer).getByLabel('Tóm tắt').inputValue()).toBe('Bổ sung Điều 2');
    await expectAccessible(officer);
    await screenshot(officer, 'session-form-restored');
    await submit(officer, 'Chỉnh lý dự thảo');
    await officer.getByRole('tab', { name: 'Các lần sửa (2)' }).waitFor();
    await officer.getByRole('tab', { name: 'Nội dung' }).click();
    expect(await officer.getByRole('tabpanel').locator('pre').textContent()).toBe(text);
  });
});

describe('sign-out', () => {
  it("ends the api's session (its cookie is refused afterwards) and the provider's (the next visit asks for the password)", async () => {
    const officer = await stack.signIn(people.officer);
    const cookie = (await officer.context().cookies(baseUrl)).find((c) => c.name === 'reglife_session')!;
    expect(cookie.httpOnly).toBe(true);
    const sessionWith = (value: string) => fetch(`${baseUrl}/auth/session`, { headers: { Cookie: `reglife_session=${value}`, Accept: 'application/json' } });
    expect((await sessionWith(cookie.value)).status).toBe(200);

    // A request in flight when the session ends is answered 401 while the browser is on its way to the provider's
    // sign-out: that answer must not start a new sign-in (the provider, still signed in, would grant it at once). The
    // page's list request is held until the logout has answered, and the way to the provider until the list has.
    let releaseList!: () => void;
    const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
    // The list the sign-in's landing page asked for may still be on its way: only the one held here counts.
    const held = new Set<BrowserRequest>();
    await officer.route('**/regulations?limit=50', async (route) => {
      held.add(route.request());
      await listHeld;
      await route.continue();
    });
    const listRefused = officer.waitForResponse((response) => held.has(response.request()));
    await officer.route(`${stack.idp.url}/session/end**`, async (route) => {
      await (await listRefused).finished();
      await route.continue();
    });
    await officer.goto(`${baseUrl}/workspace`);
    // The list is let go as soon as the logout has answered, not when the click returns: the click waits for the
    // navigation it starts, and that navigation waits for the list.
    const loggedOut = officer.waitForResponse((response) => response.url().endsWith('/auth/logout')).then((response) => {
      releaseList();
      return response;
    });
    await officer.getByRole('button', { name: 'Đăng xuất' }).click();
    expect((await loggedOut).status()).toBe(200);
    expect((await listRefused).status()).toBe(401);
    await officer.waitForURL(`${stack.idp.url}/session/end**`);
    await officer.getByRole('heading', { name: 'Đăng xuất' }).waitFor();
    await expectAccessible(officer);
    await screenshot(officer, 'provider-sign-out');
    await officer.getByRole('button', { name: 'Đăng xuất' }).click();
    // Back at the app, which has no session: it sends the browser to sign in, and the provider asks again.
    await officer.getByLabel('Tên đăng nhập').waitFor();
    expect(officer.url().startsWith(stack.idp.url)).toBe(true);
    await screenshot(officer, 'after-sign-out-sign-in-asked');

    const refused = await sessionWith(cookie.value);
    expect({ status: refused.status, code: ((await refused.json()) as { code: string }).code }).toEqual({ status: 401, code: 'AUTH.NO_SESSION' });
    const api = await fetch(`${baseUrl}/regulations`, { headers: { Cookie: `reglife_session=${cookie.value}` } });
    expect(api.status).toBe(401);
    expect((await officer.context().cookies(baseUrl)).filter((c) => c.name === 'reglife_session')).toEqual([]);
  });
});
