/**
 * CLI, the migration step: run the pending event store migrations (or `revert` the last one) as the migration owner,
 * on the database at DATABASE_MIGRATION_URL. The api and the worker never migrate: they connect as the application role.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { eventStoreDataSourceOptions, runMigrationsExclusively } from './data-source';

async function main(): Promise<void> {
  const logger = new Logger('migrations');
  const url = process.env.DATABASE_MIGRATION_URL;
  if (!url) throw new Error('DATABASE_MIGRATION_URL (the migration owner) is not set');
  const dataSource = await new DataSource(eventStoreDataSourceOptions(url)).initialize();
  try {
    if (process.argv[2] === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      logger.log('reverted the last migration');
    } else {
      const executed = await runMigrationsExclusively(dataSource);
      logger.log(executed.length === 0 ? 'schema is up to date' : `ran ${executed.join(', ')}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  new Logger('migrations').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
