/**
 * The pending approval tasks counted by ward, status and due date, kept in step with `approval_tasks` by statement
 * triggers in the transaction that writes the tasks: the inbox's counts then add up a few thousand rows (wards × two
 * statuses × the due dates in use) instead of reading every pending task (80 ms at 200,000 of them, on every task
 * change that empties the api's cache). The aging buckets are due-date ranges of the day, so the due date stays in
 * the key. Each statement's change is one aggregated upsert in key order (a page of the rebuild's COPY as an
 * append's single task); keys whose count falls to zero go, so the table holds only dates still pending. A TRUNCATE
 * of the tasks (the rebuild's begin) empties it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const PENDING = `status IN ('open', 'claimed')`;

/** Adds each key's change (`delta` rows: ward_code, status, due_on, d) and drops the keys `emptied` left at zero. */
const apply = (delta: string, emptied: string | null) => `
  INSERT INTO approval_task_day_counts AS c (ward_code, status, due_on, n)
    SELECT ward_code, status, due_on, sum(d) FROM (${delta}) delta
    GROUP BY ward_code, status, due_on HAVING sum(d) <> 0
    ORDER BY ward_code, status, due_on
  ON CONFLICT (ward_code, status, due_on) DO UPDATE SET n = c.n + excluded.n;
  ${
    emptied
      ? `DELETE FROM approval_task_day_counts c USING (SELECT DISTINCT ward_code, status, due_on FROM ${emptied} WHERE ${PENDING}) o
    WHERE c.n = 0 AND c.ward_code = o.ward_code AND c.status = o.status AND c.due_on = o.due_on;`
      : ''
  }`;

const added = (rows: string) => `SELECT ward_code, status, due_on, 1 AS d FROM ${rows} WHERE ${PENDING}`;
const removed = (rows: string) => `SELECT ward_code, status, due_on, -1 AS d FROM ${rows} WHERE ${PENDING}`;

export class ApprovalTaskDayCounts1796800000000 implements MigrationInterface {
  name = 'ApprovalTaskDayCounts1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE approval_task_day_counts (
        ward_code text NOT NULL,
        status text NOT NULL,
        due_on date NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (ward_code, status, due_on)
      )`);
    const triggers: [string, string, string][] = [
      ['insert', 'INSERT', apply(added('inserted'), null)],
      ['update', 'UPDATE', apply(`${added('updated')} UNION ALL ${removed('replaced')}`, 'replaced')],
      ['delete', 'DELETE', apply(removed('deleted'), 'deleted')],
    ];
    const transition: Record<string, string> = {
      insert: 'REFERENCING NEW TABLE AS inserted',
      update: 'REFERENCING OLD TABLE AS replaced NEW TABLE AS updated',
      delete: 'REFERENCING OLD TABLE AS deleted',
    };
    for (const [name, event, body] of triggers) {
      await queryRunner.query(`
        CREATE FUNCTION approval_task_day_counts_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${body}
          RETURN NULL;
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER approval_task_day_counts_${name} AFTER ${event} ON approval_tasks
          ${transition[name]} FOR EACH STATEMENT EXECUTE FUNCTION approval_task_day_counts_${name}()`);
    }
    await queryRunner.query(`
      CREATE FUNCTION approval_task_day_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE approval_task_day_counts;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER approval_task_day_counts_truncate AFTER TRUNCATE ON approval_tasks
        FOR EACH STATEMENT EXECUTE FUNCTION approval_task_day_counts_truncate()`);
    await queryRunner.query(`
      INSERT INTO approval_task_day_counts (ward_code, status, due_on, n)
      SELECT ward_code, status, due_on, count(*) FROM approval_tasks WHERE ${PENDING} GROUP BY ward_code, status, due_on`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['insert', 'update', 'delete', 'truncate']) {
      await queryRunner.query(`DROP TRIGGER approval_task_day_counts_${name} ON approval_tasks`);
      await queryRunner.query(`DROP FUNCTION approval_task_day_counts_${name}()`);
    }
    await queryRunner.query(`DROP TABLE approval_task_day_counts`);
  }
}
