/**
 * The figures `npm run bench:report` draws, read from the result files in bench/results: the history of each key ratio
 * (one point a run, in the order the runs started) and the scaling curves (time against data size). Pure: the drawing
 * is in chart-svg.ts, the files and the browser in report.ts.
 */

/** One result file as written by bench/record.ts (or bench/results/summary.json, a list of sizes). */
export interface ResultFile {
  name: string;
  body: unknown;
}

export interface Series {
  name: string;
  points: Array<[number, number]>;
}

export interface Chart {
  file: string;
  title: string;
  xLabel: string;
  yLabel: string;
  /** `run`: x is the run's number in the history; `size`: x is a data size, both axes logarithmic. */
  x: 'run' | 'size';
  series: Series[];
  /** Horizontal lines: the issue's targets. */
  targets: Array<{ name: string; y: number }>;
  /** For `size` charts: the size the target is set at, so the axis reaches it. */
  xMax?: number;
  /** For `run` charts: the date of each run, as the x axis labels. */
  runDates: string[];
}

/** A line of the README's table: the latest figure of a target with its ratio to the target. */
export interface TargetRow {
  target: string;
  figure: string;
  goal: string;
  met: boolean;
  run: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function numberAt(body: unknown, ...keys: string[]): number | null {
  let at: unknown = body;
  for (const key of keys) {
    if (!isObject(at)) return null;
    at = at[key];
  }
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}

/** The runs of one benchmark, oldest first: files named `<startedAt>-<benchmark>.json` holding `benchmark: <name>`. */
export function runsOf(files: ResultFile[], benchmark: string): Json[] {
  return files
    .filter((file) => isObject(file.body) && file.body.benchmark === benchmark)
    .map((file) => file.body as Json)
    .sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
}

/** A command run against the Temporal cluster on PostgreSQL (`npm run bench:cluster`) rather than the dev server. */
const onCluster = (run: Json): boolean => {
  const parameters = run.parameters;
  return isObject(parameters) && String(parameters.temporalServer ?? '').startsWith('cluster');
};

const day = (run: Json) => String(run.startedAt).slice(0, 16).replace('T', ' ');

function history(runs: Json[], series: Array<{ name: string; at: string[] }>): Series[] {
  return series.map(({ name, at }) => ({
    name,
    points: runs.flatMap((run, index): Array<[number, number]> => {
      const value = numberAt(run, ...at);
      return value === null ? [] : [[index + 1, value]];
    }),
  }));
}

/** The summary benchmark's sizes (bench/results/summary.json: one entry per size). */
function summarySizes(files: ResultFile[]): Json[] {
  const file = files.find((candidate) => candidate.name === 'summary.json');
  return Array.isArray(file?.body) ? (file.body as unknown[]).filter(isObject) : [];
}

/** A point of the worker's RSS against its cached workflows, when a result holds both. */
const rssPoint = (cached: number | null, rss: number | null): Array<[number, number]> => (cached === null || rss === null ? [] : [[cached, rss]]);

export function chartsOf(files: ResultFile[]): Chart[] {
  const commands = runsOf(files, 'commands');
  const inbox = runsOf(files, 'inbox');
  const rebuild = runsOf(files, 'rebuild');
  const imports = runsOf(files, 'imports');
  const webPage = runsOf(files, 'web-page');
  const latestCache = runsOf(files, 'worker-cache').at(-1);
  const cacheFigures = Array.isArray(latestCache?.figures) ? (latestCache.figures as unknown[]).filter(isObject) : [];
  const sizes = summarySizes(files);
  const latestRebuild = rebuild.at(-1);
  const rebuildFigures = Array.isArray(latestRebuild?.figures) ? (latestRebuild.figures as unknown[]).filter(isObject) : [];
  return [
    {
      file: 'commands-ratio.png',
      title: 'Officer command over HTTP ÷ no-op Update floor (same run)',
      xLabel: 'run',
      yLabel: 'ratio',
      x: 'run',
      series: [
        ...history(commands, [
          { name: 'p50', at: ['ratios', 'p50'] },
          { name: 'p99', at: ['ratios', 'p99'] },
        ]).map((series) => ({ ...series, points: series.points.filter(([run]) => !onCluster(commands[run - 1])) })),
        ...history(commands, [
          { name: 'p50, cluster', at: ['ratios', 'p50'] },
          { name: 'p99, cluster', at: ['ratios', 'p99'] },
        ]).map((series) => ({ ...series, points: series.points.filter(([run]) => onCluster(commands[run - 1])) })),
      ],
      targets: [{ name: 'target 1.5', y: 1.5 }],
      runDates: commands.map(day),
    },
    {
      file: 'inbox-p99.png',
      title: 'Inbox over HTTP, p99 (ms)',
      xLabel: 'run',
      yLabel: 'ms',
      x: 'run',
      series: history(inbox, [
        { name: 'GET /inbox', at: ['results', 'inboxList', 'p99Ms'] },
        { name: 'GET /inbox/counts', at: ['results', 'inboxCounts', 'p99Ms'] },
      ]),
      targets: [{ name: 'target 5 ms', y: 5 }],
      runDates: inbox.map(day),
    },
    {
      file: 'inbox-ratio.png',
      title: 'Visibility query p99 ÷ inbox p99 (same run)',
      xLabel: 'run',
      yLabel: 'ratio',
      x: 'run',
      series: history(inbox, [
        { name: 'list', at: ['ratios', 'list', 'p99'] },
        { name: 'counts', at: ['ratios', 'counts', 'p99'] },
      ]),
      targets: [{ name: 'target 10×', y: 10 }],
      runDates: inbox.map(day),
    },
    {
      file: 'summary-scaling.png',
      title: 'Annual summary: time against regulations',
      xLabel: 'regulations',
      yLabel: 'seconds',
      x: 'size',
      series: [
        { name: 'first run', points: sizes.flatMap(sizePoint('summaryMs')) },
        { name: 're-run', points: sizes.flatMap(sizePoint('rerunMs')) },
        { name: 'restated', points: sizes.flatMap(sizePoint('restatedMs')) },
      ],
      targets: [{ name: 'target 10 s at 1,000,000', y: 10 }],
      xMax: 1_000_000,
      runDates: [],
    },
    {
      file: 'rebuild-scaling.png',
      title: `Projection rebuild: events/s against events (run of ${latestRebuild ? day(latestRebuild) : 'none'})`,
      xLabel: 'events',
      yLabel: 'events/s',
      x: 'size',
      series: [
        {
          name: 'rebuild',
          points: rebuildFigures.flatMap((figure): Array<[number, number]> => {
            const events = numberAt(figure, 'events');
            const perSecond = numberAt(figure, 'rebuild', 'eventsPerSecond');
            return events === null || perSecond === null ? [] : [[events, perSecond]];
          }),
        },
      ],
      targets: [{ name: 'target 50,000/s', y: 50_000 }],
      xMax: 1_000_000,
      runDates: [],
    },
    {
      file: 'worker-cache.png',
      title: `Worker RSS against cached workflows (run of ${latestCache ? day(latestCache) : 'none'})`,
      xLabel: 'cached workflows',
      yLabel: 'MB',
      x: 'size',
      series: [
        {
          name: 'RSS',
          points: cacheFigures.flatMap((figure) => rssPoint(numberAt(figure, 'cached'), numberAt(figure, 'sample', 'rssMb'))),
        },
        {
          name: 'RSS, no-op workflow (the SDK\'s floor)',
          points: rssPoint(numberAt(latestCache, 'floor', 'cached'), numberAt(latestCache, 'floor', 'full', 'rssMb')),
        },
      ],
      targets: [{ name: 'target 300 MB at 10,000', y: 300 }],
      xMax: 10_000,
      runDates: [],
    },
    {
      file: 'imports.png',
      title: 'Import of the 234-row district file (s)',
      xLabel: 'run',
      yLabel: 'seconds',
      x: 'run',
      series: history(imports, [{ name: 'real run', at: ['seconds', 'real'] }]),
      targets: [{ name: 'target 60 s', y: 60 }],
      runDates: imports.map(day),
    },
    {
      file: 'web-page.png',
      title: 'Regulation page interactive after navigation (ms)',
      xLabel: 'run',
      yLabel: 'ms',
      x: 'run',
      series: history(webPage, [
        { name: 'cold p50', at: ['results', 'cold', 'p50Ms'] },
        { name: 'cold p95', at: ['results', 'cold', 'p95Ms'] },
        { name: 'warm p95', at: ['results', 'warm', 'p95Ms'] },
      ]),
      targets: [{ name: 'target 1 s', y: 1000 }],
      runDates: webPage.map(day),
    },
  ];
}

function sizePoint(key: string) {
  return (entry: Json): Array<[number, number]> => {
    const regulations = numberAt(entry, 'regulations');
    const ms = numberAt(entry, key);
    return regulations === null || ms === null ? [] : [[regulations, ms / 1000]];
  };
}

const fixed = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en-US');

/** The latest figure of each target of issue 16 (and the import's), as the README's table shows them. */
export function targetRows(files: ResultFile[]): TargetRow[] {
  const rows: TargetRow[] = [];
  const latest = (benchmark: string) => runsOf(files, benchmark).at(-1);
  const commandRuns = runsOf(files, 'commands');
  for (const [server, commands] of [
    ['dev server', commandRuns.filter((run) => !onCluster(run)).at(-1)],
    ['cluster', commandRuns.filter(onCluster).at(-1)],
  ] as const) {
    for (const quantile of ['p50', 'p99']) {
      const ratio = commands ? numberAt(commands, 'ratios', quantile) : null;
      if (commands && ratio !== null) {
        rows.push({ target: `command ${quantile} ÷ no-op Update floor (${server})`, figure: `${fixed(ratio)}×`, goal: '≤ 1.5×', met: ratio <= 1.5, run: day(commands) });
      }
    }
  }
  const inbox = latest('inbox');
  if (inbox) {
    const regulations = numberAt(inbox, 'parameters', 'regulations');
    const scale = regulations === null ? '' : ` (${regulations.toLocaleString('en-US')} regulations)`;
    for (const [name, key] of [['GET /inbox', 'inboxList'], ['GET /inbox/counts', 'inboxCounts']] as const) {
      const p99 = numberAt(inbox, 'results', key, 'p99Ms');
      if (p99 !== null) rows.push({ target: `${name} p99${scale}`, figure: `${fixed(p99)} ms`, goal: '≤ 5 ms', met: p99 <= 5, run: day(inbox) });
    }
    for (const [name, key] of [['list', 'list'], ['counts', 'counts']] as const) {
      const ratio = numberAt(inbox, 'ratios', key, 'p99');
      if (ratio !== null) rows.push({ target: `visibility ÷ inbox ${name} p99`, figure: `${fixed(ratio)}×`, goal: '≥ 10×', met: ratio >= 10, run: day(inbox) });
    }
  }
  const sizes = summarySizes(files);
  const largest = sizes.reduce<Json | undefined>((best, entry) => ((numberAt(entry, 'regulations') ?? 0) > (numberAt(best, 'regulations') ?? 0) ? entry : best), undefined);
  if (largest) {
    const regulations = numberAt(largest, 'regulations') ?? 0;
    const seconds = (numberAt(largest, 'summaryMs') ?? 0) / 1000;
    rows.push({
      target: `annual summary of ${regulations.toLocaleString('en-US')} regulations`,
      figure: `${fixed(seconds)} s`,
      goal: '≤ 10 s at 1,000,000',
      met: regulations >= 1_000_000 && seconds <= 10,
      run: 'bench/results/summary.json',
    });
    const restated = numberAt(largest, 'restatedMs');
    if (restated !== null) {
      rows.push({
        target: `restated annual summary of ${regulations.toLocaleString('en-US')} regulations`,
        figure: `${fixed(restated / 1000)} s`,
        goal: '≤ 10 s at 1,000,000',
        met: regulations >= 1_000_000 && restated <= 10_000,
        run: 'bench/results/summary.json',
      });
    }
    // Linear: the largest size against the one a tenth of it, when both were measured.
    const tenth = sizes.find((entry) => numberAt(entry, 'regulations') === regulations / 10);
    const tenthMs = tenth ? numberAt(tenth, 'summaryMs') : null;
    if (tenthMs) {
      const growth = (seconds * 1000) / tenthMs;
      rows.push({
        target: `annual summary time, ${(regulations / 10).toLocaleString('en-US')} → ${regulations.toLocaleString('en-US')} regulations`,
        figure: `×${fixed(growth)}`,
        goal: '≤ ×10 (linear)',
        met: growth <= 10,
        run: 'bench/results/summary.json',
      });
    }
  }
  const rebuild = latest('rebuild');
  const rebuildFigures = Array.isArray(rebuild?.figures) ? (rebuild.figures as unknown[]).filter(isObject) : [];
  const biggest = rebuildFigures.at(-1);
  const perSecond = numberAt(biggest, 'rebuild', 'eventsPerSecond');
  if (rebuild && biggest && perSecond !== null) {
    const events = numberAt(biggest, 'events') ?? 0;
    rows.push({ target: `projection rebuild of ${events.toLocaleString('en-US')} events`, figure: `${fixed(perSecond)} events/s`, goal: '≥ 50,000 events/s', met: perSecond >= 50_000, run: day(rebuild) });
  }
  const cache = latest('worker-cache');
  const cacheFigures = Array.isArray(cache?.figures) ? (cache.figures as unknown[]).filter(isObject) : [];
  const fullest = cacheFigures.at(-1);
  const cached = numberAt(fullest, 'cached');
  const rss = numberAt(fullest, 'sample', 'rssMb');
  if (cache && cached !== null && rss !== null) {
    const perThousand = numberAt(fullest, 'mbPer1000');
    const floorPerThousand = numberAt(cache, 'floor', 'mbPer1000');
    const floorText = floorPerThousand === null ? '' : `; a no-op workflow ${fixed(floorPerThousand)}`;
    rows.push({
      target: `worker RSS with ${cached.toLocaleString('en-US')} cached workflows`,
      figure: `${fixed(rss)} MB${perThousand === null ? '' : ` (${fixed(perThousand)} MB per 1,000${floorText})`}`,
      goal: '≤ 300 MB with 10,000',
      met: cached >= 10_000 && rss <= 300,
      run: day(cache),
    });
  }
  const imports = latest('imports');
  const importSeconds = numberAt(imports, 'seconds', 'real');
  if (imports && importSeconds !== null) {
    rows.push({ target: 'import of the 234-row district file', figure: `${fixed(importSeconds)} s`, goal: '≤ 60 s', met: importSeconds <= 60, run: day(imports) });
  }
  const webPage = latest('web-page');
  const coldP95 = numberAt(webPage, 'results', 'cold', 'p95Ms');
  if (webPage && coldP95 !== null) {
    const p50 = numberAt(webPage, 'results', 'cold', 'p50Ms');
    rows.push({
      target: 'regulation page interactive, first visit (demo data)',
      figure: `p95 ${fixed(coldP95)} ms${p50 === null ? '' : ` (p50 ${fixed(p50)} ms)`}`,
      goal: '≤ 1,000 ms',
      met: coldP95 <= 1000,
      run: day(webPage),
    });
  }
  return rows;
}

export const FIGURES_START = '<!-- figures: written by npm run bench:report -->';
export const FIGURES_END = '<!-- end of figures -->';

/** The README with its figures section (between the markers) replaced by the table of `rows`. */
export function withFigures(readme: string, rows: TargetRow[]): string {
  const start = readme.indexOf(FIGURES_START);
  const end = readme.indexOf(FIGURES_END);
  if (start < 0 || end < start) throw new Error(`bench/README.md has no figures section (${FIGURES_START} … ${FIGURES_END})`);
  const table = [
    '| target | latest figure | goal | met | run (UTC) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.target} | ${row.figure} | ${row.goal} | ${row.met ? 'yes' : 'no'} | ${row.run} |`),
  ].join('\n');
  return `${readme.slice(0, start + FIGURES_START.length)}\n${table}\n${readme.slice(end)}`;
}
