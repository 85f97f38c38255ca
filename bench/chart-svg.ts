/** A chart of bench/charts.ts as SVG: lines with their points, dashed target lines, axes with ticks, a legend. */
import type { Chart } from './charts';

const WIDTH = 800;
const HEIGHT = 450;
const MARGIN = { left: 80, right: 210, top: 50, bottom: 60 };
const COLOURS = ['#1f5fbf', '#c2410c', '#15803d', '#7e22ce'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function compact(n: number): string {
  if (Math.abs(n) >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (Math.abs(n) >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}

interface Axis {
  at(value: number): number;
  ticks: number[];
}

function linearAxis(min: number, max: number, from: number, to: number): Axis {
  const span = max - min || 1;
  const step = 10 ** Math.floor(Math.log10(span / 5));
  const nice = [1, 2, 5, 10].map((k) => k * step).find((candidate) => span / candidate <= 6) ?? step * 10;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / nice) * nice; tick <= max + nice / 1e6; tick += nice) ticks.push(+tick.toPrecision(12));
  return { at: (value) => from + ((value - min) / span) * (to - from), ticks };
}

function logAxis(min: number, max: number, from: number, to: number): Axis {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const span = high - low || 1;
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
  return { at: (value) => from + ((Math.log10(value) - low) / span) * (to - from), ticks };
}

export function chartSvg(chart: Chart): string {
  const points = chart.series.flatMap((series) => series.points);
  const xs = [...points.map(([x]) => x), ...(chart.xMax === undefined ? [] : [chart.xMax])];
  const ys = [...points.map(([, y]) => y), ...chart.targets.map((target) => target.y)];
  const right = WIDTH - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Liberation Sans, Arial, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${escape(chart.title)}</text>`,
  ];
  if (points.length === 0) {
    parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">no result yet: run the benchmark</text></svg>`);
    return parts.join('\n');
  }
  const x =
    chart.x === 'size'
      ? logAxis(Math.min(...xs), Math.max(...xs), MARGIN.left, right)
      : linearAxis(Math.min(1, ...xs) - 0.5, Math.max(...xs) + 0.5, MARGIN.left, right);
  const y = chart.x === 'size' ? logAxis(Math.min(...ys), Math.max(...ys), bottom, MARGIN.top) : linearAxis(0, Math.max(...ys) * 1.1, bottom, MARGIN.top);
  const xTicks = chart.x === 'run' ? xs.filter((value, i) => xs.indexOf(value) === i) : x.ticks;
  parts.push(`<line x1="${MARGIN.left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#333"/>`);
  for (const tick of y.ticks) {
    const at = y.at(tick);
    parts.push(`<line x1="${MARGIN.left}" y1="${at}" x2="${right}" y2="${at}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${at + 4}" text-anchor="end">${compact(tick)}</text>`);
  }
  for (const tick of xTicks) {
    const at = x.at(tick);
    const label = chart.x === 'run' ? (chart.runDates[tick - 1]?.slice(5) ?? String(tick)) : compact(tick);
    parts.push(`<line x1="${at}" y1="${bottom}" x2="${at}" y2="${bottom + 5}" stroke="#333"/>`);
    parts.push(`<text x="${at}" y="${bottom + 20}" text-anchor="middle" font-size="11">${escape(label)}</text>`);
  }
  parts.push(`<text x="${(MARGIN.left + right) / 2}" y="${HEIGHT - 15}" text-anchor="middle">${escape(chart.xLabel)}${chart.x === 'size' ? ' (log)' : ' (date)'}</text>`);
  parts.push(`<text transform="translate(20 ${(MARGIN.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yLabel)}${chart.x === 'size' ? ' (log)' : ''}</text>`);
  const legend: Array<{ name: string; colour: string; dashed: boolean }> = [];
  chart.targets.forEach((target) => {
    const at = y.at(target.y);
    parts.push(`<line x1="${MARGIN.left}" y1="${at}" x2="${right}" y2="${at}" stroke="#dc2626" stroke-dasharray="6 4" stroke-width="1.5"/>`);
    legend.push({ name: target.name, colour: '#dc2626', dashed: true });
  });
  chart.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const path = series.points.map(([px, py]) => `${x.at(px).toFixed(1)},${y.at(py).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const [px, py] of series.points) {
      parts.push(`<circle cx="${x.at(px).toFixed(1)}" cy="${y.at(py).toFixed(1)}" r="3.5" fill="${colour}"><title>${compact(py)}</title></circle>`);
    }
    legend.push({ name: series.name, colour, dashed: false });
  });
  legend.forEach((entry, i) => {
    const top = MARGIN.top + 10 + i * 22;
    parts.push(`<line x1="${right + 15}" y1="${top}" x2="${right + 45}" y2="${top}" stroke="${entry.colour}" stroke-width="2"${entry.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${right + 52}" y="${top + 4}">${escape(entry.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
