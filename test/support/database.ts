/**
 * Test databases: a fresh PostgreSQL database per suite on the server at DATABASE_ADMIN_URL, owned by the migration
 * owner and migrated by it, as the migration step does; the suite uses it as the application role, as the api and
 * the worker do.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createEventStoreDataSource, migrateEventStore } from '@app/event-store';
import { provisionDatabase } from '../../tools/dev-stack/database-roles';

export interface TestDatabase {
  /** The application role (DATABASE_URL of the api and the worker). */
  url: string;
  /** The migration owner (DATABASE_MIGRATION_URL). */
  migrationUrl: string;
  /** Connected as the application role. */
  dataSource: DataSource;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) throw new Error('DATABASE_ADMIN_URL is not set: the jest globalSetup starts PostgreSQL and exports it');
  const name = `t_${randomBytes(8).toString('hex')}`;
  const drop = () => onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

  let urls: { url: string; migrationUrl: string };
  let dataSource: DataSource;
  try {
    urls = await provisionDatabase(adminUrl, name);
    await migrateEventStore(urls.migrationUrl);
    dataSource = await createEventStoreDataSource(urls.url);
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    ...urls,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await drop();
    },
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
