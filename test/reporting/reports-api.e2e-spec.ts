/**
 * The reports API over HTTP: a run with progress, fetch with hash, exports read back with real parsers, the restated
 * report of a period with its exports, and the refusals (open periods, names that are no period, bad positions).
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NativeConnection, Worker } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { EventStore } from '@app/event-store';
import { sha256Hex, SummaryReportService } from '@app/reporting';
import { createTestAuth } from '../../apps/api/src/auth/testing';
import { createApp } from '../../apps/api/src/create-app';
import { SummaryActivitiesService } from '../../apps/worker/src/reporting/summary.activities';
import { createTestDatabase, TestDatabase } from '../support/database';
import { getWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { appendStreams, fixture2025, StreamBuilder, vn } from './summary-fixture';

jest.setTimeout(120_000);

// Authorization headers of the steering committee and of a ward officer, filled in beforeAll.
const supervisor: Record<string, string> = {};
const officer: Record<string, string> = {};
let db: TestDatabase;
let store: EventStore;
let connection: NativeConnection;
let worker: Worker;
let workerRun: Promise<void>;
let app: NestExpressApplication;
/** Sends the supervisor's token unless a request sets another. */
let http: ReturnType<typeof request.agent>;
const savedEnv = { ...process.env };

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  await appendStreams(store, fixture2025('api').streams);
  const taskQueue = `reports-e2e-${randomUUID()}`;
  connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { code: (await getWorkflowBundle()).code },
    activities: new SummaryActivitiesService(new SummaryReportService(db.dataSource)).activities(),
  });
  workerRun = worker.run();
  const auth = await createTestAuth();
  Object.assign(supervisor, await auth.bearer({ sub: 'bcd-hoan-kiem', role: 'supervisor', wards: ['*'] }));
  Object.assign(officer, await auth.bearer({ sub: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] }));
  Object.assign(process.env, { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY: auth.publicKeyPem });
  app = await createApp();
  http = request.agent(app.getHttpServer()).set(supervisor);
});

afterAll(async () => {
  await app?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await connection?.close();
  await db?.drop();
  process.env = savedEnv;
});

async function runDone(workflowId: string): Promise<request.Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await http.get(`/reports/runs/${workflowId}`).expect(200);
    if (res.body.status === 'COMPLETED') return res;
    if (Date.now() > deadline) throw new Error(`run ${workflowId} did not complete: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('computes a period on request, serves its bytes with their hash, and exports JSON, CSV and XLSX with the figures', async () => {
  await request(app.getHttpServer()).post('/reports/runs').send({ kind: 'semiannual', periodStart: '2025-01-01' }).expect(401);
  await http.post('/reports/runs').set(officer).send({ kind: 'semiannual', periodStart: '2025-01-01' }).expect(403);
  const started = await http.post('/reports/runs').set(supervisor).send({ kind: 'semiannual', periodStart: '2025-01-01' }).expect(202);
  const run = await runDone(started.body.workflowId);
  expect(run.body).toMatchObject({ phase: 'done', result: { reportId: 'semiannual-2025-h1', created: true } });

  const list = await http.get('/reports?kind=semiannual').expect(200);
  expect(list.body.map((r: { id: string }) => r.id)).toEqual(['semiannual-2025-h1']);

  const fetched = await http.get('/reports/semiannual-2025-h1').buffer(true).parse(binary).expect(200);
  const bytes = (fetched.body as Buffer).toString('utf8');
  expect(sha256Hex(bytes)).toBe(fetched.headers['x-content-hash']);
  expect(fetched.headers['x-content-hash']).toBe(run.body.result.contentHash);
  const json = await http.get('/reports/semiannual-2025-h1/export/json').buffer(true).parse(binary).expect(200);
  expect((json.body as Buffer).toString('utf8')).toBe(bytes);

  const csv = await http.get('/reports/semiannual-2025-h1/export/csv').buffer(true).parse(binary).expect(200);
  expect(csv.headers['content-disposition']).toBe(`attachment; filename="semiannual-2025-h1-first-published-at-${run.body.result.computedAtPosition}.csv"`);
  expect(csv.headers['x-report-edition']).toBe('first-published');
  const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('Báo cáo,Báo cáo sơ kết 6 tháng đầu năm 2025 thực hiện quy chế dân chủ ở cơ sở (semiannual-2025-h1)');
  expect(lines[1]).toBe(
    `Bản,"Bản công bố lần đầu: sự kiện ghi nhận trước khi hết kỳ, tính đến vị trí ${run.body.result.computedAtPosition} của nhật ký sự kiện"`,
  );
  expect(lines[3]).toBe('Chỉ tiêu,Toàn địa bàn,Hàng Bạc,Hàng Đào,Tràng Tiền');
  expect(lines).toContain('"Tổng số quy chế, quy ước",7,3,2,2');
  expect(lines).toContain('Quá hạn quyết định cuối kỳ,1,0,1,0');

  const xlsx = await http.get('/reports/semiannual-2025-h1/export/xlsx').buffer(true).parse(binary).expect(200);
  expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Số liệu', 'Biểu đồ', 'Điều chỉnh']);
  const text = workbook.getWorksheet('Báo cáo')!.getColumn(1).values.filter(Boolean).map(String);
  expect(text[0]).toBe('BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2025 THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ');
  expect(text).toEqual(expect.arrayContaining(['I. Kết quả đạt được', 'II. Hạn chế', 'III. Nguyên nhân', 'IV. Nhiệm vụ thời gian tới']));
  expect(text.join('\n')).toContain('Đến ngày 30/06/2025, toàn địa bàn có 7 quy chế, quy ước');
  expect(text).toContain(`Bản công bố lần đầu: sự kiện ghi nhận trước khi hết kỳ, tính đến vị trí ${run.body.result.computedAtPosition} của nhật ký sự kiện`);
  expect(text.join('\n')).toContain('Còn 1 hồ sơ chờ quyết định, trong đó 1 quá hạn (Hàng Đào)');
  const figures = workbook.getWorksheet('Số liệu')!;
  const totalRow = figures.getRow(2).values as unknown[];
  expect(totalRow.slice(1, 6)).toEqual(['Tổng số quy chế, quy ước', 7, 3, 2, 2]);
  const chart = workbook.getWorksheet('Biểu đồ')!;
  expect((chart.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['Hàng Đào', 1, 0]);

  await http.get('/reports/semiannual-2025-h1/export/pdf').expect(400);
  await http.get('/reports/annual-1999').expect(404);
});

it('restates a period with a fact recorded after its report was first published, and exports say which edition they are', async () => {
  const published = await http.get('/reports/semiannual-2025-h1').expect(200);
  const publishedAt = published.headers['x-computed-at-position'] as string;
  // Decided on 27 June 2025, recorded on 3 July: after the first half ended.
  const b1 = new StreamBuilder('api-b1', 'hang-dao', 'community_convention').recognized('2025-06-27', vn('2025-07-03 09:00'));
  await store.append('api-b1', await store.currentVersion('api-b1'), b1.events);

  const restated = await http.get('/reports/semiannual-2025-h1/restated').buffer(true).parse(binary).expect(200);
  const bytes = (restated.body as Buffer).toString('utf8');
  expect(sha256Hex(bytes)).toBe(restated.headers['x-content-hash']);
  expect(restated.headers['x-report-edition']).toBe('restated');
  const position = restated.headers['x-computed-at-position'] as string;
  const content = JSON.parse(bytes);
  expect(content).toMatchObject({ edition: 'restated', reportId: 'semiannual-2025-h1', basis: { factsOnOrBefore: '2025-06-30', position } });
  expect(content.area.inPeriod.recognized).toBe(published.body.area.inPeriod.recognized + 1);
  expect(content.restatement.against).toMatchObject({ edition: 'first_published', position: publishedAt, contentHash: published.headers['x-content-hash'] });
  expect(content.restatement.facts.map((f: { regulationId: string; eventType: string; factOn: string }) => [f.regulationId, f.eventType, f.factOn])).toEqual([
    ['api-b1', 'RegulationRecognized', '2025-06-27'],
  ]);
  expect(content.restatement.changes).toEqual(
    expect.arrayContaining([
      {
        scope: 'hang-dao',
        scopeLabel: { vi: 'Hàng Đào', en: 'Hàng Đào' },
        figure: 'approvals.pendingAtEnd',
        label: { vi: 'Chờ quyết định cuối kỳ', en: 'Awaiting a decision at the period end' },
        reference: 1,
        restated: 0,
      },
    ]),
  );
  // The first-published report is unchanged, and the same position restates to the same bytes.
  const again = await http.get('/reports/semiannual-2025-h1').expect(200);
  expect(again.headers['x-content-hash']).toBe(published.headers['x-content-hash']);
  const atPosition = await http.get(`/reports/semiannual-2025-h1/restated?position=${position}`).expect(200);
  expect(atPosition.headers['x-content-hash']).toBe(restated.headers['x-content-hash']);

  const json = await http.get(`/reports/semiannual-2025-h1/restated/export/json?position=${position}`).buffer(true).parse(binary).expect(200);
  expect((json.body as Buffer).toString('utf8')).toBe(bytes);
  expect(json.headers['content-disposition']).toBe(`attachment; filename="semiannual-2025-h1-restated-at-${position}.json"`);
  const csv = await http.get(`/reports/semiannual-2025-h1/restated/export/csv?position=${position}`).buffer(true).parse(binary).expect(200);
  const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[1]).toBe(
    `Bản,"Bản cập nhật theo ngày pháp lý của sự kiện, tính đến vị trí ${position} của nhật ký sự kiện; ` +
      `so với bản công bố lần đầu (vị trí ${publishedAt}): 1 sự kiện khác biệt, ${content.restatement.changes.length} chỉ tiêu thay đổi"`,
  );
  expect(lines).toContain('Công nhận / ban hành trong kỳ,4,2,1,1');
  const xlsx = await http.get(`/reports/semiannual-2025-h1/restated/export/xlsx?position=${position}`).buffer(true).parse(binary).expect(200);
  expect(xlsx.headers['x-report-edition']).toBe('restated');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Số liệu', 'Biểu đồ', 'Thay đổi']);
  const changes = workbook.getWorksheet('Thay đổi')!;
  const rows = changes.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  expect(rows).toContainEqual(['Hàng Đào', 'Chờ quyết định cuối kỳ', 1, 0]);
  expect(rows).toContainEqual([expect.any(String), 'api-b1', 'hang-dao', 'RegulationRecognized', '2025-06-27', vn('2025-07-03 09:00'), 'Ghi nhận muộn, tính vào kỳ']);

  await http.get('/reports/semiannual-2025-h1/restated').set(officer).expect(403);
  await http.get(`/reports/semiannual-2025-h1/restated/export/pdf?position=${position}`).expect(400);
});

it('refuses a run for an open period and an unknown kind, and starts nothing', async () => {
  const res = await http.post('/reports/runs').set(supervisor).send({ kind: 'quarterly', periodStart: '2025-01-01' }).expect(400);
  expect(res.body.code).toBe('REPORT.INVALID_KIND');
  await http.post('/reports/runs').set(supervisor).send({ kind: 'annual', periodStart: '2025-07-01' }).expect(400);

  // The current year, its second half and the next year have not ended: refused up front.
  const year = new Date().getUTCFullYear();
  for (const [kind, periodStart, reportId] of [
    ['annual', `${year}-01-01`, `annual-${year}`],
    ['semiannual', `${year}-07-01`, `semiannual-${year}-h2`],
    ['annual', `${year + 1}-01-01`, `annual-${year + 1}`],
  ]) {
    const refused = await http.post('/reports/runs').set(supervisor).send({ kind, periodStart }).expect(422);
    expect(refused.body).toMatchObject({ code: 'REPORT.PERIOD_NOT_CLOSED', details: { reportId } });
    await http.get(`/reports/runs/summary-run-${reportId}`).expect(404);
  }
  const stored = await http.get('/reports').expect(200);
  expect(stored.body.map((r: { id: string }) => r.id)).not.toContain(`annual-${year}`);
});

it('refuses a restated report of a name that is no period, an open period, and a malformed, unreached or early position', async () => {
  const code = async (path: string, status: number) => (await http.get(path).expect(status)).body.code as string;
  expect(await code('/reports/quarterly-2025/restated', 400)).toBe('REPORT.INVALID_PERIOD');
  expect(await code(`/reports/annual-${new Date().getUTCFullYear()}/restated`, 422)).toBe('REPORT.PERIOD_NOT_CLOSED');
  expect(await code('/reports/semiannual-2025-h1/restated?position=abc', 400)).toBe('REPORT.INVALID_POSITION');
  expect(await code('/reports/semiannual-2025-h1/restated?position=', 400)).toBe('REPORT.INVALID_POSITION');
  const current = (await http.get('/reports/semiannual-2025-h1/restated').expect(200)).headers['x-computed-at-position'] as string;
  const beyond = String(BigInt(current) + 1n);
  const unreached = await http.get(`/reports/semiannual-2025-h1/restated?position=${beyond}`).expect(422);
  expect(unreached.body).toMatchObject({ code: 'REPORT.POSITION_NOT_REACHED', details: { position: beyond, current } });
  // Position 1 is the fixture's first event: the first half's later events were stored after it.
  const early = await http.get('/reports/semiannual-2025-h1/restated/export/csv?position=1').expect(422);
  expect(early.body).toMatchObject({ code: 'REPORT.POSITION_BEFORE_PERIOD_END', details: { position: '1', closesAt: vn('2025-07-01 00:00') } });
});
