/** The `regulation_incidents` table: operational alarms on a regulation (a timer command that keeps failing, a log behind its workflow). */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegulationIncidents1796200000000 implements MigrationInterface {
  name = 'RegulationIncidents1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Not a projection of the log: the worker records what went wrong while applying it, so rebuilds leave it alone.
    await queryRunner.query(`
      CREATE TABLE regulation_incidents (
        regulation_id text NOT NULL,
        kind text NOT NULL,
        code text NOT NULL,
        detail jsonb NOT NULL,
        attempts integer NOT NULL,
        opened_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        resolved_at timestamptz,
        CONSTRAINT regulation_incidents_pkey PRIMARY KEY (regulation_id, kind),
        CONSTRAINT regulation_incidents_kind_check CHECK (kind IN ('timer_command_failing', 'log_behind'))
      )`);
    await queryRunner.query(`CREATE INDEX regulation_incidents_open_idx ON regulation_incidents (kind) WHERE resolved_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE regulation_incidents`);
  }
}
