import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { createEventStoreDataSource, eventStoreDataSourceOptions, eventStoreMigrations, runMigrationsExclusively } from './data-source';
import { EventStore } from './event-store';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';
import { appendBatches, conventionToRecognition, createDraft, RegulationHistory } from './testing/regulation-history';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('reverting the event store migrations (the migration owner, DATABASE_MIGRATION_URL)', () => {
  it('reverts the later ones, refuses to revert the first, and the legal record stays whole', async () => {
    const history = new RegulationHistory();
    await new EventStore(db.dataSource).append(history.regulationId, 0, createDraft(history));
    await db.dataSource.destroy();

    const owner = await new DataSource(eventStoreDataSourceOptions(db.migrationUrl)).initialize();
    try {
      for (let i = 1; i < eventStoreMigrations.length; i++) await owner.undoLastMigration({ transaction: 'each' });
      await expect(owner.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
        /EventStore1795842927511 cannot be reverted: .*legal record, which is append-only/,
      );
      const ran = (await owner.query('SELECT name FROM migrations')) as { name: string }[];
      expect(ran.map((row) => row.name)).toEqual(['EventStore1795842927511']);
    } finally {
      await owner.destroy();
    }

    const sql = new Client({ connectionString: db.migrationUrl });
    await sql.connect();
    try {
      const { rows } = await sql.query('SELECT stream_id FROM events');
      expect(rows).toEqual([{ stream_id: history.regulationId }]);
    } finally {
      await sql.end();
    }
  });
});

describe('the stage history migration', () => {
  it('fills the stage history and the written record of a log recorded before them, as the appends would have', async () => {
    const other = await createTestDatabase();
    try {
      const history = new RegulationHistory();
      await appendBatches(new EventStore(other.dataSource), conventionToRecognition(history));
      const rows = async (dataSource: DataSource) => ({
        regulations: await dataSource.getRepository(RegulationEntity).find(),
        timeline: await dataSource.getRepository(RegulationTimelineEntity).find({ order: { globalPosition: 'ASC' } }),
      });
      const appended = await rows(other.dataSource);
      expect(appended.timeline.at(-1)).toMatchObject({ stage: 'in_force', pending: false, amending: false });
      expect(appended.regulations[0].record.decisions).toHaveLength(1);
      await other.dataSource.destroy();

      const owner = await new DataSource(eventStoreDataSourceOptions(other.migrationUrl)).initialize();
      try {
        // Back to before the stage history (and the migrations after it), then forward again.
        const fromStageHistory = eventStoreMigrations.map((m) => m.name).slice(eventStoreMigrations.findIndex((m) => m.name === 'StageHistory1796300000000'));
        for (let i = 0; i < fromStageHistory.length; i++) await owner.undoLastMigration({ transaction: 'each' });
        const columns = (await owner.query(
          `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'regulation_timeline' AND column_name = 'stage'`,
        )) as { n: number }[];
        expect(columns[0].n).toBe(0);
        expect(await runMigrationsExclusively(owner)).toEqual(fromStageHistory);
      } finally {
        await owner.destroy();
      }

      const migrated = await createEventStoreDataSource(other.url);
      try {
        expect(await rows(migrated)).toEqual(appended);
      } finally {
        await migrated.destroy();
      }
    } finally {
      await other.drop();
    }
  });
});
