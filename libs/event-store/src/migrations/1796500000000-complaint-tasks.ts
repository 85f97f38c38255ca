/**
 * Approval tasks of the complaint path (Decree 61/2023 art. 12, 14): the answer to a complaint within 3 working days,
 * and the repeal decision once a suspension's redraft deadline passed.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const steps = (list: string[]) => list.map((step) => `'${step}'`).join(', ');
const before = ['dossier_decision', 'suspension_report', 'annual_review'];
const after = ['dossier_decision', 'complaint_answer', 'repeal_decision', 'suspension_report', 'annual_review'];

export class ComplaintTasks1796500000000 implements MigrationInterface {
  name = 'ComplaintTasks1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE approval_tasks DROP CONSTRAINT approval_tasks_step_check`);
    await queryRunner.query(`ALTER TABLE approval_tasks ADD CONSTRAINT approval_tasks_step_check CHECK (step IN (${steps(after)}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Tasks of the new steps derive from the log; they go with the constraint and return with a rebuild after `up`.
    await queryRunner.query(`DELETE FROM approval_tasks WHERE step NOT IN (${steps(before)})`);
    await queryRunner.query(`ALTER TABLE approval_tasks DROP CONSTRAINT approval_tasks_step_check`);
    await queryRunner.query(`ALTER TABLE approval_tasks ADD CONSTRAINT approval_tasks_step_check CHECK (step IN (${steps(before)}))`);
  }
}
