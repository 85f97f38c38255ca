/**
 * The application role `reglife_app` (the api, the worker, rebuild and reports connect as it or as a member of it):
 * it reads everything and appends to `events`, writes the projections, adds stored reports, and runs no DDL. The
 * migration owner, which runs this, keeps the tables, the triggers and the right to change them.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export const APPLICATION_ROLE = 'reglife_app';

export class ApplicationRole1796100000000 implements MigrationInterface {
  name = 'ApplicationRole1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The role is cluster-wide, so it is created by whoever provisions the server, not by a migration.
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
          RAISE EXCEPTION 'role ${APPLICATION_ROLE} does not exist: create it before migrating (see deploy/postgres-init.sql)';
        END IF;
      END $$`);
    // Nobody but the owner creates objects (PostgreSQL < 15 lets every role create in public).
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);

    // Projections are rewritten by the projector and rebuilt (TRUNCATE) from the log. Tables of later migrations
    // get the same rights by default: a later append-only table revokes UPDATE, DELETE and TRUNCATE in its migration.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${APPLICATION_ROLE}`,
    );
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APPLICATION_ROLE}`);
    // The legal record and the stored reports are appended to, never changed; the migration list is read only.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON events, summary_reports FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${APPLICATION_ROLE}`);

    // Reports and rebuilds must wait for the appends in flight and hold new ones until they commit: SHARE mode on
    // `events`, which PostgreSQL grants only to a role that may UPDATE, DELETE or TRUNCATE it. This function, run
    // with the owner's rights, gives the application exactly that lock and nothing more. Its search_path is fixed so
    // that no object of the caller's can stand in for `events`.
    await queryRunner.query(`
      CREATE FUNCTION events_hold_appends() RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        LOCK TABLE public.events IN SHARE MODE;
        RETURN coalesce((SELECT max(global_position) FROM public.events), 0);
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION events_hold_appends() FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION events_hold_appends() TO ${APPLICATION_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION events_hold_appends()`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
  }
}
