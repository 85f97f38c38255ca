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
  ConcurrencyError,
  EventEnvelope,
  fold,
  isCivilDate,
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
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends `events` at positions expectedVersion+1… or throws ConcurrencyError. Idempotent: a retried
   * batch (same event ids at the same positions) is recognised and not stored twice.
   */
  async append(streamId: string, expectedVersion: number, events: readonly EventEnvelope[]): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: the batch is empty`);
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new Error(`append to ${streamId}: invalid expected version ${expectedVersion}`);
    }
    const foreign = events.find((e) => e.streamId !== streamId);
    if (foreign) throw new Error(`append to ${streamId}: event ${foreign.eventId} belongs to ${foreign.streamId}`);

    return this.dataSource.transaction(async (manager) => {
      // One appender per stream at a time, so the version read below is still current when we insert;
      // the unique (stream_id, stream_position) constraint is the backstop.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
      const version = await versionOf(manager, streamId);

      const stored = await manager.find(EventEntity, {
        select: { eventId: true, streamId: true, streamPosition: true, eventType: true },
        where: { eventId: In(events.map((e) => e.eventId)) },
      });
      if (stored.length > 0) {
        if (isSameBatch(stored, streamId, expectedVersion, events)) {
          return { version, appended: false, firstGlobalPosition: null };
        }
        throw new ConcurrencyError(streamId, expectedVersion, version);
      }
      if (version !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, version);

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
      await projectEvents(manager, storedEvents);
      return {
        version: expectedVersion + events.length,
        appended: true,
        firstGlobalPosition: storedEvents[0].globalPosition,
      };
    });
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

function isSameBatch(
  stored: readonly EventEntity[],
  streamId: string,
  expectedVersion: number,
  events: readonly EventEnvelope[],
): boolean {
  const byId = new Map(stored.map((s) => [s.eventId, s]));
  return events.every((e, i) => {
    const s = byId.get(e.eventId);
    return s?.streamId === streamId && s.streamPosition === expectedVersion + i + 1 && s.eventType === e.type;
  });
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
