/**
 * Reads an import file (CSV or XLSX) into rows of cells by template column, or file-level problems: too large, not
 * the template, formulas or macros. Values only: a sheet whose cells compute is refused, not evaluated.
 */
import ExcelJS from 'exceljs';
import { ColumnKey, columns, headings } from './template';

/** The largest file accepted (issue 14: a 50 MB file is refused). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type FileErrorCode = 'IMPORT.FILE_TOO_LARGE' | 'IMPORT.NOT_TEMPLATE' | 'IMPORT.FORMULAS' | 'IMPORT.MACROS' | 'IMPORT.EMPTY';

export interface FileError {
  code: FileErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type RowCells = Record<ColumnKey, string>;

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  /** Data rows with their row number in the file (the heading is row 1). */
  rows: { row: number; cells: RowCells }[];
  fileErrors: FileError[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function parseImportFile(bytes: Buffer): Promise<ParsedFile> {
  if (bytes.length > MAX_FILE_BYTES) {
    return fileError('csv', 'IMPORT.FILE_TOO_LARGE', `the file has ${bytes.length} bytes, at most ${MAX_FILE_BYTES} are accepted`, { bytes: bytes.length, maximum: MAX_FILE_BYTES });
  }
  if (bytes.subarray(0, 4).equals(OLE_MAGIC)) {
    return fileError('xlsx', 'IMPORT.NOT_TEMPLATE', 'an old binary Excel file (.xls): save it as .xlsx or .csv from the template');
  }
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return parseXlsx(bytes);
  return parseCsv(bytes);
}

function fileError(format: 'csv' | 'xlsx', code: FileErrorCode, message: string, details?: Record<string, unknown>): ParsedFile {
  return { format, rows: [], fileErrors: [{ code, message, ...(details ? { details } : {}) }] };
}

function parseCsv(bytes: Buffer): ParsedFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileError('csv', 'IMPORT.NOT_TEMPLATE', 'the CSV is not UTF-8 text');
  }
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  if (records === null) return fileError('csv', 'IMPORT.NOT_TEMPLATE', 'the CSV has an unterminated quoted cell');
  return fromRecords('csv', records);
}

/** RFC 4180 records: quoted cells may hold separators, quotes ("") and line breaks. Null when a quote is left open. */
export function csvRecords(text: string): string[][] | null {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

async function parseXlsx(bytes: Buffer): Promise<ParsedFile> {
  // A workbook with a VBA project (vbaProject.bin in the package) carries macros: refused, never opened further.
  if (bytes.includes(Buffer.from('vbaProject.bin'))) {
    return fileError('xlsx', 'IMPORT.MACROS', 'the workbook contains macros (a VBA project): save it as a plain .xlsx');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fileError('xlsx', 'IMPORT.NOT_TEMPLATE', 'the file is neither a CSV nor a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fileError('xlsx', 'IMPORT.NOT_TEMPLATE', 'the workbook has no sheet');
  const records: string[][] = [];
  const formulas: string[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    for (let col = 1; col <= Math.max(headings.length, row.cellCount); col += 1) {
      const cell = row.getCell(col);
      if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
      values.push(cellText(cell));
    }
    records[rowNumber - 1] = values;
  });
  if (formulas.length > 0) {
    return fileError('xlsx', 'IMPORT.FORMULAS', `the sheet computes ${formulas.length} cell(s) by formula (${formulas.slice(0, 10).join(', ')}): paste values only`, {
      cells: formulas.slice(0, 100),
    });
  }
  return fromRecords('xlsx', Array.from(records, (r) => r ?? []));
}

/** A cell's text: dates as YYYY-MM-DD (Excel dates are stored at UTC midnight), numbers and text as written. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(value);
}

function fromRecords(format: 'csv' | 'xlsx', records: string[][]): ParsedFile {
  const [heading = [], ...data] = records;
  const found = heading.map((h) => h.trim());
  while (found.length > headings.length && found[found.length - 1] === '') found.pop();
  if (found.length !== headings.length || found.some((h, i) => h !== headings[i])) {
    const differ = headings.map((expected, i) => ({ column: i + 1, expected, found: found[i] ?? null })).filter((d) => d.expected !== d.found);
    return fileError(format, 'IMPORT.NOT_TEMPLATE', 'the first row is not the template\'s headings (GET /imports/template.csv or .xlsx)', {
      differences: [...differ, ...found.slice(headings.length).map((h, i) => ({ column: headings.length + i + 1, expected: null, found: h }))].slice(0, 30),
    });
  }
  const rows = data
    .map((values, i) => ({ row: i + 2, values }))
    .filter(({ values }) => values.some((v) => v.trim() !== ''))
    .map(({ row, values }) => ({ row, cells: Object.fromEntries(columns.map((c, i) => [c.key, (values[i] ?? '').trim()])) as RowCells }));
  if (rows.length === 0) return fileError(format, 'IMPORT.EMPTY', 'the file has the headings but no row');
  return { format, rows, fileErrors: [] };
}
