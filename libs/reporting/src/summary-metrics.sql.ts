/**
 * The summary figures as SQL over the stage history (`regulation_timeline`), one statement per section, each
 * scanning the rows of the report's basis up to the captured position ($2). Every row carries what the domain's
 * folds derived when its event was appended (the legal date of the fact, the stage after it) and never changes, so
 * the history as of a position does not move and a re-run gives the same figures. The SQL counts and groups; it
 * decides no transition.
 */

/**
 * Which rows a report sees, besides being stored at or before the position $2:
 * - `recorded` (the first-published report): events that occurred before the period's cutoff, $1 an instant; a
 *   fact recorded after the period ended is not seen, whatever its legal date.
 * - `legal` (the restated report): facts whose legal date (`fact_on`) is on or before the period end, $1 a civil
 *   date; a fact recorded late counts in the period of its legal date.
 */
export type SummaryBasis = 'recorded' | 'legal';

/** Rows of the report's basis. */
function basis(kind: SummaryBasis): string {
  const seen = kind === 'recorded' ? 'occurred_at < $1::timestamptz' : 'fact_on <= $1::date';
  return `
  ev AS (
    SELECT global_position, regulation_id AS stream_id, stream_position, event_type, data, occurred_at, ward_code, kind,
      fact_on::text AS fact_on, stage, pending, decision_due_on::text AS decision_due_on, review_outstanding, amending
    FROM regulation_timeline
    WHERE ${seen} AND global_position <= $2
  )`;
}

/** The three figure statements of a basis; the first parameter is the period's cutoff (`recorded`) or end (`legal`). */
export function summarySql(kind: SummaryBasis): { stagesAtEnd: string; periodFacts: string; decisionTimes: string } {
  return { stagesAtEnd: stagesAtEndSql(kind), periodFacts: periodFactsSql(kind), decisionTimes: decisionTimesSql(kind) };
}

/**
 * Stage of every regulation at the period end: the row of its last event in the basis. Under the legal basis that
 * is its last event dated on or before the end: right when a regulation's facts are recorded in their legal order,
 * which the domain checks for a decision against its submission only; a fact recorded out of that order is placed
 * by its recording order.
 * Params: $1 cutoff or end, $2 position, $3 period end (a pending decision due before it is overdue).
 */
const stagesAtEndSql = (kind: SummaryBasis) => `
  WITH ${basis(kind)},
  staged AS (
    SELECT DISTINCT ON (stream_id) ward_code, kind, stage, pending, decision_due_on, review_outstanding, amending
    FROM ev
    ORDER BY stream_id, global_position DESC
  )
  SELECT ward_code, kind, stage,
    count(*)::int AS n,
    count(*) FILTER (WHERE pending)::int AS pending,
    count(*) FILTER (WHERE pending AND decision_due_on < $3)::int AS overdue,
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

/** Facts of the period per ward, by legal date. Params: $1 cutoff or end, $2 position, $3 period start, $4 period end. */
const periodFactsSql = (kind: SummaryBasis) => `
  WITH ${basis(kind)}
  SELECT ward_code,
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
  FROM ev
  WHERE fact_on BETWEEN $3 AND $4
  GROUP BY ward_code
  ORDER BY ward_code`;

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
 * One row per ward and one for the whole area (ward_code null). Params: $1 cutoff or end, $2 position, $3 start, $4 end.
 */
const decisionTimesSql = (kind: SummaryBasis) => `
  WITH ${basis(kind)},
  pairs AS (
    SELECT stream_id, ward_code, event_type, data,
      lag(event_type) OVER w AS prev_type,
      lag(data) OVER w AS prev_data
    FROM ev
    WHERE event_type IN ('DossierSubmitted', 'RegulationRecognized')
    WINDOW w AS (PARTITION BY stream_id ORDER BY stream_position)
  ),
  decided AS (
    SELECT ward_code,
      (data->>'decidedOn')::date - (prev_data->>'submittedOn')::date AS days,
      data->>'decidedOn' <= prev_data->>'decisionDueOn' AS on_time
    FROM pairs
    WHERE event_type = 'RegulationRecognized' AND prev_type = 'DossierSubmitted'
      AND data->>'decidedOn' BETWEEN $3 AND $4
  )
  SELECT ward_code, GROUPING(ward_code) AS is_area,
    count(*)::int AS decided,
    count(*) FILTER (WHERE on_time)::int AS on_time,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90_days,
    max(days) AS max_days
  FROM decided
  GROUP BY GROUPING SETS ((ward_code), ())
  ORDER BY is_area, ward_code`;

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
  WITH ${basis('recorded')}
  SELECT global_position::text AS position, stream_id, ward_code, event_type, fact_on, occurred_at
  FROM ev
  WHERE (occurred_at >= $3 OR global_position > $4) AND fact_on <= $5
  ORDER BY global_position`;

export interface LateEventRow {
  position: string;
  stream_id: string;
  ward_code: string;
  event_type: string;
  fact_on: string;
  occurred_at: Date;
}

/**
 * Facts on which a restated report and its reference differ, about the period: `recorded_late` facts are in the
 * restated basis (legal date on or before the period end $3, stored at or before $1) but not in the reference's
 * (occurred at or after the cutoff $2, or stored after the reference position $4); `dated_after_period` facts are
 * in the reference's (occurred before the cutoff, stored at or before $4) with a legal date after the period end,
 * so the restated report counts them in a later period. Params: $1 position, $2 cutoff, $3 period end, $4 reference
 * position (at most $1).
 */
export const restatedFactsSql = `
  SELECT global_position::text AS position, regulation_id AS stream_id, ward_code, event_type, fact_on::text AS fact_on, occurred_at,
    CASE WHEN fact_on <= $3::date THEN 'recorded_late' ELSE 'dated_after_period' END AS change
  FROM regulation_timeline
  WHERE global_position <= $1
    AND CASE WHEN fact_on <= $3::date THEN occurred_at >= $2::timestamptz OR global_position > $4
             ELSE occurred_at < $2::timestamptz AND global_position <= $4 END
  ORDER BY global_position`;

export interface RestatedFactRow extends LateEventRow {
  change: 'recorded_late' | 'dated_after_period';
}

/**
 * Whether the position $1 was taken before the period ended: an event that occurred before the cutoff $2 is stored
 * after it. Params: $1 position, $2 cutoff.
 */
export const positionBeforePeriodEndSql = `
  SELECT EXISTS (SELECT 1 FROM events WHERE global_position > $1 AND occurred_at < $2::timestamptz) AS before_end`;
