/** Summary reports: list, fetch, export (JSON, CSV, XLSX), and the supervisors' schedule commands. */
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { summaryKinds } from '../../../../workflows/summary.messages';
import type { Response } from 'express';
import { ReportsService, requireKind } from './reports.service';
import { ReportingErrorFilter } from './reporting-error.filter';
import { Access } from '../auth/access.decorators';
import { InvalidInputError } from '../errors/api.errors';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { exportTypes } from './reports.service';

/** Reports cover every ward: the steering committee and the auditors read them; the committee runs them. */
const readers = () => Access.roles('supervisor', 'auditor');
const operators = () => Access.roles('supervisor');

// OpenAPI: the answers' shapes are the reporting library's (see README "Reports"), documented as open objects.
const anObject = { type: 'object', additionalProperties: true } as const;
const kindParam = ApiParam({ name: 'kind', enum: [...summaryKinds] });
const noteBody = ApiBody({
  required: false,
  schema: { type: 'object', properties: { note: { type: 'string', maxLength: 500, description: 'Shown on the schedule' } } },
});

@ApiTags('reports')
@UseFilters(ReportingErrorFilter)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @readers()
  @ApiOperation({ summary: 'Stored 6-month and annual summaries, newest period first', operationId: 'ListReports' })
  @ApiQuery({ name: 'kind', required: false, enum: [...summaryKinds] })
  @ApiOkResponse({ schema: { type: 'array', items: anObject } })
  @ApiErrors('REPORT.INVALID_KIND')
  list(@Query('kind') kind?: string) {
    return this.reports.list(kind);
  }

  @Get('schedules')
  @readers()
  @ApiOperation({ summary: 'Both summary schedules: paused, next runs, recent runs, running ones with progress', operationId: 'DescribeSchedules' })
  @ApiOkResponse({ schema: { type: 'array', items: anObject } })
  @ApiErrors('REPORT.SCHEDULE_NOT_FOUND')
  schedules() {
    return this.reports.describeSchedules();
  }

  @Get('runs/:workflowId')
  @readers()
  @ApiOperation({ summary: 'One summary run: status, phase and progress', operationId: 'DescribeRun' })
  @ApiOkResponse({ schema: anObject })
  @ApiErrors('REPORT.RUN_NOT_FOUND')
  run(@Param('workflowId') workflowId: string) {
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
  @ApiAcceptedResponse({ schema: anObject, description: 'The run (its workflow id is the report id) and the period' })
  @ApiErrors('REPORT.INVALID_KIND', 'REPORT.INVALID_PERIOD')
  startRun(@Body() body: { kind?: string; periodStart?: string }) {
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
  @ApiAcceptedResponse({ schema: anObject })
  @ApiErrors('REPORT.INVALID_KIND', 'REPORT.SCHEDULE_NOT_FOUND')
  async trigger(@Param('kind') kind: string) {
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
  @ApiAcceptedResponse({ schema: anObject, description: 'The nominal times of the runs' })
  @ApiErrors('REPORT.INVALID_KIND', 'REPORT.INVALID_PERIOD', 'REPORT.SCHEDULE_NOT_FOUND')
  async backfill(@Param('kind') kind: string, @Body() body: { fromYear?: unknown; toYear?: unknown }) {
    const fromYear = Number(body?.fromYear);
    const toYear = Number(body?.toYear);
    if (!Number.isInteger(fromYear)) throw new InvalidInputError('fromYear', 'must be a year', 'REPORT.INVALID_PERIOD');
    if (!Number.isInteger(toYear)) throw new InvalidInputError('toYear', 'must be a year', 'REPORT.INVALID_PERIOD');
    const scheduledTimes = await this.reports.schedules.backfill(requireKind(kind), fromYear, toYear);
    return { kind, fromYear, toYear, scheduledTimes };
  }

  @Get(':id')
  @readers()
  @ApiOperation({ summary: 'One report: its canonical JSON bytes (X-Content-Hash is their sha256)', operationId: 'GetReport' })
  @ApiParam({ name: 'id', example: 'semiannual-2025-h1' })
  @ApiOkResponse({ content: { 'application/json': { schema: anObject } } })
  @ApiErrors('REPORT.NOT_FOUND')
  async get(@Param('id') id: string, @Res() res: Response) {
    const doc = await this.reports.get(id);
    res
      .status(200)
      .set({ 'Content-Type': 'application/json; charset=utf-8', ETag: `"${doc.contentHash}"`, 'X-Content-Hash': doc.contentHash })
      .set('X-Computed-At-Position', doc.computedAtPosition)
      .send(doc.bytes);
  }

  @Get(':id/export/:format')
  @readers()
  @ApiOperation({ summary: 'Download a report as json, csv or xlsx', operationId: 'ExportReport' })
  @ApiParam({ name: 'id', example: 'semiannual-2025-h1' })
  @ApiParam({ name: 'format', enum: Object.keys(exportTypes) })
  @ApiOkResponse({
    content: {
      'application/json': { schema: anObject },
      'text/csv': { schema: { type: 'string' } },
      [exportTypes.xlsx]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors('REPORT.INVALID_FORMAT', 'REPORT.NOT_FOUND')
  async export(@Param('id') id: string, @Param('format') format: string, @Res() res: Response) {
    const file = await this.reports.export(id, format);
    res
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'X-Content-Hash': file.hash,
      })
      .send(file.body);
  }
}

/** The optional note of a pause or resume: text of at most 500 characters. */
function noteOf(body: { note?: unknown } | undefined): string | undefined {
  const note = body?.note;
  if (note === undefined) return undefined;
  if (typeof note !== 'string' || note.length > 500) throw new InvalidInputError('note', 'must be text of at most 500 characters');
  return note;
}
