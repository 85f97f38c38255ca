/**
 * Reconciliation of log, projections and workflows for auditors: the report, and the repair of what the log makes
 * certain (see Reconciler in @app/event-store). The answers name streams, positions, versions and stages only.
 */
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Reconciler } from '@app/event-store';
import { Access } from '../auth/access.decorators';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { RECONCILE_PAGE_SIZE, ReconcileQueryDto } from './reconcile-query.dto';

const auditors = () => Access.roles('auditor');

const difference: SchemaObject = {
  type: 'object',
  required: ['code', 'streamId', 'position', 'remedy', 'detail'],
  properties: {
    code: { type: 'string', example: 'RECONCILE.STREAM_GAP' },
    streamId: { type: 'string' },
    position: { type: 'integer', nullable: true, description: 'The stream position where the difference starts' },
    remedy: { type: 'string', enum: ['rebuild_projection', 'catch_up_on_next_command', 'alarm'] },
    detail: { type: 'object', additionalProperties: true },
  },
};
const reportSchema: SchemaObject = {
  type: 'object',
  required: ['checked', 'differences', 'repaired', 'next'],
  properties: {
    checked: { type: 'integer' },
    differences: { type: 'array', items: difference },
    repaired: { type: 'array', items: difference },
    next: { type: 'string', nullable: true, description: 'Pass as `after` for the next page; null on the last page' },
  },
};

const options = (query: ReconcileQueryDto) =>
  query.regulation !== undefined
    ? { regulationId: query.regulation }
    : { after: query.after, limit: query.limit ?? RECONCILE_PAGE_SIZE };

@ApiTags('operations')
@Controller('reconcile')
export class ReconcileController {
  constructor(private readonly reconciler: Reconciler) {}

  @Get()
  @auditors()
  @ApiOperation({ summary: 'Compare the log, the projections and the workflow of one regulation or a page of them; report only', operationId: 'Reconcile' })
  @ApiOkResponse({ schema: reportSchema })
  @ApiErrors('QUERY.INVALID', 'REGULATION.NOT_FOUND')
  report(@Query() query: ReconcileQueryDto) {
    return this.reconciler.run(options(query));
  }

  @Post('repair')
  @HttpCode(200)
  @auditors()
  @ApiOperation({
    summary: 'Reconcile and rebuild from the log the projections of streams whose log is sound; a log behind its workflow opens a log_behind incident',
    operationId: 'RepairReconcile',
  })
  @ApiOkResponse({ schema: reportSchema })
  @ApiErrors('QUERY.INVALID', 'REGULATION.NOT_FOUND')
  repair(@Query() query: ReconcileQueryDto) {
    return this.reconciler.run({ ...options(query), repair: true });
  }
}
