/** OpenAPI schema of the catalogue: wards, regulation kinds with their steps, and the legal regimes by effective date with their sources. */
import { ApiProperty } from '@nestjs/swagger';
import type { RuleName, WorkplaceRuleName } from '@app/domain';

export class UnitDto {
  @ApiProperty({ example: 'hang-bac', description: 'The unit code commands, filters and tokens use' }) code!: string;
  @ApiProperty({ example: 'Hàng Bạc', description: 'Its name without the type word (phường, xã, quận, thành phố): `level` says which' }) name!: string;
  @ApiProperty({ enum: ['province', 'district', 'ward', 'commune'] }) level!: string;
  @ApiProperty({ type: String, nullable: true, example: 'hoan-kiem' }) parent!: string | null;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Its last day; null while it exists' }) validTo!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reorganization that ended it (see `reorganizations`)' }) endedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The statistics office (GSO) code, when found' }) gsoCode!: string | null;
  @ApiProperty() gsoCodeConfirmed!: boolean;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class ReorganizationDto {
  @ApiProperty({ example: 'nq-1656-2025' }) id!: string;
  @ApiProperty({ description: 'The legal text that made it, with its number and date' }) basis!: string;
  @ApiProperty({ format: 'date' }) effectiveOn!: string;
  @ApiProperty() confirmed!: boolean;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class SuccessionDto {
  @ApiProperty({ example: 'hang-bac' }) from!: string;
  @ApiProperty({ example: 'hoan-kiem-2025' }) to!: string;
  @ApiProperty({ enum: ['whole', 'part'], description: 'Whether the successor took the whole of the unit or a part' }) share!: string;
  @ApiProperty({ description: 'The one successor that takes the dissolved unit’s regulations' }) receivesRegulations!: boolean;
  @ApiProperty({ example: 'nq-1656-2025' }) reorganization!: string;
  @ApiProperty({ type: String, nullable: true, example: 'art. 1(1)' }) clause!: string | null;
  @ApiProperty() confirmed!: boolean;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class KindDto {
  @ApiProperty({ example: 'community_convention' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty({ type: [String], example: ['drafting', 'consultation', 'revising', 'vote'] }) steps!: string[];
  @ApiProperty() critiqueRequired!: boolean;
  @ApiProperty({ type: [String] }) reviewOutcomes!: string[];
  @ApiProperty() suspendable!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['ward_peoples_committee', 'agency_head', 'employer'],
    description: "Who issues the text; null: the recognizing authority of the regime (a convention). An agency's head or an employer holds no account: the ward's officer records the decision",
  })
  issuer!: string | null;
  @ApiProperty({ type: () => WorkplaceRulesDto, nullable: true, description: "An agency's or an enterprise's rules, each with its source; null: the regime's rules apply" })
  rules!: WorkplaceRulesDto | null;
}

export class DurationDto {
  @ApiProperty() amount!: number;
  @ApiProperty({ enum: ['working_days', 'calendar_days', 'years'] }) unit!: string;
}

export class AnnualDayDto {
  @ApiProperty({ example: 11 }) month!: number;
  @ApiProperty({ example: 18 }) day!: number;
}

export class ShareDto {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
}

export class LegalSourceDto {
  @ApiProperty({ example: 'Nghị định 61/2023/NĐ-CP' }) text!: string;
  @ApiProperty({ type: String, nullable: true, example: '11', description: 'Article (Điều); null when not located' }) article!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '3(a)', description: 'Clause (khoản) and point (điểm); null when not located' })
  clause!: string | null;
  @ApiProperty({
    enum: ['confirmed', 'unconfirmed'],
    description: 'confirmed: read in the text; unconfirmed: a default or an assumption, explained in the note',
  })
  status!: 'confirmed' | 'unconfirmed';
  @ApiProperty({ required: false, description: 'What the text says, or what is assumed when unconfirmed' }) note?: string;
}

/** One source per rule of the regime; implementing the Record keeps it in step with the domain's rule names. */
export class RegimeSourcesDto implements Record<RuleName, LegalSourceDto> {
  @ApiProperty({ type: LegalSourceDto }) recognizingAuthority!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) consultationMinimum!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) submissionDeadline!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) decisionDeadline!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) suspensionReportDeadline!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) annualReviewInterval!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) annualReviewDay!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) quorum!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) adoption!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) dossierDocuments!: LegalSourceDto;
}

/** One source per rule of an agency's or an enterprise's regulation. */
export class WorkplaceSourcesDto implements Record<WorkplaceRuleName, LegalSourceDto> {
  @ApiProperty({ type: LegalSourceDto }) issuer!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) consulted!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) consultationMinimum!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) unacceptedCommentsReasoned!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) conference!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) conferenceQuorum!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) conferenceAdoption!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) disclosure!: LegalSourceDto;
  @ApiProperty({ type: LegalSourceDto }) annualConference!: LegalSourceDto;
}

export class ConferenceRulesDto {
  @ApiProperty() name!: string;
  @ApiProperty() nameVi!: string;
}

export class AnnualConferenceDto {
  @ApiProperty() nameVi!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Held within this many months after the end of the work year; null: no month set' })
  withinMonthsOfWorkYearEnd!: number | null;
}

export class WorkplaceRulesDto {
  @ApiProperty({ enum: ['agency_democracy_regulation', 'enterprise_democracy_regulation'] }) kind!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ enum: ['agency_head', 'employer'] }) issuer!: string;
  @ApiProperty({ description: 'Whom the draft goes to for comments' }) consulted!: string;
  @ApiProperty({ type: DurationDto }) consultationMinimum!: DurationDto;
  @ApiProperty({ description: 'A comment not taken up is answered with its reason' }) unacceptedCommentsReasoned!: boolean;
  @ApiProperty({ type: ConferenceRulesDto, nullable: true, description: 'The conference the draft goes to; null: none' }) conference!: ConferenceRulesDto | null;
  @ApiProperty({ type: ShareDto, nullable: true, description: 'Present must be AT LEAST this share of those convened' }) conferenceQuorum!: ShareDto | null;
  @ApiProperty({ type: ShareDto, nullable: true, description: 'Approving must be MORE than this share of those present' }) conferenceAdoption!: ShareDto | null;
  @ApiProperty({ description: 'The issued text is made public to the staff' }) disclosure!: boolean;
  @ApiProperty({ type: AnnualConferenceDto }) annualConference!: AnnualConferenceDto;
  @ApiProperty({ type: WorkplaceSourcesDto }) sources!: WorkplaceSourcesDto;
}

export class RegimeDto {
  @ApiProperty({ example: 'decree-61-2023' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day before the next regime; null while current' })
  effectiveUntil!: string | null;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ enum: ['district_peoples_committee', 'ward_peoples_committee'] }) recognizingAuthority!: string;
  @ApiProperty({ type: DurationDto }) consultationMinimum!: DurationDto;
  @ApiProperty({ type: DurationDto }) submissionDeadline!: DurationDto;
  @ApiProperty({ type: DurationDto }) decisionDeadline!: DurationDto;
  @ApiProperty({ type: DurationDto }) suspensionReportDeadline!: DurationDto;
  @ApiProperty({ type: DurationDto, description: 'The anniversary rule, for regimes without a review day and for decisions taken before it' })
  annualReviewInterval!: DurationDto;
  @ApiProperty({ type: AnnualDayDto, nullable: true, description: 'The day of the year the community holds its annual review (e.g. 18 November); null: on the anniversary' })
  annualReviewDay!: AnnualDayDto | null;
  @ApiProperty({ type: ShareDto, description: 'Households present must exceed this share of all households' }) quorum!: ShareDto;
  @ApiProperty({ type: ShareDto, description: 'Approving households must exceed this share of ALL households' }) adoption!: ShareDto;
  @ApiProperty({ type: [String], example: ['request_form_01', 'minutes_form_02', 'adopted_text'], description: 'Documents the recognition dossier must hold' })
  dossierDocuments!: string[];
  @ApiProperty({ type: RegimeSourcesDto, description: 'The legal source of each rule above, with its confirmed/unconfirmed mark' })
  sources!: RegimeSourcesDto;
}

export class RegimeTransitionDto {
  @ApiProperty({ enum: ['recognized_texts_continue', 'dossier_to_authority_on_sending', 'district_dossiers_to_ward'] }) id!: string;
  @ApiProperty({ description: 'How a regulation begun under one regime is decided under a later one' }) rule!: string;
  @ApiProperty({ type: LegalSourceDto }) source!: LegalSourceDto;
}

export class CatalogueDto {
  @ApiProperty({ type: [UnitDto], description: 'The wards and communes, past and present, with their validity (from the administrative units table)' })
  wards!: UnitDto[];
  @ApiProperty({ type: [UnitDto], description: 'Every administrative unit: provinces, districts (until 30/6/2025), wards and communes' })
  units!: UnitDto[];
  @ApiProperty({ type: [ReorganizationDto] }) reorganizations!: ReorganizationDto[];
  @ApiProperty({ type: [SuccessionDto], description: 'Which units took the area of an ended one, and which of them its regulations' })
  successions!: SuccessionDto[];
  @ApiProperty({ type: [KindDto] }) kinds!: KindDto[];
  @ApiProperty({ type: [RegimeDto] }) regimes!: RegimeDto[];
  @ApiProperty({ type: [RegimeTransitionDto], description: 'The rules between regimes, each with its source' }) transitions!: RegimeTransitionDto[];
}
