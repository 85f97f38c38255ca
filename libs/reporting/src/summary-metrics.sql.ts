/**
 * The summary figures as SQL over the stage history narrowed to what they count (`regulation_facts`: one row per
 * `regulation_timeline` row, the few fields of the event's data a figure reads extracted once), one statement per
 * section, each reading the rows of the report's basis up to the captured position ($2). Every row carries what the
 * domain's folds derived when its event was appended (the legal date of the fact, the stage after it) and never
 * changes, so the history as of a position does not move and a re-run gives the same figures. The SQL counts and
 * groups; it decides no transition. Each statement reads the table once, in stream order from a covering index
 * where it needs each stream's rows in order, and aggregates by hash: no sort of the log, so the time grows linearly
 * with it.
 */

/**
 * Which rows a report sees, besides being stored at or before the position $2:
 * - `recorded` (the first-published report): events that occurred before the period's cutoff, $1 an instant; a
 *   fact recorded after the period ended is not seen, whatever its legal date.
 * - `legal` (the restated report): facts whose legal date (`fact_on`) is on or before the period end, $1 a civil
 *   date; a fact recorded late counts in the period of its legal date.
 */
export type SummaryBasis = 'recorded' | 'legal';

/** The condition of the report's basis on the rows of `regulation_facts` (or `regulation_fact_heads`) named `row`. */
function seen(kind: SummaryBasis, row = 'regulation_facts'): string {
  return `${kind === 'recorded' ? `${row}.occurred_at < $1::timestamptz` : `${row}.fact_on <= $1::date`} AND ${row}.global_position <= $2`;
}

/** The three figure statements of a basis; the first parameter is the period's cutoff (`recorded`) or end (`legal`). */
export function summarySql(kind: SummaryBasis): { stagesAtEnd: string; periodFacts: string; decisionTimes: string } {
  return { stagesAtEnd: stagesAtEndSql(kind), periodFacts: periodFactsSql(kind), decisionTimes: decisionTimesSql(kind) };
}

/**
 * Stage of every regulation at the period end: the row of its last event in the basis. Under the legal basis that
 * is its last event dated on or before the end: right when a regulation's facts are recorded in their legal order,
 * which the domain checks for a decision against its submission only; a fact recorded out of that order is placed
 * by its recording order. A regulation's newest row (regulation_fact_heads) is that row when it is in the basis;
 * for the others, their rows are read newest first from regulation_facts_stream_idx up to the first in the basis.
 * Params: $1 cutoff or end, $2 position, $3 period end (a pending decision due before it is overdue).
 */
const stagesAtEndSql = (kind: SummaryBasis) => `
  WITH staged AS (
    SELECT h.ward_code, h.kind, h.stage, h.pending, h.decision_due_on, h.review_outstanding, h.amending
    FROM regulation_fact_heads h
    WHERE ${seen(kind, 'h')}
    UNION ALL
    SELECT last.*
    FROM regulation_fact_heads h
    CROSS JOIN LATERAL (
      SELECT f.ward_code, f.kind, f.stage, f.pending, f.decision_due_on, f.review_outstanding, f.amending
      FROM regulation_facts f
      WHERE f.regulation_id = h.regulation_id AND ${seen(kind, 'f')}
      ORDER BY f.stream_position DESC
      LIMIT 1
    ) last
    WHERE NOT (${seen(kind, 'h')})
  )
  SELECT ward_code, kind, stage,
    count(*)::int AS n,
    count(*) FILTER (WHERE pending)::int AS pending,
    count(*) FILTER (WHERE pending AND decision_due_on < $3::date)::int AS overdue,
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

/**
 * Facts of the period per ward, by legal date: the basis's rows of the period counted by ward, type and the few
 * fields a figure splits on (one hash lookup per row), then spread into the figures.
 * Params: $1 cutoff or end, $2 position, $3 period start, $4 period end.
 */
const periodFactsSql = (kind: SummaryBasis) => `
  WITH counted AS (
    SELECT ward_code, event_type, amendment, late, disposition, adopted, quorum_met, count(*) AS n,
      sum(total_households) AS households, sum(present) AS present, sum(approving) AS approving
    FROM regulation_facts
    WHERE ${seen(kind)} AND fact_on BETWEEN $3::date AND $4::date
    GROUP BY ward_code, event_type, amendment, late, disposition, adopted, quorum_met
  )
  SELECT ward_code,
    coalesce(sum(n) FILTER (WHERE event_type = 'RegulationDrafted'), 0)::int AS drafted,
    coalesce(sum(n) FILTER (WHERE event_type = 'RegulationRecognized' AND NOT amendment), 0)::int AS recognized,
    coalesce(sum(n) FILTER (WHERE event_type = 'RegulationRecognized' AND amendment), 0)::int AS amended,
    coalesce(sum(n) FILTER (WHERE event_type = 'RegulationSuspended'), 0)::int AS suspended,
    -- A suspension ends by its recognized redraft (SuspensionLifted, Decree 61/2023 art. 12), or was resumed (recorded before).
    coalesce(sum(n) FILTER (WHERE event_type IN ('RegulationResumed', 'SuspensionLifted')), 0)::int AS resumed,
    coalesce(sum(n) FILTER (WHERE event_type = 'RegulationRepealed'), 0)::int AS repealed,
    coalesce(sum(n) FILTER (WHERE event_type = 'RegulationWithdrawn'), 0)::int AS withdrawn,
    coalesce(sum(n) FILTER (WHERE event_type = 'AnnualReviewDue'), 0)::int AS reviews_due,
    coalesce(sum(n) FILTER (WHERE event_type = 'AnnualReviewRecorded'), 0)::int AS reviews_done,
    coalesce(sum(n) FILTER (WHERE event_type = 'DossierSubmitted'), 0)::int AS submitted,
    coalesce(sum(n) FILTER (WHERE event_type = 'DossierSubmitted' AND late), 0)::int AS submitted_late,
    coalesce(sum(n) FILTER (WHERE event_type = 'DossierReturned'), 0)::int AS returned,
    coalesce(sum(n) FILTER (WHERE event_type = 'ConsultationOpened'), 0)::int AS consultations_opened,
    coalesce(sum(n) FILTER (WHERE event_type = 'ConsultationClosed'), 0)::int AS consultations_closed,
    coalesce(sum(n) FILTER (WHERE event_type = 'CritiqueSubmitted'), 0)::int AS critiques,
    coalesce(sum(n) FILTER (WHERE event_type = 'CommentRecorded'), 0)::int AS comments_received,
    coalesce(sum(n) FILTER (WHERE event_type = 'CommentDisposed' AND disposition = 'accepted'), 0)::int AS comments_accepted,
    coalesce(sum(n) FILTER (WHERE event_type = 'CommentDisposed' AND disposition = 'partly_accepted'), 0)::int AS comments_partly,
    coalesce(sum(n) FILTER (WHERE event_type = 'CommentDisposed' AND disposition = 'not_accepted'), 0)::int AS comments_not,
    coalesce(sum(n) FILTER (WHERE event_type = 'VoteRecorded'), 0)::int AS votes_held,
    coalesce(sum(n) FILTER (WHERE event_type = 'VoteRecorded' AND adopted), 0)::int AS votes_adopted,
    coalesce(sum(n) FILTER (WHERE event_type = 'VoteRecorded' AND NOT quorum_met), 0)::int AS votes_quorum_missed,
    coalesce(sum(households) FILTER (WHERE event_type = 'VoteRecorded'), 0)::bigint::text AS households,
    coalesce(sum(present) FILTER (WHERE event_type = 'VoteRecorded'), 0)::bigint::text AS present,
    coalesce(sum(approving) FILTER (WHERE event_type = 'VoteRecorded'), 0)::bigint::text AS approving
  FROM counted
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
 * One row per ward and one for the whole area (ward_code null). The submissions and recognitions of each stream
 * come in order from regulation_facts_decisions_idx. Params: $1 cutoff or end, $2 position, $3 start, $4 end.
 */
const decisionTimesSql = (kind: SummaryBasis) => `
  WITH pairs AS (
    SELECT ward_code, event_type, decided_on,
      lag(event_type) OVER w AS prev_type,
      lag(submitted_on) OVER w AS submitted_on,
      lag(submission_decision_due_on) OVER w AS decision_due_on
    FROM regulation_facts
    WHERE ${seen(kind)} AND event_type IN ('DossierSubmitted', 'RegulationRecognized')
    WINDOW w AS (PARTITION BY regulation_id ORDER BY stream_position)
  ),
  decided AS (
    SELECT ward_code, decided_on - submitted_on AS days, decided_on <= decision_due_on AS on_time
    FROM pairs
    WHERE event_type = 'RegulationRecognized' AND prev_type = 'DossierSubmitted'
      AND decided_on BETWEEN $3::date AND $4::date
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
  SELECT global_position::text AS position, regulation_id AS stream_id, ward_code, event_type, fact_on::text AS fact_on, occurred_at
  FROM regulation_facts
  WHERE ${seen('recorded')} AND (occurred_at >= $3 OR global_position > $4) AND fact_on <= $5::date
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
 * so the restated report counts them in a later period. Written as a disjunction of ranges so that the indexes on
 * occurred_at, fact_on and the position find the few such facts without reading the log. Params: $1 position,
 * $2 cutoff, $3 period end, $4 reference position (at most $1).
 */
export const restatedFactsSql = `
  SELECT global_position::text AS position, regulation_id AS stream_id, ward_code, event_type, fact_on::text AS fact_on, occurred_at,
    CASE WHEN fact_on <= $3::date THEN 'recorded_late' ELSE 'dated_after_period' END AS change
  FROM regulation_facts
  WHERE global_position <= $1
    AND ((fact_on <= $3::date AND (occurred_at >= $2::timestamptz OR global_position > $4))
      OR (fact_on > $3::date AND occurred_at < $2::timestamptz AND global_position <= $4))
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
