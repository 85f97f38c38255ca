import { chartSvg } from './chart-svg';
import { chartsOf, FIGURES_END, FIGURES_START, ResultFile, targetRows, withFigures } from './charts';

const commands = (startedAt: string, p50: number, p99: number, temporalServer = 'dev-server'): ResultFile => ({
  name: `${startedAt}-commands.json`,
  body: { benchmark: 'commands', startedAt, ratios: { p50, p99 }, parameters: { temporalServer } },
});

const files: ResultFile[] = [
  commands('2026-11-29T08:00:00.000Z', 3.4, 2.9),
  commands('2026-11-28T08:00:00.000Z', 3.5, 2.8),
  commands('2026-11-29T09:00:00.000Z', 2.1, 1.9, 'cluster: temporal-server on PostgreSQL'),
  {
    name: 'summary.json',
    body: [
      { regulations: 10_000, summaryMs: 697, rerunMs: 800 },
      { regulations: 100_000, summaryMs: 9215, rerunMs: 8169, restatedMs: 9500 },
    ],
  },
  { name: '2026-11-30T22:31:40.225Z-imports.json', body: { benchmark: 'imports', startedAt: '2026-11-30T22:31:40.225Z', seconds: { real: 51.04 } } },
  {
    name: '2026-12-01T06:00:00.000Z-web-page.json',
    body: { benchmark: 'web-page', startedAt: '2026-12-01T06:00:00.000Z', results: { cold: { p50Ms: 420.5, p95Ms: 1210 }, warm: { p50Ms: 150, p95Ms: 230.25 } } },
  },
  {
    name: '2026-12-01T03:12:47.000Z-worker-cache.json',
    body: {
      benchmark: 'worker-cache',
      startedAt: '2026-12-01T03:12:47.000Z',
      figures: [
        { cached: 1_000, sample: { rssMb: 620.7 }, mbPer1000: 367.45 },
        { cached: 5_000, sample: { rssMb: 1900 }, mbPer1000: 329.3 },
      ],
      floor: { cached: 5_000, full: { rssMb: 1180 }, mbPer1000: 197.67 },
    },
  },
];

describe('bench report', () => {
  it('draws each ratio as a history of runs in the order they started, and the summary against its sizes', () => {
    const charts = chartsOf(files);
    const ratio = charts.find((chart) => chart.file === 'commands-ratio.png');
    expect(ratio?.series).toEqual([
      { name: 'p50', points: [[1, 3.5], [2, 3.4]] },
      { name: 'p99', points: [[1, 2.8], [2, 2.9]] },
      { name: 'p50, cluster', points: [[3, 2.1]] },
      { name: 'p99, cluster', points: [[3, 1.9]] },
    ]);
    expect(ratio?.runDates).toEqual(['2026-11-28 08:00', '2026-11-29 08:00', '2026-11-29 09:00']);
    const summary = charts.find((chart) => chart.file === 'summary-scaling.png');
    expect(summary?.series[0].points).toEqual([[10_000, 0.697], [100_000, 9.215]]);
    expect(charts.find((chart) => chart.file === 'inbox-p99.png')?.series.every((series) => series.points.length === 0)).toBe(true);
  });

  it('says which targets the latest figures meet', () => {
    expect(targetRows(files)).toEqual([
      { target: 'command p50 ÷ no-op Update floor (dev server)', figure: '3.4×', goal: '≤ 1.5×', met: false, run: '2026-11-29 08:00' },
      { target: 'command p99 ÷ no-op Update floor (dev server)', figure: '2.9×', goal: '≤ 1.5×', met: false, run: '2026-11-29 08:00' },
      { target: 'command p50 ÷ no-op Update floor (cluster)', figure: '2.1×', goal: '≤ 1.5×', met: false, run: '2026-11-29 09:00' },
      { target: 'command p99 ÷ no-op Update floor (cluster)', figure: '1.9×', goal: '≤ 1.5×', met: false, run: '2026-11-29 09:00' },
      { target: 'annual summary of 100,000 regulations', figure: '9.22 s', goal: '≤ 10 s at 1,000,000', met: false, run: 'bench/results/summary.json' },
      { target: 'restated annual summary of 100,000 regulations', figure: '9.5 s', goal: '≤ 10 s at 1,000,000', met: false, run: 'bench/results/summary.json' },
      { target: 'annual summary time, 10,000 → 100,000 regulations', figure: '×13.22', goal: '≤ ×10 (linear)', met: false, run: 'bench/results/summary.json' },
      { target: 'worker RSS with 5,000 cached workflows', figure: '1,900 MB (329.3 MB per 1,000; a no-op workflow 197.67)', goal: '≤ 300 MB with 10,000', met: false, run: '2026-12-01 03:12' },
      { target: 'import of the 234-row district file', figure: '51.04 s', goal: '≤ 60 s', met: true, run: '2026-11-30 22:31' },
      { target: 'regulation page interactive, first visit (demo data)', figure: 'p95 1,210 ms (p50 420.5 ms)', goal: '≤ 1,000 ms', met: false, run: '2026-12-01 06:00' },
    ]);
    expect(chartsOf(files).find((chart) => chart.file === 'web-page.png')?.series).toEqual([
      { name: 'cold p50', points: [[1, 420.5]] },
      { name: 'cold p95', points: [[1, 1210]] },
      { name: 'warm p95', points: [[1, 230.25]] },
    ]);
    const cache = chartsOf(files).find((chart) => chart.file === 'worker-cache.png');
    expect(cache?.series.map((series) => series.points)).toEqual([[[1_000, 620.7], [5_000, 1900]], [[5_000, 1180]]]);
  });

  it('replaces only the figures section of the README, and refuses a README without one', () => {
    const readme = `# Benchmarks\n${FIGURES_START}\nold table\n${FIGURES_END}\n## Charts\n`;
    const written = withFigures(readme, targetRows(files));
    expect(written).not.toContain('old table');
    expect(written).toContain('| import of the 234-row district file | 51.04 s | ≤ 60 s | yes | 2026-11-30 22:31 |');
    expect(written.endsWith(`${FIGURES_END}\n## Charts\n`)).toBe(true);
    expect(() => withFigures('# Benchmarks\n', [])).toThrow(/no figures section/);
  });

  it('draws a chart with its points and target line, and says so when there is no result yet', () => {
    const [ratio] = chartsOf(files);
    const svg = chartSvg(ratio);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('target 1.5');
    expect(chartSvg({ ...ratio, series: [] })).toContain('no result yet');
  });
});
