/** OpenAPI schema of the catalogue: wards, regulation kinds with their steps, and the legal regimes by effective date. */
import { ApiProperty } from '@nestjs/swagger';

export class WardDto {
  @ApiProperty({ example: 'hang-bac' }) code!: string;
  @ApiProperty({ example: 'Hàng Bạc' }) name!: string;
  @ApiProperty({ example: 'Hoàn Kiếm' }) district!: string;
}

export class KindDto {
  @ApiProperty({ example: 'community_convention' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty({ type: [String], example: ['drafting', 'consultation', 'revising', 'vote'] }) steps!: string[];
  @ApiProperty() critiqueRequired!: boolean;
  @ApiProperty({ type: [String] }) reviewOutcomes!: string[];
  @ApiProperty() suspendable!: boolean;
}

export class DurationDto {
  @ApiProperty() amount!: number;
  @ApiProperty({ enum: ['working_days', 'calendar_days', 'years'] }) unit!: string;
}

export class ShareDto {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
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
  @ApiProperty({ type: DurationDto }) annualReviewInterval!: DurationDto;
  @ApiProperty({ type: ShareDto, description: 'Households present must exceed this share of all households' }) quorum!: ShareDto;
  @ApiProperty({ type: ShareDto, description: 'Approving households must exceed this share of ALL households' }) adoption!: ShareDto;
}

export class CatalogueDto {
  @ApiProperty({ type: [WardDto] }) wards!: WardDto[];
  @ApiProperty({ type: [KindDto] }) kinds!: KindDto[];
  @ApiProperty({ type: [RegimeDto] }) regimes!: RegimeDto[];
}
