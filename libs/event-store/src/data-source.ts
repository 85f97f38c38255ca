/**
 * TypeORM DataSource of the event store: entities, migrations, the migration step (run as the migration owner,
 * DATABASE_MIGRATION_URL) and the application's connection (DATABASE_URL), which refuses a schema behind the code.
 */
import { DataSource, DataSourceOptions } from 'typeorm';
import { ApprovalTaskEntity } from './approval-task.entity';
import { EventEntity } from './event.entity';
import { EventStore1795842927511 } from './migrations/1795842927511-event-store';
import { SummaryReports1795900000000 } from './migrations/1795900000000-summary-reports';
import { ApprovalTasks1796000000000 } from './migrations/1796000000000-approval-tasks';
import { ApplicationRole1796100000000 } from './migrations/1796100000000-application-role';
import { RegulationIncidents1796200000000 } from './migrations/1796200000000-regulation-incidents';
import { StageHistory1796300000000 } from './migrations/1796300000000-stage-history';
import { AdminUnits1796400000000 } from './migrations/1796400000000-admin-units';
import { ComplaintTasks1796500000000 } from './migrations/1796500000000-complaint-tasks';
import { WebSessions1796610000000 } from './migrations/1796610000000-web-sessions';
import { RegulationFacts1796700000000 } from './migrations/1796700000000-regulation-facts';
import { ProjectionRebuild1796750000000 } from './migrations/1796750000000-projection-rebuild';
import { ApprovalTaskDayCounts1796800000000 } from './migrations/1796800000000-approval-task-day-counts';
import { rebuildProjections } from './rebuild';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';

export const eventStoreEntities = [EventEntity, RegulationEntity, RegulationTimelineEntity, ApprovalTaskEntity];
export const eventStoreMigrations = [
  EventStore1795842927511,
  SummaryReports1795900000000,
  ApprovalTasks1796000000000,
  ApplicationRole1796100000000,
  RegulationIncidents1796200000000,
  StageHistory1796300000000,
  AdminUnits1796400000000,
  ComplaintTasks1796500000000,
  WebSessions1796610000000,
  RegulationFacts1796700000000,
  ProjectionRebuild1796750000000,
  ApprovalTaskDayCounts1796800000000,
];

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

/**
 * The application's DataSource: connects and checks that every migration of this code has run. The application
 * role cannot migrate; the migration step (migrateEventStore, `npm run migrate`) runs first, as the owner.
 */
export async function createEventStoreDataSource(url: string): Promise<DataSource> {
  const dataSource = await new DataSource(eventStoreDataSourceOptions(url)).initialize();
  try {
    await assertSchemaCurrent(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** The migration step: runs the pending migrations as the migration owner and returns their names. */
export async function migrateEventStore(migrationUrl: string): Promise<string[]> {
  const dataSource = await new DataSource(eventStoreDataSourceOptions(migrationUrl)).initialize();
  try {
    return await runMigrationsExclusively(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function projectionsBehindLog(dataSource: DataSource): Promise<boolean> {
  const [{ behind }] = (await dataSource.query(
    'SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM regulations) AS behind',
  )) as { behind: boolean }[];
  return behind;
}

/** Thrown when the database lacks migrations this code needs. */
export class SchemaBehindError extends Error {
  readonly code = 'EVENT_STORE.SCHEMA_BEHIND';

  constructor(readonly pending: string[]) {
    super(
      `the event store schema is behind the code: ${pending.join(', ')} not run; run the migrations as the migration owner ` +
        '(DATABASE_MIGRATION_URL=… npm run migrate) before starting',
    );
  }
}

async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  const exists = (await dataSource.query(`SELECT to_regclass('migrations') IS NOT NULL AS exists`)) as { exists: boolean }[];
  const ran = exists[0].exists ? ((await dataSource.query('SELECT name FROM migrations')) as { name: string }[]) : [];
  const names = new Set(ran.map((row) => row.name));
  const pending = eventStoreMigrations.map((migration) => migration.name).filter((name) => !names.has(name));
  if (pending.length > 0) throw new SchemaBehindError(pending);
}

/**
 * Runs pending migrations under a session advisory lock (two migration steps may start at the same moment), then
 * rebuilds the projections from the log if they are empty while the log is not: a migration that adds projected
 * columns only the domain's folds can fill empties them, and a rebuild cut short by a crash is finished by the next run.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('event-store:migrations', 0))`);
    const executed = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    if (await projectionsBehindLog(dataSource)) await rebuildProjections(dataSource);
    return executed;
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtextextended('event-store:migrations', 0))`).catch(() => undefined);
    await lock.release();
  }
}
