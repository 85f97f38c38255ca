/**
 * `npm run bench:report`: draws the benchmarks' history and scaling curves from bench/results as PNG charts in
 * bench/charts/ (SVG rendered by Debian's Chromium through playwright-core, as the browser tests do) and writes the
 * latest figure of each target into bench/README.md's figures section. Reads results only: it runs no benchmark.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { chartSvg } from './chart-svg';
import { chartsOf, ResultFile, targetRows, withFigures } from './charts';
import { chromiumArgs, chromiumPath } from '../tools/dev-stack/tools';


function readResults(dir: string): ResultFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, body: JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as unknown }));
}

async function main(): Promise<void> {
  const files = readResults(path.join(__dirname, 'results'));
  const out = path.join(__dirname, 'charts');
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 450 } });
    for (const chart of chartsOf(files)) {
      await page.setContent(`<!doctype html><html><body style="margin:0">${chartSvg(chart)}</body></html>`);
      await page.locator('svg').screenshot({ path: path.join(out, chart.file) });
      const points = chart.series.reduce((sum, series) => sum + series.points.length, 0);
      console.log(`bench/charts/${chart.file}: ${points} point(s)`);
    }
  } finally {
    await browser.close();
  }
  const readmeFile = path.join(__dirname, 'README.md');
  const rows = targetRows(files);
  fs.writeFileSync(readmeFile, withFigures(fs.readFileSync(readmeFile, 'utf8'), rows));
  for (const row of rows) console.log(`${row.met ? 'met    ' : 'not met'}  ${row.target}: ${row.figure} (goal ${row.goal})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
