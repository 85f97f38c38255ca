/**
 * The event store's two PostgreSQL roles on a server the project administers (embedded, or given for tests by
 * DATABASE_ADMIN_URL): the migration owner `reglife_owner`, which owns the database and its tables and runs the
 * migrations (DATABASE_MIGRATION_URL), and the application role `reglife_app`, which the api and the worker use
 * (DATABASE_URL) and which the migrations grant exactly what it may do. docker-compose does the same in
 * deploy/postgres-init.sql. Local passwords: these servers listen on 127.0.0.1 only.
 */
import { Client as PgClient } from 'pg';

export const migrationOwner = { user: 'reglife_owner', password: 'reglife_owner' };
export const applicationRole = { user: 'reglife_app', password: 'reglife_app' };

export interface DatabaseUrls {
  /** The application role: DATABASE_URL of the api and the worker. */
  url: string;
  /** The migration owner: DATABASE_MIGRATION_URL of the migration step. */
  migrationUrl: string;
}

/** `adminUrl` with another user and database. */
export function urlAs(adminUrl: string, role: { user: string; password: string }, database: string): string {
  const url = new URL(adminUrl);
  url.username = role.user;
  url.password = role.password;
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Idempotent: creates the two roles when missing and `database` owned by the migration owner. A database made
 * before the roles existed (an older `npm start` data directory) is handed to the owner with its tables and
 * functions, so that the migrations can grant on them.
 */
export async function provisionDatabase(adminUrl: string, database: string): Promise<DatabaseUrls> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const role of [migrationOwner, applicationRole]) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user]);
      if (exists.rowCount === 0) {
        await admin.query(
          `CREATE ROLE ${admin.escapeIdentifier(role.user)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${admin.escapeLiteral(role.password)}`,
        );
      }
    }
    const owner = admin.escapeIdentifier(migrationOwner.user);
    const existing = await admin.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${owner}`);
    } else if (existing.rows[0].owner !== migrationOwner.user) {
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${owner}`);
      const onDatabase = new URL(adminUrl);
      onDatabase.pathname = `/${database}`;
      await adoptObjects(onDatabase.toString());
    }
  } finally {
    await admin.end();
  }
  return { url: urlAs(adminUrl, applicationRole, database), migrationUrl: urlAs(adminUrl, migrationOwner, database) };
}

/** Gives the migration owner the tables (with their sequences and indexes) and functions of schema public. */
async function adoptObjects(databaseAdminUrl: string): Promise<void> {
  const client = new PgClient({ connectionString: databaseAdminUrl });
  await client.connect();
  try {
    await client.query(`
      DO $$ DECLARE object record; BEGIN
        FOR object IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) <> '${migrationOwner.user}' LOOP
          EXECUTE format('ALTER TABLE %s OWNER TO ${migrationOwner.user}', object.name);
        END LOOP;
        FOR object IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${migrationOwner.user}' LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${migrationOwner.user}', object.name);
        END LOOP;
      END $$`);
  } finally {
    await client.end();
  }
}
