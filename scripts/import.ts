/**
 * `npm run import -- FILE [--dry-run] [--wards a,b] [--json]`: imports a filled template (CSV or XLSX) into a running
 * system as the api's POST /imports does, printing progress (N/total) and the report. The actor is an officer of the
 * wards given (default: the district, `*`). Exit 1 when the file is refused or a row is refused.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { databasePorts, ImportReport, runImport } from '@app/imports';
import { RegulationCommandClient } from '@app/temporal';
import { regulationTaskQueue } from '../workflows/messages';

export function printReport(report: ImportReport, write: (line: string) => void): void {
  for (const e of report.fileErrors) write(`[import] file refused: ${e.code}: ${e.message}`);
  for (const row of report.rows) {
    for (const e of row.errors) write(`[import] row ${row.row}${e.column ? ` ${e.column}` : ''}: ${e.code}: ${e.message}`);
  }
  const { created, to_create: toCreate, unchanged, refused } = report.counts;
  const written = report.dryRun ? `dry run, nothing written: ${toCreate} to create` : `${created} created`;
  write(`[import] ${report.importId} (${report.format}, ${report.total} rows): ${written}, ${unchanged} unchanged, ${refused} refused`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--wards');
  if (!file) throw new Error('usage: npm run import -- FILE [--dry-run] [--wards a,b] [--json]');
  const wardsAt = args.indexOf('--wards');
  const wards = wardsAt >= 0 ? (args[wardsAt + 1] ?? '').split(',').filter(Boolean) : ['*'];
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const commands = new RegulationCommandClient(client, process.env.TEMPORAL_TASK_QUEUE ?? regulationTaskQueue);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: process.env.DATABASE_URL ?? 'postgres://reglife_app:reglife_app@127.0.0.1:5433/reglife',
  }).initialize();
  try {
    const started = Date.now();
    let shown = -1;
    const report = await runImport(readFileSync(file), databasePorts(dataSource, (id, envelope) => commands.execute(id, envelope)), {
      dryRun: args.includes('--dry-run'),
      actor: { id: process.env.IMPORT_ACTOR ?? 'import-cli', role: 'officer', wards },
      onProgress: (done, total) => {
        if (done === total || done - shown >= 10) process.stdout.write(`[import] ${done}/${total}\n`);
        shown = done;
      },
    });
    if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    printReport(report, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`[import] ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return report.fileErrors.length > 0 || report.counts.refused > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
    await connection.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[import] ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
