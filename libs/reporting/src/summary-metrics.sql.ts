/**
 * The summary figures as SQL over the event log, one statement per section, each scanning the events that
 * occurred before the cutoff ($1) and were stored at or before the captured position ($2). Nothing reads the
 * projections: they move on, the log as of a position does not, so a re-run gives the same figures.
 */

/** Events of the report's basis, with the civil date of the fact each records (its legal date when it has one). */
const basis = `
  ev AS (
    SELECT global_position, stream_id, stream_position, event_type, data, occurred_at
    FROM events
    WHERE occurred_at < $1 AND global_position <= $2
  ),
  wards AS (
    SELECT stream_id, data->>'wardCode' AS ward_code, data->>'kind' AS kind
    FROM ev WHERE event_type = 'RegulationDrafted'
  )`;

// Vietnam has kept UTC+7 without daylight saving since 1975, as libs/domain/src/calendar.ts assumes.
const vnDate = (instant: string) => `to_char((${instant})::timestamptz AT TIME ZONE 'UTC' + interval '7 hours', 'YYYY-MM-DD')`;

const factOn = `
  CASE event_type
    WHEN 'RegulationDrafted' THEN data->>'startedOn'
    WHEN 'AmendmentStarted' THEN data->>'startedOn'
    WHEN 'ConsultationOpened' THEN ${vnDate(`data->>'openedAt'`)}
    WHEN 'ConsultationClosed' THEN data->>'closedOn'
    WHEN 'CommentRecorded' THEN data->>'receivedOn'
    WHEN 'CritiqueSubmitted' THEN data->>'submittedOn'
    WHEN 'VoteRecorded' THEN data->>'heldOn'
    WHEN 'DossierSubmitted' THEN data->>'submittedOn'
    WHEN 'RegulationRecognized' THEN data->>'decidedOn'
    WHEN 'DossierReturned' THEN data->>'returnedOn'
    WHEN 'RegulationWithdrawn' THEN ${vnDate(`data->>'withdrawnAt'`)}
    WHEN 'AmendmentWithdrawn' THEN ${vnDate(`data->>'withdrawnAt'`)}
    WHEN 'AnnualReviewDue' THEN data->>'dueOn'
    WHEN 'AnnualReviewRecorded' THEN data->>'reviewedOn'
    WHEN 'RegulationSuspended' THEN data->>'suspendedOn'
    WHEN 'RegulationResumed' THEN data->>'resumedOn'
    WHEN 'RegulationRepealed' THEN data->>'repealedOn'
    ELSE ${vnDate('occurred_at')}
  END`;

/**
 * Stage of every regulation at the cutoff, as `evolve` folds it, without folding: the last status event and the
 * last cycle-phase event of each stream, found with one max() each over (stream position × 16 + code).
 * Params: $1 cutoff, $2 position, $3 period end (a pending decision due before it is overdue).
 */
export const stagesAtEndSql = `
  WITH ${basis},
  regs AS (
    SELECT stream_id,
      max(stream_position::bigint * 16 + CASE event_type
          WHEN 'RegulationDrafted' THEN 1 WHEN 'RegulationSuspended' THEN 2 WHEN 'RegulationResumed' THEN 3
          WHEN 'RegulationRecognized' THEN 3 WHEN 'RegulationRepealed' THEN 4 WHEN 'RegulationWithdrawn' THEN 5 END)
        FILTER (WHERE event_type IN ('RegulationDrafted', 'RegulationSuspended', 'RegulationResumed',
                                     'RegulationRepealed', 'RegulationWithdrawn')
                -- an amendment's recognition leaves the status as it was (in force or suspended)
                OR (event_type = 'RegulationRecognized' AND NOT coalesce((data->>'amendment')::boolean, false)))
        AS status_key,
      max(stream_position::bigint * 16 + CASE event_type
          WHEN 'RegulationDrafted' THEN 1 WHEN 'AmendmentStarted' THEN 1 WHEN 'ConsultationOpened' THEN 2
          WHEN 'ConsultationClosed' THEN 3 WHEN 'DossierReturned' THEN 3
          WHEN 'VoteRecorded' THEN CASE WHEN (data->>'adopted')::boolean THEN 5
                                        WHEN (data->>'quorumMet')::boolean THEN 3 ELSE 4 END
          WHEN 'DossierSubmitted' THEN 6 WHEN 'ReviewStarted' THEN 7 ELSE 0 END)
        FILTER (WHERE event_type IN ('RegulationDrafted', 'AmendmentStarted', 'ConsultationOpened', 'ConsultationClosed',
                                     'DossierReturned', 'VoteRecorded', 'DossierSubmitted', 'ReviewStarted',
                                     'RegulationRecognized', 'AmendmentWithdrawn', 'RegulationWithdrawn', 'RegulationRepealed'))
        AS phase_key,
      max(stream_position::bigint * 4 + CASE event_type WHEN 'AnnualReviewDue' THEN 1 ELSE 2 END)
        FILTER (WHERE event_type IN ('AnnualReviewDue', 'AnnualReviewRecorded', 'RegulationRepealed')) AS review_key,
      max(lpad(stream_position::text, 10, '0') || (data->>'decisionDueOn'))
        FILTER (WHERE event_type = 'DossierSubmitted') AS decision_due_key
    FROM ev
    GROUP BY stream_id
  ),
  staged AS (
    SELECT w.ward_code, w.kind,
      CASE r.status_key % 16
        WHEN 1 THEN CASE r.phase_key % 16 WHEN 2 THEN 'consultation' WHEN 3 THEN 'revising' WHEN 4 THEN 'voting'
                      WHEN 5 THEN 'adopted' WHEN 6 THEN 'submitted' WHEN 7 THEN 'under_review' ELSE 'drafting' END
        WHEN 2 THEN 'suspended' WHEN 3 THEN 'in_force' WHEN 4 THEN 'repealed' ELSE 'withdrawn' END AS stage,
      coalesce(r.phase_key % 16 IN (6, 7), false) AS pending,
      coalesce(r.phase_key % 16 IN (6, 7) AND substr(r.decision_due_key, 11) < $3, false) AS overdue,
      coalesce(r.review_key % 4 = 1, false) AS review_outstanding,
      coalesce(r.status_key % 16 IN (2, 3) AND r.phase_key % 16 > 0, false) AS amending
    FROM regs r JOIN wards w USING (stream_id)
  )
  SELECT ward_code, kind, stage,
    count(*)::int AS n,
    count(*) FILTER (WHERE pending)::int AS pending,
    count(*) FILTER (WHERE overdue)::int AS overdue,
    count(*) FILTER (WHERE review_outstanding)::int AS review_outstanding,
    count(*) FILTER (WHERE amending)::int AS amending
  FROM staged
  GROUP BY ward_code, kind, stage
  ORDER BY ward_code, kind, stage`;

export interface StageRow {
  ward_code: string;
  kind: string;
  stage: string;
  n: number;
  pending: number;
  overdue: number;
  review_outstanding: number;
  amending: number;
}

/** Facts of the period per ward. Params: $1 cutoff, $2 position, $3 period start, $4 period end. */
export const periodFactsSql = `
  WITH ${basis},
  facts AS (SELECT stream_id, event_type, data, ${factOn} AS fact_on FROM ev)
  SELECT w.ward_code,
    count(*) FILTER (WHERE event_type = 'RegulationDrafted')::int AS drafted,
    count(*) FILTER (WHERE event_type = 'RegulationRecognized' AND NOT coalesce((data->>'amendment')::boolean, false))::int AS recognized,
    count(*) FILTER (WHERE event_type = 'RegulationRecognized' AND coalesce((data->>'amendment')::boolean, false))::int AS amended,
    count(*) FILTER (WHERE event_type = 'RegulationSuspended')::int AS suspended,
    count(*) FILTER (WHERE event_type = 'RegulationResumed')::int AS resumed,
    count(*) FILTER (WHERE event_type = 'RegulationRepealed')::int AS repealed,
    count(*) FILTER (WHERE event_type = 'RegulationWithdrawn')::int AS withdrawn,
    count(*) FILTER (WHERE event_type = 'AnnualReviewDue')::int AS reviews_due,
    count(*) FILTER (WHERE event_type = 'AnnualReviewRecorded')::int AS reviews_done,
    count(*) FILTER (WHERE event_type = 'DossierSubmitted')::int AS submitted,
    count(*) FILTER (WHERE event_type = 'DossierSubmitted' AND (data->>'late')::boolean)::int AS submitted_late,
    count(*) FILTER (WHERE event_type = 'DossierReturned')::int AS returned,
    count(*) FILTER (WHERE event_type = 'ConsultationOpened')::int AS consultations_opened,
    count(*) FILTER (WHERE event_type = 'ConsultationClosed')::int AS consultations_closed,
    count(*) FILTER (WHERE event_type = 'CritiqueSubmitted')::int AS critiques,
    count(*) FILTER (WHERE event_type = 'CommentRecorded')::int AS comments_received,
    count(*) FILTER (WHERE event_type = 'CommentDisposed' AND data->>'disposition' = 'accepted')::int AS comments_accepted,
    count(*) FILTER (WHERE event_type = 'CommentDisposed' AND data->>'disposition' = 'partly_accepted')::int AS comments_partly,
    count(*) FILTER (WHERE event_type = 'CommentDisposed' AND data->>'disposition' = 'not_accepted')::int AS comments_not,
    count(*) FILTER (WHERE event_type = 'VoteRecorded')::int AS votes_held,
    count(*) FILTER (WHERE event_type = 'VoteRecorded' AND (data->>'adopted')::boolean)::int AS votes_adopted,
    count(*) FILTER (WHERE event_type = 'VoteRecorded' AND NOT (data->>'quorumMet')::boolean)::int AS votes_quorum_missed,
    coalesce(sum((data->>'totalHouseholds')::bigint) FILTER (WHERE event_type = 'VoteRecorded'), 0)::bigint::text AS households,
    coalesce(sum((data->>'present')::bigint) FILTER (WHERE event_type = 'VoteRecorded'), 0)::bigint::text AS present,
    coalesce(sum((data->>'approving')::bigint) FILTER (WHERE event_type = 'VoteRecorded'), 0)::bigint::text AS approving
  FROM facts f JOIN wards w USING (stream_id)
  WHERE f.fact_on BETWEEN $3 AND $4
  GROUP BY w.ward_code
  ORDER BY w.ward_code`;

export interface PeriodFactsRow {
  ward_code: string;
  drafted: number;
  recognized: number;
  amended: number;
  suspended: number;
  resumed: number;
  repealed: number;
  withdrawn: number;
  reviews_due: number;
  reviews_done: number;
  submitted: number;
  submitted_late: number;
  returned: number;
  consultations_opened: number;
  consultations_closed: number;
  critiques: number;
  comments_received: number;
  comments_accepted: number;
  comments_partly: number;
  comments_not: number;
  votes_held: number;
  votes_adopted: number;
  votes_quorum_missed: number;
  households: string;
  present: string;
  approving: string;
}

/**
 * Decisions of the period on a dossier: each recognition paired with the dossier submission right before it
 * in its stream; days are calendar days, on time means by the decision due date the regime set at submission.
 * One row per ward and one for the whole area (ward_code null). Params: $1 cutoff, $2 position, $3 start, $4 end.
 */
export const decisionTimesSql = `
  WITH ${basis},
  pairs AS (
    SELECT stream_id, event_type, data,
      lag(event_type) OVER w AS prev_type,
      lag(data) OVER w AS prev_data
    FROM ev
    WHERE event_type IN ('DossierSubmitted', 'RegulationRecognized')
    WINDOW w AS (PARTITION BY stream_id ORDER BY stream_position)
  ),
  decided AS (
    SELECT stream_id,
      (data->>'decidedOn')::date - (prev_data->>'submittedOn')::date AS days,
      data->>'decidedOn' <= prev_data->>'decisionDueOn' AS on_time
    FROM pairs
    WHERE event_type = 'RegulationRecognized' AND prev_type = 'DossierSubmitted'
      AND data->>'decidedOn' BETWEEN $3 AND $4
  )
  SELECT w.ward_code, GROUPING(w.ward_code) AS is_area,
    count(*)::int AS decided,
    count(*) FILTER (WHERE on_time)::int AS on_time,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90_days,
    max(days) AS max_days
  FROM decided d JOIN wards w USING (stream_id)
  GROUP BY GROUPING SETS ((w.ward_code), ())
  ORDER BY is_area, w.ward_code`;

export interface DecisionTimesRow {
  ward_code: string | null;
  is_area: number;
  decided: number;
  on_time: number;
  median_days: number | null;
  p90_days: number | null;
  max_days: number | null;
}

/**
 * Late events: in this report's basis but not in the previous one's (stored after its position, or occurring
 * after its cutoff), about facts on or before its period end. Params: $1 cutoff, $2 position,
 * $3 previous cutoff, $4 previous position, $5 previous period end.
 */
export const lateEventsSql = `
  WITH ${basis},
  facts AS (SELECT global_position, stream_id, event_type, occurred_at, ${factOn} AS fact_on FROM ev)
  SELECT f.global_position::text AS position, f.stream_id, w.ward_code, f.event_type, f.fact_on, f.occurred_at
  FROM facts f JOIN wards w USING (stream_id)
  WHERE (f.occurred_at >= $3 OR f.global_position > $4) AND f.fact_on <= $5
  ORDER BY f.global_position`;

export interface LateEventRow {
  position: string;
  stream_id: string;
  ward_code: string;
  event_type: string;
  fact_on: string;
  occurred_at: Date;
}
