import ExcelJS from 'exceljs';
import type { AdminUnit } from '@app/admin-units';
import { Actor, CommandEnvelope, ImportRegulation, InvalidCommandError } from '@app/domain';
import { ImportPorts, runImport } from './importer';
import { MAX_FILE_BYTES, parseImportFile } from './parse';
import { rowCommand } from './rows';
import { ColumnKey, columns, csvLine, headings, templateCsv, templateXlsx } from './template';

type Row = Partial<Record<ColumnKey, string | number>>;
const csvOf = (rows: Row[]): Buffer => Buffer.from([csvLine(headings), ...rows.map((r) => csvLine(columns.map((c) => r[c.key] ?? '')))].join('\r\n'));
const cellsOf = (row: Row) => Object.fromEntries(columns.map((c) => [c.key, String(row[c.key] ?? '')])) as Record<ColumnKey, string>;

const convention: Row = {
  unitCode: 'hang-bac',
  kind: 'community_convention',
  title: 'Quy ước tổ dân phố số 3',
  text: 'Điều 1. Giữ gìn vệ sinh chung.',
  startedOn: '2019-02-11',
  voteHeldOn: '2019-04-20',
  totalHouseholds: 120,
  present: 90,
  approving: 80,
  dossierSubmittedOn: '2019-04-24',
  decisionNo: '12/QĐ-UBND',
  decidedOn: '2019-05-08',
};

const ward = (code: string, validFrom = '1981-01-01', validTo: string | null = '2025-06-30'): AdminUnit =>
  ({ code, name: code, level: 'ward', parent: 'hoan-kiem', validFrom, validTo }) as unknown as AdminUnit;
const officer: Actor = { id: 'officer-1', role: 'officer', wards: ['*'] };

/** The ports over an in-memory table of units and of regulations already stored; sends are recorded. */
function memoryPorts(stored = new Map<string, string | null>(), failAfter = Infinity) {
  const sent: CommandEnvelope<ImportRegulation>[] = [];
  const units = [ward('hang-bac'), ward('hang-dao'), { ...ward('hoan-kiem'), level: 'district' } as AdminUnit, ward('hoan-kiem-2025', '2025-07-01', null)];
  const ports: ImportPorts = {
    units: async (codes) => units.filter((u) => codes.includes(u.code)),
    existing: async (ids) => new Map([...stored].filter(([id]) => ids.includes(id))),
    send: async (_id, envelope) => {
      if (sent.length >= failAfter) throw new Error('connection refused');
      sent.push(envelope);
      stored.set(envelope.command.regulationId, envelope.command.source.factsDigest);
    },
  };
  return { ports, sent, stored };
}

async function codesOf(rows: Row[]): Promise<[string, ColumnKey | null][][]> {
  const report = await runImport(csvOf(rows), memoryPorts().ports, { dryRun: true, actor: officer });
  return report.rows.map((r) => r.errors.map((e) => [e.code, e.column]));
}

describe('the template', () => {
  it('the CSV and the XLSX template read back as the template, with their example row valid', async () => {
    for (const file of [Buffer.from(templateCsv()), await templateXlsx()]) {
      const report = await runImport(file, memoryPorts().ports, { dryRun: true, actor: officer });
      expect(report).toMatchObject({ fileErrors: [], total: 1, counts: { to_create: 1, refused: 0 } });
    }
  });
});

describe('file-level refusals: nothing is read further, nothing sent', () => {
  async function fileCode(bytes: Buffer): Promise<string[]> {
    const { ports, sent } = memoryPorts();
    const report = await runImport(bytes, ports, { dryRun: false, actor: officer });
    expect(sent).toHaveLength(0);
    expect(report.rows).toEqual([]);
    return report.fileErrors.map((e) => e.code);
  }

  it('IMPORT.FILE_TOO_LARGE: over 50 MB', async () => {
    expect(await fileCode(Buffer.alloc(MAX_FILE_BYTES + 1, 0x20))).toEqual(['IMPORT.FILE_TOO_LARGE']);
  });

  it('IMPORT.NOT_TEMPLATE: other headings, a missing or extra column, not UTF-8, an open quote, an old .xls, a broken workbook', async () => {
    const other = [...headings];
    other[3] = 'Nội dung';
    for (const bytes of [
      Buffer.from(`${csvLine(other)}\r\n${csvLine(columns.map(() => 'x'))}`),
      Buffer.from(`${csvLine(headings.slice(1))}\r\nx`),
      Buffer.from(`${csvLine([...headings, 'Thêm'])}\r\nx`),
      Buffer.from([0xff, 0xfe, 0x41, 0x00]),
      Buffer.from(`${csvLine(headings)}\r\n"hang-bac,community_convention`),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a workbook')]),
    ]) {
      expect(await fileCode(bytes)).toEqual(['IMPORT.NOT_TEMPLATE']);
    }
  });

  it('IMPORT.FORMULAS: a cell computed by a formula, named by its address', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Văn bản');
    sheet.addRow([...headings]);
    sheet.addRow(columns.map((c) => convention[c.key] ?? ''));
    sheet.getCell('K2').value = { formula: 'J2-10', result: 80 } as ExcelJS.CellFormulaValue;
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await fileCode(bytes)).toEqual(['IMPORT.FORMULAS']);
    expect((await parseImportFile(bytes)).fileErrors[0].details).toEqual({ cells: ['K2'] });
  });

  it('IMPORT.MACROS: a workbook package holding a VBA project', async () => {
    expect(await fileCode(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/vbaProject.bin')]))).toEqual(['IMPORT.MACROS']);
  });

  it('IMPORT.EMPTY: the headings and no row (blank lines are no rows)', async () => {
    expect(await fileCode(Buffer.from(`\uFEFF${csvLine(headings)}\r\n,,,\r\n`))).toEqual(['IMPORT.EMPTY']);
  });
});

describe('cell refusals', () => {
  it('IMPORT.CELL_REQUIRED: unit, kind, title, start, the text or its reference, the parts of a fact given in part', () => {
    const result = rowCommand(cellsOf({ ...convention, unitCode: '', kind: '', title: '', text: '', startedOn: '', present: '', decisionNo: '' }));
    expect('errors' in result && result.errors.map((e) => [e.code, e.column])).toEqual([
      ['IMPORT.CELL_REQUIRED', 'unitCode'],
      ['IMPORT.CELL_REQUIRED', 'kind'],
      ['IMPORT.CELL_REQUIRED', 'title'],
      ['IMPORT.CELL_REQUIRED', 'startedOn'],
      ['IMPORT.CELL_REQUIRED', 'text'],
      ['IMPORT.CELL_REQUIRED', 'present'],
      ['IMPORT.CELL_REQUIRED', 'decisionNo'],
    ]);
  });

  it('IMPORT.CELL_INVALID: a date, a count, a kind, a review outcome, a repeal ground that are not one', () => {
    const result = rowCommand(
      cellsOf({ ...convention, kind: 'nghị quyết', startedOn: '31/02/2019', totalHouseholds: '12a', reviewedOn: '2020-05-12', reviewOutcome: 'bỏ', repealedOn: '2020-09-01', repealDecisionNo: '4', repealGround: 'x' }),
    );
    expect('errors' in result && result.errors.map((e) => [e.code, e.column])).toEqual([
      ['IMPORT.CELL_INVALID', 'kind'],
      ['IMPORT.CELL_INVALID', 'startedOn'],
      ['IMPORT.CELL_INVALID', 'totalHouseholds'],
      ['IMPORT.CELL_INVALID', 'reviewOutcome'],
      ['IMPORT.CELL_INVALID', 'repealGround'],
    ]);
  });

  it('Vietnamese names and DD/MM/YYYY dates are read; the id is the import key\'s, whatever the row', () => {
    const a = rowCommand(cellsOf({ ...convention, kind: 'Hương ước, quy ước', decidedOn: '8/5/2019' }));
    const b = rowCommand(cellsOf(convention));
    if (!('ok' in a) || !('ok' in b)) throw new Error('refused');
    expect(a.ok.command).toMatchObject({ kind: 'community_convention', facts: { decision: { decidedOn: '2019-05-08' } } });
    expect(a.ok.command.regulationId).toBe(b.ok.command.regulationId);
    expect(a.ok.factsDigest).toBe(b.ok.factsDigest);
  });
});

describe('row refusals: the units, the domain, the file, the system', () => {
  it('UNIT.UNKNOWN, UNIT.NOT_A_WARD, UNIT.NOT_VALID_ON_DATE (a 2025 ward before it existed, at the column of the date)', async () => {
    expect(await codesOf([{ ...convention, unitCode: 'atlantis' }, { ...convention, unitCode: 'hoan-kiem' }, { ...convention, unitCode: 'hoan-kiem-2025' }])).toEqual([
      [['UNIT.UNKNOWN', 'unitCode']],
      [['UNIT.NOT_A_WARD', 'unitCode']],
      [
        ['UNIT.NOT_VALID_ON_DATE', 'startedOn'],
        ['UNIT.NOT_VALID_ON_DATE', 'voteHeldOn'],
        ['UNIT.NOT_VALID_ON_DATE', 'dossierSubmittedOn'],
        ['UNIT.NOT_VALID_ON_DATE', 'decidedOn'],
      ],
    ]);
  });

  it("an agency's and an enterprise's regulation, by id or by Vietnamese name: issued by its head or the employer, no vote", async () => {
    const { ports, sent } = memoryPorts();
    const issued = { unitCode: 'hang-bac', title: 'Quy chế dân chủ', text: 'Điều 1.', startedOn: '2021-03-01', decisionNo: '3/QĐ', decidedOn: '2021-04-01' };
    const rows: Row[] = [
      { ...issued, kind: 'agency_democracy_regulation', title: 'Quy chế thực hiện dân chủ Trường THCS Trưng Vương' },
      { ...issued, kind: 'Quy chế dân chủ ở cơ sở tại nơi làm việc', title: 'Quy chế dân chủ Công ty TNHH Phố Cổ' },
      { ...issued, kind: 'agency_democracy_regulation', title: 'Quy chế có biểu quyết', voteHeldOn: '2021-03-20', totalHouseholds: 60, present: 50, approving: 45 },
    ];
    const report = await runImport(csvOf(rows), ports, { dryRun: false, actor: officer });
    expect(report.rows.map((r) => r.errors.map((e) => [e.code, e.column]))).toEqual([[], [], [['IMPORT.FACT_NOT_FOR_KIND', 'voteHeldOn']]]);
    expect(sent.map((e) => e.command.kind)).toEqual(['agency_democracy_regulation', 'enterprise_democracy_regulation']);
  });

  it('the domain\'s refusals, at the column they are about', async () => {
    expect(
      await codesOf([
        { ...convention, title: 'a', decidedOn: '2019-04-22' },
        { ...convention, title: 'b', present: 130 },
        { ...convention, title: 'c', dossierSubmittedOn: '2019-04-01' },
        { ...convention, title: 'd', approving: 40 },
        { ...convention, title: 'e', voteHeldOn: '', totalHouseholds: '', present: '', approving: '' },
        { ...convention, title: 'f', kind: 'democracy_regulation' },
        { ...convention, title: 'g', decidedOn: '2099-01-01' },
        { ...convention, title: 'h', repealedOn: '2020-01-01', repealDecisionNo: '9' },
        { ...convention, title: 'i\u0007' },
        { ...convention, title: 'j', decisionNo: '12\u001B/QĐ-UBND' },
      ]),
    ).toEqual([
      [['DECISION.DATE_BEFORE_SUBMISSION', 'decidedOn']],
      [['VOTE.TALLY_INCONSISTENT', 'present']],
      [['IMPORT.FACTS_OUT_OF_ORDER', 'dossierSubmittedOn']],
      [['IMPORT.NOT_ADOPTED', 'dossierSubmittedOn']],
      [['IMPORT.FACT_MISSING', 'dossierSubmittedOn']],
      [['IMPORT.FACT_NOT_FOR_KIND', 'voteHeldOn']],
      [
        ['UNIT.NOT_VALID_ON_DATE', 'decidedOn'],
        ['COMMAND.INVALID', 'decidedOn'],
      ],
      [['REPEAL.GROUND_NOT_ALLOWED', 'repealGround']],
      [['COMMAND.INVALID', 'title']],
      [['COMMAND.INVALID', 'decisionNo']],
    ]);
  });

  it('AUTH.FORBIDDEN: a row outside the officer\'s wards', async () => {
    const report = await runImport(csvOf([convention]), memoryPorts().ports, { dryRun: true, actor: { ...officer, wards: ['hang-dao'] } });
    expect(report.rows[0].errors.map((e) => e.code)).toEqual(['AUTH.FORBIDDEN']);
  });

  it('IMPORT.DUPLICATE_IN_FILE and IMPORT.CONFLICT; the same facts already stored are unchanged', async () => {
    const first = await runImport(csvOf([convention]), memoryPorts().ports, { dryRun: false, actor: officer });
    const id = first.rows[0].regulationId!;
    const { stored } = memoryPorts();
    const built = rowCommand(cellsOf(convention));
    stored.set(id, 'ok' in built ? built.ok.factsDigest : '');
    const other = { ...convention, title: 'Khác' };
    const otherId = (rowCommand(cellsOf(other)) as { ok: { command: { regulationId: string } } }).ok.command.regulationId;
    stored.set(otherId, 'f'.repeat(64));
    const report = await runImport(csvOf([convention, { ...convention, decisionNo: '99' }, other]), memoryPorts(stored).ports, { dryRun: true, actor: officer });
    expect(report.rows.map((r) => [r.status, r.errors.map((e) => e.code)])).toEqual([
      ['unchanged', []],
      ['refused', ['IMPORT.DUPLICATE_IN_FILE']],
      ['refused', ['IMPORT.CONFLICT']],
    ]);
  });
});

describe('the run', () => {
  const rows = [1, 2, 3, 4, 5].map((n) => ({ ...convention, title: `Quy ước số ${n}` }));

  it('a dry run sends nothing; a real run sends each valid row once, with progress, and a re-run sends nothing', async () => {
    const { ports, sent } = memoryPorts();
    const dryProgress: string[] = [];
    const dry = await runImport(csvOf(rows), ports, { dryRun: true, actor: officer, onProgress: (d, t) => dryProgress.push(`${d}/${t}`) });
    expect(dryProgress).toEqual(['0/5', '5/5']);
    expect(dry.counts).toEqual({ created: 0, to_create: 5, unchanged: 0, refused: 0 });
    expect(sent).toHaveLength(0);
    const progress: string[] = [];
    const real = await runImport(csvOf(rows), ports, { dryRun: false, actor: officer, concurrency: 2, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(real.counts).toEqual({ created: 5, to_create: 0, unchanged: 0, refused: 0 });
    expect(progress).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(sent.map((e) => e.command.source.row)).toEqual([2, 3, 4, 5, 6]);
    expect(sent[0]).toMatchObject({ commandId: expect.stringMatching(/^import:imp-hang-bac-/), command: { source: { importId: real.importId, fileHash: real.fileHash } } });
    const again = await runImport(csvOf(rows), ports, { dryRun: false, actor: officer });
    expect(again.counts).toEqual({ created: 0, to_create: 0, unchanged: 5, refused: 0 });
    expect(sent).toHaveLength(5);
  });

  it('a run stopped midway (the server gone) leaves its rows IMPORT.NOT_SENT, and the same file again continues', async () => {
    const stored = new Map<string, string | null>();
    const broken = await runImport(csvOf(rows), memoryPorts(stored, 2).ports, { dryRun: false, actor: officer, concurrency: 1 });
    expect(broken.counts).toMatchObject({ created: 2, refused: 3 });
    expect(broken.rows.slice(2).map((r) => r.errors[0].code)).toEqual(['IMPORT.NOT_SENT', 'IMPORT.NOT_SENT', 'IMPORT.NOT_SENT']);
    const resumed = await runImport(csvOf(rows), memoryPorts(stored).ports, { dryRun: false, actor: officer });
    expect(resumed.counts).toMatchObject({ created: 3, unchanged: 2, refused: 0 });
  });

  it('a refusal by the workflow is the row\'s, with its code', async () => {
    const { ports } = memoryPorts();
    ports.send = async () => {
      throw new InvalidCommandError('decision.decidedOn', 'must not be in the future');
    };
    const report = await runImport(csvOf([convention]), ports, { dryRun: false, actor: officer });
    expect(report.rows[0]).toMatchObject({ status: 'refused', errors: [{ code: 'COMMAND.INVALID', column: 'decidedOn' }] });
  });
});
