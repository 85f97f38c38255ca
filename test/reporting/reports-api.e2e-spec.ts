/** The reports API over HTTP: a run with progress, fetch with hash, exports read back with real parsers, supervisor commands. */
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
import { appendStreams, fixture2025 } from './summary-fixture';

jest.setTimeout(120_000);

// Authorization headers of the steering committee and of a ward officer, filled in beforeAll.
const supervisor: Record<string, string> = {};
const officer: Record<string, string> = {};
let db: TestDatabase;
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
  await appendStreams(new EventStore(db.dataSource), fixture2025('api').streams);
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
  const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('Chỉ tiêu,Toàn địa bàn,Hàng Bạc,Hàng Đào,Tràng Tiền');
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
  expect(text.join('\n')).toContain('Còn 1 hồ sơ chờ quyết định, trong đó 1 quá hạn (Hàng Đào)');
  const figures = workbook.getWorksheet('Số liệu')!;
  const totalRow = figures.getRow(2).values as unknown[];
  expect(totalRow.slice(1, 6)).toEqual(['Tổng số quy chế, quy ước', 7, 3, 2, 2]);
  const chart = workbook.getWorksheet('Biểu đồ')!;
  expect((chart.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['Hàng Đào', 1, 0]);

  await http.get('/reports/semiannual-2025-h1/export/pdf').expect(400);
  await http.get('/reports/annual-1999').expect(404);
});

it('refuses a run for an open period and an unknown kind', async () => {
  const res = await http.post('/reports/runs').set(supervisor).send({ kind: 'quarterly', periodStart: '2025-01-01' }).expect(400);
  expect(res.body.code).toBe('REPORT.INVALID_KIND');
  await http.post('/reports/runs').set(supervisor).send({ kind: 'annual', periodStart: '2025-07-01' }).expect(400);
});
