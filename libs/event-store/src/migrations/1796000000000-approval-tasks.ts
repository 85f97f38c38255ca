/** The `approval_tasks` projection: what waits for a decision, for the supervisors' inbox. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApprovalTasks1796000000000 implements MigrationInterface {
  name = 'ApprovalTasks1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE approval_tasks (
        task_id text NOT NULL,
        regulation_id text NOT NULL,
        ward_code text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        step text NOT NULL,
        authority text NOT NULL,
        candidate_role text NOT NULL,
        authority_unit text NOT NULL,
        assignee text,
        status text NOT NULL,
        priority smallint NOT NULL,
        opened_on date NOT NULL,
        opened_at timestamptz NOT NULL,
        due_on date NOT NULL,
        due_at timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        reminders integer NOT NULL DEFAULT 0,
        escalations integer NOT NULL DEFAULT 0,
        last_escalated_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        last_global_position bigint NOT NULL,
        CONSTRAINT approval_tasks_pkey PRIMARY KEY (task_id),
        CONSTRAINT approval_tasks_status_check CHECK (status IN ('open', 'claimed', 'done', 'cancelled')),
        CONSTRAINT approval_tasks_step_check CHECK (step IN ('dossier_decision', 'suspension_report', 'annual_review')),
        CONSTRAINT approval_tasks_priority_check CHECK (priority BETWEEN 1 AND 3)
      )`);
    // The inbox reads pending tasks only: partial indexes keep them small however many tasks are closed. One per
    // order of its pages (each ends with the task id, its keyset), so that a page is an index range read. The ward
    // index ends with the columns the inbox filters on, so that its counts by ward and aging bucket read it alone.
    const pending = `WHERE status IN ('open', 'claimed')`;
    await queryRunner.query(`CREATE INDEX approval_tasks_pending_due_idx ON approval_tasks (due_on, task_id) ${pending}`);
    await queryRunner.query(
      `CREATE INDEX approval_tasks_pending_ward_idx ON approval_tasks (ward_code, due_on, task_id, status, authority, kind, step) ${pending}`,
    );
    await queryRunner.query(`CREATE INDEX approval_tasks_pending_opened_idx ON approval_tasks (opened_at, task_id) ${pending}`);
    await queryRunner.query(`CREATE INDEX approval_tasks_pending_priority_idx ON approval_tasks (priority, due_on, task_id) ${pending}`);
    await queryRunner.query(
      `CREATE INDEX approval_tasks_pending_assignee_idx ON approval_tasks (assignee, due_on, task_id) ${pending} AND assignee IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX approval_tasks_regulation_idx ON approval_tasks (regulation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE approval_tasks`);
  }
}
