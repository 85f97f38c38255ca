/**
 * CLI: `npm run units:import -- FILE` loads an updated unit list (the format of libs/admin-units/data, see its
 * README) into the unit table as the migration owner (DATABASE_MIGRATION_URL; default the one of `npm start`).
 * The list is checked laid over what is stored; any problem refuses it whole (exit 1, one coded line per problem,
 * nothing written). Re-importing the same file changes nothing.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { importUnitList } from './admin-units.store';
import { parseUnitList, UnitListRejectedError } from './unit-list';

const DEFAULT_OWNER_URL = 'postgres://reglife_owner:reglife_owner@127.0.0.1:5433/reglife';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run units:import -- FILE.json');
  const list = parseUnitList(readFileSync(file, 'utf8'));
  const dataSource = await new DataSource({ type: 'postgres', url: process.env.DATABASE_MIGRATION_URL || DEFAULT_OWNER_URL }).initialize();
  try {
    const counts = await importUnitList(dataSource, list);
    process.stdout.write(`[units] ${file}: ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UnitListRejectedError) {
    for (const p of error.problems) process.stderr.write(`[units] ${p.code} at ${p.at}: ${p.message}\n`);
    process.stderr.write(`[units] refused: ${error.problems.length} problem(s), nothing written\n`);
  } else {
    process.stderr.write(`[units] ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
