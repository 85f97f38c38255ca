/**
 * Exports of a summary, first-published or restated: CSV of the figures and a printable XLSX with Vietnamese headings
 * and narrative, each saying which edition it is and at which position of the log it was computed.
 */
import ExcelJS from 'exceljs';
import { figureLabel } from './figure-labels';
import { RestatedSummaryContent, reportKinds, reportStages, SummaryContent } from './summary-content';
import { flattenMetrics } from './summary-figures';

/** The content of either edition: the first-published (stored) one, or a restated one. */
export type AnySummaryContent = SummaryContent | RestatedSummaryContent;

export function isRestated(content: AnySummaryContent): content is RestatedSummaryContent {
  return 'edition' in content && content.edition === 'restated';
}

/** Which edition the content is, in words: a line near the top of every CSV and workbook. */
export function editionLine(content: AnySummaryContent): string {
  if (!isRestated(content)) {
    return `Bản công bố lần đầu: sự kiện ghi nhận trước khi hết kỳ, tính đến vị trí ${content.basis.position} của nhật ký sự kiện`;
  }
  const { against, total, changes } = content.restatement;
  const reference =
    against.edition === 'first_published'
      ? `bản công bố lần đầu (vị trí ${against.position})`
      : `sự kiện ghi nhận trước khi hết kỳ (chưa có bản công bố lần đầu; vị trí ${against.position})`;
  return `Bản cập nhật theo ngày pháp lý của sự kiện, tính đến vị trí ${content.basis.position} của nhật ký sự kiện; so với ${reference}: ${total} sự kiện khác biệt, ${changes.length} chỉ tiêu thay đổi`;
}

/** The figures of the CSV and the workbook's table, in order, by their paths in SummaryMetrics; rates as percentages. */
const figurePaths: readonly string[] = [
  'regulations.total',
  ...reportStages.map((s) => `regulations.byStage.${s}`),
  ...reportKinds.map((k) => `regulations.byKind.${k}.in_force`),
  'regulations.amending',
  ...['drafted', 'recognized', 'amended', 'suspended', 'repealed', 'withdrawn'].map((f) => `inPeriod.${f}`),
  ...['due', 'done', 'outstandingAtEnd'].map((f) => `reviews.${f}`),
  ...['submitted', 'submittedLate', 'returned', 'pendingAtEnd', 'overdueAtEnd', 'decided', 'decidedOnTime', 'decidedLate', 'medianDays', 'p90Days'].map(
    (f) => `approvals.${f}`,
  ),
  ...['opened', 'critiques', 'commentsReceived', 'commentsAccepted', 'commentsPartlyAccepted', 'commentsNotAccepted'].map((f) => `consultations.${f}`),
  ...['held', 'adopted', 'quorumMissed', 'turnoutRate', 'approvalRate'].map((f) => `votes.${f}`),
];
const rates: ReadonlySet<string> = new Set(['votes.turnoutRate', 'votes.approvalRate']);

/** The figure rows: a row's label, then its value for the area and for each ward; the CSV and the workbook share them. */
function figureRows(content: AnySummaryContent): (string | number | null)[][] {
  const scopes = [content.area, ...content.wards.map((w) => w.metrics)].map((m) => flattenMetrics(m));
  return figurePaths.map((path) => {
    const label = figureLabel(path).vi;
    if (!rates.has(path)) return [label, ...scopes.map((values) => values[path])];
    return [`${label} (%)`, ...scopes.map((values) => percent(values[path]))];
  });
}

function percent(rate: number | null): string | null {
  return rate === null ? null : (rate * 100).toFixed(1);
}

export function reportTitle(content: AnySummaryContent): string {
  const year = content.period.start.slice(0, 4);
  if (content.kind === 'annual') return `Báo cáo tổng kết năm ${year} thực hiện quy chế dân chủ ở cơ sở`;
  const half = content.period.start.slice(5, 7) === '01' ? '6 tháng đầu năm' : '6 tháng cuối năm';
  return `Báo cáo sơ kết ${half} ${year} thực hiện quy chế dân chủ ở cơ sở`;
}

/** The four narrative sections, with the figures filled in. */
export function narrative(content: AnySummaryContent): { heading: string; paragraphs: string[] }[] {
  const a = content.area;
  const wardsWithOverdue = content.wards.filter((w) => w.metrics.approvals.overdueAtEnd > 0).map((w) => w.wardName);
  const fmt = (n: number | null, unit = '') => (n === null ? 'chưa có số liệu' : `${n}${unit}`);
  const pct = (rate: number | null) => (rate === null ? 'chưa có số liệu' : `${percent(rate)}%`);
  return [
    {
      heading: 'I. Kết quả đạt được',
      paragraphs: [
        `Đến ngày ${vnDate(content.period.end)}, toàn địa bàn có ${a.regulations.total} quy chế, quy ước, trong đó ${a.regulations.byStage.in_force} có hiệu lực.`,
        `Trong kỳ đã công nhận, ban hành ${a.inPeriod.recognized} văn bản, sửa đổi ${a.inPeriod.amended}, khởi thảo mới ${a.inPeriod.drafted}; mở ${a.consultations.opened} đợt lấy ý kiến, nhận ${a.consultations.commentsReceived} ý kiến, tiếp thu ${a.consultations.commentsAccepted} ý kiến.`,
        `Đã tổ chức ${a.votes.held} cuộc biểu quyết, ${a.votes.adopted} cuộc thông qua; tỷ lệ hộ dự họp ${pct(a.votes.turnoutRate)}, tỷ lệ tán thành ${pct(a.votes.approvalRate)}.`,
        `Đã quyết định ${a.approvals.decided} hồ sơ, ${a.approvals.decidedOnTime} đúng hạn; thời gian từ khi nộp đến khi quyết định: trung vị ${fmt(a.approvals.medianDays, ' ngày')}, phân vị 90 ${fmt(a.approvals.p90Days, ' ngày')}.`,
      ],
    },
    {
      heading: 'II. Hạn chế',
      paragraphs: [
        `Còn ${a.approvals.pendingAtEnd} hồ sơ chờ quyết định, trong đó ${a.approvals.overdueAtEnd} quá hạn${wardsWithOverdue.length ? ` (${wardsWithOverdue.join(', ')})` : ''}; ${a.approvals.decidedLate} quyết định ban hành quá hạn, ${a.approvals.submittedLate} hồ sơ nộp quá hạn.`,
        `Còn ${a.reviews.outstandingAtEnd} văn bản đến hạn rà soát chưa rà soát; ${a.votes.quorumMissed} cuộc biểu quyết không đủ số hộ dự họp.`,
      ],
    },
    {
      heading: 'III. Nguyên nhân',
      paragraphs: [
        `Số hồ sơ quá hạn và số cuộc họp không đủ số hộ cho thấy khâu thẩm định và vận động hộ dân dự họp còn chậm; ${lateness(content)}`,
      ],
    },
    {
      heading: 'IV. Nhiệm vụ thời gian tới',
      paragraphs: [
        `Giải quyết dứt điểm ${a.approvals.pendingAtEnd} hồ sơ đang chờ quyết định, ưu tiên ${a.approvals.overdueAtEnd} hồ sơ quá hạn; hoàn thành rà soát ${a.reviews.outstandingAtEnd} văn bản còn tồn.`,
        'Tiếp tục tuyên truyền, vận động hộ dân tham gia lấy ý kiến và biểu quyết; ghi nhận kịp thời các quyết định để số liệu kỳ sau không phải điều chỉnh.',
      ],
    },
  ];
}

/** The narrative's sentence on late facts: adjusted in the next report (first-published), counted in their period (restated). */
function lateness(content: AnySummaryContent): string {
  if (!isRestated(content)) return `${content.adjustments.total} sự kiện của kỳ trước được ghi nhận muộn và được điều chỉnh trong báo cáo này.`;
  const late = content.restatement.facts.filter((f) => f.change === 'recorded_late').length;
  return `${late} sự kiện của kỳ này được ghi nhận muộn và được tính theo ngày pháp lý trong bản cập nhật này (xem trang "Thay đổi").`;
}

function vnDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read the Vietnamese): the report and its edition on two
 * lines, a blank line, then one row per figure and a column per ward.
 */
export function summaryCsv(content: AnySummaryContent): string {
  const preface = [
    ['Báo cáo', `${reportTitle(content)} (${content.reportId})`],
    ['Bản', editionLine(content)],
    [],
  ];
  const header = ['Chỉ tiêu', 'Toàn địa bàn', ...content.wards.map((w) => w.wardName)];
  return `\uFEFF${[...preface, header, ...figureRows(content)].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * A printable workbook: report (title, edition, narrative), figures per ward, pending vs decided chart table, and
 * the adjustments (first-published) or the changes against the first-published report (restated).
 */
export async function summaryXlsx(content: AnySummaryContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'reglife';
  // Fixed dates: the same report exports to the same workbook.
  const cutoff = new Date(isRestated(content) ? content.restatement.against.cutoff : content.basis.cutoff);
  workbook.created = cutoff;
  workbook.modified = cutoff;

  const report = workbook.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  report.getColumn(1).width = 110;
  const title = report.addRow([reportTitle(content).toUpperCase()]);
  title.font = { bold: true, size: 14 };
  report.addRow([`Kỳ báo cáo: ${vnDate(content.period.start)} – ${vnDate(content.period.end)} (giờ Việt Nam)`]);
  report.addRow([`Số liệu tính từ nhật ký sự kiện đến vị trí ${content.basis.position}, mã báo cáo ${content.reportId}`]);
  report.addRow([editionLine(content)]).alignment = { wrapText: true, vertical: 'top' };
  for (const section of narrative(content)) {
    report.addRow([]);
    report.addRow([section.heading]).font = { bold: true, size: 12 };
    for (const paragraph of section.paragraphs) {
      const row = report.addRow([paragraph]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }

  const table = workbook.addWorksheet('Số liệu', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  table.addRow(['Chỉ tiêu', 'Toàn địa bàn', ...content.wards.map((w) => w.wardName)]).font = { bold: true };
  for (const [label, ...values] of figureRows(content)) table.addRow([label, ...values.map(numeric)]);
  table.getColumn(1).width = 40;
  for (let c = 2; c <= content.wards.length + 2; c++) table.getColumn(c).width = 14;

  // exceljs writes no charts: the chart is a table of the data with data bars drawn by the spreadsheet.
  const chart = workbook.addWorksheet('Biểu đồ');
  chart.addRow(['Phường', 'Chờ quyết định (cuối kỳ)', 'Đã quyết định (trong kỳ)', 'Chờ', 'Đã quyết định']).font = { bold: true };
  const max = Math.max(1, ...content.wards.flatMap((w) => [w.metrics.approvals.pendingAtEnd, w.metrics.approvals.decided]));
  for (const w of content.wards) {
    const { pendingAtEnd, decided } = w.metrics.approvals;
    chart.addRow([w.wardName, pendingAtEnd, decided, bar(pendingAtEnd, max), bar(decided, max)]);
  }
  const last = content.wards.length + 1;
  if (content.wards.length > 0) {
    for (const ref of [`B2:B${last}`, `C2:C${last}`]) {
      chart.addConditionalFormatting({
        ref,
        rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as ExcelJS.ConditionalFormattingRule],
      });
    }
  }
  chart.getColumn(1).width = 20;
  [2, 3].forEach((c) => (chart.getColumn(c).width = 24));
  [4, 5].forEach((c) => (chart.getColumn(c).width = 30));

  if (isRestated(content)) addChanges(workbook, content);
  else addAdjustments(workbook, content);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addAdjustments(workbook: ExcelJS.Workbook, content: SummaryContent): void {
  const adjustments = workbook.addWorksheet('Điều chỉnh');
  adjustments.addRow([
    `Sự kiện về kỳ trước (đến ${vnDate(content.adjustments.basis.periodEnd)}) ghi nhận sau báo cáo ${content.adjustments.basis.reportId ?? '(chưa có)'}: ${content.adjustments.total}`,
  ]).font = { bold: true };
  adjustments.addRow(['Vị trí', 'Mã văn bản', 'Phường', 'Sự kiện', 'Ngày của sự kiện', 'Thời điểm ghi nhận']).font = { bold: true };
  for (const e of content.adjustments.events) {
    adjustments.addRow([e.position, e.regulationId, e.wardCode, e.eventType, e.factOn, e.occurredAt]);
  }
}

/** The restated report's changes: each figure that differs from the reference, then the facts that explain them. */
function addChanges(workbook: ExcelJS.Workbook, content: RestatedSummaryContent): void {
  const sheet = workbook.addWorksheet('Thay đổi');
  const { against, facts, changes } = content.restatement;
  const reference = against.edition === 'first_published' ? `bản công bố lần đầu ${against.reportId} (vị trí ${against.position})` : 'sự kiện ghi nhận trước khi hết kỳ';
  sheet.addRow([`Chỉ tiêu thay đổi so với ${reference}: ${changes.length}`]).font = { bold: true };
  sheet.addRow(['Phạm vi', 'Chỉ tiêu', 'Bản đối chiếu', 'Bản cập nhật']).font = { bold: true };
  for (const c of changes) sheet.addRow([c.scopeLabel.vi, c.label.vi, c.reference, c.restated]);
  sheet.addRow([]);
  sheet.addRow([`Sự kiện khác biệt: ${facts.length}`]).font = { bold: true };
  sheet.addRow(['Vị trí', 'Mã văn bản', 'Phường', 'Sự kiện', 'Ngày của sự kiện', 'Thời điểm ghi nhận', 'Lý do']).font = { bold: true };
  for (const f of facts) {
    const why = f.change === 'recorded_late' ? 'Ghi nhận muộn, tính vào kỳ' : 'Ngày pháp lý sau kỳ, tính vào kỳ sau';
    sheet.addRow([f.position, f.regulationId, f.wardCode, f.eventType, f.factOn, f.occurredAt, why]);
  }
}

function numeric(value: number | string | null): number | string | null {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function bar(value: number, max: number): string {
  return '█'.repeat(Math.round((value / max) * 20));
}
