import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { provisionDatabase } from '../../../tools/dev-stack/database-roles';
import { createEventStoreDataSource, SchemaBehindError } from './data-source';
import { EventStore } from './event-store';
import { createDraft, RegulationHistory } from './testing/regulation-history';

let db: TestDatabase;
let store: EventStore;
let app: Client;
let owner: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  app = new Client({ connectionString: db.url });
  owner = new Client({ connectionString: db.migrationUrl });
  await Promise.all([app.connect(), owner.connect()]);
});
afterAll(async () => {
  await Promise.all([app?.end(), owner?.end()]);
  await db?.drop();
});

const refused = { code: '42501' }; // insufficient_privilege, before any trigger runs

async function storedDraft(): Promise<string> {
  const history = new RegulationHistory();
  await store.append(history.regulationId, 0, createDraft(history));
  return history.regulationId;
}

describe('the application role (DATABASE_URL)', () => {
  it('connects as reglife_app, not as the owner of events', async () => {
    const [{ user, owner: tableOwner }] = (await app.query(
      `SELECT current_user AS user, tableowner AS owner FROM pg_tables WHERE tablename = 'events'`,
    )).rows as { user: string; owner: string }[];
    expect({ user, tableOwner }).toEqual({ user: 'reglife_app', tableOwner: 'reglife_owner' });
  });

  it('appends and reads through the event store', async () => {
    const id = await storedDraft();
    expect((await store.readStream(id)).map((event) => event.type)).toEqual(['RegulationDrafted']);
  });

  it('may not UPDATE, DELETE or TRUNCATE events: permission denied, and the rows stay', async () => {
    const id = await storedDraft();
    await expect(app.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [id])).rejects.toMatchObject(refused);
    await expect(app.query('DELETE FROM events WHERE stream_id = $1', [id])).rejects.toMatchObject(refused);
    await expect(app.query('TRUNCATE events')).rejects.toMatchObject(refused);
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('may not alter or drop events, nor touch its triggers', async () => {
    for (const ddl of [
      'ALTER TABLE events ADD COLUMN note text',
      'ALTER TABLE events DISABLE TRIGGER events_no_update_delete',
      'DROP TRIGGER events_no_update_delete ON events',
      'DROP TRIGGER events_no_truncate ON events',
      'CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'DROP TABLE events',
    ]) {
      const outcome = await app.query(ddl).then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      );
      expect({ ddl, outcome }).toEqual({ ddl, outcome: refused.code });
    }
    const triggers = await owner.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgenabled = 'O' ORDER BY tgname`);
    expect(triggers.rows.map((row: { tgname: string }) => row.tgname)).toEqual(['events_no_truncate', 'events_no_update_delete']);
  });

  it('may not create tables, nor write the migration list or change a stored report', async () => {
    await expect(app.query('CREATE TABLE shadow_events (id int)')).rejects.toMatchObject(refused);
    await expect(app.query(`INSERT INTO migrations (timestamp, name) VALUES (1, 'Forged1')`)).rejects.toMatchObject(refused);
    await expect(app.query(`UPDATE summary_reports SET content_hash = 'x'`)).rejects.toMatchObject(refused);
    await expect(app.query('DELETE FROM summary_reports')).rejects.toMatchObject(refused);
  });

  it('may not take SHARE mode on events itself, only through events_hold_appends() in a transaction', async () => {
    await app.query('BEGIN');
    try {
      await expect(app.query('LOCK TABLE events IN SHARE MODE')).rejects.toMatchObject(refused);
    } finally {
      await app.query('ROLLBACK');
    }
    await storedDraft();
    await app.query('BEGIN');
    try {
      const { rows } = await app.query('SELECT events_hold_appends()::text AS position');
      const [{ max }] = (await app.query('SELECT max(global_position)::text AS max FROM events')).rows as { max: string }[];
      expect(rows).toEqual([{ position: max }]);
      const held = await app.query(
        `SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'events'::regclass AND mode = 'ShareLock'`,
      );
      expect(held.rowCount).toBe(1);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('writes the projections, and gets the same rights on a table a later migration creates', async () => {
    await app.query('TRUNCATE regulations, regulation_timeline, approval_tasks');
    await owner.query('CREATE TABLE later_projection (id text PRIMARY KEY, n integer NOT NULL)');
    await app.query(`INSERT INTO later_projection VALUES ('a', 1)`);
    await app.query(`UPDATE later_projection SET n = 2 WHERE id = 'a'`);
    expect((await app.query('SELECT n FROM later_projection')).rows).toEqual([{ n: 2 }]);
    await app.query('DELETE FROM later_projection');
    await expect(app.query('ALTER TABLE later_projection ADD COLUMN m integer')).rejects.toMatchObject(refused);
  });
});

describe('createEventStoreDataSource', () => {
  it('refuses a database whose migrations have not run, naming them, and writes nothing', async () => {
    const adminUrl = process.env.DATABASE_ADMIN_URL as string;
    const name = `t_${randomBytes(8).toString('hex')}`;
    const urls = await provisionDatabase(adminUrl, name);
    try {
      const error = await createEventStoreDataSource(urls.url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SchemaBehindError);
      expect(error).toMatchObject({ code: 'EVENT_STORE.SCHEMA_BEHIND', pending: expect.arrayContaining(['EventStore1795842927511']) });
      const tables = new Client({ connectionString: urls.migrationUrl });
      await tables.connect();
      const { rows } = await tables.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      await tables.end();
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
