/** The `approval_tasks` projection: one row per task a regulation opened, pending or closed. */
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Authority, CandidateRole, CivilDate, KindId, TaskPriority, TaskStatus, TaskStep } from '@app/domain';

@Entity('approval_tasks')
@Check('approval_tasks_status_check', `status IN ('open', 'claimed', 'done', 'cancelled')`)
@Check('approval_tasks_step_check', `step IN ('dossier_decision', 'complaint_answer', 'repeal_decision', 'suspension_report', 'annual_review')`)
@Check('approval_tasks_priority_check', `priority BETWEEN 1 AND 3`)
@Index('approval_tasks_pending_due_idx', ['dueOn', 'taskId'], { where: `status IN ('open', 'claimed')` })
@Index('approval_tasks_pending_ward_idx', ['wardCode', 'dueOn', 'taskId', 'status', 'authority', 'kind', 'step'], {
  where: `status IN ('open', 'claimed')`,
})
@Index('approval_tasks_pending_opened_idx', ['openedAt', 'taskId'], { where: `status IN ('open', 'claimed')` })
@Index('approval_tasks_pending_priority_idx', ['priority', 'dueOn', 'taskId'], { where: `status IN ('open', 'claimed')` })
@Index('approval_tasks_pending_assignee_idx', ['assignee', 'dueOn', 'taskId'], {
  where: `status IN ('open', 'claimed') AND assignee IS NOT NULL`,
})
@Index('approval_tasks_regulation_idx', ['regulationId'])
export class ApprovalTaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'text', primaryKeyConstraintName: 'approval_tasks_pkey' })
  taskId!: string;

  @Column({ name: 'regulation_id', type: 'text' })
  regulationId!: string;

  @Column({ name: 'ward_code', type: 'text' })
  wardCode!: string;

  @Column({ type: 'text' })
  kind!: KindId;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  step!: TaskStep;

  @Column({ type: 'text' })
  authority!: Authority;

  @Column({ name: 'candidate_role', type: 'text' })
  candidateRole!: CandidateRole;

  @Column({ name: 'authority_unit', type: 'text' })
  authorityUnit!: string;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ type: 'text' })
  status!: TaskStatus;

  @Column({ type: 'smallint' })
  priority!: TaskPriority;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: CivilDate;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: CivilDate;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'remind_at', type: 'timestamptz' })
  remindAt!: Date;

  @Column({ type: 'integer', default: 0 })
  reminders!: number;

  @Column({ type: 'integer', default: 0 })
  escalations!: number;

  @Column({ name: 'last_escalated_at', type: 'timestamptz', nullable: true })
  lastEscalatedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'last_global_position', type: 'bigint' })
  lastGlobalPosition!: string;
}
