/** TypeORM DataSource of the event store: entities, migrations, and a factory that brings the schema up to date. */
import { DataSource, DataSourceOptions } from 'typeorm';
import { ApprovalTaskEntity } from './approval-task.entity';
import { EventEntity } from './event.entity';
import { EventStore1795842927511 } from './migrations/1795842927511-event-store';
import { SummaryReports1795900000000 } from './migrations/1795900000000-summary-reports';
import { ApprovalTasks1796000000000 } from './migrations/1796000000000-approval-tasks';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';

export const eventStoreEntities = [EventEntity, RegulationEntity, RegulationTimelineEntity, ApprovalTaskEntity];
export const eventStoreMigrations = [EventStore1795842927511, SummaryReports1795900000000, ApprovalTasks1796000000000];

export function eventStoreDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: eventStoreEntities,
    migrations: eventStoreMigrations,
    migrationsRun: false,
    synchronize: false,
  };
}

/** Initializes a DataSource and runs pending migrations, each in its own transaction. */
export async function createEventStoreDataSource(url: string): Promise<DataSource> {
  const dataSource = await new DataSource(eventStoreDataSourceOptions(url)).initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Runs pending migrations under a session advisory lock: the api and the worker may start at the same moment. */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('event-store:migrations', 0))`);
    const executed = await dataSource.runMigrations({ transaction: 'each' });
    return executed.map((m) => m.name);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtextextended('event-store:migrations', 0))`).catch(() => undefined);
    await lock.release();
  }
}
