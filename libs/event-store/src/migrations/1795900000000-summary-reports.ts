/** Stored 6-month and annual summaries: one row per period, with the event position and the hash of its content. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SummaryReports1795900000000 implements MigrationInterface {
  name = 'SummaryReports1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE summary_reports (
        id text NOT NULL,
        kind text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        computed_at_position bigint NOT NULL,
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT summary_reports_pkey PRIMARY KEY (id),
        CONSTRAINT summary_reports_period_key UNIQUE (kind, period_start),
        CONSTRAINT summary_reports_kind_check CHECK (kind IN ('semiannual', 'annual')),
        CONSTRAINT summary_reports_period_check CHECK (period_end >= period_start)
      )`);
    await queryRunner.query(`CREATE INDEX summary_reports_period_end_idx ON summary_reports (period_end)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE summary_reports`);
  }
}
