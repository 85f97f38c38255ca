/**
 * `npm run import:sample -- [FILE] [--seed N]`: writes an import file shaped like the district of the issue (issue 14,
 * "Done when"): 234 rows in the 18 wards of Hoàn Kiếm before 1/7/2025, each ward with 5–7 ward democracy regulations
 * and 3–6 conventions (234 rows in 18 wards is 13 a ward: 7 and 6), their facts in 2019–2020, the same file for the
 * same seed. It prints the figures of 2019 computed from the rows, to compare with the restated annual report.
 */
import { writeFileSync } from 'node:fs';
import { ColumnKey, columns, csvLine, headings } from '@app/imports';

export type SampleRow = Partial<Record<ColumnKey, string | number>>;

/** The 18 wards of Hoàn Kiếm until 30/6/2025 (libs/admin-units/data/ha-noi-hoan-kiem.json). */
export const hoanKiemWards = [
  'chuong-duong', 'cua-dong', 'cua-nam', 'dong-xuan', 'hang-bac', 'hang-bai', 'hang-bo', 'hang-bong', 'hang-buom',
  'hang-dao', 'hang-gai', 'hang-ma', 'hang-trong', 'ly-thai-to', 'phan-chu-trinh', 'phuc-tan', 'tran-hung-dao', 'trang-tien',
];

const democracyFields = ['công khai tài chính', 'tiếp công dân', 'giám sát cộng đồng', 'đầu tư công', 'thu chi quỹ', 'hoạt động của UBND phường', 'hội nghị nhân dân'];

/** mulberry32: a small deterministic generator, so a seed gives the same file on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => iso(Date.parse(`${date}T00:00:00Z`) + days * DAY);
const anniversary = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

/** How many of each kind a ward has: within the ranges, adjusted (in ward order) until the total is `rows`. */
function wardCounts(rows: number, next: () => number): { democracy: number; conventions: number }[] {
  const counts = hoanKiemWards.map(() => ({ democracy: 5 + Math.floor(next() * 3), conventions: 3 + Math.floor(next() * 4) }));
  const total = () => counts.reduce((sum, c) => sum + c.democracy + c.conventions, 0);
  if (rows < 8 * counts.length || rows > 13 * counts.length) throw new Error(`${rows} rows do not fit 18 wards of 8 to 13`);
  for (let i = 0; total() < rows; i = (i + 1) % counts.length) {
    if (counts[i].conventions < 6) counts[i].conventions += 1;
    else if (counts[i].democracy < 7) counts[i].democracy += 1;
  }
  for (let i = 0; total() > rows; i = (i + 1) % counts.length) {
    if (counts[i].conventions > 3) counts[i].conventions -= 1;
    else if (counts[i].democracy > 5) counts[i].democracy -= 1;
  }
  return counts;
}

export function generateImportSample(seed = 14, rows = 234): SampleRow[] {
  const next = random(seed);
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const out: SampleRow[] = [];
  wardCounts(rows, next).forEach((count, w) => {
    const unitCode = hoanKiemWards[w];
    for (let i = 0; i < count.conventions; i += 1) {
      // Drafting from January 2019 to March 2020; vote 40–70 days later; dossier 1–5 days after; decision 3–14 days after.
      const startedOn = plusDays('2019-01-07', between(0, 430));
      const voteHeldOn = plusDays(startedOn, between(40, 70));
      const total = between(60, 220);
      const present = Math.ceil(total * (0.6 + next() * 0.35));
      const approving = Math.min(present, Math.max(Math.floor(total / 2) + 1, Math.floor(present * (0.8 + next() * 0.18))));
      const dossierSubmittedOn = plusDays(voteHeldOn, between(1, 5));
      const decidedOn = plusDays(dossierSubmittedOn, between(3, 14));
      const row: SampleRow = {
        unitCode, kind: 'community_convention', title: `Quy ước tổ dân phố số ${i + 1} phường ${unitCode}`,
        text: `Điều 1. Các hộ gia đình tổ dân phố số ${i + 1} giữ gìn trật tự, vệ sinh chung.`, residentialGroup: `Tổ dân phố số ${i + 1}`,
        startedOn, voteHeldOn, totalHouseholds: total, present, approving, dossierSubmittedOn, decisionNo: `${between(1, 200)}/QĐ-UBND`, decidedOn,
      };
      out.push(withLaterFacts(row, decidedOn, next, 'unlawful_content'));
    }
    for (let i = 0; i < count.democracy; i += 1) {
      const startedOn = plusDays('2019-01-07', between(0, 430));
      const decidedOn = plusDays(startedOn, between(40, 80));
      const row: SampleRow = {
        unitCode, kind: 'democracy_regulation', title: `Quy chế dân chủ về ${democracyFields[i % democracyFields.length]} phường ${unitCode}`,
        textReference: `Lưu tại UBND phường, hồ sơ ${decidedOn.slice(0, 4)}/${String(i + 1).padStart(2, '0')}`, startedOn,
        decisionNo: `${between(1, 200)}/QĐ-UBND`, decidedOn,
      };
      out.push(withLaterFacts(row, decidedOn, next, null));
    }
  });
  return out;
}

/** A regulation recognized in 2019 is reviewed on its anniversary in 2020 (the 2018 regime); one in 15 is then repealed. */
function withLaterFacts(row: SampleRow, decidedOn: string, next: () => number, ground: string | null): SampleRow {
  const reviewDue = anniversary(decidedOn);
  if (reviewDue > '2020-12-20') return row;
  const reviewedOn = plusDays(reviewDue, Math.floor(next() * 10));
  const reviewed = { ...row, reviewedOn, reviewOutcome: 'keep', reviewNotes: 'Giữ nguyên' };
  if (next() >= 1 / 15) return reviewed;
  return { ...reviewed, repealedOn: plusDays(reviewedOn, 10 + Math.floor(next() * 20)), repealDecisionNo: `${Math.floor(next() * 200) + 1}/QĐ-UBND`, repealGround: ground ?? '' };
}

export function sampleCsv(rows: readonly SampleRow[]): string {
  return `\uFEFF${[csvLine(headings), ...rows.map((r) => csvLine(columns.map((c) => r[c.key] ?? '')))].join('\r\n')}\r\n`;
}

/** The figures of a year as the rows give them, by legal date: what the restated annual report must show. */
export function sampleFigures(rows: readonly SampleRow[], year: string) {
  const inYear = (date: unknown) => typeof date === 'string' && date.startsWith(year);
  const byKind = (kind: string, date: ColumnKey) => rows.filter((r) => r.kind === kind && inYear(r[date])).length;
  return {
    year,
    drafted: { conventions: byKind('community_convention', 'startedOn'), democracy: byKind('democracy_regulation', 'startedOn') },
    votes: rows.filter((r) => inYear(r.voteHeldOn)).length,
    dossiers: rows.filter((r) => inYear(r.dossierSubmittedOn)).length,
    recognized: { conventions: byKind('community_convention', 'decidedOn'), democracy: byKind('democracy_regulation', 'decidedOn') },
    reviewsDone: rows.filter((r) => inYear(r.reviewedOn)).length,
    repealed: rows.filter((r) => inYear(r.repealedOn)).length,
    inForceAtYearEnd: rows.filter((r) => typeof r.decidedOn === 'string' && r.decidedOn <= `${year}-12-31` && !(typeof r.repealedOn === 'string' && r.repealedOn <= `${year}-12-31`)).length,
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 14;
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed') ?? 'import-sample-234.csv';
  const rows = generateImportSample(seed);
  writeFileSync(file, sampleCsv(rows));
  process.stdout.write(`[sample] ${file}: ${rows.length} rows, seed ${seed}\n`);
  for (const year of ['2019', '2020']) process.stdout.write(`[sample] ${JSON.stringify(sampleFigures(rows, year))}\n`);
}
