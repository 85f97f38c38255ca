/** CLI: rebuild the regulation projections of the database at DATABASE_URL. */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createEventStoreDataSource } from './data-source';
import { rebuildProjections } from './rebuild';

async function main(): Promise<void> {
  const logger = new Logger('rebuild');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const dataSource = await createEventStoreDataSource(url);
  try {
    const started = Date.now();
    const { events } = await rebuildProjections(dataSource);
    logger.log(`replayed ${events} events in ${Date.now() - started} ms`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  new Logger('rebuild').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
