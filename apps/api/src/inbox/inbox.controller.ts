/** The supervisors' inbox: pending approval tasks of the caller's wards, their counts, and a live stream of changes. */
import { Controller, Get, MessageEvent, Query, Req, Sse } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { finalize, Observable } from 'rxjs';
import { Access, CurrentPrincipal, TokenExpiresAt } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { StreamSlots } from '../auth/rate-limits';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { KnownWardFilterPipe } from '../units/known-units.pipe';
import { InboxFilterQueryDto, InboxStreamQueryDto, ListInboxQueryDto } from './inbox-query.dto';
import { InboxService } from './inbox.service';
import { InboxCountsDto, InboxPageDto, TaskChangeDto } from './inbox-view.dto';

const notModified = ApiResponse({ status: 304, description: 'Not modified: If-None-Match matched the ETag' });

/** Every role reads the inbox of its wards (supervisors and auditors: every ward); the ward filter may not leave them. */
const readers = () => Access.authenticated();

@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly slots: StreamSlots,
  ) {}

  @Get()
  @readers()
  @ApiOperation({ summary: 'Pending approval tasks of the caller’s wards, filtered and sorted, one cursor page at a time', operationId: 'ListInbox' })
  @ApiOkResponse({ type: InboxPageDto, description: 'A page; ETag on its content' })
  @ApiErrors('QUERY.INVALID', 'AUTH.FORBIDDEN', 'UNIT.UNKNOWN')
  @notModified
  page(@Query(KnownWardFilterPipe) query: ListInboxQueryDto, @CurrentPrincipal() principal: Principal): Promise<InboxPageDto> {
    return this.inbox.page(query, principal);
  }

  @Get('counts')
  @readers()
  @ApiOperation({ summary: 'Pending approval tasks counted by aging bucket and by ward, with the filters of GET /inbox', operationId: 'CountInbox' })
  @ApiOkResponse({ type: InboxCountsDto, description: 'ETag on its content' })
  @ApiErrors('QUERY.INVALID', 'AUTH.FORBIDDEN', 'UNIT.UNKNOWN')
  @notModified
  counts(@Query(KnownWardFilterPipe) query: InboxFilterQueryDto, @CurrentPrincipal() principal: Principal): Promise<InboxCountsDto> {
    return this.inbox.counts(query, principal);
  }

  @Sse('stream')
  @readers()
  @ApiOperation({
    summary: 'Server-Sent Events: the inbox’s changes in the caller’s wards, live (send the bearer token; read it with fetch)',
    operationId: 'StreamInbox',
  })
  @ApiExtraModels(TaskChangeDto)
  @ApiOkResponse({
    description: [
      'Ends when the bearer token expires (or the api stops); a client holds a few streams at once (API_STREAMS_PER_CLIENT, then 429). Messages:',
      '`event: ready` with `data: {"today": "YYYY-MM-DD"}` once listening, and again whenever changes may have been missed: reload GET /inbox then;',
      `\`event: task\` with \`data:\` a \`${getSchemaPath(TaskChangeDto)}\` as JSON per change of a task in the stream’s wards;`,
      '`: keep-alive` every 15 s;',
      '`event: expired` with `data: {"expiredAt": ISO time}` when the token expires, then the stream closes: reconnect with a fresh token.',
    ].join(' '),
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiErrors('QUERY.INVALID', 'AUTH.FORBIDDEN', 'UNIT.UNKNOWN')
  stream(
    @Query(KnownWardFilterPipe) query: InboxStreamQueryDto,
    @CurrentPrincipal() principal: Principal,
    @TokenExpiresAt() expiresAt: number,
    @Req() req: Request,
  ): Observable<MessageEvent> {
    const events$ = this.inbox.stream(query, principal, expiresAt);
    const release = this.slots.acquire(principal.id);
    // Nest never subscribes when the client left before the handler returned: the request's close frees the slot too.
    req.once('close', release);
    if (req.destroyed) release();
    return events$.pipe(finalize(release));
  }
}
