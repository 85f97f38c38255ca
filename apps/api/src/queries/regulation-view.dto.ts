/** OpenAPI schemas of the query answers: regulation lists, one regulation with its record, and its state as of a date. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { commandTypes, commentChannels, complaintSources, conferenceForms, conventionNames, dispositions, regulationKinds, taskSteps, voteMethods } from '@app/domain';
import type { Stage } from '@app/domain';

export const stages: readonly Stage[] = [
  'drafting',
  'consultation',
  'revising',
  'voting',
  'adopted',
  'submitted',
  'under_review',
  'in_force',
  'suspended',
  'repealed',
  'withdrawn',
];
const kindIds = regulationKinds.map((k) => k.id);
const nullable = { nullable: true } as const;
/** A nullable string: without `type`, a `string | null` property would be documented as an object. */
const nullableText = { type: String, nullable: true } as const;

export class DueDto {
  @ApiProperty({
    enum: ['complaint_answer', 'repeal_decision', 'suspension_report', 'decision', 'submission', 'consultation_close', 'redraft', 'annual_review'],
  })
  step!: string;

  @ApiProperty({ format: 'date' })
  dueOn!: string;
}

export class RegulationSummaryDto {
  @ApiProperty() regulationId!: string;
  @ApiProperty({ example: 'hang-bac' }) wardCode!: string;
  @ApiProperty({ enum: kindIds }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: stages }) stage!: string;
  @ApiProperty({ enum: ['developing', 'in_force', 'suspended', 'repealed', 'withdrawn'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'decree-61-2023' }) regimeId!: string;
  @ApiProperty({ format: 'date', ...nullableText }) startedOn!: string | null;
  @ApiProperty({ format: 'date', ...nullableText, description: 'Decision date of the text in force' }) inForceFrom!: string | null;
  @ApiProperty({ format: 'date', ...nullableText }) nextReviewDueOn!: string | null;
  @ApiProperty({ type: DueDto, ...nullable, description: 'The next legal deadline' }) due!: DueDto | null;
  @ApiProperty({ enum: stages, ...nullable, description: 'Phase of an amendment running on a text in force' })
  amendmentStage!: string | null;
  @ApiProperty({ enum: commandTypes, isArray: true }) allowedActions!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class RegulationPageDto {
  @ApiProperty({ type: [RegulationSummaryDto] })
  items!: RegulationSummaryDto[];

  @ApiProperty({ ...nullableText, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'officer' }) role!: string;
}

export class InForceTextDto {
  @ApiProperty() revision!: number;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ example: 'ward_peoples_committee' }) authority!: string;
  @ApiProperty({ required: false, enum: conventionNames, description: "The community's name for it (Decree 61/2023 art. 6(2))" }) name?: string;
  @ApiProperty({ required: false, format: 'date', description: "The commune committee's stamp across its pages (art. 6(1))" }) stampedOn?: string;
  @ApiProperty({ required: false, format: 'date', description: 'The last day it was posted or disseminated (art. 15)' }) disclosedOn?: string;
}

export class DraftDto {
  @ApiProperty({ description: 'An amendment of a text in force, or the first adoption' }) amendment!: boolean;
  @ApiProperty({ enum: stages }) phase!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty() regimeId!: string;
  @ApiProperty({ required: false, description: 'The proposal to draft (Decree 61/2023 art. 7): { proposedOn, proposer }' }) proposal?: { proposedOn: string; proposer: string };
  @ApiProperty({ required: false, description: 'The drafting group (art. 8): { formedOn, members } (members: how many)' }) draftingGroup?: { formedOn: string; members: number };
  @ApiProperty({ required: false, enum: conventionNames, description: "The community's name for the text (art. 6(2))" }) name?: string;
  @ApiProperty({ required: false, description: 'The signing of the adopted text (art. 6(1)): { signedOn, round }' }) signed?: { signedOn: string; round: number };
}

export class RevisionDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['drafted', 'revised', 'amendment'] }) origin!: string;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ ...nullableText }) summary!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
}

export class ConsultationDto {
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The legal minimum; an officer may not close before it' }) minimumEndsAt!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ enum: commentChannels, isArray: true }) channels!: string[];
  @ApiProperty({ format: 'date-time', ...nullableText }) closedAt!: string | null;
  @ApiProperty({ format: 'date', ...nullableText }) closedOn!: string | null;
}

export class CommentDto {
  @ApiProperty() commentId!: string;
  @ApiProperty({ description: 'Which consultation of this regulation (1 = the first)' }) consultation!: number;
  @ApiProperty({ enum: commentChannels }) channel!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ enum: dispositions, ...nullable }) disposition!: string | null;
  @ApiProperty({ ...nullableText }) dispositionReason!: string | null;
}

export class CritiqueDto {
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
}

export class VoteDto {
  @ApiProperty() round!: number;
  @ApiProperty({ enum: voteMethods }) method!: string;
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty() totalHouseholds!: number;
  @ApiProperty() present!: number;
  @ApiProperty() approving!: number;
  @ApiProperty() quorumMet!: boolean;
  @ApiProperty() adopted!: boolean;
}

export class ConferenceDto {
  @ApiProperty() round!: number;
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ enum: conferenceForms }) form!: string;
  @ApiProperty() convened!: number;
  @ApiProperty() present!: number;
  @ApiProperty() approving!: number;
  @ApiProperty() quorumMet!: boolean;
  @ApiProperty() adopted!: boolean;
}

export class DossierDto {
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ type: [String] }) documents!: string[];
  @ApiProperty({ format: 'date' }) submissionDueOn!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty({ format: 'date' }) decisionDueOn!: string;
  @ApiProperty() authority!: string;
  @ApiProperty() underReview!: boolean;
}

export class DecisionDto {
  @ApiProperty() decisionNo!: string;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty() authority!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() amendment!: boolean;
}

export class ReviewDto {
  @ApiProperty({ enum: ['keep', 'amend', 'suspend', 'repeal'] }) outcome!: string;
  @ApiProperty({ format: 'date' }) reviewedOn!: string;
  @ApiProperty() notes!: string;
}

export class ComplaintDto {
  @ApiProperty() complaintId!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ enum: complaintSources }) source!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'date', description: '3 working days from receipt (Decree 61/2023 art. 12(2))' }) answerDueOn!: string;
}

export class RedraftOverdueDto {
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ format: 'date', description: 'When the repeal decision is due (default policy)' }) dueOn!: string;
}

export class SuspensionDto {
  @ApiProperty({ format: 'date' }) suspendedOn!: string;
  @ApiProperty({ enum: ['whole', 'part'] }) scope!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date', ...nullableText, description: 'Suspensions recorded before complaints were modelled: the report deadline' })
  reportDueOn!: string | null;
  @ApiPropertyOptional({ description: 'The complaint the suspension decided' }) complaintId?: string;
  @ApiPropertyOptional() decisionNo?: string;
  @ApiPropertyOptional({ enum: ['procedure', 'content'] }) ground?: string;
  @ApiPropertyOptional({ type: [String], description: 'The articles suspended (a partial suspension)' }) articles?: string[];
  @ApiPropertyOptional({ format: 'date', ...nullableText, description: 'The end of the period, when the decision set one' })
  until?: string | null;
  @ApiPropertyOptional({ format: 'date', description: 'The deadline for redrafting (Decree 61/2023 art. 12)' }) redraftDueOn?: string;
  @ApiPropertyOptional({ type: RedraftOverdueDto, description: 'Once the redraft deadline passed: the repeal decision waits' })
  redraftOverdue?: RedraftOverdueDto;
}

export class PendingTaskDto {
  @ApiProperty({ example: 'hang-bac-qu-tdp7:dossier_decision:12' }) taskId!: string;
  @ApiProperty({ enum: taskSteps }) step!: string;
  @ApiProperty({ enum: ['ward_peoples_committee', 'district_peoples_committee'] }) authority!: string;
  @ApiProperty({ enum: ['ward_chair', 'district_approver'] }) candidateRole!: string;
  @ApiProperty({ description: 'The deciding unit: the ward, or the district' }) authorityUnit!: string;
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: Number, enum: [1, 2, 3], description: '1 high, 2 normal, 3 low' }) priority!: number;
  @ApiProperty({ ...nullableText }) assignee!: string | null;
  @ApiProperty() reminders!: number;
  @ApiProperty() escalations!: number;
  @ApiProperty({ format: 'date-time', ...nullableText }) lastEscalatedAt!: string | null;
}

export class TimelineEntryDto {
  @ApiProperty() streamPosition!: number;
  @ApiProperty({ example: 'ConsultationOpened' }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ ...nullableText }) reason!: string | null;
  @ApiProperty({ ...nullableText }) legalBasis!: string | null;
  @ApiProperty() commandId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event data, without full texts (see revisions)' })
  data!: Record<string, unknown>;
}

export class IncidentDto {
  @ApiProperty({ enum: ['timer_command_failing', 'log_behind'] }) kind!: string;
  @ApiProperty({ description: 'Stable error code of the last failure', example: 'REGULATION.LOG_BEHIND' }) code!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
}

export class RegulationDetailDto {
  @ApiProperty() regulationId!: string;
  @ApiProperty() wardCode!: string;
  @ApiProperty({ example: 'Hàng Bạc' }) wardName!: string;
  @ApiProperty({ enum: kindIds }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: stages }) stage!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'Stream version; also the ETag, usable as If-Match' }) version!: number;
  @ApiProperty() regimeId!: string;
  @ApiProperty({ ...nullableText }) residentialGroup!: string | null;
  @ApiProperty({ format: 'date', ...nullableText }) startedOn!: string | null;
  @ApiProperty({ description: 'The current text: the text in force, else the working draft' }) text!: string;
  @ApiProperty({ type: InForceTextDto, ...nullable }) inForce!: InForceTextDto | null;
  @ApiProperty({ type: DraftDto, ...nullable, description: 'The draft or amendment being worked on' }) draft!: DraftDto | null;
  @ApiProperty({ type: [RevisionDto] }) revisions!: RevisionDto[];
  @ApiProperty({ type: ConsultationDto, ...nullable, description: 'The consultation of the current cycle' })
  consultation!: ConsultationDto | null;
  @ApiProperty({ type: [CommentDto] }) comments!: CommentDto[];
  @ApiProperty({ type: [CritiqueDto] }) critiques!: CritiqueDto[];
  @ApiProperty({ type: [VoteDto] }) votes!: VoteDto[];
  @ApiProperty({ type: [ConferenceDto], description: 'The conferences of officials and employees on the drafts (an agency’s or unit’s regulation)' })
  conferences!: ConferenceDto[];
  @ApiProperty({ type: DossierDto, ...nullable }) dossier!: DossierDto | null;
  @ApiProperty({ type: [DecisionDto] }) decisions!: DecisionDto[];
  @ApiProperty({ type: [ReviewDto] }) reviews!: ReviewDto[];
  @ApiProperty({ type: ComplaintDto, ...nullable, description: 'The complaint or finding awaiting the committee’s answer' })
  complaint!: ComplaintDto | null;
  @ApiProperty({ type: SuspensionDto, ...nullable }) suspension!: SuspensionDto | null;
  @ApiProperty({ type: [String], description: 'Articles repealed by partial repeals (Decree 61/2023 art. 14)' }) repealedArticles!: string[];
  @ApiProperty({ format: 'date', ...nullableText }) firstInForceOn!: string | null;
  @ApiProperty({ format: 'date', ...nullableText }) nextReviewDueOn!: string | null;
  @ApiProperty() reviewDue!: boolean;
  @ApiProperty({ format: 'date', ...nullableText }) endedOn!: string | null;
  @ApiProperty({ type: DueDto, ...nullable }) due!: DueDto | null;
  @ApiProperty({ type: [PendingTaskDto], description: 'What waits for a decision (claim, release, reassign by taskId)' })
  tasks!: PendingTaskDto[];
  @ApiProperty({ enum: commandTypes, isArray: true }) allowedActions!: string[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ type: [IncidentDto], description: 'Open operational incidents, as they are now (also in an as-of view)' })
  incidents!: IncidentDto[];
}

export class RegulationAsOfDto extends RegulationDetailDto {
  @ApiProperty({ description: 'The date or instant asked for, as given' })
  asOf!: string;
}

