/** Append-only PostgreSQL event store of regulation streams; an append updates the inline projections atomically. */
import {
  DataSource,
  EntityManager,
  FindOperator,
  In,
  LessThan,
  LessThanOrEqual,
  MoreThan,
  MoreThanOrEqual,
} from 'typeorm';
import {
  addCalendarDays,
  AppendMismatchError,
  ConcurrencyError,
  EventEnvelope,
  fold,
  isCivilDate,
  LogBehindError,
  RegulationState,
  startOfCivilDateInVietnam,
  StoredEvent,
} from '@app/domain';
import { EventEntity, toStoredEvent } from './event.entity';
import { projectEvents, toDomainEvent } from './projector';

export interface AppendResult {
  version: number;
  appended: boolean;
  firstGlobalPosition: string | null;
  /** The batch as the log holds it: the caller evolves its state from these, not from what it sent. */
  events: StoredEvent[];
}

/** How long an append that stored its batch took, in seconds: the whole transaction, and its projection's part. */
export interface AppendTiming {
  transactionSeconds: number;
  projectionSeconds: number;
}

export interface ReadStreamOptions {
  /** First stream position to return (1-based, inclusive). */
  fromPosition?: number;
  /** Only events that occurred by then: an instant, or a civil date 'YYYY-MM-DD' = the end of that day in Vietnam. */
  asOf?: Date | string;
}

export interface ReadAllOptions {
  afterGlobalPosition?: string;
  limit?: number;
}

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EventStore {
  /** Told how long each append that stored its batch took (the worker's metrics); unset, nothing is timed. */
  onAppendTimed?: (timing: AppendTiming) => void;

  constructor(readonly dataSource: DataSource) {}

  /**
   * Appends `events` at positions expectedVersion+1…; throws ConcurrencyError when the log is ahead of
   * `expectedVersion` and LogBehindError when it is behind. Idempotent: a retried batch (same event ids) is a
   * no-op when the stored events equal it in full (stream, position, type, schema, data, metadata), or when they
   * are the same command's (same command id and command digest, same types at the same positions): a command
   * retried after its first attempt was stored but never answered, decided again at another instant, gets the
   * events the log stored for it. Anything else is an AppendMismatchError naming the first difference.
   */
  async append(streamId: string, expectedVersion: number, events: readonly EventEnvelope[]): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: the batch is empty`);
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new Error(`append to ${streamId}: invalid expected version ${expectedVersion}`);
    }
    const foreign = events.find((e) => e.streamId !== streamId);
    if (foreign) throw new Error(`append to ${streamId}: event ${foreign.eventId} belongs to ${foreign.streamId}`);

    const started = performance.now();
    let projectionMs = -1;
    const result = await this.dataSource.transaction(async (manager): Promise<AppendResult> => {
      // One appender per stream at a time, so the version read below is still current when we insert;
      // the unique (stream_id, stream_position) constraint is the backstop.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
      // The stream's version and whether any event of the batch is stored already, in one round trip.
      const [{ version, seen }] = (await manager.query(
        `SELECT coalesce(max(stream_position), 0)::int AS version,
                EXISTS (SELECT 1 FROM events WHERE event_id = ANY($2::uuid[])) AS seen
           FROM events WHERE stream_id = $1`,
        [streamId, events.map((e) => e.eventId)],
      )) as { version: number; seen: boolean }[];

      if (seen) {
        const stored = await manager.find(EventEntity, {
          where: { eventId: In(events.map((e) => e.eventId)) },
          order: { streamPosition: 'ASC' },
        });
        assertSameBatch(stored, streamId, expectedVersion, events);
        return { version, appended: false, firstGlobalPosition: null, events: stored.map(toStoredEvent) };
      }
      if (version > expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, version);
      if (version < expectedVersion) throw new LogBehindError(streamId, expectedVersion, version);

      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(EventEntity)
        .values(
          events.map((e, i) => ({
            eventId: e.eventId,
            streamId,
            streamPosition: expectedVersion + i + 1,
            eventType: e.type,
            schemaVersion: e.schemaVersion,
            data: e.data,
            metadata: e.metadata,
            occurredAt: new Date(e.metadata.occurredAt),
          })),
        )
        .returning(['streamPosition', 'globalPosition', 'recordedAt'])
        .execute();
      const generated = new Map(
        (inserted.raw as { stream_position: number; global_position: string; recorded_at: Date }[]).map((r) => [
          r.stream_position,
          r,
        ]),
      );
      const storedEvents: StoredEvent[] = events.map((e, i) => {
        const row = generated.get(expectedVersion + i + 1)!;
        return {
          ...e,
          streamPosition: row.stream_position,
          globalPosition: row.global_position,
          recordedAt: row.recorded_at.toISOString(),
        };
      });
      const projecting = performance.now();
      await projectEvents(manager, storedEvents);
      projectionMs = performance.now() - projecting;
      return {
        version: expectedVersion + events.length,
        appended: true,
        firstGlobalPosition: storedEvents[0].globalPosition,
        events: storedEvents,
      };
    });
    if (result.appended) this.onAppendTimed?.({ transactionSeconds: (performance.now() - started) / 1000, projectionSeconds: projectionMs / 1000 });
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.dataSource.getRepository(EventEntity).find({
      where: {
        streamId,
        streamPosition: MoreThanOrEqual(options.fromPosition ?? 1),
        ...(options.asOf === undefined ? {} : { occurredAt: occurredBy(options.asOf) }),
      },
      order: { streamPosition: 'ASC' },
    });
    return rows.map(toStoredEvent);
  }

  /** Events of all streams in global order, for catch-up readers. */
  async readAll({ afterGlobalPosition = '0', limit = 1000 }: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.dataSource.getRepository(EventEntity).find({
      where: { globalPosition: MoreThan(afterGlobalPosition) },
      order: { globalPosition: 'ASC' },
      take: limit,
    });
    return rows.map(toStoredEvent);
  }

  /** The state folded from the events that occurred by `at`; null if the regulation did not exist yet. */
  async stateAsOf(regulationId: string, at: Date | string): Promise<RegulationState | null> {
    const events = await this.readStream(regulationId, { asOf: at });
    return events.length === 0 ? null : fold(regulationId, events.map(toDomainEvent));
  }

  currentVersion(streamId: string): Promise<number> {
    return versionOf(this.dataSource.manager, streamId);
  }
}

async function versionOf(manager: EntityManager, streamId: string): Promise<number> {
  const [{ version }] = (await manager.query(
    'SELECT coalesce(max(stream_position), 0)::int AS version FROM events WHERE stream_id = $1',
    [streamId],
  )) as { version: number }[];
  return version;
}

function assertSameBatch(
  stored: readonly EventEntity[],
  streamId: string,
  expectedVersion: number,
  events: readonly EventEnvelope[],
): void {
  const byId = new Map(stored.map((s) => [s.eventId, s]));
  if (sameCommand(byId, streamId, expectedVersion, events)) return;
  events.forEach((e, i) => {
    const position = expectedVersion + i + 1;
    const s = byId.get(e.eventId);
    const differs = (field: string) => new AppendMismatchError(streamId, position, e.eventId, field);
    if (!s) throw differs('eventId');
    if (s.streamId !== streamId) throw differs('streamId');
    if (s.streamPosition !== position) throw differs('streamPosition');
    if (s.eventType !== e.type) throw differs('type');
    if (s.schemaVersion !== e.schemaVersion) throw differs('schemaVersion');
    const data = firstJsonDifference(s.data, e.data);
    if (data !== null) throw differs(data ? `data.${data}` : 'data');
    const metadata = firstJsonDifference(s.metadata, e.metadata);
    if (metadata !== null) throw differs(metadata ? `metadata.${metadata}` : 'metadata');
  });
}

/** The stored events are the ones this command (same id and digest) decided at these positions, with these types. */
function sameCommand(
  byId: ReadonlyMap<string, EventEntity>,
  streamId: string,
  expectedVersion: number,
  events: readonly EventEnvelope[],
): boolean {
  return (
    byId.size === events.length &&
    events.every((e, i) => {
      const s = byId.get(e.eventId);
      const stored = s?.metadata as EventEnvelope['metadata'] | undefined;
      return (
        s !== undefined &&
        stored !== undefined &&
        s.streamId === streamId &&
        s.streamPosition === expectedVersion + i + 1 &&
        s.eventType === e.type &&
        e.metadata.commandDigest !== undefined &&
        stored.commandDigest === e.metadata.commandDigest &&
        stored.commandId === e.metadata.commandId
      );
    })
  );
}

/**
 * The path of the first difference between two JSON values as jsonb stores them (key order and undefined
 * members do not count), '' for the values themselves, null when equal.
 */
function firstJsonDifference(stored: unknown, sent: unknown): string | null {
  const a: unknown = JSON.parse(JSON.stringify(stored) ?? 'null');
  const b: unknown = JSON.parse(JSON.stringify(sent) ?? 'null');
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const inner = firstJsonDifference(a[key], b[key]);
      if (inner !== null) return inner ? `${key}.${inner}` : key;
    }
    return null;
  }
  return a === b ? null : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function occurredBy(asOf: Date | string): FindOperator<Date> {
  if (typeof asOf === 'string' && CIVIL_DATE.test(asOf)) {
    if (!isCivilDate(asOf)) throw new Error(`invalid date ${asOf}`);
    return LessThan(new Date(startOfCivilDateInVietnam(addCalendarDays(asOf, 1))));
  }
  const instant = asOf instanceof Date ? asOf : new Date(asOf);
  if (Number.isNaN(instant.getTime())) throw new Error(`invalid instant ${String(asOf)}`);
  return LessThanOrEqual(instant);
}
