/** The `regulation_timeline` projection: one row per event, who did what, when and why, for a regulation's history. */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActorRole, EventType, StoredEvent } from '@app/domain';

@Entity('regulation_timeline')
@Index('regulation_timeline_regulation_idx', ['regulationId', 'streamPosition'], { unique: true })
export class RegulationTimelineEntity {
  @PrimaryColumn({ name: 'global_position', type: 'bigint', primaryKeyConstraintName: 'regulation_timeline_pkey' })
  globalPosition!: string;

  @Column({ name: 'regulation_id', type: 'text' })
  regulationId!: string;

  @Column({ name: 'stream_position', type: 'integer' })
  streamPosition!: number;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: EventType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: ActorRole;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  @Column({ name: 'command_id', type: 'text' })
  commandId!: string;

  @Column({ type: 'jsonb' })
  data!: StoredEvent['data'];
}
