/** OpenAPI schemas of the inbox's answers: pending approval tasks in pages, their counts, and the stream's messages. */
import { ApiProperty } from '@nestjs/swagger';
import { agingBuckets, pendingTaskStatuses, regulationKinds, taskStatuses, taskSteps } from '@app/domain';
import { authorities } from './inbox-query.dto';

const count = { type: 'integer', minimum: 0 } as const;
const nullableText = { type: String, nullable: true } as const;

export class InboxItemDto {
  @ApiProperty({ example: 'hang-bac-qu-tdp7:dossier_decision:12' }) taskId!: string;
  @ApiProperty({ example: 'hang-bac-qu-tdp7' }) regulationId!: string;
  @ApiProperty({ example: 'hang-bac' }) wardCode!: string;
  @ApiProperty({ example: 'Hàng Bạc' }) wardName!: string;
  @ApiProperty({ enum: regulationKinds.map((k) => k.id) }) kind!: string;
  @ApiProperty({ description: 'The regulation’s title' }) title!: string;
  @ApiProperty({ enum: taskSteps }) step!: string;
  @ApiProperty({ enum: authorities }) authority!: string;
  @ApiProperty({ enum: ['ward_chair', 'district_approver'], description: 'The role that may claim and decide it' }) candidateRole!: string;
  @ApiProperty({ description: 'The deciding unit: the ward’s code, or the district’s', example: 'hang-bac' }) authorityUnit!: string;
  @ApiProperty({ ...nullableText, description: 'Who claimed it; null while open' }) assignee!: string | null;
  @ApiProperty({ enum: pendingTaskStatuses }) status!: string;
  @ApiProperty({ type: 'integer', enum: [1, 2, 3], description: '1 high, 2 normal, 3 low' }) priority!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date', description: 'The legal start: the submission, suspension or review date' }) openedOn!: string;
  @ApiProperty({ format: 'date', description: 'The last day to decide' }) dueOn!: string;
  @ApiProperty({ format: 'date-time', description: 'When it becomes overdue: 00:00 in Hà Nội the day after dueOn' }) dueAt!: string;
  @ApiProperty({
    enum: agingBuckets,
    description:
      'On `today`: on_time more than 2 working days left; due_soon due today or within 2 working days; overdue 1 to 5 working days late; overdue_long more than 5',
  })
  aging!: string;
  @ApiProperty({ ...count, description: 'Working days past dueOn on `today` (0 while not overdue)' }) overdueWorkingDays!: number;
  @ApiProperty({ ...count }) reminders!: number;
  @ApiProperty({ ...count, description: 'Escalations to the steering committee so far' }) escalations!: number;
  @ApiProperty({ format: 'date-time', ...nullableText }) lastEscalatedAt!: string | null;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] })
  items!: InboxItemDto[];

  @ApiProperty({ ...nullableText, description: 'Pass as `cursor` (with the same filters and sort) for the next page; null on the last page' })
  nextCursor!: string | null;

  @ApiProperty({ format: 'date', description: 'The civil date in Vietnam the aging is computed for' })
  today!: string;
}

export class AgingCountsDto {
  @ApiProperty({ ...count }) on_time!: number;
  @ApiProperty({ ...count }) due_soon!: number;
  @ApiProperty({ ...count }) overdue!: number;
  @ApiProperty({ ...count }) overdue_long!: number;
}

export class WardCountsDto extends AgingCountsDto {
  @ApiProperty({ example: 'hang-bac' }) wardCode!: string;
  @ApiProperty({ example: 'Hàng Bạc' }) wardName!: string;
  @ApiProperty({ ...count }) total!: number;
  @ApiProperty({ ...count }) open!: number;
  @ApiProperty({ ...count }) claimed!: number;
}

export class InboxCountsDto {
  @ApiProperty({ format: 'date', description: 'The civil date in Vietnam the aging is computed for' })
  today!: string;

  @ApiProperty({ ...count }) total!: number;

  @ApiProperty({ type: AgingCountsDto })
  byAging!: AgingCountsDto;

  @ApiProperty({ type: [WardCountsDto], description: 'The wards with at least one matching task, by ward code' })
  byWard!: WardCountsDto[];
}

/** `data` of an `event: task` message of GET /inbox/stream: the change as announced, and the task as it is now. */
export class TaskChangeDto {
  @ApiProperty() taskId!: string;
  @ApiProperty() regulationId!: string;
  @ApiProperty() wardCode!: string;
  @ApiProperty({ enum: taskStatuses, description: 'The status the change left it in' }) status!: string;
  @ApiProperty({ type: InboxItemDto, nullable: true, description: 'The task as GET /inbox shows it now; null once it left the inbox (decided or cancelled)' })
  item!: InboxItemDto | null;
}
