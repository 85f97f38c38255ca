/**
 * The import template (issue 14 point 3): one row per regulation already adopted, its unit, kind, title, text or a
 * reference to it, residential group and the legal facts it already has. Headings are Vietnamese; the order is fixed.
 */
import ExcelJS from 'exceljs';

export type ColumnKey =
  | 'unitCode'
  | 'kind'
  | 'title'
  | 'text'
  | 'textReference'
  | 'residentialGroup'
  | 'startedOn'
  | 'voteHeldOn'
  | 'totalHouseholds'
  | 'present'
  | 'approving'
  | 'dossierSubmittedOn'
  | 'decisionNo'
  | 'decidedOn'
  | 'reviewedOn'
  | 'reviewOutcome'
  | 'reviewNotes'
  | 'repealedOn'
  | 'repealDecisionNo'
  | 'repealGround';

export interface Column {
  key: ColumnKey;
  heading: string;
  /** What the cell holds, for the template's notes sheet and the README. */
  note: string;
}

export const columns: readonly Column[] = [
  { key: 'unitCode', heading: 'Mã đơn vị hành chính', note: 'Mã phường, xã trong danh mục đơn vị hành chính (GET /catalogue), ví dụ hang-bac. Bắt buộc.' },
  { key: 'kind', heading: 'Loại văn bản', note: 'community_convention (Hương ước, quy ước), democracy_regulation (Quy chế dân chủ ở cơ sở), agency_democracy_regulation (Quy chế thực hiện dân chủ ở cơ quan, đơn vị) hoặc enterprise_democracy_regulation (Quy chế dân chủ ở cơ sở tại nơi làm việc). Bắt buộc.' },
  { key: 'title', heading: 'Tên văn bản', note: 'Bắt buộc, tối đa 300 ký tự.' },
  { key: 'text', heading: 'Nội dung văn bản', note: 'Toàn văn; nếu để trống thì phải ghi nơi lưu văn bản ở cột sau.' },
  { key: 'textReference', heading: 'Nơi lưu văn bản', note: 'Tham chiếu đến văn bản (số hồ sơ, nơi lưu) khi không nhập toàn văn; tối đa 300 ký tự.' },
  { key: 'residentialGroup', heading: 'Tổ dân phố, thôn', note: 'Không bắt buộc.' },
  { key: 'startedOn', heading: 'Ngày bắt đầu soạn thảo', note: 'YYYY-MM-DD hoặc DD/MM/YYYY. Bắt buộc; xác định chế độ pháp lý áp dụng.' },
  { key: 'voteHeldOn', heading: 'Ngày biểu quyết', note: 'Hương ước, quy ước: ngày hội nghị cộng đồng biểu quyết.' },
  { key: 'totalHouseholds', heading: 'Tổng số hộ', note: 'Số hộ gia đình của cộng đồng khi biểu quyết.' },
  { key: 'present', heading: 'Số hộ tham dự', note: 'Không lớn hơn tổng số hộ.' },
  { key: 'approving', heading: 'Số hộ tán thành', note: 'Không lớn hơn số hộ tham dự.' },
  { key: 'dossierSubmittedOn', heading: 'Ngày nộp hồ sơ công nhận', note: 'Hương ước, quy ước: không trước ngày biểu quyết.' },
  { key: 'decisionNo', heading: 'Số quyết định công nhận, ban hành', note: 'Ví dụ 12/QĐ-UBND.' },
  { key: 'decidedOn', heading: 'Ngày quyết định', note: 'Không trước ngày nộp hồ sơ.' },
  { key: 'reviewedOn', heading: 'Ngày đánh giá hằng năm gần nhất', note: 'Sau ngày quyết định.' },
  { key: 'reviewOutcome', heading: 'Kết quả đánh giá', note: 'keep (giữ nguyên) hoặc amend (sửa đổi, bổ sung).' },
  { key: 'reviewNotes', heading: 'Ghi chú đánh giá', note: 'Không bắt buộc.' },
  { key: 'repealedOn', heading: 'Ngày bãi bỏ', note: 'Bãi bỏ toàn bộ văn bản; sau ngày quyết định và ngày đánh giá.' },
  { key: 'repealDecisionNo', heading: 'Số quyết định bãi bỏ', note: 'Bắt buộc khi có ngày bãi bỏ.' },
  {
    key: 'repealGround',
    heading: 'Căn cứ bãi bỏ',
    note: 'Hương ước, quy ước (Nghị định 61/2023 Điều 14): unlawful_content (nội dung trái pháp luật) hoặc vote_threshold_not_met (không đủ tỷ lệ biểu quyết). Quy chế dân chủ: để trống.',
  },
];

export const headings: readonly string[] = columns.map((c) => c.heading);

/** One example row, a 2019 convention recognized by the district, so the template shows the shape of every cell. */
const example: Record<ColumnKey, string | number> = {
  unitCode: 'hang-bac',
  kind: 'community_convention',
  title: 'Quy ước tổ dân phố số 3 văn minh',
  text: 'Điều 1. Các hộ gia đình giữ gìn trật tự, vệ sinh chung.',
  textReference: '',
  residentialGroup: 'Tổ dân phố số 3',
  startedOn: '2019-02-11',
  voteHeldOn: '2019-04-20',
  totalHouseholds: 120,
  present: 90,
  approving: 80,
  dossierSubmittedOn: '2019-04-24',
  decisionNo: '12/QĐ-UBND',
  decidedOn: '2019-05-08',
  reviewedOn: '2020-05-12',
  reviewOutcome: 'keep',
  reviewNotes: 'Giữ nguyên',
  repealedOn: '',
  repealDecisionNo: '',
  repealGround: '',
};

/** A CSV cell: quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number)[]): string {
  return values.map(csvCell).join(',');
}

/** The CSV template: UTF-8 with a byte order mark (so spreadsheet programs read the Vietnamese), headings and the example row. */
export function templateCsv(): string {
  return `\uFEFF${csvLine(headings)}\r\n${csvLine(columns.map((c) => example[c.key]))}\r\n`;
}

export const SHEET_NAME = 'Văn bản';

/** The XLSX template: the sheet to fill (headings, the example row) and a sheet explaining each column. */
export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.addRow([...headings]).font = { bold: true };
  sheet.addRow(columns.map((c) => example[c.key]));
  sheet.columns.forEach((column) => (column.width = 22));
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.addRow(['Cột', 'Nội dung']).font = { bold: true };
  for (const c of columns) notes.addRow([c.heading, c.note]);
  notes.getColumn(1).width = 34;
  notes.getColumn(2).width = 110;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
