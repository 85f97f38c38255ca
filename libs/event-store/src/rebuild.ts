/**
 * Rebuilds the regulation projections from the event log; the rows equal what the appends produced. The log is read
 * in stream order by keyset pages (memory stays bounded by a page and one stream's fold), each stream is folded by
 * the live projector's own folds (`startFold`, `foldEvent`), and the rows go in by COPY, one per table and page,
 * all in one transaction.
 */
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { StoredEvent } from '@app/domain';
import { ApprovalTaskEntity } from './approval-task.entity';
import { foldedRegulationRow, foldEvent, startFold, StreamFold } from './projector';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';

export interface RebuildResult {
  events: number;
}

/** Where a rebuild's time went: reading the log, folding, writing the rows. */
export interface RebuildTimings {
  readMs: number;
  foldMs: number;
  writeMs: number;
}

export interface RebuildOptions {
  /** Events read per page (default 10,000). */
  pageSize?: number;
  /** Filled with the time spent in each part, when given. */
  timings?: RebuildTimings;
}

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_position: number;
  event_type: StoredEvent['type'];
  schema_version: number;
  data: StoredEvent['data'];
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

export async function rebuildProjections(dataSource: DataSource, options: RebuildOptions = {}): Promise<RebuildResult> {
  const pageSize = options.pageSize ?? 10_000;
  const timings = options.timings ?? { readMs: 0, foldMs: 0, writeMs: 0 };
  return dataSource.transaction(async (manager) => {
    // SHARE on events blocks concurrent appends (which insert events, then project) until the rebuild commits,
    // so none is missed or projected twice. Taken before the projections' lock, in the appends' order; through
    // events_hold_appends(), as the application role may not lock events in that mode itself.
    await manager.query('SELECT events_hold_appends()');
    await manager.query('TRUNCATE regulations, regulation_timeline, approval_tasks');
    const client = (await (manager.queryRunner as PostgresQueryRunner).connect()) as ClientBase;
    const writers = {
      regulations: copyWriter(client, manager.connection.getMetadata(RegulationEntity)),
      timeline: copyWriter(client, manager.connection.getMetadata(RegulationTimelineEntity)),
      tasks: copyWriter(client, manager.connection.getMetadata(ApprovalTaskEntity)),
    };
    let fold: StreamFold | null = null;
    let after: [string, number] = ['', 0];
    let total = 0;
    for (;;) {
      let started = performance.now();
      const rows = await readPage(manager, after, pageSize);
      timings.readMs += performance.now() - started;
      if (rows.length === 0) break;

      started = performance.now();
      const regulations: RegulationEntity[] = [];
      const tasks: ApprovalTaskEntity[] = [];
      const timeline: RegulationTimelineEntity[] = [];
      for (const row of rows) {
        if (fold?.regulationId !== row.stream_id) {
          if (fold) finish(fold, regulations, tasks);
          fold = startFold(row.stream_id);
        }
        const event = toStoredEvent(row);
        if (event.streamPosition !== fold.state.version + 1) {
          throw new Error(`the log of ${event.streamId} skips from version ${fold.state.version} to position ${event.streamPosition}`);
        }
        timeline.push(foldEvent(fold, event));
      }
      timings.foldMs += performance.now() - started;

      started = performance.now();
      await writers.timeline(timeline);
      await writers.regulations(regulations);
      await writers.tasks(tasks);
      timings.writeMs += performance.now() - started;
      const last = rows[rows.length - 1];
      after = [last.stream_id, last.stream_position];
      total += rows.length;
    }
    if (fold) {
      const regulations: RegulationEntity[] = [];
      const tasks: ApprovalTaskEntity[] = [];
      finish(fold, regulations, tasks);
      const started = performance.now();
      await writers.regulations(regulations);
      await writers.tasks(tasks);
      timings.writeMs += performance.now() - started;
    }
    return { events: total };
  });
}

/** The page of events after `after` in stream order (stream id, then position), on the (stream_id, stream_position) key. */
async function readPage(manager: EntityManager, [streamId, position]: [string, number], limit: number): Promise<EventRow[]> {
  return (await manager.query(
    `SELECT global_position, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at
       FROM events
      WHERE (stream_id, stream_position) > ($1, $2)
      ORDER BY stream_id, stream_position
      LIMIT $3`,
    [streamId, position, limit],
  )) as EventRow[];
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamPosition: row.stream_position,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at.toISOString(),
  };
}

function finish(fold: StreamFold, regulations: RegulationEntity[], tasks: ApprovalTaskEntity[]): void {
  regulations.push(foldedRegulationRow(fold));
  tasks.push(...fold.tasks.values());
}

/**
 * A writer of an entity's rows by COPY … FROM STDIN (text format), every column the entity maps, each value as the
 * live projector's INSERT sends it: json columns as JSON, instants in ISO 8601, null as \N.
 */
function copyWriter<T extends object>(client: ClientBase, metadata: EntityMetadata): (rows: readonly T[]) => Promise<void> {
  const columns = metadata.columns.map((column) => ({
    name: column.databaseName,
    property: column.propertyName as keyof T,
    json: column.type === 'jsonb',
  }));
  const sql = `COPY ${metadata.tableName} (${columns.map((c) => c.name).join(', ')}) FROM STDIN`;
  return async (rows) => {
    if (rows.length === 0) return;
    let text = '';
    for (const row of rows) {
      text += columns.map((c) => copyValue(row[c.property], c.json)).join('\t');
      text += '\n';
    }
    const stream = client.query(copyFrom(sql));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text);
    });
  };
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function copyValue(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (json) text = JSON.stringify(value);
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else text = String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : text;
}

