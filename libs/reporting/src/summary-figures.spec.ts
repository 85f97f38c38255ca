/** The restated report's change list and the period a report id names. */
import { figureChanges, SummaryFigures } from './summary-figures';
import { periodOfReportId } from './summary-periods';
import type { SummaryMetrics } from './summary-content';

/** Metrics with every figure zero (null for the rates and day counts), changed by `edit`. */
function metrics(edit: (m: SummaryMetrics) => void = () => undefined): SummaryMetrics {
  const stages = { drafting: 0, consultation: 0, revising: 0, voting: 0, adopted: 0, submitted: 0, under_review: 0, in_force: 0, suspended: 0, repealed: 0, withdrawn: 0 };
  const m = {
    regulations: { total: 0, byKind: { community_convention: { ...stages }, democracy_regulation: { ...stages } }, byStage: { ...stages }, amending: 0 },
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

const figures = (area: SummaryMetrics, wards: [string, SummaryMetrics][]): SummaryFigures => ({
  area,
  wards: wards.map(([wardCode, m]) => ({ wardCode, wardName: wardCode, metrics: m })),
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
    expect(figureChanges(reference, restated)).toEqual([
      { scope: 'area', figure: 'regulations.byKind.community_convention.in_force', reference: 0, restated: 1 },
      { scope: 'area', figure: 'votes.held', reference: 1, restated: 2 },
      { scope: 'hang-dao', figure: 'votes.turnoutRate', reference: null, restated: 0.75 },
    ]);
  });

  it('lists a ward the restated report no longer has, with its figures gone to zero', () => {
    const reference = figures(metrics(), [['hang-ma', metrics((m) => (m.regulations.total = 1))]]);
    expect(figureChanges(reference, figures(metrics(), []))).toEqual([{ scope: 'hang-ma', figure: 'regulations.total', reference: 1, restated: 0 }]);
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
