/**
 * The reports' answers as OpenAPI schemas, so the web app's generated client types them: the stored reports, runs and
 * their progress, schedules, and a report's content (first-published or restated) with its figures. The shapes are
 * the reporting library's (libs/reporting summary-content.ts, summary-report.service.ts); a change there that is not
 * made here fails the api's type check where the controller returns them.
 */
import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObjectMetadata } from '@nestjs/swagger/dist/interfaces/schema-object-metadata.interface';
import { reportKinds, reportStages } from '@app/reporting';
import { summaryKinds } from '../../../../workflows/summary.messages';

const count = { type: 'integer', minimum: 0 } as const;
/** An object with exactly these keys, each holding `value`. */
const keyed = (keys: readonly string[], value: SchemaObjectMetadata): SchemaObjectMetadata & { type: 'object' } => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((key) => [key, value])),
  required: [...keys],
  additionalProperties: false,
});
/** Regulations by stage: one count per stage; by kind: one such object per kind. */
const byStage = keyed(reportStages, { ...count });
const byKind = keyed(reportKinds, byStage);
const kinds = [...summaryKinds];

export class ReportPeriodDto {
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ format: 'date', example: '2025-01-01' }) start!: string;
  @ApiProperty({ format: 'date', example: '2025-06-30' }) end!: string;
}

export class StoredReportDto {
  @ApiProperty({ example: 'semiannual-2025-h1', description: 'The period: annual-YYYY or semiannual-YYYY-h1|h2' }) id!: string;
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ example: '1200', description: 'The global position of the event log the figures were computed at' }) computedAtPosition!: string;
  @ApiProperty({ description: 'sha256 of the canonical JSON content' }) contentHash!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RunStartedDto {
  @ApiProperty({ example: 'summary-run-semiannual-2025-h1', description: 'Poll GET /reports/runs/{workflowId}' }) workflowId!: string;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
}

export class RunResultDto {
  @ApiProperty({ example: 'semiannual-2025-h1' }) reportId!: string;
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty() computedAtPosition!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ description: 'false when the report already existed and its recomputation matched' }) created!: boolean;
}

export class RunProgressDto {
  @ApiProperty({ example: 'period facts' }) section!: string;
  @ApiProperty(count) done!: number;
  @ApiProperty(count) total!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
}

export class ReportRunDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ example: 'RUNNING', description: "Temporal's execution status: RUNNING, COMPLETED, FAILED, …" }) status!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, enum: ['starting', 'capturing_position', 'computing', 'done'], nullable: true }) phase!: string | null;
  @ApiProperty({ type: ReportPeriodDto, nullable: true }) period!: ReportPeriodDto | null;
  @ApiProperty({ type: RunProgressDto, nullable: true, description: 'The last heartbeat of the computing activity' }) progress!: RunProgressDto | null;
  @ApiProperty({ type: RunResultDto, nullable: true }) result!: RunResultDto | null;
}

export class ScheduleActionDto {
  @ApiProperty({ format: 'date-time' }) scheduledAt!: string;
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
  @ApiProperty() workflowId!: string;
}

export class ScheduleDto {
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty() scheduleId!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [String], format: 'date-time' }) nextActionTimes!: string[];
  @ApiProperty({ type: [ScheduleActionDto] }) recentActions!: ScheduleActionDto[];
  @ApiProperty({ type: [String] }) runningWorkflowIds!: string[];
  @ApiProperty({ type: [ReportRunDto] }) running!: ReportRunDto[];
}

export class TriggeredDto {
  @ApiProperty({ enum: kinds }) triggered!: string;
}

export class BackfillDto {
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ type: 'integer' }) fromYear!: number;
  @ApiProperty({ type: 'integer' }) toYear!: number;
  @ApiProperty({ type: [String], format: 'date-time' }) scheduledTimes!: string[];
}

// ------------------------------------------------------------------------------------------ a report's content

class RegulationCountsDto {
  @ApiProperty(count) total!: number;
  @ApiProperty({ ...byKind, selfRequired: true, description: 'By kind, then stage, as of the period end' }) byKind!: Record<string, Record<string, number>>;
  @ApiProperty({ ...byStage, selfRequired: true, description: 'By stage as of the period end' }) byStage!: Record<string, number>;
  @ApiProperty({ ...count, description: 'In force (or suspended) with an amendment cycle running' }) amending!: number;
}

class InPeriodDto {
  @ApiProperty(count) drafted!: number;
  @ApiProperty(count) recognized!: number;
  @ApiProperty(count) amended!: number;
  @ApiProperty(count) suspended!: number;
  @ApiProperty({ ...count, description: 'Suspensions ended: by a recognized redraft, or resumed (recorded before Decree 61/2023 was read)' }) resumed!: number;
  @ApiProperty(count) repealed!: number;
  @ApiProperty(count) withdrawn!: number;
}

class ReviewsDto {
  @ApiProperty(count) due!: number;
  @ApiProperty(count) done!: number;
  @ApiProperty(count) outstandingAtEnd!: number;
}

class ApprovalsDto {
  @ApiProperty(count) submitted!: number;
  @ApiProperty(count) submittedLate!: number;
  @ApiProperty(count) returned!: number;
  @ApiProperty(count) pendingAtEnd!: number;
  @ApiProperty(count) overdueAtEnd!: number;
  @ApiProperty(count) decided!: number;
  @ApiProperty(count) decidedOnTime!: number;
  @ApiProperty(count) decidedLate!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Calendar days from submission to decision' }) medianDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Days!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxDays!: number | null;
}

class ConsultationsDto {
  @ApiProperty(count) opened!: number;
  @ApiProperty(count) closed!: number;
  @ApiProperty(count) critiques!: number;
  @ApiProperty(count) commentsReceived!: number;
  @ApiProperty(count) commentsAccepted!: number;
  @ApiProperty(count) commentsPartlyAccepted!: number;
  @ApiProperty(count) commentsNotAccepted!: number;
}

class VotesDto {
  @ApiProperty(count) held!: number;
  @ApiProperty(count) adopted!: number;
  @ApiProperty(count) quorumMissed!: number;
  @ApiProperty(count) households!: number;
  @ApiProperty(count) present!: number;
  @ApiProperty(count) approving!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'present / households, 4 decimals' }) turnoutRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'approving / households, 4 decimals' }) approvalRate!: number | null;
}

export class SummaryMetricsDto {
  @ApiProperty({ type: RegulationCountsDto }) regulations!: RegulationCountsDto;
  @ApiProperty({ type: InPeriodDto, description: 'Facts whose legal date lies in the period' }) inPeriod!: InPeriodDto;
  @ApiProperty({ type: ReviewsDto }) reviews!: ReviewsDto;
  @ApiProperty({ type: ApprovalsDto }) approvals!: ApprovalsDto;
  @ApiProperty({ type: ConsultationsDto }) consultations!: ConsultationsDto;
  @ApiProperty({ type: VotesDto }) votes!: VotesDto;
}

class WardSummaryDto {
  @ApiProperty({ example: 'hang-bac' }) wardCode!: string;
  @ApiProperty() wardName!: string;
  @ApiProperty({ type: SummaryMetricsDto }) metrics!: SummaryMetricsDto;
}

class LateEventDto {
  @ApiProperty() position!: string;
  @ApiProperty() regulationId!: string;
  @ApiProperty() wardCode!: string;
  @ApiProperty({ example: 'RegulationRecognized' }) eventType!: string;
  @ApiProperty({ format: 'date', description: 'The legal date of the fact' }) factOn!: string;
  @ApiProperty({ format: 'date-time', description: 'When the system learned it' }) occurredAt!: string;
}

class PeriodDto {
  @ApiProperty({ format: 'date' }) start!: string;
  @ApiProperty({ format: 'date' }) end!: string;
  @ApiProperty({ enum: ['Asia/Ho_Chi_Minh'] }) timeZone!: 'Asia/Ho_Chi_Minh';
}

class AdjustmentBasisDto {
  @ApiProperty({ type: String, nullable: true }) reportId!: string | null;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date-time' }) cutoff!: string;
  @ApiProperty() position!: string;
}

class WardAdjustmentsDto {
  @ApiProperty() wardCode!: string;
  @ApiProperty({ type: 'object', additionalProperties: count, description: 'Late facts by event type' }) byEventType!: Record<string, number>;
}

class AdjustmentsDto {
  @ApiProperty({ type: AdjustmentBasisDto, description: 'What the previous report could not see' }) basis!: AdjustmentBasisDto;
  @ApiProperty(count) total!: number;
  @ApiProperty({ type: [WardAdjustmentsDto] }) byWard!: WardAdjustmentsDto[];
  @ApiProperty({ type: [LateEventDto] }) events!: LateEventDto[];
}

class FirstPublishedBasisDto {
  @ApiProperty({ format: 'date-time', description: 'The figures see the events that occurred before this instant…' }) cutoff!: string;
  @ApiProperty({ description: '…and were stored at or before this position' }) position!: string;
}

/** The first-published report of a period (GET /reports/{id}). */
export class SummaryReportDto {
  @ApiProperty({ enum: [1] }) format!: 1;
  @ApiProperty({ example: 'semiannual-2025-h1' }) reportId!: string;
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: FirstPublishedBasisDto }) basis!: FirstPublishedBasisDto;
  @ApiProperty({ type: SummaryMetricsDto, description: 'The whole area' }) area!: SummaryMetricsDto;
  @ApiProperty({ type: [WardSummaryDto] }) wards!: WardSummaryDto[];
  @ApiProperty({ type: AdjustmentsDto }) adjustments!: AdjustmentsDto;
}

class RestatedBasisDto {
  @ApiProperty({ format: 'date', description: 'The facts whose legal date is on or before this day…' }) factsOnOrBefore!: string;
  @ApiProperty({ description: '…and were stored at or before this position' }) position!: string;
}

class RestatementReferenceDto {
  @ApiProperty({ enum: ['first_published', 'recorded_by_period_end'], description: 'first_published, or what it would have shown when none was computed' })
  edition!: 'first_published' | 'recorded_by_period_end';
  @ApiProperty({ type: String, nullable: true }) reportId!: string | null;
  @ApiProperty({ format: 'date-time' }) cutoff!: string;
  @ApiProperty() position!: string;
  @ApiProperty({ type: String, nullable: true }) contentHash!: string | null;
}

class RestatedFactDto extends LateEventDto {
  @ApiProperty({ enum: ['recorded_late', 'dated_after_period'] }) change!: 'recorded_late' | 'dated_after_period';
}

export class WordsDto {
  @ApiProperty({ example: 'Chờ quyết định cuối kỳ' }) vi!: string;
  @ApiProperty({ example: 'Awaiting a decision at the period end' }) en!: string;
}

export class FigureChangeDto {
  @ApiProperty({ example: 'hang-dao', description: '`area`, or a ward code' }) scope!: string;
  @ApiProperty({ type: WordsDto, description: 'The scope in words: the whole area, or the ward’s name' }) scopeLabel!: WordsDto;
  @ApiProperty({ example: 'approvals.pendingAtEnd', description: 'The figure’s path in the metrics' }) figure!: string;
  @ApiProperty({ type: WordsDto, description: 'The figure in words, as the exports name it' }) label!: WordsDto;
  @ApiProperty({ type: Number, nullable: true, description: 'In the report compared with' }) reference!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'In the restated report' }) restated!: number | null;
}

class RestatementDto {
  @ApiProperty({ type: RestatementReferenceDto }) against!: RestatementReferenceDto;
  @ApiProperty(count) total!: number;
  @ApiProperty({ type: [RestatedFactDto] }) facts!: RestatedFactDto[];
  @ApiProperty({ type: [FigureChangeDto] }) changes!: FigureChangeDto[];
}

/** The period restated at a later position (GET /reports/{id}/restated). */
export class RestatedReportDto {
  @ApiProperty({ enum: [1] }) format!: 1;
  @ApiProperty({ enum: ['restated'] }) edition!: 'restated';
  @ApiProperty({ example: 'semiannual-2025-h1' }) reportId!: string;
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: RestatedBasisDto }) basis!: RestatedBasisDto;
  @ApiProperty({ type: SummaryMetricsDto, description: 'The whole area' }) area!: SummaryMetricsDto;
  @ApiProperty({ type: [WardSummaryDto] }) wards!: WardSummaryDto[];
  @ApiProperty({ type: RestatementDto }) restatement!: RestatementDto;
}
