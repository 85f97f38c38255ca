import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { eventStoreDataSourceOptions, eventStoreMigrations } from './data-source';
import { EventStore } from './event-store';
import { createDraft, RegulationHistory } from './testing/regulation-history';

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
