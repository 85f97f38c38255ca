/**
 * The `regulation_timeline` projection, append-only: one row per event, who did what, when and why, with the legal
 * date of the fact and the regulation's stage after it, as the domain's `evolve` folded it. It is the stage history
 * the reports aggregate at a global position: the row a position created never changes.
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActorRole, EventType, Stage, StoredEvent } from '@app/domain';

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

  /** The regulation's unit after this event. */
  @Column({ name: 'ward_code', type: 'text' })
  wardCode!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** The civil date of the fact the event records (factDateOf). */
  @Column({ name: 'fact_on', type: 'date' })
  factOn!: string;

  /** The stage after this event. */
  @Column({ type: 'text' })
  stage!: Stage;

  /** A dossier waits for the authority's decision after this event. */
  @Column({ type: 'boolean' })
  pending!: boolean;

  /** The decision's legal due date while one is pending. */
  @Column({ name: 'decision_due_on', type: 'date', nullable: true })
  decisionDueOn!: string | null;

  /** An annual review is due and not yet recorded. */
  @Column({ name: 'review_outstanding', type: 'boolean' })
  reviewOutstanding!: boolean;

  /** An amendment of the text in force is under way. */
  @Column({ type: 'boolean' })
  amending!: boolean;
}
