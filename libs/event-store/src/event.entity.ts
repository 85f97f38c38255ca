/** The `events` table: one row per domain event, append-only (a trigger rejects UPDATE, DELETE and TRUNCATE). */
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EventMetadata, EventType, StoredEvent } from '@app/domain';

@Entity('events')
@Unique('events_event_id_key', ['eventId'])
@Unique('events_stream_position_key', ['streamId', 'streamPosition'])
@Index('events_occurred_at_idx', ['occurredAt'])
@Index('events_stream_occurred_at_idx', ['streamId', 'occurredAt'])
export class EventEntity {
  @PrimaryGeneratedColumn('increment', {
    name: 'global_position',
    type: 'bigint',
    primaryKeyConstraintName: 'events_pkey',
  })
  globalPosition!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ name: 'stream_position', type: 'integer' })
  streamPosition!: number;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: EventType;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ type: 'jsonb' })
  data!: StoredEvent['data'];

  @Column({ type: 'jsonb' })
  metadata!: EventMetadata;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

export function toStoredEvent(row: EventEntity): StoredEvent {
  return {
    eventId: row.eventId,
    streamId: row.streamId,
    type: row.eventType,
    schemaVersion: row.schemaVersion,
    data: row.data,
    metadata: row.metadata,
    streamPosition: row.streamPosition,
    globalPosition: row.globalPosition,
    recordedAt: row.recordedAt.toISOString(),
  };
}
