/**
 * The officers' web app in real headless Chromium (Debian's `chromium`, driven by playwright-core) against the real
 * stack: the app from createApp on a free port serving apps/web/dist (built by the test setup), a worker with the
 * production workflows, the Temporal dev server and PostgreSQL of the global setup, a fresh database.
 *
 * The issue's scenario as a person would do it: an officer drafts a convention, opens the consultation, records
 * comments, dispositions them, records a vote that misses quorum (the form says so as the numbers are typed), then a
 * household ballot, submits the dossier; the same person acting as ward chair is refused the recognition (separation
 * of duties, explained); the ward chair claims and recognizes it; the supervisor sees it leave the inbox live; the
 * auditor sees the record as it stood before the vote. Every page passes axe (no serious or critical violation);
 * each step's screenshot goes to test/artifacts/web/convention/. The rig is test/support/web-browser.ts.
 *
 * Sign-in, as a person does it: each browser context opens the app, is sent to the embedded OpenID provider's login
 * page (apps/idp, started here with this test's accounts), types the user name and password, and comes back with the
 * api's session cookie (no token in the page). The one exception is the separation-of-duties check: the same person
 * (the same subject) holding the ward chair's role cannot be an account of the provider beside their officer account,
 * so that context is an API client's, with a bearer token the api verifies like any other.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { addCalendarDays, CivilDate, civilDateInVietnam } from '@app/domain';
import { createTestAuth } from '../../apps/api/src/auth/testing';
import { choose, expectAccessible, panel, Person, SignInOptions, stageTag, submit, TABLET, WebStack } from '../support/web-browser';
import { initialJavaScript, INITIAL_JS_BUDGET_BYTES } from '../../tools/web/bundle-size';

/** The functions given to page.evaluate run in Chromium; the project compiles without the DOM library. */
declare const document: { activeElement: { textContent: string | null } | null; documentElement: { scrollWidth: number } };
declare const localStorage: { getItem(key: string): string | null };
declare function getComputedStyle(element: unknown): { transitionDuration: string };

jest.setTimeout(600_000);

const WARD = 'hoan-kiem-2025';

const people: Record<'officer' | 'officerAsChair' | 'chair' | 'supervisor' | 'auditor', Person> = {
  officer: { sub: 'officer-hoan-kiem', name: 'Nguyễn Thị Lan', role: 'officer', wards: [WARD] },
  // The same person (the same subject) holding the ward chair's role: separation of duties must refuse them.
  officerAsChair: { sub: 'officer-hoan-kiem', name: 'Nguyễn Thị Lan', role: 'ward_chair', wards: [WARD] },
  chair: { sub: 'chair-hoan-kiem', name: 'Trần Văn Hùng', role: 'ward_chair', wards: [WARD] },
  supervisor: { sub: 'bcd-hoan-kiem', name: 'Lê Minh Tuấn', role: 'supervisor', wards: ['*'] },
  auditor: { sub: 'auditor-hoan-kiem', name: 'Phạm Thu Hà', role: 'auditor', wards: ['*'] },
};

let stack: WebStack;
let baseUrl: string;
let bearerOfOfficerAsChair: string;
let loginPageChecked = false;

const today = civilDateInVietnam(Date.now());
const ago = (days: number): CivilDate => addCalendarDays(today, -days);
/** The wall-clock time in Hà Nội of an instant, HH:MM:SS. */
const hanoiTime = (instant: number): string => new Date(instant).toLocaleTimeString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });

const screenshot = (page: Page, name: string) => stack.screenshot(page, name);

/**
 * A browser context signed in as the person through the provider's login page (the first time, that page is checked
 * by axe too); the officer-as-chair's context carries a bearer token instead (see the file comment).
 */
async function signIn(person: Person, options: Pick<SignInOptions, 'viewport' | 'reducedMotion'> = {}): Promise<Page> {
  if (person === people.officerAsChair) return stack.signIn(person, { ...options, bearer: bearerOfOfficerAsChair });
  const checkLoginPage = !loginPageChecked;
  loginPageChecked = true;
  return stack.signIn(person, { ...options, checkLoginPage });
}

/** How long the sign-out button's transitions run ('0s' when Ant Design's motion is off). */
const signOutTransition = (page: Page) => page.getByRole('button', { name: 'Đăng xuất', exact: true }).evaluate((button) => getComputedStyle(button).transitionDuration);

beforeAll(async () => {
  const auth = await createTestAuth();
  const { sub, role, wards } = people.officerAsChair;
  bearerOfOfficerAsChair = await auth.token({ sub, role, wards });
  // Everyone but the officer-as-chair, who signs nothing in (a bearer token, see above), is an account of the provider.
  stack = await WebStack.start({
    suite: 'convention',
    accounts: [people.officer, people.chair, people.supervisor, people.auditor],
    apiEnv: { AUTH_PUBLIC_KEY: auth.publicKeyPem },
  });
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await stack?.stop();
});

describe('the web app over HTTP', () => {
  it('serves its page for a browser at any non-API path with a fresh CSP nonce, its assets cached for good, and leaves the API alone', async () => {
    const first = await fetch(`${baseUrl}/workspace/some-regulation`, { headers: { Accept: 'text/html' } });
    const second = await fetch(`${baseUrl}/`, { headers: { Accept: 'text/html' } });
    expect([first.status, second.status]).toEqual([200, 200]);
    const csp = first.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await first.text();
    expect(html).toContain(`<meta name="csp-nonce" content="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    // What the page asks for first is preloaded while its code loads (the browser tests below use both answers).
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/auth/session" />');
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/regulations/some-regulation" />');
    expect(await second.text()).not.toContain('href="/regulations/');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${baseUrl}${script}`);
    expect({ status: asset.status, type: asset.headers.get('content-type'), cache: asset.headers.get('cache-control') }).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      cache: 'public, max-age=31536000, immutable',
    });
    // API paths answer as the API, whatever the Accept header; unknown non-HTML requests are the API's 404.
    const api = await fetch(`${baseUrl}/regulations`, { headers: { Accept: 'text/html' } });
    expect({ status: api.status, code: ((await api.json()) as { code: string }).code }).toEqual({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    const missing = await fetch(`${baseUrl}/no-such-thing`, { headers: { Accept: 'application/json' } });
    expect({ status: missing.status, code: ((await missing.json()) as { code: string }).code }).toEqual({ status: 404, code: 'ROUTE.NOT_FOUND' });
    expect((await fetch(`${baseUrl}/assets/no-such-file.js`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/docs`, { headers: { Accept: 'text/html' } })).headers.get('content-security-policy') ?? '').not.toContain('nonce');
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((route) => route === '/' || route.startsWith('/workspace') || route.startsWith('/assets'))).toEqual([]);
  });

  it('keeps the initial JavaScript within 250 KB gzipped (every page is loaded on demand)', () => {
    const { gzipBytes, files } = initialJavaScript();
    console.log(`initial JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzipped in ${files.length} files`);
    expect(gzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});

describe('a convention from draft to in force, in the browser', () => {
  const title = `Quy ước nếp sống văn minh tổ dân phố số 5 (${randomUUID().slice(0, 6)})`;
  let officer: Page;
  let regulationPath: string;
  let regulationId: string;
  let firstVoteAt: number;

  it('signs the officer in: the shell says who, the role and the wards; the first Tab reaches the skip link', async () => {
    officer = await signIn(people.officer);
    await officer.goto(`${baseUrl}/`);
    await officer.waitForURL(`${baseUrl}/workspace`);
    await officer.getByRole('heading', { level: 1, name: 'Văn bản của phường' }).waitFor();
    expect(await officer.getAttribute('html', 'lang')).toBe('vi');
    expect(await officer.textContent('#who')).toBe(`Đang đăng nhập: Nguyễn Thị Lan · Cán bộ phường · ${WARD}`);
    await officer.keyboard.press('Tab');
    expect(await officer.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua, đến nội dung chính');
    await expectAccessible(officer);
    // The officer's browser asks for less motion (the rig's default): Ant Design's transitions are off.
    expect(await signOutTransition(officer)).toBe('0s');
    await screenshot(officer, 'officer-regulations');
  });

  it('drafts a convention with the form (keyboard only) and lands on its page, in drafting', async () => {
    await officer.getByRole('link', { name: 'Khởi thảo hương ước' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Khởi thảo hương ước, quy ước' }).waitFor();
    await expectAccessible(officer);
    // An empty title is caught on its field before anything is sent.
    await officer.getByLabel('Tên văn bản').focus();
    await officer.keyboard.press('Enter');
    await officer.locator('#new-convention_title_help', { hasText: 'Bắt buộc' }).waitFor();
    expect(await officer.getByLabel('Tên văn bản').getAttribute('aria-invalid')).toBe('true');
    await officer.getByLabel('Tên văn bản').fill(title);
    await officer.getByLabel('Tổ dân phố').fill('Tổ dân phố số 5');
    await officer.getByLabel('Nội dung').fill('Điều 1. Các hộ gia đình giữ gìn vệ sinh chung.\nĐiều 2. Giữ trật tự sau 22 giờ.');
    await officer.getByLabel('Ngày bắt đầu').fill(ago(40));
    await screenshot(officer, 'officer-new-convention');
    await officer.getByLabel('Ngày bắt đầu').press('Enter');
    await officer.waitForURL((url) => /^\/workspace\/[^/]+$/.test(url.pathname) && url.pathname !== '/workspace/new');
    regulationPath = new URL(officer.url()).pathname;
    regulationId = decodeURIComponent(regulationPath.split('/').pop()!);
    await stageTag(officer, 'Đang soạn thảo').waitFor();
    expect(await officer.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await expectAccessible(officer);
    await screenshot(officer, 'officer-drafting');
  });

  it('opens the consultation, records two comments and is refused a duplicate comment id on that field', async () => {
    await choose(officer, 'Mở lấy ý kiến');
    await panel(officer).getByLabel('Ngày niêm yết').fill(ago(35));
    await panel(officer).getByLabel('Số ngày').fill('60');
    await submit(officer, 'Mở lấy ý kiến');
    await stageTag(officer, 'Đang lấy ý kiến').waitFor();

    for (const content of ['Đề nghị bổ sung giờ đổ rác.', 'Đề nghị bỏ mức phạt.']) {
      await choose(officer, 'Ghi nhận ý kiến góp ý');
      await panel(officer).getByLabel('Nội dung').fill(content);
      await submit(officer, 'Ghi nhận ý kiến góp ý');
      await officer.getByRole('tab', { name: /Ý kiến góp ý \(\d\)/ }).filter({ hasText: content === 'Đề nghị bỏ mức phạt.' ? '(2)' : '(1)' }).waitFor();
    }
    await choose(officer, 'Ghi nhận ý kiến góp ý');
    await panel(officer).getByLabel('Mã ý kiến').fill('c-001');
    await panel(officer).getByLabel('Nội dung').fill('Một ý kiến nhập trùng mã.');
    await submit(officer, 'Ghi nhận ý kiến góp ý');
    const duplicate = panel(officer).locator('[id$="_commentId_help"]');
    await duplicate.filter({ hasText: 'COMMENT.DUPLICATE' }).waitFor();
    // In the domain's Vietnamese words, not the api's English message.
    expect(await duplicate.textContent()).toBe('Bị từ chối (COMMENT.DUPLICATE): Ý kiến c-001 đã được ghi nhận');
    expect(await panel(officer).getByLabel('Mã ý kiến').getAttribute('aria-describedby')).toContain('commentId_help');
    await expectAccessible(officer);
    await screenshot(officer, 'officer-comment-refused-on-field');
  });

  it('closes the consultation and dispositions the comments; a refusal without a reason lands on the reason field', async () => {
    await choose(officer, 'Kết thúc lấy ý kiến');
    await submit(officer, 'Kết thúc lấy ý kiến');
    await stageTag(officer, 'Đang tiếp thu, chỉnh lý').waitFor();

    await choose(officer, 'Tiếp thu, giải trình ý kiến');
    await panel(officer).getByRole('radio', { name: /^c-001:/ }).check();
    await submit(officer, 'Tiếp thu, giải trình ý kiến');
    await officer.getByRole('tab', { name: /Ý kiến góp ý/ }).click();
    await officer.getByRole('tabpanel').locator('.ant-tag', { hasText: /^Tiếp thu$/ }).waitFor();

    await choose(officer, 'Tiếp thu, giải trình ý kiến');
    await panel(officer).getByRole('radio', { name: /^c-002:/ }).check();
    await panel(officer).getByRole('radio', { name: 'Không tiếp thu' }).check();
    await submit(officer, 'Tiếp thu, giải trình ý kiến');
    await panel(officer).locator('[id$="_reason_help"]', { hasText: 'COMMENT.REASON_REQUIRED): Ý kiến không được tiếp thu đầy đủ phải có lý do' }).waitFor();
    await screenshot(officer, 'officer-disposition-reason-required');
    await panel(officer).getByLabel('Lý do').fill('Mức phạt do pháp luật quy định, quy ước không đặt mức phạt.');
    await submit(officer, 'Tiếp thu, giải trình ý kiến');
    await officer.getByRole('tabpanel').locator('.ant-tag', { hasText: /^Không tiếp thu$/ }).waitFor();
    await expectAccessible(officer);
  });

  it('records a meeting vote that misses quorum: the form says so as the numbers are typed, and why', async () => {
    await choose(officer, 'Ghi nhận biểu quyết');
    await panel(officer).getByLabel('Tổng số hộ').fill('120');
    await panel(officer).getByLabel('Số hộ dự họp').fill('50');
    await panel(officer).getByLabel('Số hộ tán thành').fill('45');
    const explanation = panel(officer).getByTestId('vote-explanation');
    await explanation.filter({ hasText: 'Chưa đủ số hộ dự họp' }).waitFor();
    expect(await explanation.textContent()).toContain('Chưa đủ số hộ dự họp: cần nhiều hơn 1/2 của 120 hộ, tức ít nhất 61 hộ; mới có 50.');
    expect(await explanation.textContent()).toContain('Chưa được thông qua: cần nhiều hơn 1/2 của tất cả 120 hộ');
    // Typing more households present changes the verdict at once.
    await panel(officer).getByLabel('Số hộ dự họp').fill('61');
    await explanation.filter({ hasText: 'Đủ số hộ dự họp: 61 hộ > 1/2 của 120 hộ (61 hộ trở lên).' }).waitFor();
    await panel(officer).getByLabel('Số hộ dự họp').fill('50');
    await explanation.filter({ hasText: 'Chưa đủ số hộ dự họp' }).waitFor();
    await expectAccessible(officer);
    await screenshot(officer, 'officer-vote-misses-quorum');
    firstVoteAt = Date.now();
    await submit(officer, 'Ghi nhận biểu quyết');
    await stageTag(officer, 'Chờ biểu quyết lại').waitFor();
  });

  it('records a household ballot that adopts the convention', async () => {
    await choose(officer, 'Ghi nhận biểu quyết');
    await panel(officer).getByRole('radio', { name: 'Phát phiếu lấy ý kiến hộ gia đình' }).check();
    await panel(officer).getByLabel('Tổng số hộ').fill('120');
    await panel(officer).getByLabel('Số hộ dự họp').fill('100');
    await panel(officer).getByLabel('Số hộ tán thành').fill('80');
    await panel(officer).getByTestId('vote-explanation').filter({ hasText: 'Được thông qua: 80 hộ tán thành > 1/2 của tất cả 120 hộ (61 hộ trở lên).' }).waitFor();
    await submit(officer, 'Ghi nhận biểu quyết');
    await stageTag(officer, 'Đã thông qua').waitFor();
    await officer.getByRole('tab', { name: 'Biểu quyết (2)' }).click();
    await officer.getByRole('tabpanel').getByText('Không đủ số hộ dự họp').waitFor();
    await screenshot(officer, 'officer-votes');
  });

  it('submits the dossier from the checklist (a missing document is refused on the checklist, then all three go) and starts the review', async () => {
    await choose(officer, 'Nộp hồ sơ đề nghị công nhận');
    const checklist = panel(officer).getByRole('checkbox');
    expect(await checklist.count()).toBe(3);
    await panel(officer).getByRole('checkbox', { name: 'Tờ trình đề nghị công nhận (mẫu 01)' }).check();
    await panel(officer).getByRole('checkbox', { name: 'Biên bản họp thông qua (mẫu 02)' }).check();
    await submit(officer, 'Nộp hồ sơ đề nghị công nhận');
    await panel(officer).locator('[id$="_documents_help"]', { hasText: 'DOSSIER.INCOMPLETE): Hồ sơ còn thiếu giấy tờ bắt buộc' }).waitFor();
    await screenshot(officer, 'officer-dossier-incomplete');
    await panel(officer).getByRole('checkbox', { name: 'Văn bản đã được thông qua' }).check();
    await submit(officer, 'Nộp hồ sơ đề nghị công nhận');
    await stageTag(officer, 'Đã nộp hồ sơ').waitFor();
    // The ward's officer reviews the dossier for the committee (Decree 61/2023 art. 11).
    await choose(officer, 'Bắt đầu thẩm định');
    await submit(officer, 'Bắt đầu thẩm định');
    await stageTag(officer, 'Đang thẩm định').waitFor();
    // Recognizing is not the officer's: the panel says whose it is.
    await panel(officer).getByTestId('others-steps').filter({ hasText: 'Quyết định công nhận (Chủ tịch UBND phường, Cán bộ thẩm định quận)' }).waitFor();
    expect(await panel(officer).getByRole('radiogroup', { name: 'Chọn thao tác' }).locator('label', { hasText: 'Quyết định công nhận' }).count()).toBe(0);
    await expectAccessible(officer);
    await screenshot(officer, 'officer-dossier-submitted');
  });

  let supervisor: Page;
  let taskId: string;

  it('shows the supervisor the new task in the inbox across units, live, with its counts', async () => {
    supervisor = await signIn(people.supervisor);
    await supervisor.goto(`${baseUrl}/`);
    await supervisor.waitForURL(`${baseUrl}/supervision`);
    await supervisor.locator('#live[data-state="connected"]').waitFor();
    const row = supervisor.locator('tr[data-task-id]', { hasText: title });
    await row.waitFor();
    taskId = (await row.getAttribute('data-task-id'))!;
    expect(taskId).toContain(regulationId);
    expect(await row.getAttribute('class')).toContain('aging-on_time');
    // The drill-down: the regulation's timeline with its actors, closed by Escape.
    await row.getByRole('button', { name: `Diễn biến: ${title}` }).click();
    const dialog = supervisor.getByRole('dialog');
    await dialog.getByText('Nộp hồ sơ đề nghị công nhận', { exact: true }).waitFor();
    expect(await dialog.getByText('officer-hoan-kiem (officer)').count()).toBeGreaterThan(3);
    await expectAccessible(supervisor, '.ant-modal');
    await screenshot(supervisor, 'supervisor-timeline');
    await supervisor.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The mask fades out after the dialog: the page is checked once nothing covers it.
    await supervisor.locator('.ant-modal-mask').waitFor({ state: 'hidden' });
    await expectAccessible(supervisor);
    await screenshot(supervisor, 'supervisor-inbox');
  });

  it('refuses the recognition to the person who submitted the dossier, acting as ward chair, and explains why', async () => {
    const samePerson = await signIn(people.officerAsChair);
    await samePerson.goto(`${baseUrl}${regulationPath}`);
    await stageTag(samePerson, 'Đang thẩm định').waitFor();
    await choose(samePerson, 'Quyết định công nhận');
    await panel(samePerson).getByLabel('Số quyết định').fill('12/QĐ-UBND');
    await submit(samePerson, 'Quyết định công nhận');
    const refusal = panel(samePerson).getByRole('alert');
    await refusal.filter({ hasText: 'AUTH.SEPARATION_OF_DUTIES' }).waitFor();
    expect(await refusal.textContent()).toContain('Bị từ chối (AUTH.SEPARATION_OF_DUTIES): Người đã nộp hồ sơ không được tự quyết định công nhận');
    expect(await refusal.textContent()).toContain('người lập hoặc nộp hồ sơ không được tự quyết định công nhận');
    expect(await refusal.textContent()).not.toContain('the actor who submitted');
    await stageTag(samePerson, 'Đang thẩm định').waitFor();
    await expectAccessible(samePerson);
    await screenshot(samePerson, 'same-person-refused-separation-of-duties');
  });

  it('lets the ward chair claim the task and recognize the convention; the supervisor sees it leave the inbox without a reload', async () => {
    const chair = await signIn(people.chair);
    await chair.goto(`${baseUrl}/`);
    await chair.waitForURL(`${baseUrl}/approvals`);
    const row = chair.locator(`tr[data-task-id="${taskId}"]`);
    await row.waitFor();
    await expectAccessible(chair);
    await row.getByRole('button', { name: `Nhận xử lý: ${title}` }).click();
    await row.getByText('chair-hoan-kiem').waitFor();
    await supervisor.locator(`tr[data-task-id="${taskId}"]`).getByText('chair-hoan-kiem').waitFor();
    await screenshot(chair, 'chair-claimed');
    await row.getByRole('link', { name: `Mở văn bản: ${title}` }).click();
    await stageTag(chair, 'Đang thẩm định').waitFor();
    await choose(chair, 'Quyết định công nhận');
    await panel(chair).getByLabel('Số quyết định').fill('15/QĐ-UBND');
    await screenshot(chair, 'chair-recognize-form');
    await submit(chair, 'Quyết định công nhận');
    await stageTag(chair, 'Có hiệu lực').waitFor();
    await expectAccessible(chair);
    await screenshot(chair, 'chair-in-force');

    await supervisor.locator(`tr[data-task-id="${taskId}"]`).waitFor({ state: 'detached' });
    expect(await supervisor.locator('#live').getAttribute('data-state')).toBe('connected');
    await screenshot(supervisor, 'supervisor-task-left-live');
  });

  it('shows the auditor the record as it stood before the first vote, and the timeline with its actors', async () => {
    const auditor = await signIn(people.auditor);
    await auditor.goto(`${baseUrl}/`);
    await auditor.waitForURL(`${baseUrl}/audit`);
    await auditor.getByLabel('Mã văn bản').fill(regulationId);
    await auditor.getByLabel('Ngày', { exact: true }).fill(today);
    await auditor.getByLabel('Đến giờ (không bắt buộc)').fill(hanoiTime(firstVoteAt - 1000));
    await auditor.getByRole('button', { name: 'Xem' }).click();
    await auditor.getByTestId('as-of').waitFor();
    await stageTag(auditor, 'Đang tiếp thu, chỉnh lý').waitFor();
    await auditor.getByRole('tab', { name: 'Biểu quyết (0)' }).waitFor();
    await auditor.getByRole('tab', { name: 'Diễn biến' }).click();
    const timeline = auditor.getByTestId('timeline');
    await timeline.getByText('Kết thúc lấy ý kiến', { exact: true }).waitFor();
    expect(await timeline.getByText('Biểu quyết', { exact: true }).count()).toBe(0);
    await expectAccessible(auditor);
    await screenshot(auditor, 'auditor-before-the-vote');
  });

  it('switches to English and back, keeping the choice, and fits a tablet', async () => {
    await officer.goto(`${baseUrl}${regulationPath}`);
    await stageTag(officer, 'Có hiệu lực').waitFor();
    await officer.getByRole('button', { name: 'English' }).click();
    await stageTag(officer, 'In force').waitFor();
    expect(await officer.getAttribute('html', 'lang')).toBe('en');
    expect(await officer.evaluate(() => localStorage.getItem('reglife.language'))).toBe('en');
    await officer.reload();
    await officer.getByRole('heading', { level: 2, name: 'Next step' }).waitFor();
    await expectAccessible(officer);
    await screenshot(officer, 'officer-in-force-english');
    await officer.getByRole('button', { name: 'Tiếng Việt' }).click();
    await stageTag(officer, 'Có hiệu lực').waitFor();

    const tablet = await signIn(people.officer, { viewport: TABLET, reducedMotion: 'no-preference' });
    // Without that preference they run.
    expect(await signOutTransition(tablet)).not.toBe('0s');
    await tablet.goto(`${baseUrl}${regulationPath}`);
    await stageTag(tablet, 'Có hiệu lực').waitFor();
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await expectAccessible(tablet);
    await screenshot(tablet, 'officer-tablet');
    expect(stack.pageErrors).toEqual([]);
  });
});
