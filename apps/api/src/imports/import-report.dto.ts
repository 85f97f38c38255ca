/** The import's report as an OpenAPI schema (the importer's ImportReport, libs/imports importer.ts), for the web app's types. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { columns, type ColumnKey, type FileErrorCode, type RowStatus } from '@app/imports';

const rowStatuses: RowStatus[] = ['created', 'to_create', 'unchanged', 'refused'];
const count = { type: 'integer', minimum: 0 } as const;

class RowErrorDto {
  @ApiProperty({ example: 'IMPORT.CELL_INVALID' }) code!: string;
  @ApiProperty({ type: String, enum: columns.map((c) => c.key), nullable: true, description: 'The column at fault' }) column!: ColumnKey | null;
  @ApiProperty() message!: string;
}

class RowReportDto {
  @ApiProperty({ type: 'integer', description: 'The row of the sheet (the heading is row 1)' }) row!: number;
  @ApiProperty({ type: String, nullable: true }) regulationId!: string | null;
  @ApiProperty({ enum: rowStatuses }) status!: RowStatus;
  @ApiProperty({ type: [RowErrorDto] }) errors!: RowErrorDto[];
}

class ImportCountsDto {
  @ApiProperty(count) created!: number;
  @ApiProperty(count) to_create!: number;
  @ApiProperty(count) unchanged!: number;
  @ApiProperty(count) refused!: number;
}

class FileErrorDto {
  @ApiProperty({ example: 'IMPORT.NOT_TEMPLATE' }) code!: FileErrorCode;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class ImportReportDto {
  @ApiProperty({ example: 'imp-3f2a9c0d1e4b5a67', description: 'The same for a dry run and the real run of one file' }) importId!: string;
  @ApiProperty() fileHash!: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: 'csv' | 'xlsx';
  @ApiProperty() dryRun!: boolean;
  @ApiProperty(count) total!: number;
  @ApiProperty({ type: ImportCountsDto, description: 'created: written by this run; to_create: a dry run’s rows that would be; unchanged: already imported with the same facts' })
  counts!: ImportCountsDto;
  @ApiProperty({ type: [FileErrorDto] }) fileErrors!: FileErrorDto[];
  @ApiProperty({ type: [RowReportDto] }) rows!: RowReportDto[];
}
