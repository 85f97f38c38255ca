/**
 * Onboarding of regulations already in force over HTTP against the real stack (an in-process worker, the Temporal
 * dev server, a fresh database with the units kept in the repository): the template downloads, a dry run writes
 * nothing, a real run creates the valid rows through the workflows, a re-run changes nothing, a bad file is refused
 * whole; an imported regulation's view, timeline and annual review timer are those of the lifecycle.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ColumnKey, columns, csvLine, headings, ImportReport, importRegulationId, MAX_FILE_BYTES, parseImportFile } from '@app/imports';
import { ApiRig, startApiRig } from './support/api-rig';

jest.setTimeout(180_000);

let rig: ApiRig;
let db: ApiRig['db'];
let http: ApiRig['http'];
let officer: Record<string, string>;
let hangBacOfficer: Record<string, string>;
let chair: Record<string, string>;
let taskQueue: string;

beforeAll(async () => {
  rig = await startApiRig('imports-e2e');
  ({ db, http, taskQueue } = rig);
  officer = await rig.auth.bearer({ sub: 'officer-district', role: 'officer', wards: ['*'] });
  hangBacOfficer = await rig.auth.bearer({ sub: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] });
  chair = await rig.auth.bearer({ sub: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] });
});

afterAll(() => rig?.close());

type Row = Partial<Record<ColumnKey, string | number>>;
/** Events not written by the workflows' own timers (an imported regulation's overdue review opens by its timer, at any time). */
const eventCount = async (): Promise<number> =>
  (await db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE metadata->'actor'->>'role' <> 'system'`))[0].n;
const csvOf = (rows: Row[]): Buffer => Buffer.from([csvLine(headings), ...rows.map((r) => csvLine(columns.map((c) => r[c.key] ?? '')))].join('\n'));

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Văn bản');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(file: Buffer, name: string, dryRun: boolean, token = officer) {
  return http.post(`/imports${dryRun ? '?dryRun=true' : ''}`).set(token).attach('file', file, name);
}

/** A 2019 convention of Hàng Bạc recognized by the district and reviewed in 2020. */
const convention: Row = {
  unitCode: 'hang-bac',
  kind: 'community_convention',
  title: 'Quy ước tổ dân phố số 5 văn minh',
  text: 'Điều 1. Các hộ gia đình giữ gìn trật tự, vệ sinh chung.',
  residentialGroup: 'Tổ dân phố số 5',
  startedOn: '2019-02-11',
  voteHeldOn: '2019-04-20',
  totalHouseholds: 120,
  present: 90,
  approving: 80,
  dossierSubmittedOn: '2019-04-24',
  decisionNo: '12/QĐ-UBND',
  decidedOn: '08/05/2019',
  reviewedOn: '2020-05-12',
  reviewOutcome: 'keep',
};
/** A democracy regulation of Hàng Đào issued by the ward chair in 2020, the text kept elsewhere. */
const democracy: Row = {
  unitCode: 'hang-dao',
  kind: 'democracy_regulation',
  title: 'Quy chế dân chủ trong hoạt động của phường',
  textReference: 'Lưu tại UBND phường Hàng Đào, hồ sơ 2020/07',
  startedOn: '2020-01-06',
  decisionNo: '5/QĐ-UBND',
  decidedOn: '2020-03-02',
};
const unknownUnit: Row = { ...convention, unitCode: 'no-such-ward', title: 'Quy ước ở đơn vị không có' };
const badTally: Row = { ...convention, title: 'Quy ước có kiểm phiếu sai', present: 130 };
const conventionId = importRegulationId('hang-bac', 'community_convention', String(convention.title), '2019-02-11');

describe('the template', () => {
  it('downloads as CSV and XLSX with the Vietnamese headings; the XLSX as it is passes a dry run', async () => {
    const csv = await http.get('/imports/template.csv').set(officer).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(csvLine(headings));
    const xlsx = await http.get('/imports/template.xlsx').set(officer).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const parsed = await parseImportFile(xlsx.body as Buffer);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    const before = await eventCount();
    const dry = await upload(xlsx.body as Buffer, 'mau.xlsx', true).expect(200);
    expect(dry.body.counts).toMatchObject({ to_create: 1, refused: 0 });
    expect(await eventCount()).toBe(before);
  });
});

describe('an import: dry run, real run, re-run', () => {
  const file = csvOf([convention, democracy, unknownUnit, badTally]);

  it('a dry run reports each row and writes nothing', async () => {
    const before = await eventCount();
    const { body } = await upload(file, 'van-ban.csv', true).expect(200);
    const report = body as ImportReport;
    expect(report).toMatchObject({ dryRun: true, format: 'csv', total: 4, counts: { to_create: 2, refused: 2, created: 0, unchanged: 0 } });
    expect(report.rows.map((r) => [r.row, r.status, r.errors.map((e) => [e.code, e.column])])).toEqual([
      [2, 'to_create', []],
      [3, 'to_create', []],
      [4, 'refused', [['UNIT.UNKNOWN', 'unitCode']]],
      [5, 'refused', [['VOTE.TALLY_INCONSISTENT', 'present']]],
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('a real run creates the valid rows through the workflows; the convention reads as in force with its history', async () => {
    const { body } = await upload(file, 'van-ban.csv', false).expect(200);
    expect((body as ImportReport).counts).toEqual({ created: 2, to_create: 0, unchanged: 0, refused: 2 });
    const view = (await http.get(`/regulations/${conventionId}`).set(officer).expect(200)).body;
    expect(view).toMatchObject({ stage: 'in_force', regimeId: 'decision-22-2018', firstInForceOn: '2019-05-08', wardCode: 'hang-bac' });
    expect(view.votes).toEqual([expect.objectContaining({ heldOn: '2019-04-20', present: 90, approving: 80, adopted: true })]);
    expect(view.decisions).toEqual([expect.objectContaining({ decisionNo: '12/QĐ-UBND', decidedOn: '2019-05-08' })]);
    expect(view.timeline.slice(0, 7).map((e: { type: string }) => e.type)).toEqual([
      'RegulationImported',
      'RegulationDrafted',
      'VoteRecorded',
      'DossierSubmitted',
      'RegulationRecognized',
      'AnnualReviewDue',
      'AnnualReviewRecorded',
    ]);
    expect(view.timeline[0].data).toMatchObject({ importId: body.importId, row: 2, fileHash: body.fileHash });
    // The run's progress stays readable for a while after it answered: every row of the file done.
    const progress = await http.get(`/imports/${body.importId}/progress`).set(officer).expect(200);
    expect(progress.body).toEqual({ importId: body.importId, done: 4, total: 4, finished: true });
  });

  it('the annual review timer runs from the imported state: the review due on 8 May 2021 opens at once', async () => {
    // The 2018 regime reviews on the anniversary (Decision 22/2018, unconfirmed): after the 2020 review, 2021-05-08.
    let view: { reviewDue: boolean; tasks: { step: string; dueOn: string }[]; timeline: { type: string; data: Record<string, unknown> }[] };
    for (let tries = 0; ; tries += 1) {
      view = (await http.get(`/regulations/${conventionId}`).set(officer).expect(200)).body;
      if (view.reviewDue || tries > 100) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(view.reviewDue).toBe(true);
    expect(view.timeline[view.timeline.length - 1]).toMatchObject({ type: 'AnnualReviewDue', data: { dueOn: '2021-05-08' } });
    expect(view.tasks.map((t) => t.step)).toEqual(['annual_review']);
  });

  it('re-importing the same file reports every valid row unchanged and writes nothing', async () => {
    const before = await eventCount();
    const { body } = await upload(file, 'van-ban.csv', false).expect(200);
    expect((body as ImportReport).counts).toEqual({ created: 0, to_create: 0, unchanged: 2, refused: 2 });
    expect(await eventCount()).toBe(before);
  });

  it('the same regulation with other facts is a conflict; twice in one file, the second row is refused', async () => {
    const before = await eventCount();
    const other = { ...convention, decisionNo: '13/QĐ-UBND' };
    const fresh = { ...democracy, title: 'Quy chế dân chủ mới' };
    const { body } = await upload(csvOf([other, fresh, fresh]), 'khac.csv', true).expect(200);
    expect((body as ImportReport).rows.map((r) => [r.status, r.errors.map((e) => e.code)])).toEqual([
      ['refused', ['IMPORT.CONFLICT']],
      ['to_create', []],
      ['refused', ['IMPORT.DUPLICATE_IN_FILE']],
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('an XLSX imports the same way, and again is unchanged', async () => {
    const row = { ...convention, title: 'Quy ước tổ dân phố số 6', unitCode: 'hang-gai' };
    const xlsx = await xlsxOf([[...headings], columns.map((c) => row[c.key] ?? '')]);
    expect((await upload(xlsx, 'van-ban.xlsx', false).expect(200)).body.counts).toMatchObject({ created: 1, refused: 0 });
    expect((await upload(xlsx, 'van-ban.xlsx', false).expect(200)).body.counts).toMatchObject({ created: 0, unchanged: 1 });
    const id = importRegulationId('hang-gai', 'community_convention', 'Quy ước tổ dân phố số 6', '2019-02-11');
    expect((await http.get(`/regulations/${id}`).set(officer).expect(200)).body.stage).toMatch(/in_force/);
  });
});

describe('refusals', () => {
  it('a file that is not the template, or whose sheet computes, is refused whole and writes nothing', async () => {
    const before = await eventCount();
    const wrong = Buffer.from(`${csvLine(['Tên', 'Ngày'])}\n${csvLine(['x', '2019-01-01'])}\n`);
    const notTemplate = await upload(wrong, 'sai.csv', false).expect(422);
    expect(notTemplate.body).toMatchObject({ code: 'IMPORT.NOT_TEMPLATE', details: { report: { counts: { created: 0 } } } });
    const withFormula = await xlsxOf([[...headings], columns.map((c) => convention[c.key] ?? '')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(withFormula as unknown as ArrayBuffer);
    workbook.worksheets[0].getCell('J2').value = { formula: 'I2-30', result: 90 } as ExcelJS.CellFormulaValue;
    const formulas = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'cong-thuc.xlsx', false).expect(422);
    expect(formulas.body).toMatchObject({ code: 'IMPORT.FORMULAS', details: { cells: ['J2'] } });
    expect(await eventCount()).toBe(before);
  });

  it('an officer imports only into their wards; a chair may not import', async () => {
    const before = await eventCount();
    const { body } = await upload(csvOf([{ ...democracy, title: 'Quy chế khác' }]), 'khac.csv', false, hangBacOfficer).expect(200);
    expect((body as ImportReport).rows[0].errors.map((e) => e.code)).toEqual(['AUTH.FORBIDDEN']);
    await upload(csvOf([convention]), 'x.csv', true, chair).expect(403);
    expect(await eventCount()).toBe(before);
  });

  it('a file over 50 MB is refused by the upload itself, 413 IMPORT.FILE_TOO_LARGE', async () => {
    const res = await upload(Buffer.alloc(MAX_FILE_BYTES + 1, 0x20), 'lon.csv', true);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'IMPORT.FILE_TOO_LARGE', details: { maximum: MAX_FILE_BYTES } });
  });

  it("an import's progress is the officers' to read, and one this api instance does not hold is a 404", async () => {
    const missing = await http.get('/imports/imp-0000000000000000/progress').set(officer).expect(404);
    expect(missing.body).toMatchObject({ code: 'IMPORT.PROGRESS_NOT_FOUND' });
    const refused = await http.get('/imports/imp-0000000000000000/progress').set(chair).expect(403);
    expect(refused.body.code).toBe('AUTH.FORBIDDEN');
    await http.get('/imports/imp-0000000000000000/progress').expect(401);
  });

  it('an upload without a file is a 400', async () => {
    const res = await http.post('/imports').set(officer).expect(400);
    expect(res.body.code).toBe('COMMAND.INVALID');
  });
});

describe('npm run import', () => {
  /** The CLI as `npm run import` runs it, against this suite's database and task queue; its exit code and output. */
  function cli(file: Buffer, ...args: string[]): Promise<{ code: number; stdout: string }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    const csv = path.join(dir, 'van-ban.csv');
    writeFileSync(csv, file);
    const root = path.join(__dirname, '..');
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/import.ts', csv, ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, IMPORT_ACTOR: 'officer-cli' } },
        (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });
  }
  const rows = [1, 2].map((n) => ({ ...democracy, unitCode: 'hang-ma', title: `Quy chế dân chủ số ${n} phường Hàng Mã` }));

  it('a dry run prints progress and the counts and writes nothing; a refused row makes it exit 1', async () => {
    const before = await eventCount();
    const { code, stdout } = await cli(csvOf([...rows, unknownUnit]), '--dry-run');
    expect(code).toBe(1);
    expect(stdout).toContain('[import] 3/3');
    expect(stdout).toContain('[import] row 4 unitCode: UNIT.UNKNOWN');
    expect(stdout).toMatch(/dry run, nothing written: 2 to create, 0 unchanged, 1 refused/);
    expect(await eventCount()).toBe(before);
  });

  it('a real run creates the rows, and again reports them unchanged', async () => {
    const first = await cli(csvOf(rows));
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/2 created, 0 unchanged, 0 refused/) });
    const id = importRegulationId('hang-ma', 'democracy_regulation', 'Quy chế dân chủ số 1 phường Hàng Mã', '2020-01-06');
    const view = (await http.get(`/regulations/${id}`).set(officer).expect(200)).body;
    expect(view).toMatchObject({ stage: 'in_force', timeline: expect.arrayContaining([expect.objectContaining({ type: 'RegulationImported', actor: { id: 'officer-cli', role: 'officer' } })]) });
    const again = await cli(csvOf(rows));
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/0 created, 2 unchanged, 0 refused/) });
  });
});
