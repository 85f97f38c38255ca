/**
 * `regulation_facts`: the stage history narrowed to what the summaries count, one row per `regulation_timeline` row
 * (its position, stream, type, instants and stage columns, and the few fields of the event's data a figure reads,
 * extracted once). The summaries scan it instead of the timeline (about half the size, no JSON to parse per report),
 * and its covering indexes in stream order let the decision pairs and a stream's last row in a basis be read without
 * a sort, so the report's time grows linearly with the log. `regulation_fact_heads` holds each stream's newest row:
 * the stage at a period end is that row wherever it falls in the report's basis (nearly every regulation once the
 * period is closed), so the report reads one row per regulation, and the stream's rows only for the others.
 * Both are filled by a statement trigger on `regulation_timeline` from the rows each INSERT or COPY appends, so the
 * live projector keeps them without code of its own; the rebuild empties them with the timeline, and since
 * 1796750000000 loads the timeline with the trigger off and fills them once from the whole timeline with this SQL.
 * Derived from the timeline alone: the migration fills them from the rows there.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The facts row of each timeline row of `source` (the trigger's transition table, or the timeline itself). */
export function factsOf(source: string): string {
  return `
  INSERT INTO regulation_facts (global_position, regulation_id, stream_position, event_type, occurred_at, fact_on, ward_code, kind,
    stage, pending, decision_due_on, review_outstanding, amending, amendment, late, disposition, adopted, quorum_met,
    total_households, present, approving, decided_on, submitted_on, submission_decision_due_on)
  SELECT global_position, regulation_id, stream_position, event_type, occurred_at, fact_on, ward_code, kind,
    stage, pending, decision_due_on, review_outstanding, amending,
    CASE WHEN event_type = 'RegulationRecognized' THEN coalesce((data->>'amendment')::boolean, false) END,
    CASE WHEN event_type = 'DossierSubmitted' THEN (data->>'late')::boolean END,
    CASE WHEN event_type = 'CommentDisposed' THEN data->>'disposition' END,
    CASE WHEN event_type = 'VoteRecorded' THEN (data->>'adopted')::boolean END,
    CASE WHEN event_type = 'VoteRecorded' THEN (data->>'quorumMet')::boolean END,
    CASE WHEN event_type = 'VoteRecorded' THEN (data->>'totalHouseholds')::bigint END,
    CASE WHEN event_type = 'VoteRecorded' THEN (data->>'present')::bigint END,
    CASE WHEN event_type = 'VoteRecorded' THEN (data->>'approving')::bigint END,
    CASE WHEN event_type = 'RegulationRecognized' THEN (data->>'decidedOn')::date END,
    CASE WHEN event_type = 'DossierSubmitted' THEN (data->>'submittedOn')::date END,
    CASE WHEN event_type = 'DossierSubmitted' THEN (data->>'decisionDueOn')::date END
  FROM ${source}`;
}

/** Each stream's newest row of `source` becomes its head, unless the head is newer already. */
export function headsOf(source: string): string {
  return `
  INSERT INTO regulation_fact_heads (regulation_id, global_position, stream_position, occurred_at, fact_on, ward_code, kind, stage,
    pending, decision_due_on, review_outstanding, amending)
  SELECT DISTINCT ON (regulation_id) regulation_id, global_position, stream_position, occurred_at, fact_on, ward_code, kind, stage,
    pending, decision_due_on, review_outstanding, amending
  FROM ${source}
  ORDER BY regulation_id, stream_position DESC
  ON CONFLICT (regulation_id) DO UPDATE SET
    global_position = excluded.global_position, stream_position = excluded.stream_position, occurred_at = excluded.occurred_at,
    fact_on = excluded.fact_on, ward_code = excluded.ward_code, kind = excluded.kind, stage = excluded.stage,
    pending = excluded.pending, decision_due_on = excluded.decision_due_on, review_outstanding = excluded.review_outstanding,
    amending = excluded.amending
  WHERE regulation_fact_heads.stream_position < excluded.stream_position`;
}

export class RegulationFacts1796700000000 implements MigrationInterface {
  name = 'RegulationFacts1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Identifiers and codes in the C collation: grouped and ordered bytewise, never by the locale's rules.
    await queryRunner.query(`
      CREATE TABLE regulation_facts (
        global_position bigint NOT NULL,
        regulation_id text COLLATE "C" NOT NULL,
        stream_position integer NOT NULL,
        event_type text COLLATE "C" NOT NULL,
        occurred_at timestamptz NOT NULL,
        fact_on date NOT NULL,
        ward_code text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        stage text COLLATE "C" NOT NULL,
        pending boolean NOT NULL,
        decision_due_on date,
        review_outstanding boolean NOT NULL,
        amending boolean NOT NULL,
        amendment boolean,
        late boolean,
        disposition text COLLATE "C",
        adopted boolean,
        quorum_met boolean,
        total_households bigint,
        present bigint,
        approving bigint,
        decided_on date,
        submitted_on date,
        submission_decision_due_on date,
        CONSTRAINT regulation_facts_pkey PRIMARY KEY (global_position)
      )`);
    await queryRunner.query(`
      CREATE TABLE regulation_fact_heads (
        regulation_id text COLLATE "C" NOT NULL,
        global_position bigint NOT NULL,
        stream_position integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        fact_on date NOT NULL,
        ward_code text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        stage text COLLATE "C" NOT NULL,
        pending boolean NOT NULL,
        decision_due_on date,
        review_outstanding boolean NOT NULL,
        amending boolean NOT NULL,
        CONSTRAINT regulation_fact_heads_pkey PRIMARY KEY (regulation_id)
      )`);
    // A stream's last row in a basis when its head is not in it: its rows newest first, every column the figure reads.
    await queryRunner.query(`
      CREATE UNIQUE INDEX regulation_facts_stream_idx ON regulation_facts (regulation_id, stream_position)
        INCLUDE (global_position, occurred_at, fact_on, ward_code, kind, stage, pending, decision_due_on, review_outstanding, amending)`);
    // The decision times: submissions and recognitions of each stream in order.
    await queryRunner.query(`
      CREATE INDEX regulation_facts_decisions_idx ON regulation_facts (regulation_id, stream_position)
        INCLUDE (global_position, occurred_at, fact_on, ward_code, event_type, decided_on, submitted_on, submission_decision_due_on)
        WHERE event_type IN ('DossierSubmitted', 'RegulationRecognized')`);
    // Late and restated facts: recorded after an instant, or dated after a day (few of the log's rows).
    await queryRunner.query(`CREATE INDEX regulation_facts_occurred_at_idx ON regulation_facts (occurred_at)`);
    await queryRunner.query(`CREATE INDEX regulation_facts_fact_on_idx ON regulation_facts (fact_on)`);
    await queryRunner.query(`
      CREATE FUNCTION regulation_facts_append() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${factsOf('appended')};
        ${headsOf('appended')};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER regulation_facts_append AFTER INSERT ON regulation_timeline
        REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION regulation_facts_append()`);
    await queryRunner.query(factsOf('regulation_timeline'));
    await queryRunner.query(headsOf('regulation_facts'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER regulation_facts_append ON regulation_timeline`);
    await queryRunner.query(`DROP FUNCTION regulation_facts_append()`);
    await queryRunner.query(`DROP TABLE regulation_fact_heads`);
    await queryRunner.query(`DROP TABLE regulation_facts`);
  }
}
