/** The event store schema: the append-only `events` log and the regulation projections derived from it. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStore1795842927511 implements MigrationInterface {
  name = 'EventStore1795842927511';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        global_position bigserial NOT NULL,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        stream_position integer NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (global_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_position_key UNIQUE (stream_id, stream_position)
      )`);
    await queryRunner.query(`CREATE INDEX events_occurred_at_idx ON events (occurred_at)`);
    await queryRunner.query(`CREATE INDEX events_stream_occurred_at_idx ON events (stream_id, occurred_at)`);

    // The log is the legal record: history is corrected by new events, never by rewriting old ones.
    await queryRunner.query(`
      CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events is append-only: % is not allowed', TG_OP;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()`);

    await queryRunner.query(`
      CREATE TABLE regulations (
        regulation_id text NOT NULL,
        ward_code text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        stage text NOT NULL,
        status text NOT NULL,
        regime_id text NOT NULL,
        version integer NOT NULL,
        started_on date,
        in_force_from date,
        first_in_force_on date,
        next_review_due_on date,
        consultation_closes_at timestamptz,
        due_step text,
        due_on date,
        amendment_stage text,
        allowed_actions jsonb NOT NULL,
        state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_global_position bigint NOT NULL,
        CONSTRAINT regulations_pkey PRIMARY KEY (regulation_id)
      )`);
    await queryRunner.query(`CREATE INDEX regulations_ward_stage_idx ON regulations (ward_code, stage)`);
    await queryRunner.query(`CREATE INDEX regulations_kind_stage_idx ON regulations (kind, stage)`);
    await queryRunner.query(`CREATE INDEX regulations_stage_due_on_idx ON regulations (stage, due_on)`);
    await queryRunner.query(`CREATE INDEX regulations_due_on_idx ON regulations (due_on)`);

    await queryRunner.query(`
      CREATE TABLE regulation_timeline (
        global_position bigint NOT NULL,
        regulation_id text NOT NULL,
        stream_position integer NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        reason text,
        legal_basis text,
        command_id text NOT NULL,
        data jsonb NOT NULL,
        CONSTRAINT regulation_timeline_pkey PRIMARY KEY (global_position)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX regulation_timeline_regulation_idx ON regulation_timeline (regulation_id, stream_position)`,
    );
  }

  /** Never reverted: dropping `events` would destroy the legal record, which is append-only. */
  down(): Promise<void> {
    return Promise.reject(
      new Error(
        `${this.name} cannot be reverted: it holds the events table, the legal record, which is append-only and is never dropped`,
      ),
    );
  }
}
