/**
 * The stage history and the written record as projections: `regulation_timeline` gains the legal date of each fact
 * and the stage the event led to; `regulations` gains the record (texts, comments, votes, decisions, reviews).
 * The columns are filled by the domain's folds, which SQL cannot run: the migration empties the projections (they
 * derive from the log alone), and the migration step rebuilds them from the log right after (runMigrationsExclusively
 * in data-source.ts rebuilds whenever the projections are empty while the log is not).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class StageHistory1796300000000 implements MigrationInterface {
  name = 'StageHistory1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE regulations, regulation_timeline, approval_tasks`);
    await queryRunner.query(`
      ALTER TABLE regulation_timeline
        ADD COLUMN ward_code text NOT NULL,
        ADD COLUMN kind text NOT NULL,
        ADD COLUMN fact_on date NOT NULL,
        ADD COLUMN stage text NOT NULL,
        ADD COLUMN pending boolean NOT NULL,
        ADD COLUMN decision_due_on date,
        ADD COLUMN review_outstanding boolean NOT NULL,
        ADD COLUMN amending boolean NOT NULL`);
    await queryRunner.query(`ALTER TABLE regulations ADD COLUMN record jsonb NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The earlier projector wrote rows without these columns; the projections stay as they are, derived from the log.
    await queryRunner.query(`ALTER TABLE regulations DROP COLUMN record`);
    await queryRunner.query(`
      ALTER TABLE regulation_timeline
        DROP COLUMN ward_code, DROP COLUMN kind, DROP COLUMN fact_on, DROP COLUMN stage, DROP COLUMN pending,
        DROP COLUMN decision_due_on, DROP COLUMN review_outstanding, DROP COLUMN amending`);
  }
}
