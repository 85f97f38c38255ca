/**
 * Summary reports: list, fetch, export (JSON, CSV, XLSX) the first-published ones, restate a closed period at a
 * later position, and the supervisors' schedule commands.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { summaryKinds } from '../../../../workflows/summary.messages';
import type { Response } from 'express';
import { ReportsService, requireKind } from './reports.service';
import { ReportingErrorFilter } from './reporting-error.filter';
import { Access } from '../auth/access.decorators';
import { InvalidInputError } from '../errors/api.errors';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { ExportFile, exportTypes } from './reports.service';
import {
  BackfillDto,
  ReportRunDto,
  RestatedReportDto,
  RunStartedDto,
  ScheduleDto,
  StoredReportDto,
  SummaryReportDto,
  TriggeredDto,
} from './reports.dto';

/** Reports cover every ward: the steering committee and the auditors read them; the committee runs them. */
const readers = () => Access.roles('supervisor', 'auditor');
const operators = () => Access.roles('supervisor');

// OpenAPI: the answers' shapes are the reporting library's (see README "Reports"), as DTOs in reports.dto.ts.
const kindParam = ApiParam({ name: 'kind', enum: [...summaryKinds] });
const periodIdParam = ApiParam({ name: 'id', description: 'The period: annual-YYYY or semiannual-YYYY-h1|h2', example: 'annual-2019' });
const positionQuery = ApiQuery({
  name: 'position',
  required: false,
  description:
    "Knowledge position (a global position of the event log) to restate at; default: the log's current position. " +
    'Refused when the log has not reached it or when it was taken before the period ended.',
  example: '1200',
});
const exportContent = (json: typeof SummaryReportDto | typeof RestatedReportDto) => ({
  'application/json': { schema: { $ref: getSchemaPath(json) } },
  'text/csv': { schema: { type: 'string' } },
  [exportTypes.xlsx]: { schema: { type: 'string', format: 'binary' } },
});
const noteBody = ApiBody({
  required: false,
  schema: { type: 'object', properties: { note: { type: 'string', maxLength: 500, description: 'Shown on the schedule' } } },
});

@ApiTags('reports')
@ApiExtraModels(SummaryReportDto, RestatedReportDto)
@UseFilters(ReportingErrorFilter)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @readers()
  @ApiOperation({ summary: 'Stored 6-month and annual summaries, newest period first', operationId: 'ListReports' })
  @ApiQuery({ name: 'kind', required: false, enum: [...summaryKinds] })
  @ApiOkResponse({ type: [StoredReportDto] })
  @ApiErrors('REPORT.INVALID_KIND')
  list(@Query('kind') kind?: string): Promise<StoredReportDto[]> {
    return this.reports.list(kind);
  }

  @Get('schedules')
  @readers()
  @ApiOperation({ summary: 'Both summary schedules: paused, next runs, recent runs, running ones with progress', operationId: 'DescribeSchedules' })
  @ApiOkResponse({ type: [ScheduleDto] })
  @ApiErrors('REPORT.SCHEDULE_NOT_FOUND')
  schedules(): Promise<ScheduleDto[]> {
    return this.reports.describeSchedules();
  }

  @Get('runs/:workflowId')
  @readers()
  @ApiOperation({ summary: 'One summary run: status, phase and progress', operationId: 'DescribeRun' })
  @ApiOkResponse({ type: ReportRunDto })
  @ApiErrors('REPORT.RUN_NOT_FOUND')
  run(@Param('workflowId') workflowId: string): Promise<ReportRunDto> {
    return this.reports.run(workflowId);
  }

  @Post('runs')
  @HttpCode(202)
  @operators()
  @ApiOperation({ summary: 'Compute (or re-verify) the report of one period: {kind, periodStart}', operationId: 'StartRun' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'periodStart'],
      properties: { kind: { type: 'string', enum: [...summaryKinds] }, periodStart: { type: 'string', format: 'date', example: '2025-01-01' } },
    },
  })
  @ApiAcceptedResponse({ type: RunStartedDto, description: 'The run (its workflow id is the report id) and the period' })
  @ApiErrors('REPORT.INVALID_KIND', 'REPORT.INVALID_PERIOD', 'REPORT.PERIOD_NOT_CLOSED')
  startRun(@Body() body: { kind?: string; periodStart?: string }): Promise<RunStartedDto> {
    return this.reports.startRun(String(body?.kind ?? ''), String(body?.periodStart ?? ''));
  }

  @Post('schedules/:kind/pause')
  @HttpCode(204)
  @operators()
  @ApiOperation({ summary: 'Pause a summary schedule', operationId: 'PauseSchedule' })
  @kindParam
  @noteBody
  @ApiNoContentResponse({ description: 'Paused' })
  @ApiErrors('REPORT.INVALID_KIND', 'COMMAND.INVALID', 'REPORT.SCHEDULE_NOT_FOUND')
  async pause(@Param('kind') kind: string, @Body() body: { note?: unknown }) {
    await this.reports.schedules.pause(requireKind(kind), noteOf(body));
  }

  @Post('schedules/:kind/resume')
  @HttpCode(204)
  @operators()
  @ApiOperation({ summary: 'Resume a paused summary schedule', operationId: 'ResumeSchedule' })
  @kindParam
  @noteBody
  @ApiNoContentResponse({ description: 'Resumed' })
  @ApiErrors('REPORT.INVALID_KIND', 'COMMAND.INVALID', 'REPORT.SCHEDULE_NOT_FOUND')
  async resume(@Param('kind') kind: string, @Body() body: { note?: unknown }) {
    await this.reports.schedules.resume(requireKind(kind), noteOf(body));
  }

  @Post('schedules/:kind/trigger')
  @HttpCode(202)
  @operators()
  @ApiOperation({ summary: 'Run a summary schedule now: the latest closed period', operationId: 'TriggerSchedule' })
  @kindParam
  @ApiAcceptedResponse({ type: TriggeredDto })
  @ApiErrors('REPORT.INVALID_KIND', 'REPORT.SCHEDULE_NOT_FOUND')
  async trigger(@Param('kind') kind: string): Promise<TriggeredDto> {
    await this.reports.schedules.trigger(requireKind(kind));
    return { triggered: kind };
  }

  @Post('schedules/:kind/backfill')
  @HttpCode(202)
  @operators()
  @ApiOperation({ summary: 'Run the schedule for the periods of fromYear…toYear, oldest first', operationId: 'BackfillSchedule' })
  @kindParam
  @ApiBody({
    schema: {
      type: 'object',
      required: ['fromYear', 'toYear'],
      properties: { fromYear: { type: 'integer', example: 2024 }, toYear: { type: 'integer', example: 2025 } },
    },
  })
  @ApiAcceptedResponse({ type: BackfillDto, description: 'The nominal times of the runs' })
  @ApiErrors('REPORT.INVALID_KIND', 'REPORT.INVALID_PERIOD', 'REPORT.SCHEDULE_NOT_FOUND')
  async backfill(@Param('kind') kind: string, @Body() body: { fromYear?: unknown; toYear?: unknown }): Promise<BackfillDto> {
    const fromYear = Number(body?.fromYear);
    const toYear = Number(body?.toYear);
    if (!Number.isInteger(fromYear)) throw new InvalidInputError('fromYear', 'must be a year', 'REPORT.INVALID_PERIOD');
    if (!Number.isInteger(toYear)) throw new InvalidInputError('toYear', 'must be a year', 'REPORT.INVALID_PERIOD');
    const scheduledTimes = await this.reports.schedules.backfill(requireKind(kind), fromYear, toYear);
    return { kind, fromYear, toYear, scheduledTimes };
  }

  @Get(':id')
  @readers()
  @ApiOperation({
    summary: 'The first-published report of a period (the scheduled run\'s, frozen): its canonical JSON bytes (X-Content-Hash is their sha256)',
    operationId: 'GetReport',
  })
  @ApiParam({ name: 'id', example: 'semiannual-2025-h1' })
  @ApiOkResponse({ type: SummaryReportDto })
  @ApiErrors('REPORT.NOT_FOUND')
  async get(@Param('id') id: string, @Res() res: Response) {
    const doc = await this.reports.get(id);
    sendReport(res, doc.bytes, doc.contentHash, 'first-published', doc.computedAtPosition);
  }

  @Get(':id/restated')
  @readers()
  @ApiOperation({
    summary:
      'The period restated at a later position: every fact counted by its legal date, with the facts and figures that differ ' +
      'from the first-published report (restatement). Computed on request; the same position gives the same bytes.',
    operationId: 'GetRestatedReport',
  })
  @periodIdParam
  @positionQuery
  @ApiOkResponse({ type: RestatedReportDto })
  @ApiErrors(
    'REPORT.INVALID_PERIOD',
    'REPORT.INVALID_POSITION',
    'REPORT.PERIOD_NOT_CLOSED',
    'REPORT.POSITION_NOT_REACHED',
    'REPORT.POSITION_BEFORE_PERIOD_END',
  )
  async restated(@Param('id') id: string, @Query('position') position: string | undefined, @Res() res: Response) {
    const doc = await this.reports.restated(id, position);
    sendReport(res, doc.bytes, doc.contentHash, 'restated', doc.computedAtPosition);
  }

  @Get(':id/export/:format')
  @readers()
  @ApiOperation({ summary: 'Download the first-published report as json, csv or xlsx', operationId: 'ExportReport' })
  @ApiParam({ name: 'id', example: 'semiannual-2025-h1' })
  @ApiParam({ name: 'format', enum: Object.keys(exportTypes) })
  @ApiOkResponse({ content: exportContent(SummaryReportDto) })
  @ApiErrors('REPORT.INVALID_FORMAT', 'REPORT.NOT_FOUND')
  async export(@Param('id') id: string, @Param('format') format: string, @Res() res: Response) {
    sendFile(res, await this.reports.export(id, format));
  }

  @Get(':id/restated/export/:format')
  @readers()
  @ApiOperation({ summary: 'Download the period restated at a position as json, csv or xlsx', operationId: 'ExportRestatedReport' })
  @periodIdParam
  @ApiParam({ name: 'format', enum: Object.keys(exportTypes) })
  @positionQuery
  @ApiOkResponse({ content: exportContent(RestatedReportDto) })
  @ApiErrors(
    'REPORT.INVALID_FORMAT',
    'REPORT.INVALID_PERIOD',
    'REPORT.INVALID_POSITION',
    'REPORT.PERIOD_NOT_CLOSED',
    'REPORT.POSITION_NOT_REACHED',
    'REPORT.POSITION_BEFORE_PERIOD_END',
  )
  async exportRestated(
    @Param('id') id: string,
    @Param('format') format: string,
    @Query('position') position: string | undefined,
    @Res() res: Response,
  ) {
    sendFile(res, await this.reports.exportRestated(id, format, position));
  }
}

/** A report's canonical JSON with the headers that say which one it is: hash, edition, position. */
function sendReport(res: Response, bytes: string, hash: string, edition: string, position: string): void {
  res
    .status(200)
    .set({ 'Content-Type': 'application/json; charset=utf-8', ETag: `"${hash}"`, 'X-Content-Hash': hash })
    .set({ 'X-Report-Edition': edition, 'X-Computed-At-Position': position })
    .send(bytes);
}

function sendFile(res: Response, file: ExportFile): void {
  res
    .status(200)
    .set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'X-Content-Hash': file.hash,
      'X-Report-Edition': file.edition,
      'X-Computed-At-Position': file.position,
    })
    .send(file.body);
}

/** The optional note of a pause or resume: text of at most 500 characters. */
function noteOf(body: { note?: unknown } | undefined): string | undefined {
  const note = body?.note;
  if (note === undefined) return undefined;
  if (typeof note !== 'string' || note.length > 500) throw new InvalidInputError('note', 'must be text of at most 500 characters');
  return note;
}
