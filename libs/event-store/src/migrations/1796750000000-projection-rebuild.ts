/**
 * The projection rebuild's bulk load, in its transaction: `projections_rebuild_begin()` empties the projections and
 * drops their indexes and the timeline's facts trigger, so that the rebuild's pages go in without maintaining a
 * B-tree row by row (at a million regulations the indexes outgrow memory and every row costs random I/O) nor
 * running the trigger per page; `projections_rebuild_finish()` then derives `regulation_facts` and its heads from the
 * whole timeline in one statement each (the trigger's own SQL), builds every index once, sorted, and analyzes the
 * tables. What the begin drops is kept, as the statements that restore it, in `projection_rebuild_indexes`; a
 * transaction that began a rebuild cannot commit without finishing it (a deferred constraint trigger checks the table
 * is empty again), so the projections are never left without their indexes. Both run with the owner's rights, as the
 * application role runs no DDL; they take no argument.
 * A `regulations` row (its state and written record as JSON, about 2 KB) stays whole in its page up to 8 KB instead
 * of being compressed from 2 KB on: the compression was a third of the time of writing a row (the rebuild's COPY as
 * the projector's upsert), and reading the row no longer decompresses it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1796100000000-application-role';
import { factsOf, headsOf } from './1796700000000-regulation-facts';

/** The projections whose indexes the bulk load drops (the heads stay indexed: their upsert reads the key). */
const BULK_LOADED = ['regulations', 'regulation_timeline', 'regulation_facts', 'approval_tasks'];

export class ProjectionRebuild1796750000000 implements MigrationInterface {
  name = 'ProjectionRebuild1796750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE regulations SET (toast_tuple_target = 8160)`);
    // No query compares these JSON documents whole; their statistics were most of an ANALYZE's time.
    await queryRunner.query(`ALTER TABLE regulations ALTER COLUMN state SET STATISTICS 0, ALTER COLUMN record SET STATISTICS 0`);
    await queryRunner.query(`ALTER TABLE regulation_timeline ALTER COLUMN data SET STATISTICS 0`);
    await queryRunner.query(`
      CREATE TABLE projection_rebuild_indexes (
        position serial PRIMARY KEY,
        statement text NOT NULL
      )`);
    await queryRunner.query(`REVOKE ALL ON projection_rebuild_indexes FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE projection_rebuild_indexes_position_seq FROM ${APPLICATION_ROLE}`);
    const tables = `ARRAY[${BULK_LOADED.map((t) => `'public.${t}'`).join(', ')}]::regclass[]`;
    // search_path: public (where nobody but the owner creates objects), then the session's temporary schema last.
    await queryRunner.query(`
      CREATE FUNCTION projections_rebuild_begin() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        dropped record;
      BEGIN
        IF EXISTS (SELECT 1 FROM projection_rebuild_indexes) THEN
          RAISE EXCEPTION 'a projection rebuild has begun already in this transaction';
        END IF;
        TRUNCATE regulations, regulation_timeline, regulation_facts, regulation_fact_heads, approval_tasks;
        FOR dropped IN
          SELECT i.indrelid::regclass AS tbl, i.indexrelid::regclass AS idx, c.conname,
            CASE WHEN c.conname IS NULL THEN pg_get_indexdef(i.indexrelid)
              ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', i.indrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) END AS restore
          FROM pg_index i
          LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
          WHERE i.indrelid = ANY (${tables})
          ORDER BY i.indrelid, c.conname IS NULL, i.indexrelid
        LOOP
          INSERT INTO projection_rebuild_indexes (statement) VALUES (dropped.restore);
          IF dropped.conname IS NULL THEN
            EXECUTE format('DROP INDEX %s', dropped.idx);
          ELSE
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', dropped.tbl, dropped.conname);
          END IF;
        END LOOP;
        ALTER TABLE regulation_timeline DISABLE TRIGGER regulation_facts_append;
      END $$`);
    // Index builds sort in memory up to maintenance_work_mem; the heads' DISTINCT ON sorts in work_mem.
    await queryRunner.query(`
      CREATE FUNCTION projections_rebuild_finish() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
        SET maintenance_work_mem = '512MB' SET work_mem = '256MB' AS $$
      DECLARE
        restore text;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM projection_rebuild_indexes) THEN
          RAISE EXCEPTION 'no projection rebuild has begun in this transaction';
        END IF;
        ${factsOf('regulation_timeline')};
        FOR restore IN SELECT statement FROM projection_rebuild_indexes ORDER BY position LOOP
          EXECUTE restore;
        END LOOP;
        DELETE FROM projection_rebuild_indexes;
        ${headsOf('regulation_facts')};
        ALTER TABLE regulation_timeline ENABLE TRIGGER regulation_facts_append;
        -- The planner's statistics of the new rows at once, not when autovacuum comes by (the application role may
        -- not ANALYZE, and a report planned on an emptied table's statistics reads a million rows by nested loops).
        ANALYZE regulations, regulation_timeline, regulation_facts, regulation_fact_heads, approval_tasks;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION projection_rebuild_finished() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM projection_rebuild_indexes) THEN
          RAISE EXCEPTION 'projections_rebuild_begin() without projections_rebuild_finish(): the projections have no indexes';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER projection_rebuild_finished AFTER INSERT ON projection_rebuild_indexes
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION projection_rebuild_finished()`);
    for (const fn of ['projections_rebuild_begin()', 'projections_rebuild_finish()']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${APPLICATION_ROLE}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE regulation_timeline ALTER COLUMN data SET STATISTICS -1`);
    await queryRunner.query(`ALTER TABLE regulations ALTER COLUMN state SET STATISTICS -1, ALTER COLUMN record SET STATISTICS -1`);
    await queryRunner.query(`ALTER TABLE regulations RESET (toast_tuple_target)`);
    await queryRunner.query(`DROP FUNCTION projections_rebuild_finish()`);
    await queryRunner.query(`DROP FUNCTION projections_rebuild_begin()`);
    await queryRunner.query(`DROP TABLE projection_rebuild_indexes`);
    await queryRunner.query(`DROP FUNCTION projection_rebuild_finished()`);
  }
}
