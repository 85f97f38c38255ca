/**
 * The restated summary: a closed period as known at a later position (default: now), every fact counted by its
 * legal date, so a fact recorded after the period ended counts in that period; with the facts and figures that
 * differ from the first-published report. Computed on request and never stored: the first-published report stays
 * as it was, and the same period at the same position always gives the same bytes.
 */
import { DataSource } from 'typeorm';
import { periodCutoff, type SummaryPeriod } from '../../../workflows/summary.messages';
import { canonicalJson, sha256Hex } from './canonical-json';
import {
  InvalidPositionError,
  PeriodNotClosedError,
  PositionBeforePeriodEndError,
  PositionNotReachedError,
} from './reporting.errors';
import { RestatedFact, RestatedSummaryContent, RestatementReference } from './summary-content';
import { figureChanges, queryFigures, SummaryFigures } from './summary-figures';
import { positionBeforePeriodEndSql, restatedFactsSql, RestatedFactRow } from './summary-metrics.sql';
import { periodOfReportId } from './summary-periods';
import { SummaryDocument, SummaryReportService } from './summary-report.service';

export interface RestatedDocument {
  reportId: string;
  computedAtPosition: string;
  content: RestatedSummaryContent;
  /** The canonical JSON of `content`: the bytes `contentHash` is the sha256 of. */
  bytes: string;
  contentHash: string;
}

export class RestatedSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly summaries: SummaryReportService,
  ) {}

  /**
   * The period `reportId` names, restated at `position` (default: the log's current position). Refused for a
   * period not ended, a malformed position, one the log has not reached, or one taken before the period ended.
   */
  async restate(reportId: string, position?: string, options: { now?: Date } = {}): Promise<RestatedDocument> {
    const period = periodOfReportId(reportId);
    const cutoff = periodCutoff(period);
    if ((options.now ?? new Date()) < cutoff) throw new PeriodNotClosedError(reportId, cutoff.toISOString());
    if (position !== undefined && !/^(0|[1-9]\d{0,17})$/.test(position)) throw new InvalidPositionError(position);

    const current = await this.summaries.captureEventPosition();
    if (position !== undefined) {
      if (BigInt(position) > BigInt(current)) throw new PositionNotReachedError(position, current);
      const [{ before_end }] = (await this.dataSource.query(positionBeforePeriodEndSql, [position, cutoff.toISOString()])) as {
        before_end: boolean;
      }[];
      if (before_end) throw new PositionBeforePeriodEndError(reportId, position, cutoff.toISOString());
    }
    const at = position ?? current;
    const content = await this.compute(period, reportId, at, await this.summaries.find(reportId));
    const bytes = canonicalJson(content);
    return { reportId, computedAtPosition: at, content, bytes, contentHash: sha256Hex(bytes) };
  }

  /**
   * The restated figures at `position` against the first-published report when it was computed at or before that
   * position, else against the figures of the facts recorded before the period ended, at the same position: either
   * way a function of the log up to `position` and of reports it already had.
   */
  private async compute(
    period: SummaryPeriod,
    reportId: string,
    position: string,
    published: SummaryDocument | undefined,
  ): Promise<RestatedSummaryContent> {
    const cutoff = periodCutoff(period).toISOString();
    const reference =
      published && BigInt(published.computedAtPosition) <= BigInt(position)
        ? { edition: 'first_published' as const, reportId, cutoff, position: published.computedAtPosition, contentHash: published.contentHash }
        : { edition: 'recorded_by_period_end' as const, reportId: null, cutoff, position, contentHash: null };
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const restated = await queryFigures(manager, 'legal', period, period.end, position);
      const before: SummaryFigures =
        reference.edition === 'first_published' ? published!.content : await queryFigures(manager, 'recorded', period, cutoff, position);
      const rows = (await manager.query(restatedFactsSql, [position, cutoff, period.end, reference.position])) as RestatedFactRow[];
      return assemble(period, reportId, position, reference, restated, before, rows);
    });
  }
}

function assemble(
  period: SummaryPeriod,
  reportId: string,
  position: string,
  against: RestatementReference,
  restated: SummaryFigures,
  reference: SummaryFigures,
  rows: RestatedFactRow[],
): RestatedSummaryContent {
  const facts: RestatedFact[] = rows.map((r) => ({
    position: r.position,
    regulationId: r.stream_id,
    wardCode: r.ward_code,
    eventType: r.event_type,
    factOn: r.fact_on,
    occurredAt: r.occurred_at.toISOString(),
    change: r.change,
  }));
  return {
    format: 1,
    edition: 'restated',
    reportId,
    kind: period.kind,
    period: { start: period.start, end: period.end, timeZone: 'Asia/Ho_Chi_Minh' },
    basis: { factsOnOrBefore: period.end, position },
    area: restated.area,
    wards: restated.wards,
    restatement: { against, total: facts.length, facts, changes: figureChanges(reference, restated) },
  };
}
