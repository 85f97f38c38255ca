/**
 * Rebuilds the regulation projections from the event log; the rows equal what the appends produced. The log is read
 * in stream order by keyset pages (memory stays bounded by a page and one stream's fold), each stream is folded by
 * the live projector's own folds (`startFold`, `foldEvent`), and the rows go in one statement per table and page,
 * all in one transaction: the regulations and tasks by COPY; the timeline by INSERT … SELECT joining the columns the
 * folds derived (sent as arrays) to the events they came from, found by the page's key range, so the event's data
 * and metadata are copied inside PostgreSQL instead of being written out as JSON and parsed again. The load runs
 * between `projections_rebuild_begin()` and `projections_rebuild_finish()` (migration 1796750000000): the tables
 * take the pages without indexes nor the timeline's facts trigger, and `regulation_facts`, its heads and every index
 * are built once at the end.
 */
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, EntityMetadata, QueryRunner } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { StoredEvent } from '@app/domain';
import { ApprovalTaskEntity } from './approval-task.entity';
import { foldedRegulationRow, foldEvent, startFold, StreamFold } from './projector';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';

export interface RebuildResult {
  events: number;
}

const TABLES = { timeline: RegulationTimelineEntity, regulations: RegulationEntity, tasks: ApprovalTaskEntity };
type Table = keyof typeof TABLES;
/** The tables written by COPY (the timeline is written by INSERT_TIMELINE). */
const COPIED = ['regulations', 'tasks'] as const;
type Copied = (typeof COPIED)[number];

/** Where a rebuild's time went. Reading the log and the COPYs run beside the fold; the waits say what held it up. */
export interface RebuildTimings {
  /** Waiting for the next page of the log (read on its own connection, a page ahead of the fold). */
  readWaitMs: number;
  /** Folding the events into rows with the domain's folds. */
  foldMs: number;
  /** Encoding the rows in COPY's text format. */
  encodeMs: number;
  /** Waiting for the previous page's COPYs to end before sending the next ones. */
  writeWaitMs: number;
  /** Each table's statement (the timeline's INSERT, the others' COPY), from sending its rows to PostgreSQL's answer. */
  copyMs: Record<Table, number>;
  /** After the last page: regulation_facts and its heads derived from the timeline, and every index built. */
  finishMs: number;
}

export function emptyRebuildTimings(): RebuildTimings {
  return { readWaitMs: 0, foldMs: 0, encodeMs: 0, writeWaitMs: 0, copyMs: { timeline: 0, regulations: 0, tasks: 0 }, finishMs: 0 };
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

interface Rows {
  timeline: RegulationTimelineEntity[];
  regulations: RegulationEntity[];
  tasks: ApprovalTaskEntity[];
}

export async function rebuildProjections(dataSource: DataSource, options: RebuildOptions = {}): Promise<RebuildResult> {
  const pageSize = options.pageSize ?? 10_000;
  const timings = options.timings ?? emptyRebuildTimings();
  return dataSource.transaction(async (manager) => {
    // SHARE on events blocks concurrent appends (which insert events, then project) until the rebuild commits,
    // so none is missed or projected twice. Taken before the projections' lock, in the appends' order; through
    // events_hold_appends(), as the application role may not lock events in that mode itself.
    await manager.query('SELECT events_hold_appends()');
    // Empties the projections and drops their indexes and the facts trigger until the finish, below.
    await manager.query('SELECT projections_rebuild_begin()');
    const client = (await (manager.queryRunner as PostgresQueryRunner).connect()) as ClientBase;
    // The log is read on a second connection, a page ahead of the fold. Its snapshot is taken after the appends
    // are held, so it reads the log as it stands until this transaction commits.
    const reader = dataSource.createQueryRunner();
    try {
      await reader.connect();
      await reader.startTransaction('REPEATABLE READ');
      const result = await load(reader, client, manager, pageSize, timings);
      const started = performance.now();
      await manager.query('SELECT projections_rebuild_finish()');
      timings.finishMs += performance.now() - started;
      return result;
    } finally {
      if (reader.isTransactionActive) await reader.rollbackTransaction();
      await reader.release();
    }
  });
}

/** Folds the log page by page, each page's COPYs running while the next page is folded. */
async function load(
  reader: QueryRunner,
  client: ClientBase,
  manager: EntityManager,
  pageSize: number,
  timings: RebuildTimings,
): Promise<RebuildResult> {
  const encoders = Object.fromEntries(
    COPIED.map((table) => [table, copyEncoder(manager.connection.getMetadata(TABLES[table]))]),
  ) as Record<Copied, CopyEncoder>;
  let fold: StreamFold | null = null;
  let total = 0;
  let reading = readPage(reader, ['', 0], pageSize);
  let writing: Promise<void> = Promise.resolve();
  for (;;) {
    let started = performance.now();
    const events = await reading;
    timings.readWaitMs += performance.now() - started;
    const rows: Rows = { timeline: [], regulations: [], tasks: [] };
    if (events.length > 0) {
      const last = events[events.length - 1];
      reading = readPage(reader, [last.stream_id, last.stream_position], pageSize);
      // Awaited on the next turn; a failure meanwhile is not unhandled.
      reading.catch(() => undefined);
      started = performance.now();
      for (const row of events) {
        if (fold?.regulationId !== row.stream_id) {
          if (fold) finish(fold, rows);
          fold = startFold(row.stream_id);
        }
        const event = toStoredEvent(row);
        if (event.streamPosition !== fold.state.version + 1) {
          throw new Error(`the log of ${event.streamId} skips from version ${fold.state.version} to position ${event.streamPosition}`);
        }
        rows.timeline.push(foldEvent(fold, event));
      }
      timings.foldMs += performance.now() - started;
      total += events.length;
    } else if (fold) {
      finish(fold, rows);
    }

    started = performance.now();
    const timeline = rows.timeline.length > 0 ? timelineParameters(rows.timeline) : null;
    const texts = COPIED.map((table) => ({ table, text: encoders[table].encode(rows[table]) }));
    timings.encodeMs += performance.now() - started;
    started = performance.now();
    await writing;
    timings.writeWaitMs += performance.now() - started;
    writing = writeAll(client, encoders, timeline, texts, timings);
    writing.catch(() => undefined);
    if (events.length === 0) break;
  }
  const started = performance.now();
  await writing;
  timings.writeWaitMs += performance.now() - started;
  return { events: total };
}

/**
 * The timeline rows of a page: the folds' columns from `$1`…`$9`, the rest from the event each row records, looked
 * up among the events of the page's streams (`$10` to `$11`, on the stream key) rather than by global position: the
 * page's positions span the whole log, and a join on them scanned the log once per page.
 */
const INSERT_TIMELINE = `
  INSERT INTO regulation_timeline (global_position, regulation_id, stream_position, event_type, occurred_at, actor_id, actor_role,
    reason, legal_basis, command_id, data, ward_code, kind, fact_on, stage, pending, decision_due_on, review_outstanding, amending)
  SELECT e.global_position, e.stream_id, e.stream_position, e.event_type, (e.metadata->>'occurredAt')::timestamptz,
    e.metadata->'actor'->>'id', e.metadata->'actor'->>'role', e.metadata->>'reason', e.metadata->>'legalBasis',
    e.metadata->>'commandId', e.data,
    f.ward_code, f.kind, f.fact_on, f.stage, f.pending, f.decision_due_on, f.review_outstanding, f.amending
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[], $5::text[], $6::boolean[], $7::date[], $8::boolean[], $9::boolean[])
    AS f(global_position, ward_code, kind, fact_on, stage, pending, decision_due_on, review_outstanding, amending)
  JOIN events e USING (global_position)
  WHERE e.stream_id BETWEEN $10 AND $11`;

/** INSERT_TIMELINE's parameters: the columns as arrays, then the page's first and last stream. */
function timelineParameters(rows: readonly RegulationTimelineEntity[]): unknown[] {
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const r of rows) {
    columns[0].push(r.globalPosition);
    columns[1].push(r.wardCode);
    columns[2].push(r.kind);
    columns[3].push(r.factOn);
    columns[4].push(r.stage);
    columns[5].push(r.pending);
    columns[6].push(r.decisionDueOn);
    columns[7].push(r.reviewOutstanding);
    columns[8].push(r.amending);
  }
  return [...columns, rows[0].regulationId, rows[rows.length - 1].regulationId];
}

async function writeAll(
  client: ClientBase,
  encoders: Record<Copied, CopyEncoder>,
  timeline: unknown[] | null,
  texts: { table: Copied; text: string }[],
  timings: RebuildTimings,
): Promise<void> {
  if (timeline) {
    const started = performance.now();
    await client.query(INSERT_TIMELINE, timeline);
    timings.copyMs.timeline += performance.now() - started;
  }
  for (const { table, text } of texts) {
    if (text === '') continue;
    const started = performance.now();
    await copy(client, encoders[table].sql, text);
    timings.copyMs[table] += performance.now() - started;
  }
}

/** The page of events after `after` in stream order (stream id, then position), on the (stream_id, stream_position) key. */
async function readPage(reader: QueryRunner, [streamId, position]: [string, number], limit: number): Promise<EventRow[]> {
  return (await reader.query(
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

function finish(fold: StreamFold, rows: Rows): void {
  rows.regulations.push(foldedRegulationRow(fold));
  rows.tasks.push(...fold.tasks.values());
}

interface CopyEncoder {
  sql: string;
  /** The rows as COPY's text format takes them; '' for none. */
  encode(rows: readonly object[]): string;
}

/**
 * COPY … FROM STDIN (text format) of every column the entity maps, each value as the live projector's INSERT sends
 * it. FREEZE: the rows are written frozen, as the table was truncated in this transaction (nobody else sees it before
 * the commit; TRUNCATE holds it exclusively).
 */
function copyEncoder(metadata: EntityMetadata): CopyEncoder {
  const columns = metadata.columns.map((column) => ({ property: column.propertyName, json: column.type === 'jsonb' }));
  return {
    sql: `COPY ${metadata.tableName} (${metadata.columns.map((c) => c.databaseName).join(', ')}) FROM STDIN (FREEZE)`,
    encode(rows) {
      let text = '';
      for (const row of rows) {
        const values = row as Record<string, unknown>;
        for (let i = 0; i < columns.length; i++) {
          const { property, json } = columns[i];
          text += copyValue(values[property], json);
          text += i === columns.length - 1 ? '\n' : '\t';
        }
      }
      return text;
    },
  };
}

/** Sends `text` to a COPY … FROM STDIN on `client`; resolves once PostgreSQL has taken every row. */
export async function copy(client: ClientBase, sql: string, text: string): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(text);
  });
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value in COPY's text format: json columns as JSON, instants in ISO 8601, null as \N, escaped. */
export function copyValue(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (json) text = JSON.stringify(value);
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else text = String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : text;
}

