/** Summary reports: list, fetch, export (JSON, CSV, XLSX), and the supervisors' schedule commands. */
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReportsService, requireKind } from './reports.service';
import { ReportingErrorFilter } from './reporting-error.filter';
import { SupervisorGuard } from './supervisor.guard';
import { InvalidInputError } from '../errors/api.errors';

@ApiTags('reports')
@UseFilters(ReportingErrorFilter)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({ summary: 'Stored 6-month and annual summaries, newest period first' })
  list(@Query('kind') kind?: string) {
    return this.reports.list(kind);
  }

  @Get('schedules')
  @ApiOperation({ summary: 'Both summary schedules: paused, next runs, recent runs, running ones with progress' })
  schedules() {
    return this.reports.describeSchedules();
  }

  @Get('runs/:workflowId')
  @ApiOperation({ summary: 'One summary run: status, phase and progress' })
  run(@Param('workflowId') workflowId: string) {
    return this.reports.run(workflowId);
  }

  @Post('runs')
  @HttpCode(202)
  @UseGuards(SupervisorGuard)
  @ApiOperation({ summary: 'Compute (or re-verify) the report of one period: {kind, periodStart}' })
  startRun(@Body() body: { kind?: string; periodStart?: string }) {
    return this.reports.startRun(String(body?.kind ?? ''), String(body?.periodStart ?? ''));
  }

  @Post('schedules/:kind/pause')
  @HttpCode(204)
  @UseGuards(SupervisorGuard)
  async pause(@Param('kind') kind: string, @Body() body: { note?: string }) {
    await this.reports.schedules.pause(requireKind(kind), body?.note);
  }

  @Post('schedules/:kind/resume')
  @HttpCode(204)
  @UseGuards(SupervisorGuard)
  async resume(@Param('kind') kind: string, @Body() body: { note?: string }) {
    await this.reports.schedules.resume(requireKind(kind), body?.note);
  }

  @Post('schedules/:kind/trigger')
  @HttpCode(202)
  @UseGuards(SupervisorGuard)
  async trigger(@Param('kind') kind: string) {
    await this.reports.schedules.trigger(requireKind(kind));
    return { triggered: kind };
  }

  @Post('schedules/:kind/backfill')
  @HttpCode(202)
  @UseGuards(SupervisorGuard)
  @ApiOperation({ summary: 'Run the schedule for the periods of fromYear…toYear, oldest first' })
  async backfill(@Param('kind') kind: string, @Body() body: { fromYear?: unknown; toYear?: unknown }) {
    const fromYear = Number(body?.fromYear);
    const toYear = Number(body?.toYear);
    if (!Number.isInteger(fromYear)) throw new InvalidInputError('fromYear', 'must be a year', 'REPORT.INVALID_PERIOD');
    if (!Number.isInteger(toYear)) throw new InvalidInputError('toYear', 'must be a year', 'REPORT.INVALID_PERIOD');
    const scheduledTimes = await this.reports.schedules.backfill(requireKind(kind), fromYear, toYear);
    return { kind, fromYear, toYear, scheduledTimes };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report: its canonical JSON bytes (X-Content-Hash is their sha256)' })
  async get(@Param('id') id: string, @Res() res: Response) {
    const doc = await this.reports.get(id);
    res
      .status(200)
      .set({ 'Content-Type': 'application/json; charset=utf-8', ETag: `"${doc.contentHash}"`, 'X-Content-Hash': doc.contentHash })
      .set('X-Computed-At-Position', doc.computedAtPosition)
      .send(doc.bytes);
  }

  @Get(':id/export/:format')
  @ApiOperation({ summary: 'Download a report as json, csv or xlsx' })
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
