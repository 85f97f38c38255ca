/**
 * Onboarding of regulations already in force (issue 14 point 3): the template to fill, and the upload that checks
 * it (`?dryRun=true`) or imports its valid rows, one ImportRegulation command per row through the workflows.
 */
import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpCode,
  Inject,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import { databasePorts, importIdOf, MAX_FILE_BYTES, runImport, templateCsv, templateXlsx } from '@app/imports';
import { RegulationCommandClient } from '@app/temporal';
import { ApiConfig, apiConfig } from '../api.config';
import { Access } from '../auth/access.decorators';
import { CommandHeaders, CommandHeadersParam } from '../commands/command-headers.decorator';
import { ApiError, InvalidInputError } from '../errors/api.errors';
import { importFileErrorStatus } from '../errors/error-status';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { TEMPORAL_CLIENT } from '../temporal/temporal.di-tokens';
import { ImportProgress, ImportProgressDto } from './import-progress';
import { ImportReportDto } from './import-report.dto';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** How long one import may send commands: 234 rows take well under a minute (bench/imports.ts). */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

/** A file over the limit is refused by the upload itself, before it is read: the import's file-level code. */
@Catch(PayloadTooLargeException)
class FileTooLargeFilter implements ExceptionFilter {
  catch(_: PayloadTooLargeException, host: ArgumentsHost): void {
    const message = `the file is larger than ${MAX_FILE_BYTES} bytes`;
    host.switchToHttp().getResponse<Response>().status(importFileErrorStatus['IMPORT.FILE_TOO_LARGE']).json({ code: 'IMPORT.FILE_TOO_LARGE', message, details: { maximum: MAX_FILE_BYTES } });
  }
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    @Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: RegulationCommandClient,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(apiConfig.KEY) private readonly config: ApiConfig,
    private readonly progress: ImportProgress,
  ) {}

  @Get('template.csv')
  @Access.authenticated()
  @ApiOperation({ summary: 'The import template as CSV (UTF-8, Vietnamese headings, one example row)', operationId: 'ImportTemplateCsv' })
  @ApiOkResponse({ description: 'mau-nhap-van-ban.csv', content: { 'text/csv': { schema: { type: 'string' } } } })
  templateCsv(@Res() res: Response): void {
    res.type('text/csv; charset=utf-8').attachment('mau-nhap-van-ban.csv').send(templateCsv());
  }

  @Get('template.xlsx')
  @Access.authenticated()
  @ApiOperation({ summary: 'The import template as XLSX (the sheet to fill and a sheet explaining each column)', operationId: 'ImportTemplateXlsx' })
  @ApiOkResponse({ description: 'mau-nhap-van-ban.xlsx', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  async templateXlsx(@Res() res: Response): Promise<void> {
    res.type(XLSX_TYPE).attachment('mau-nhap-van-ban.xlsx').send(await templateXlsx());
  }

  @Post()
  @HttpCode(200)
  @Access.roles('officer')
  @UseFilters(FileTooLargeFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Import a filled template (CSV or XLSX, multipart field "file"): a dry run checks it, a real run imports its valid rows',
    operationId: 'ImportRegulations',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOkResponse({ description: 'The report: counts (created, to_create, unchanged, refused) and each row with its coded errors', type: ImportReportDto })
  @ApiErrors('IMPORT.NOT_TEMPLATE', 'IMPORT.FILE_TOO_LARGE', 'IMPORT.FORMULAS', 'IMPORT.MACROS', 'IMPORT.EMPTY', 'COMMAND.INVALID')
  async upload(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @CommandHeadersParam() headers: CommandHeaders,
  ): Promise<ImportReportDto> {
    if (!file) throw new InvalidInputError('file', 'send the file as multipart/form-data in the field "file"');
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw new InvalidInputError('dryRun', 'must be true or false', 'QUERY.INVALID');
    const ports = databasePorts(this.dataSource, (regulationId, envelope) =>
      this.client.withDeadline(Date.now() + this.config.commandTimeoutMs, () => this.commands.execute(regulationId, envelope)),
    );
    const importId = importIdOf(file.buffer);
    const report = await this.client
      .withDeadline(Date.now() + IMPORT_TIMEOUT_MS, () =>
        runImport(file.buffer, ports, { dryRun: dryRun === 'true', actor: headers.actor, onProgress: (done, total) => this.progress.update(importId, done, total) }),
      )
      .finally(() => this.progress.finish(importId));
    // A file-level problem writes nothing: the answer is the refusal, the report in its details.
    const [first] = report.fileErrors;
    if (first) throw new ApiError(importFileErrorStatus[first.code], first.code, first.message, { ...first.details, report });
    return report;
  }

  @Get(':importId/progress')
  @Access.roles('officer')
  @ApiOperation({
    summary: 'How far a running import (of this api instance) has got: rows done out of the file\'s rows. The import id is the one its dry run reported.',
    operationId: 'ImportProgress',
  })
  @ApiParam({ name: 'importId', example: 'imp-3f2a9c0d1e4b5a67' })
  @ApiOkResponse({ type: ImportProgressDto })
  @ApiErrors('IMPORT.PROGRESS_NOT_FOUND')
  progressOf(@Param('importId') importId: string): ImportProgressDto {
    const progress = this.progress.get(importId);
    if (!progress) throw new ApiError(404, 'IMPORT.PROGRESS_NOT_FOUND', `no import ${importId} is running on this api instance`);
    return progress;
  }
}
