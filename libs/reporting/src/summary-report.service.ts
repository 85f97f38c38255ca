/** Computes summaries from the event log as of a position, stores them once per period, and proves re-runs identical. */
import { DataSource } from 'typeorm';
import { AdminUnitsStore } from '@app/admin-units';
import { addCalendarDays, KindId, Stage, startOfCivilDateInVietnam } from '@app/domain';
import {
  periodCutoff,
  summaryPeriod,
  summaryReportId,
  type SummaryKind,
  type SummaryPeriod,
  type SummaryWorkflowResult,
} from '../../../workflows/summary.messages';
import { canonicalJson, sha256Hex } from './canonical-json';
import {
  AdjustmentBasis,
  LateEvent,
  reportKinds,
  reportStages,
  SummaryContent,
  SummaryMetrics,
  WardSummary,
} from './summary-content';
import {
  decisionTimesSql,
  DecisionTimesRow,
  lateEventsSql,
  LateEventRow,
  periodFactsSql,
  PeriodFactsRow,
  stagesAtEndSql,
  StageRow,
} from './summary-metrics.sql';
import { PeriodNotClosedError, ReportNotFoundError, ReportNotReproducibleError } from './reporting.errors';

export type ProgressListener = (section: string, done: number, total: number) => void;

export interface StoredSummary {
  id: string;
  kind: SummaryKind;
  periodStart: string;
  periodEnd: string;
  computedAtPosition: string;
  contentHash: string;
  createdAt: string;
}

export interface SummaryDocument extends StoredSummary {
  content: SummaryContent;
  /** The canonical JSON of `content`: the bytes `contentHash` is the sha256 of. */
  bytes: string;
}

const SECTIONS = ['stages', 'period facts', 'decision times', 'adjustments'] as const;

interface SummaryRow {
  id: string;
  kind: SummaryKind;
  period_start: string;
  period_end: string;
  computed_at_position: string;
  content_hash: string;
  created_at: Date;
  content?: SummaryContent;
}

export class SummaryReportService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The highest global position below which no append is still in flight. `global_position` comes from a
   * sequence, so a transaction may hold a lower number than one already committed; SHARE mode waits for
   * every open INSERT on `events` to end (and holds new ones for that instant), so nothing ≤ the answer
   * can appear later and a re-run at this position sees exactly the same rows. The lock is taken by
   * events_hold_appends(), which returns that highest position: the application role may not take it itself.
   */
  async captureEventPosition(): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '30s'`);
      const [{ position }] = (await manager.query('SELECT events_hold_appends()::text AS position')) as { position: string }[];
      return position;
    });
  }

  /**
   * The report of `kind` starting `periodStart`: computed at `position` and stored when new; when it exists,
   * recomputed at its stored position and basis, and refused unless the bytes hash the same.
   */
  async produce(
    kind: SummaryKind,
    periodStart: string,
    position: string,
    options: { now?: Date; onProgress?: ProgressListener } = {},
  ): Promise<SummaryWorkflowResult> {
    const period = summaryPeriod(kind, periodStart);
    const cutoff = periodCutoff(period);
    const now = options.now ?? new Date();
    if (now < cutoff) throw new PeriodNotClosedError(summaryReportId(period), cutoff.toISOString());

    const existing = await this.findRow(summaryReportId(period), true);
    if (existing) return this.verify(existing, options.onProgress);

    const previous = await this.previousBasis(period);
    const content = await this.compute(period, position, previous, options.onProgress);
    const bytes = canonicalJson(content);
    const hash = sha256Hex(bytes);
    const inserted = (await this.dataSource.query(
      `INSERT INTO summary_reports (id, kind, period_start, period_end, computed_at_position, content, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [content.reportId, kind, period.start, period.end, position, bytes, hash],
    )) as { id: string }[];
    options.onProgress?.('stored', SECTIONS.length + 1, SECTIONS.length + 1);
    if (inserted.length === 0) {
      // Another run of the same period stored first: ours must agree with it, or one of them is wrong.
      return this.verify((await this.findRow(content.reportId, true))!, options.onProgress);
    }
    return result(period, content.reportId, position, hash, true);
  }

  /** Recomputes a stored report exactly as it was computed; identical bytes or ReportNotReproducibleError. */
  async reproduce(reportId: string): Promise<{ bytes: string; contentHash: string }> {
    const row = await this.findRow(reportId, true);
    if (!row) throw new ReportNotFoundError(reportId);
    const content = row.content!;
    const period = summaryPeriod(row.kind, row.period_start);
    const again = await this.compute(period, row.computed_at_position, content.adjustments.basis);
    const bytes = canonicalJson(again);
    return { bytes, contentHash: sha256Hex(bytes) };
  }

  async list(kind?: SummaryKind): Promise<StoredSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              computed_at_position::text AS computed_at_position, content_hash, created_at
       FROM summary_reports WHERE ($1::text IS NULL OR kind = $1) ORDER BY period_end DESC, kind, id`,
      [kind ?? null],
    )) as SummaryRow[];
    return rows.map(toStored);
  }

  async get(reportId: string): Promise<SummaryDocument> {
    const row = await this.findRow(reportId, true);
    if (!row) throw new ReportNotFoundError(reportId);
    const content = row.content!;
    return { ...toStored(row), content, bytes: canonicalJson(content) };
  }

  /** The figures of `period` as of (`cutoff` of the period, `position`); pure function of the log up to `position`. */
  async compute(
    period: SummaryPeriod,
    position: string,
    previous: AdjustmentBasis,
    onProgress?: ProgressListener,
  ): Promise<SummaryContent> {
    const cutoff = periodCutoff(period).toISOString();
    const total = SECTIONS.length + 1;
    // One snapshot for all sections; the position bound already fixes the rows, this only spares surprises.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // Per-stream grouping and the decision window sort stay in memory instead of spilling to disk.
      await manager.query(`SET LOCAL work_mem = '256MB'`);
      const stages = (await manager.query(stagesAtEndSql, [cutoff, position, period.end])) as StageRow[];
      onProgress?.(SECTIONS[0], 1, total);
      const facts = (await manager.query(periodFactsSql, [cutoff, position, period.start, period.end])) as PeriodFactsRow[];
      onProgress?.(SECTIONS[1], 2, total);
      const decisions = (await manager.query(decisionTimesSql, [cutoff, position, period.start, period.end])) as DecisionTimesRow[];
      onProgress?.(SECTIONS[2], 3, total);
      const late = (await manager.query(lateEventsSql, [
        cutoff,
        position,
        previous.cutoff,
        previous.position,
        previous.periodEnd,
      ])) as LateEventRow[];
      onProgress?.(SECTIONS[3], 4, total);
      // Ward names from the administrative units table (a ward renamed by a later import reads anew in a re-run).
      const names = new Map((await new AdminUnitsStore(manager).units()).map((unit) => [unit.code, unit.name]));
      return assemble(period, cutoff, position, previous, stages, facts, decisions, late, names);
    });
  }

  /** The newest stored report ending before `period` starts; without one, the day before the period. */
  private async previousBasis(period: SummaryPeriod): Promise<AdjustmentBasis> {
    const [row] = (await this.dataSource.query(
      `SELECT id, to_char(period_end, 'YYYY-MM-DD') AS period_end, computed_at_position::text AS position
       FROM summary_reports WHERE period_end < $1
       ORDER BY period_end DESC, (kind = 'annual') DESC, computed_at_position DESC LIMIT 1`,
      [period.start],
    )) as { id: string; period_end: string; position: string }[];
    if (row) {
      return {
        reportId: row.id,
        periodEnd: row.period_end,
        cutoff: new Date(startOfCivilDateInVietnam(addCalendarDays(row.period_end, 1))).toISOString(),
        position: row.position,
      };
    }
    return {
      reportId: null,
      periodEnd: addCalendarDays(period.start, -1),
      cutoff: new Date(startOfCivilDateInVietnam(period.start)).toISOString(),
      // No earlier report: only facts recorded after the period began are late.
      position: '9223372036854775807',
    };
  }

  private async verify(row: SummaryRow, onProgress?: ProgressListener): Promise<SummaryWorkflowResult> {
    const period = summaryPeriod(row.kind, row.period_start);
    const again = await this.compute(period, row.computed_at_position, row.content!.adjustments.basis, onProgress);
    const hash = sha256Hex(canonicalJson(again));
    if (hash !== row.content_hash) throw new ReportNotReproducibleError(row.id, row.content_hash, hash);
    return result(period, row.id, row.computed_at_position, row.content_hash, false);
  }

  private async findRow(reportId: string, withContent: boolean): Promise<SummaryRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT id, kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              computed_at_position::text AS computed_at_position, content_hash, created_at
              ${withContent ? ', content' : ''}
       FROM summary_reports WHERE id = $1`,
      [reportId],
    )) as SummaryRow[];
    return row;
  }
}

function result(period: SummaryPeriod, reportId: string, position: string, hash: string, created: boolean): SummaryWorkflowResult {
  return {
    reportId,
    kind: period.kind,
    periodStart: period.start,
    periodEnd: period.end,
    computedAtPosition: position,
    contentHash: hash,
    created,
  };
}

function toStored(row: SummaryRow): StoredSummary {
  return {
    id: row.id,
    kind: row.kind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    computedAtPosition: row.computed_at_position,
    contentHash: row.content_hash,
    createdAt: row.created_at.toISOString(),
  };
}

function emptyMetrics(): SummaryMetrics {
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

function assemble(
  period: SummaryPeriod,
  cutoff: string,
  position: string,
  previous: AdjustmentBasis,
  stages: StageRow[],
  facts: PeriodFactsRow[],
  decisions: DecisionTimesRow[],
  late: LateEventRow[],
  wardNames: ReadonlyMap<string, string>,
): SummaryContent {
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

  const events: LateEvent[] = late.map((r) => ({
    position: r.position,
    regulationId: r.stream_id,
    wardCode: r.ward_code,
    eventType: r.event_type,
    factOn: r.fact_on,
    occurredAt: r.occurred_at.toISOString(),
  }));
  const lateByWard = new Map<string, Record<string, number>>();
  for (const e of events) {
    const counts = lateByWard.get(e.wardCode) ?? {};
    counts[e.eventType] = (counts[e.eventType] ?? 0) + 1;
    lateByWard.set(e.wardCode, counts);
  }

  return {
    format: 1,
    reportId: summaryReportId(period),
    kind: period.kind,
    period: { start: period.start, end: period.end, timeZone: 'Asia/Ho_Chi_Minh' },
    basis: { cutoff, position },
    area,
    wards,
    adjustments: {
      basis: previous,
      total: events.length,
      byWard: [...lateByWard.keys()].sort().map((wardCode) => ({ wardCode, byEventType: lateByWard.get(wardCode)! })),
      events,
    },
  };
}
