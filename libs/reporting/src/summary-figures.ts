/** The figures of a summary (whole area and per ward) from the stage history, under either basis, and how two sets differ. */
import type { EntityManager } from 'typeorm';
import { AdminUnitsStore } from '@app/admin-units';
import { KindId, Stage } from '@app/domain';
import type { SummaryPeriod } from '../../../workflows/summary.messages';
import { figureLabel, scopeLabel } from './figure-labels';
import { FigureChange, reportKinds, reportStages, SummaryMetrics, WardSummary } from './summary-content';
import { DecisionTimesRow, PeriodFactsRow, StageRow, SummaryBasis, summarySql } from './summary-metrics.sql';

export interface SummaryFigures {
  area: SummaryMetrics;
  wards: WardSummary[];
}

const sql: Record<SummaryBasis, ReturnType<typeof summarySql>> = { recorded: summarySql('recorded'), legal: summarySql('legal') };

/**
 * The three figure sections of `period` under `basis` at `position`, read through `manager` (the caller's snapshot);
 * `seen` is the period's cutoff instant (`recorded`) or its end date (`legal`). `onSection` follows each section.
 */
export async function queryFigures(
  manager: EntityManager,
  basis: SummaryBasis,
  period: SummaryPeriod,
  seen: string,
  position: string,
  onSection?: (section: 'stages' | 'period facts' | 'decision times') => void,
): Promise<SummaryFigures> {
  // Per-stream grouping and the decision window sort stay in memory instead of spilling to disk.
  await manager.query(`SET LOCAL work_mem = '256MB'`);
  const stages = (await manager.query(sql[basis].stagesAtEnd, [seen, position, period.end])) as StageRow[];
  onSection?.('stages');
  const facts = (await manager.query(sql[basis].periodFacts, [seen, position, period.start, period.end])) as PeriodFactsRow[];
  onSection?.('period facts');
  const decisions = (await manager.query(sql[basis].decisionTimes, [seen, position, period.start, period.end])) as DecisionTimesRow[];
  onSection?.('decision times');
  // Ward names from the administrative units table (a ward renamed by a later import reads anew in a re-run).
  const names = new Map((await new AdminUnitsStore(manager).units()).map((unit) => [unit.code, unit.name]));
  return assembleFigures(stages, facts, decisions, names);
}

function assembleFigures(
  stages: StageRow[],
  facts: PeriodFactsRow[],
  decisions: DecisionTimesRow[],
  wardNames: ReadonlyMap<string, string>,
): SummaryFigures {
  const area = emptyMetrics();
  const byWard = new Map<string, SummaryMetrics>();
  const ward = (code: string) => {
    let m = byWard.get(code);
    if (!m) byWard.set(code, (m = emptyMetrics()));
    return m;
  };
  for (const r of stages) {
    addStages(area, r);
    addStages(ward(r.ward_code), r);
  }
  for (const r of facts) {
    addFacts(area, r);
    addFacts(ward(r.ward_code), r);
  }
  for (const r of decisions) setDecisions(Number(r.is_area) === 1 ? area : ward(r.ward_code!), r);
  finishRates(area);
  byWard.forEach(finishRates);

  const wards: WardSummary[] = [...byWard.keys()].sort().map((code) => ({
    wardCode: code,
    wardName: wardNames.get(code) ?? code,
    metrics: byWard.get(code)!,
  }));
  return { area, wards };
}

/** Every figure that differs, for the whole area then ward by ward (a ward absent from one side counts as all zeros). */
export function figureChanges(reference: SummaryFigures, restated: SummaryFigures): FigureChange[] {
  const changes: FigureChange[] = [];
  const names = new Map([...reference.wards, ...restated.wards].map((w) => [w.wardCode, w.wardName]));
  // A figure the reference does not have (a kind added to the catalogue since it was computed) stands at its empty value.
  const empty = flattenMetrics(emptyMetrics());
  const compare = (scope: string, a: SummaryMetrics, b: SummaryMetrics) => {
    const before = { ...empty, ...flattenMetrics(a) };
    const after = flattenMetrics(b);
    for (const figure of Object.keys(after)) {
      if (before[figure] !== after[figure]) {
        changes.push({
          scope,
          scopeLabel: scopeLabel(scope, names.get(scope)),
          figure,
          label: figureLabel(figure),
          reference: before[figure] ?? null,
          restated: after[figure],
        });
      }
    }
  };
  compare('area', reference.area, restated.area);
  const wardsOf = (f: SummaryFigures) => new Map(f.wards.map((w) => [w.wardCode, w.metrics]));
  const before = wardsOf(reference);
  const after = wardsOf(restated);
  for (const code of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    compare(code, before.get(code) ?? emptyMetrics(), after.get(code) ?? emptyMetrics());
  }
  return changes;
}

/** `{votes: {held: 2}}` → `{'votes.held': 2}`, in the order of the metrics' keys. */
export function flattenMetrics(value: object, prefix = '', into: Record<string, number | null> = {}): Record<string, number | null> {
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') flattenMetrics(v as object, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = v as number | null;
  }
  return into;
}

export function emptyMetrics(): SummaryMetrics {
  const byStage = () => Object.fromEntries(reportStages.map((s) => [s, 0])) as Record<Stage, number>;
  return {
    regulations: {
      total: 0,
      byKind: Object.fromEntries(reportKinds.map((k) => [k, byStage()])) as Record<KindId, Record<Stage, number>>,
      byStage: byStage(),
      amending: 0,
    },
    inPeriod: { drafted: 0, recognized: 0, amended: 0, suspended: 0, resumed: 0, repealed: 0, withdrawn: 0 },
    reviews: { due: 0, done: 0, outstandingAtEnd: 0 },
    approvals: {
      submitted: 0,
      submittedLate: 0,
      returned: 0,
      pendingAtEnd: 0,
      overdueAtEnd: 0,
      decided: 0,
      decidedOnTime: 0,
      decidedLate: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
    },
    consultations: {
      opened: 0,
      closed: 0,
      critiques: 0,
      commentsReceived: 0,
      commentsAccepted: 0,
      commentsPartlyAccepted: 0,
      commentsNotAccepted: 0,
    },
    votes: { held: 0, adopted: 0, quorumMissed: 0, households: 0, present: 0, approving: 0, turnoutRate: null, approvalRate: null },
  };
}

function addStages(m: SummaryMetrics, r: StageRow): void {
  const kind = r.kind as KindId;
  const stage = r.stage as Stage;
  m.regulations.total += r.n;
  m.regulations.byKind[kind] ??= Object.fromEntries(reportStages.map((s) => [s, 0])) as Record<Stage, number>;
  m.regulations.byKind[kind][stage] += r.n;
  m.regulations.byStage[stage] += r.n;
  m.regulations.amending += r.amending;
  m.approvals.pendingAtEnd += r.pending;
  m.approvals.overdueAtEnd += r.overdue;
  m.reviews.outstandingAtEnd += r.review_outstanding;
}

function addFacts(m: SummaryMetrics, r: PeriodFactsRow): void {
  const p = m.inPeriod;
  p.drafted += r.drafted;
  p.recognized += r.recognized;
  p.amended += r.amended;
  p.suspended += r.suspended;
  p.resumed += r.resumed;
  p.repealed += r.repealed;
  p.withdrawn += r.withdrawn;
  m.reviews.due += r.reviews_due;
  m.reviews.done += r.reviews_done;
  m.approvals.submitted += r.submitted;
  m.approvals.submittedLate += r.submitted_late;
  m.approvals.returned += r.returned;
  const c = m.consultations;
  c.opened += r.consultations_opened;
  c.closed += r.consultations_closed;
  c.critiques += r.critiques;
  c.commentsReceived += r.comments_received;
  c.commentsAccepted += r.comments_accepted;
  c.commentsPartlyAccepted += r.comments_partly;
  c.commentsNotAccepted += r.comments_not;
  const v = m.votes;
  v.held += r.votes_held;
  v.adopted += r.votes_adopted;
  v.quorumMissed += r.votes_quorum_missed;
  v.households += Number(r.households);
  v.present += Number(r.present);
  v.approving += Number(r.approving);
}

function setDecisions(m: SummaryMetrics, r: DecisionTimesRow): void {
  m.approvals.decided = r.decided;
  m.approvals.decidedOnTime = r.on_time;
  m.approvals.decidedLate = r.decided - r.on_time;
  m.approvals.medianDays = r.median_days === null ? null : Number(r.median_days);
  m.approvals.p90Days = r.p90_days === null ? null : Number(r.p90_days);
  m.approvals.maxDays = r.max_days === null ? null : Number(r.max_days);
}

/** Rates from integer sums, rounded to 4 decimals: the same integers always give the same number. */
function finishRates(m: SummaryMetrics): void {
  const v = m.votes;
  v.turnoutRate = v.households === 0 ? null : Math.round((v.present / v.households) * 10_000) / 10_000;
  v.approvalRate = v.households === 0 ? null : Math.round((v.approving / v.households) * 10_000) / 10_000;
}

