/**
 * Reconciliation of the three views of a regulation: its event log, its projections and its workflow. Each difference
 * is reported with a stable code, the stream and the position where it starts; a repair does only what the log makes
 * certain (rebuild a stream's projections from it). A log behind its workflow is never repaired: it stays an alarm.
 *
 * Without a hash chain over the events, tampering done consistently is invisible here: an event row changed or added
 * together with its timeline row and `regulations` row, before the workflow's next command has caught up from it, or
 * a change to what no projection copies (an event's correlation id, schema version or recorded_at).
 */
import { DataSource, EntityManager } from 'typeorm';
import { emptyRecord, evolve, initialState, isTerminal, recordEvent, RegulationNotFoundError, RegulationState, stageOf } from '@app/domain';
import { ApprovalTaskEntity } from './approval-task.entity';
import { EventEntity, toStoredEvent } from './event.entity';
import { projectEvents, timelineRow, toDomainEvent } from './projector';
import { RegulationIncidents } from './regulation-incidents';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';

export type DifferenceCode =
  | 'RECONCILE.STREAM_GAP'
  | 'RECONCILE.STREAM_DUPLICATE'
  | 'RECONCILE.GLOBAL_ORDER'
  | 'RECONCILE.EVENT_NOT_PROJECTED'
  | 'RECONCILE.EVENT_MISMATCH'
  | 'RECONCILE.PROJECTION_MISSING'
  | 'RECONCILE.PROJECTION_BEHIND'
  | 'RECONCILE.PROJECTION_AHEAD'
  | 'RECONCILE.FOLD_MISMATCH'
  | 'RECONCILE.WORKFLOW_BEHIND_LOG'
  | 'RECONCILE.LOG_BEHIND_WORKFLOW'
  | 'RECONCILE.WORKFLOW_MISMATCH'
  | 'RECONCILE.WORKFLOW_MISSING'
  | 'RECONCILE.WORKFLOW_UNREACHABLE';

/** What reconciliation does about a difference. */
export type Remedy =
  /** The stream's projections are rebuilt from its log (with repair, when the stream has no alarm). */
  | 'rebuild_projection'
  /** The workflow catches up from the log by itself on its next command (patched 'log-decides'). */
  | 'catch_up_on_next_command'
  /** Nothing the log makes certain: an operator must look (a tampered or lost event, a log behind its workflow). */
  | 'alarm';

export interface Difference {
  code: DifferenceCode;
  streamId: string;
  /** The stream position where the difference starts; null when it concerns no single position. */
  position: number | null;
  remedy: Remedy;
  detail: Record<string, unknown>;
}

export interface ReconcileReport {
  /** Streams compared. */
  checked: number;
  /** The differences that remain (all of them when nothing was repaired). */
  differences: Difference[];
  /** The differences a repair removed. */
  repaired: Difference[];
  /** The last regulation of a full page: pass it as `after` for the next page; null when every one was checked. */
  next: string | null;
}

export interface ReconcileOptions {
  /** Only this regulation (refused as not found when it exists nowhere). */
  regulationId?: string;
  repair?: boolean;
  /** A page of regulations in id order: those after this id … */
  after?: string;
  /** … at most this many (every one when absent). */
  limit?: number;
}

/** The workflow's state (its state query), or null when the regulation has no workflow. */
export type WorkflowStateReader = (regulationId: string) => Promise<RegulationState | null>;

const remedies: Record<DifferenceCode, Remedy> = {
  'RECONCILE.STREAM_GAP': 'alarm',
  'RECONCILE.STREAM_DUPLICATE': 'alarm',
  'RECONCILE.GLOBAL_ORDER': 'alarm',
  // An append projects its events in its own transaction: an event without its timeline row was written around it.
  'RECONCILE.EVENT_NOT_PROJECTED': 'alarm',
  // The event row and the timeline row written with it disagree: one of them was changed, and nothing says which.
  'RECONCILE.EVENT_MISMATCH': 'alarm',
  'RECONCILE.PROJECTION_MISSING': 'rebuild_projection',
  'RECONCILE.PROJECTION_BEHIND': 'rebuild_projection',
  // The projection saw events the log no longer holds: rebuilding would erase the evidence.
  'RECONCILE.PROJECTION_AHEAD': 'alarm',
  'RECONCILE.FOLD_MISMATCH': 'rebuild_projection',
  'RECONCILE.WORKFLOW_BEHIND_LOG': 'catch_up_on_next_command',
  'RECONCILE.LOG_BEHIND_WORKFLOW': 'alarm',
  'RECONCILE.WORKFLOW_MISMATCH': 'alarm',
  'RECONCILE.WORKFLOW_MISSING': 'alarm',
  'RECONCILE.WORKFLOW_UNREACHABLE': 'alarm',
};

/** Codes that say the log itself or its agreement with the workflow is in doubt: the stream is then not rebuilt. */
const blocksRepair = (d: Difference) => d.remedy === 'alarm' && d.code !== 'RECONCILE.WORKFLOW_UNREACHABLE';

export class Reconciler {
  private readonly incidents: RegulationIncidents;

  constructor(
    private readonly dataSource: DataSource,
    private readonly workflowState: WorkflowStateReader,
  ) {
    this.incidents = new RegulationIncidents(dataSource);
  }

  /**
   * Compares every regulation (or one), and with `repair` rebuilds the projections of the streams whose log is sound,
   * opens a `log_behind` incident for each log behind its workflow and resolves the one of a log no longer behind.
   */
  async run(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const streamIds = options.regulationId === undefined ? await this.streamIds(options.after, options.limit) : [options.regulationId];
    const full = options.regulationId === undefined && options.limit !== undefined && streamIds.length === options.limit;
    const report: ReconcileReport = { checked: 0, differences: [], repaired: [], next: full ? streamIds[streamIds.length - 1] : null };
    for (const streamId of streamIds) {
      let found = await this.compare(streamId, options.regulationId !== undefined);
      if (options.repair) {
        if (found.some((d) => d.remedy === 'rebuild_projection') && !found.some(blocksRepair)) {
          await this.rebuildStream(streamId);
          const remaining = await this.compare(streamId, false);
          report.repaired.push(...found.filter((d) => !remaining.some((r) => r.code === d.code)));
          found = remaining;
        }
        const behind = found.filter((f) => f.code === 'RECONCILE.LOG_BEHIND_WORKFLOW');
        for (const d of behind) {
          await this.incidents.raise({ regulationId: streamId, kind: 'log_behind', code: 'REGULATION.LOG_BEHIND', detail: { source: 'reconcile', ...d.detail }, attempts: 1 });
        }
        // The log has its events again (restored from a backup): the alarm ends.
        if (behind.length === 0) await this.incidents.resolve(streamId, 'log_behind');
      }
      report.checked += 1;
      report.differences.push(...found);
    }
    return report;
  }

  /** Every regulation the log or the projection knows, in id order, from after `after`, at most `limit`. */
  private async streamIds(after = '', limit?: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM (SELECT DISTINCT stream_id AS id FROM events WHERE stream_id > $1
                       UNION SELECT regulation_id FROM regulations WHERE regulation_id > $1) AS known
       ORDER BY id ${limit === undefined ? '' : 'LIMIT $2'}`,
      limit === undefined ? [after] : [after, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  private async compare(streamId: string, mustExist: boolean): Promise<Difference[]> {
    // The workflow is asked first: its appends commit before it evolves, so a log read afterwards is never behind
    // it by a command in flight, and LOG_BEHIND_WORKFLOW is never a race (WORKFLOW_BEHIND_LOG may be one).
    const workflow = await this.workflowState(streamId).then(
      (state) => ({ state }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
    const { events, row, timeline } = await this.dataSource.transaction('REPEATABLE READ', async (m) => ({
      events: await m.find(EventEntity, { where: { streamId }, order: { streamPosition: 'ASC', globalPosition: 'ASC' } }),
      row: await m.findOne(RegulationEntity, { where: { regulationId: streamId } }),
      timeline: await m.find(RegulationTimelineEntity, { where: { regulationId: streamId }, order: { streamPosition: 'ASC' } }),
    }));
    if (mustExist && events.length === 0 && !row && 'state' in workflow && !workflow.state) {
      throw new RegulationNotFoundError(streamId);
    }

    const differences: Difference[] = [];
    const differ = (code: DifferenceCode, position: number | null, detail: Record<string, unknown> = {}) =>
      differences.push({ code, streamId, position, remedy: remedies[code], detail });

    // The log: positions 1..n without gap or duplicate, global positions increasing, folded with the domain's folds;
    // each timeline row must be the one the projector writes for its event and the state that event led to.
    let fold = initialState(streamId);
    let record = emptyRecord();
    let expected = 1;
    let lastGlobal = 0n;
    const projected = new Map(timeline.map((t) => [t.streamPosition, t]));
    for (const event of events) {
      const position = event.streamPosition;
      if (position < expected) differ('RECONCILE.STREAM_DUPLICATE', position, { globalPosition: event.globalPosition });
      else if (position > expected) differ('RECONCILE.STREAM_GAP', expected, { nextPosition: position });
      if (BigInt(event.globalPosition) <= lastGlobal) {
        differ('RECONCILE.GLOBAL_ORDER', position, { globalPosition: event.globalPosition, previousGlobalPosition: lastGlobal.toString() });
      }
      const stored = toStoredEvent(event);
      fold = evolve(fold, toDomainEvent(stored));
      record = recordEvent(record, toDomainEvent(stored), stored.metadata);
      const line = projected.get(position);
      if (!line) differ('RECONCILE.EVENT_NOT_PROJECTED', position, { globalPosition: event.globalPosition, type: event.eventType });
      else if (canonical(line) !== canonical(timelineRow(stored, fold))) {
        differ('RECONCILE.EVENT_MISMATCH', position, { globalPosition: event.globalPosition, type: event.eventType, projectedType: line.eventType });
      }
      projected.delete(position);
      expected = Math.max(expected, position + 1);
      lastGlobal = BigInt(event.globalPosition);
    }
    const logVersion = expected - 1;
    for (const position of projected.keys()) differ('RECONCILE.PROJECTION_AHEAD', position, { table: 'regulation_timeline', logVersion });

    // The regulations row against the fold.
    if (!row) {
      if (events.length > 0) differ('RECONCILE.PROJECTION_MISSING', 1, { logVersion });
    } else if (row.version < logVersion) {
      differ('RECONCILE.PROJECTION_BEHIND', row.version + 1, { projectionVersion: row.version, logVersion });
    } else if (row.version > logVersion) {
      differ('RECONCILE.PROJECTION_AHEAD', logVersion + 1, { table: 'regulations', projectionVersion: row.version, logVersion });
    } else if (
      row.stage !== stageOf(fold) ||
      canonical(row.state) !== canonical(fold) ||
      canonical(row.record) !== canonical(record) ||
      row.lastGlobalPosition !== events[events.length - 1]?.globalPosition
    ) {
      differ('RECONCILE.FOLD_MISMATCH', logVersion, { projectedStage: row.stage, foldStage: stageOf(fold), version: logVersion });
    }

    // The workflow against the log.
    if ('error' in workflow) {
      differ('RECONCILE.WORKFLOW_UNREACHABLE', null, { error: workflow.error.slice(0, 200) });
    } else if (!workflow.state) {
      if (events.length > 0 && !isTerminal(fold)) differ('RECONCILE.WORKFLOW_MISSING', null, { logVersion });
    } else if (workflow.state.version < logVersion) {
      differ('RECONCILE.WORKFLOW_BEHIND_LOG', workflow.state.version + 1, { workflowVersion: workflow.state.version, logVersion });
    } else if (workflow.state.version > logVersion) {
      differ('RECONCILE.LOG_BEHIND_WORKFLOW', logVersion + 1, { workflowVersion: workflow.state.version, logVersion });
    } else if (stageOf(workflow.state) !== stageOf(fold)) {
      differ('RECONCILE.WORKFLOW_MISMATCH', logVersion, { workflowStage: stageOf(workflow.state), foldStage: stageOf(fold), version: logVersion });
    }
    return differences;
  }

  /** Rebuilds one stream's projections from its log, appends held off meanwhile as in rebuildProjections. */
  private async rebuildStream(streamId: string): Promise<void> {
    await this.dataSource.transaction(async (m: EntityManager) => {
      await m.query('SELECT events_hold_appends()');
      await m.delete(RegulationTimelineEntity, { regulationId: streamId });
      // The summaries' narrowed copy follows the timeline by its trigger on insert only.
      await m.query('DELETE FROM regulation_facts WHERE regulation_id = $1', [streamId]);
      await m.query('DELETE FROM regulation_fact_heads WHERE regulation_id = $1', [streamId]);
      await m.delete(ApprovalTaskEntity, { regulationId: streamId });
      await m.delete(RegulationEntity, { regulationId: streamId });
      const events = await m.find(EventEntity, { where: { streamId }, order: { streamPosition: 'ASC' } });
      if (events.length > 0) await projectEvents(m, events.map(toStoredEvent));
    });
  }
}

/** JSON with sorted keys: jsonb does not keep the key order of the object it was given. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
