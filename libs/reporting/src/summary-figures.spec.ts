/** The restated report's change list and the period a report id names. */
import { figureLabel } from './figure-labels';
import { emptyMetrics, figureChanges, flattenMetrics, SummaryFigures } from './summary-figures';
import { periodOfReportId } from './summary-periods';
import { reportKinds, type SummaryMetrics } from './summary-content';

/** Metrics with every figure zero (null for the rates and day counts), changed by `edit`. */
function metrics(edit: (m: SummaryMetrics) => void = () => undefined): SummaryMetrics {
  const stages = { drafting: 0, consultation: 0, revising: 0, voting: 0, adopted: 0, submitted: 0, under_review: 0, in_force: 0, suspended: 0, repealed: 0, withdrawn: 0 };
  const m = {
    regulations: { total: 0, byKind: Object.fromEntries(reportKinds.map((kind) => [kind, { ...stages }])), byStage: { ...stages }, amending: 0 },
    inPeriod: { drafted: 0, recognized: 0, amended: 0, suspended: 0, resumed: 0, repealed: 0, withdrawn: 0 },
    reviews: { due: 0, done: 0, outstandingAtEnd: 0 },
    approvals: {
      submitted: 0,
      submittedLate: 0,
      returned: 0,
      pendingAtEnd: 0,
      overdueAtEnd: 0,
      decided: 0,
      decidedOnTime: 0,
      decidedLate: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
    },
    consultations: { opened: 0, closed: 0, critiques: 0, commentsReceived: 0, commentsAccepted: 0, commentsPartlyAccepted: 0, commentsNotAccepted: 0 },
    votes: { held: 0, adopted: 0, quorumMissed: 0, households: 0, present: 0, approving: 0, turnoutRate: null, approvalRate: null },
  } as SummaryMetrics;
  edit(m);
  return m;
}

const wardNames: Record<string, string> = { 'hang-bac': 'Hàng Bạc', 'hang-dao': 'Hàng Đào', 'hang-ma': 'Hàng Mã' };

const figures = (area: SummaryMetrics, wards: [string, SummaryMetrics][]): SummaryFigures => ({
  area,
  wards: wards.map(([wardCode, m]) => ({ wardCode, wardName: wardNames[wardCode], metrics: m })),
});

describe('figureChanges', () => {
  it('is empty for equal figures', () => {
    expect(figureChanges(figures(metrics(), [['hang-bac', metrics()]]), figures(metrics(), [['hang-bac', metrics()]]))).toEqual([]);
  });

  it('lists each differing figure by path, area first, a ward absent from the reference counting as zeros', () => {
    const reference = figures(metrics((m) => (m.votes.held = 1)), [['hang-bac', metrics((m) => (m.votes.held = 1))]]);
    const restated = figures(
      metrics((m) => {
        m.votes.held = 2;
        m.regulations.byKind.community_convention.in_force = 1;
      }),
      [
        ['hang-bac', metrics((m) => (m.votes.held = 1))],
        ['hang-dao', metrics((m) => (m.votes.turnoutRate = 0.75))],
      ],
    );
    const area = { vi: 'Toàn địa bàn', en: 'Whole area' };
    expect(figureChanges(reference, restated)).toEqual([
      {
        scope: 'area',
        scopeLabel: area,
        figure: 'regulations.byKind.community_convention.in_force',
        label: { vi: 'Hương ước, quy ước: có hiệu lực', en: 'Community convention: in force' },
        reference: 0,
        restated: 1,
      },
      { scope: 'area', scopeLabel: area, figure: 'votes.held', label: { vi: 'Cuộc biểu quyết', en: 'Votes held' }, reference: 1, restated: 2 },
      {
        scope: 'hang-dao',
        scopeLabel: { vi: 'Hàng Đào', en: 'Hàng Đào' },
        figure: 'votes.turnoutRate',
        label: { vi: 'Tỷ lệ hộ dự họp', en: 'Turnout of households' },
        reference: null,
        restated: 0.75,
      },
    ]);
  });

  it('lists a ward the restated report no longer has, with its figures gone to zero', () => {
    const reference = figures(metrics(), [['hang-ma', metrics((m) => (m.regulations.total = 1))]]);
    expect(figureChanges(reference, figures(metrics(), []))).toEqual([
      {
        scope: 'hang-ma',
        scopeLabel: { vi: 'Hàng Mã', en: 'Hàng Mã' },
        figure: 'regulations.total',
        label: { vi: 'Tổng số quy chế, quy ước', en: 'Regulations' },
        reference: 1,
        restated: 0,
      },
    ]);
  });

  it('does not count a figure the reference lacks (a kind added since) as changed while it stays at its empty value', () => {
    const older = metrics();
    const olderKinds = older.regulations.byKind as Partial<SummaryMetrics['regulations']['byKind']>;
    delete olderKinds.agency_democracy_regulation;
    delete olderKinds.enterprise_democracy_regulation;
    const restated = metrics((m) => (m.regulations.byKind.agency_democracy_regulation.in_force = 1));
    expect(figureChanges(figures(older, []), figures(restated, [])).map((c) => [c.figure, c.reference, c.restated])).toEqual([
      ['regulations.byKind.agency_democracy_regulation.in_force', 0, 1],
    ]);
  });
});

describe('figureLabel', () => {
  const paths = Object.keys(flattenMetrics(emptyMetrics()));

  it('names every figure of the metrics in both languages, no two alike', () => {
    const words = paths.map(figureLabel);
    for (const language of ['vi', 'en'] as const) {
      expect(words.every((w) => w[language].trim().length > 0)).toBe(true);
      expect(new Set(words.map((w) => w[language])).size).toBe(paths.length);
    }
    expect(paths).toContain('regulations.byKind.democracy_regulation.repealed');
    expect(figureLabel('regulations.byStage.under_review')).toEqual({ vi: 'Giai đoạn: Đang thẩm định', en: 'Stage: Under review' });
  });

  it('refuses a path that is not a figure', () => {
    expect(() => figureLabel('votes.abstaining')).toThrow('No words for the summary figure votes.abstaining');
    expect(() => figureLabel('regulations.byStage.dormant')).toThrow('No words for the summary figure regulations.byStage.dormant');
  });
});

describe('periodOfReportId', () => {
  it('names the year and both halves', () => {
    expect(periodOfReportId('annual-2019')).toEqual({ kind: 'annual', start: '2019-01-01', end: '2019-12-31' });
    expect(periodOfReportId('semiannual-2019-h1')).toEqual({ kind: 'semiannual', start: '2019-01-01', end: '2019-06-30' });
    expect(periodOfReportId('semiannual-2019-h2')).toEqual({ kind: 'semiannual', start: '2019-07-01', end: '2019-12-31' });
  });

  it('refuses anything else with REPORT.INVALID_PERIOD', () => {
    for (const id of ['annual-19', 'annual-2019-h1', 'semiannual-2019', 'semiannual-2019-h3', 'quarterly-2019', ' annual-2019', '']) {
      expect(() => periodOfReportId(id)).toThrow(expect.objectContaining({ code: 'REPORT.INVALID_PERIOD', details: { reportId: id } }));
    }
  });
});
