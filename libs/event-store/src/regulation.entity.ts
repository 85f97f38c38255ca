/** The `regulations` projection: one row per regulation, derived from its events only, for lists and inboxes. */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CommandType, RegulationRecord, RegulationState } from '@app/domain';

@Entity('regulations')
@Index('regulations_ward_stage_idx', ['wardCode', 'stage'])
@Index('regulations_kind_stage_idx', ['kind', 'stage'])
@Index('regulations_stage_due_on_idx', ['stage', 'dueOn'])
@Index('regulations_due_on_idx', ['dueOn'])
export class RegulationEntity {
  @PrimaryColumn({ name: 'regulation_id', type: 'text', primaryKeyConstraintName: 'regulations_pkey' })
  regulationId!: string;

  @Column({ name: 'ward_code', type: 'text' })
  wardCode!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'regime_id', type: 'text' })
  regimeId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  /** Decision date of the text currently in force. */
  @Column({ name: 'in_force_from', type: 'date', nullable: true })
  inForceFrom!: string | null;

  @Column({ name: 'first_in_force_on', type: 'date', nullable: true })
  firstInForceOn!: string | null;

  @Column({ name: 'next_review_due_on', type: 'date', nullable: true })
  nextReviewDueOn!: string | null;

  /** Set only while a consultation is open. */
  @Column({ name: 'consultation_closes_at', type: 'timestamptz', nullable: true })
  consultationClosesAt!: Date | null;

  @Column({ name: 'due_step', type: 'text', nullable: true })
  dueStep!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  /** Phase of the amendment cycle running on a text in force or suspended. */
  @Column({ name: 'amendment_stage', type: 'text', nullable: true })
  amendmentStage!: string | null;

  @Column({ name: 'allowed_actions', type: 'jsonb' })
  allowedActions!: CommandType[];

  @Column({ type: 'jsonb' })
  state!: RegulationState;

  /** What the events say beyond the state (texts, comments, votes, decisions, reviews), as the domain records it. */
  @Column({ type: 'jsonb' })
  record!: RegulationRecord;

  /** occurred_at of the first event, never the clock: a rebuild must give identical rows. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** occurred_at of the last event. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'last_global_position', type: 'bigint' })
  lastGlobalPosition!: string;
}
