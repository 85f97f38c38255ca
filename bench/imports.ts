/**
 * `npm run bench:imports`: the onboarding of issue 14 ("Done when"): the generated 234-row district file
 * (scripts/generate-import-sample.ts) imported over HTTP (POST /imports) through the whole stack: a dry run, the real
 * run (target ≤ 60 s), and the same file again (every row unchanged). Then the restated annual report of 2019 is
 * compared with the figures computed from the file. Prints rows/s and seconds; writes bench/results/<timestamp>-imports.json.
 * Settings: --seed BENCH_IMPORT_SEED (14), --timeout BENCH_TIMEOUT_SECONDS (600), --worker-process BENCH_WORKER_PROCESS=1.
 */
import type { ImportReport } from '@app/imports';
import { generateImportSample, sampleCsv, sampleFigures } from '../scripts/generate-import-sample';
import { integerOptions, runBounded } from './bounded-run';
import { machine, revision, round, writeResult } from './record';
import { startBenchStack } from './stack';

interface Settings {
  seed: number;
  timeoutSeconds: number;
  workerProcess: boolean;
}

const TARGET_SECONDS = 60;
const log = (line: string): void => console.log(`[bench:imports] ${line}`);

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, ['seed', 'timeout', 'worker-process']);
  return {
    seed: read('seed', 'BENCH_IMPORT_SEED', 14, 0, 2 ** 31),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 600, 10, 3_600),
    workerProcess: argv.includes('--worker-process') || process.env.BENCH_WORKER_PROCESS === '1',
  };
}

async function upload(apiUrl: string, token: string, csv: string, dryRun: boolean, signal: AbortSignal): Promise<{ report: ImportReport; seconds: number }> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'import-sample-234.csv');
  const started = process.hrtime.bigint();
  const response = await fetch(`${apiUrl}/imports${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { Authorization: token }, body: form, signal });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!response.ok) throw new Error(`POST /imports answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return { report: (await response.json()) as ImportReport, seconds };
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  const rows = generateImportSample(settings.seed);
  const csv = sampleCsv(rows);
  log(`settings ${JSON.stringify(settings)}; ${rows.length} rows, ${Buffer.byteLength(csv)} bytes`);
  const stack = await startBenchStack({ officers: 1, workerProcess: settings.workerProcess, officerWards: ['*'], log });
  try {
    const [officer] = stack.officers;
    const dry = await upload(stack.apiUrl, officer, csv, true, signal);
    const real = await upload(stack.apiUrl, officer, csv, false, signal);
    const again = await upload(stack.apiUrl, officer, csv, false, signal);
    for (const [name, run, status] of [['dry run', dry, 'to_create'], ['real run', real, 'created'], ['re-run', again, 'unchanged']] as const) {
      const c = run.report.counts;
      log(`${name}: ${run.seconds.toFixed(2)} s, ${round(rows.length / run.seconds)} rows/s; ${JSON.stringify(c)}`);
      if (c[status] !== rows.length) throw new Error(`${name}: expected ${rows.length} rows ${status}, got ${JSON.stringify(c)}`);
    }

    // The restated annual report of 2019 against the figures the file gives (issue 14 "Done when").
    const expected = sampleFigures(rows, '2019');
    const restated = await fetch(`${stack.apiUrl}/reports/annual-2019/restated`, { headers: { Authorization: stack.supervisor }, signal });
    if (!restated.ok) throw new Error(`GET /reports/annual-2019/restated answered ${restated.status}`);
    const area = ((await restated.json()) as { area: Record<string, Record<string, unknown>> }).area;
    const figures = {
      drafted: [expected.drafted.conventions + expected.drafted.democracy, area.inPeriod.drafted],
      recognized: [expected.recognized.conventions + expected.recognized.democracy, area.inPeriod.recognized],
      votesHeld: [expected.votes, area.votes.held],
      dossiersSubmitted: [expected.dossiers, area.approvals.submitted],
      reviewsDone: [expected.reviewsDone, area.reviews.done],
      repealed: [expected.repealed, area.inPeriod.repealed],
      inForceAtYearEnd: [expected.inForceAtYearEnd, (area.regulations.byStage as Record<string, number>).in_force],
    };
    const mismatches = Object.entries(figures).filter(([, [want, got]]) => want !== got);
    for (const [name, [want, got]] of Object.entries(figures)) log(`annual-2019 restated ${name}: file ${want}, report ${String(got)}`);

    console.log('');
    console.log(`import of ${rows.length} rows over HTTP: ${real.seconds.toFixed(2)} s, ${round(rows.length / real.seconds)} rows/s ` +
      `(target ≤ ${TARGET_SECONDS} s: ${real.seconds <= TARGET_SECONDS ? 'within' : 'above'}); dry run ${dry.seconds.toFixed(2)} s; ` +
      `re-run (all unchanged) ${again.seconds.toFixed(2)} s; restated 2019 ${mismatches.length === 0 ? 'equals the file' : `differs in ${mismatches.map(([n]) => n).join(', ')}`}`);
    writeResult('imports', startedAt, {
      benchmark: 'imports',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      parameters: { ...settings, rows: rows.length, bytes: Buffer.byteLength(csv), servers: stack.servers },
      seconds: { dryRun: round(dry.seconds), real: round(real.seconds), rerun: round(again.seconds) },
      rowsPerSecond: { dryRun: round(rows.length / dry.seconds), real: round(rows.length / real.seconds), rerun: round(rows.length / again.seconds) },
      targetSeconds: TARGET_SECONDS,
      restated2019: figures,
    });
    if (mismatches.length > 0) throw new Error(`the restated 2019 report differs from the file: ${JSON.stringify(Object.fromEntries(mismatches))}`);
  } finally {
    await stack.stop();
  }
}

runBounded('bench:imports', readSettings, main);
