/** Regulation queries, served from the PostgreSQL projections only (they answer while Temporal or the workers are down). */
import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { RegulationIdPipe } from '../http/regulation-id.pipe';
import { VersionEtagInterceptor } from '../http/version-etag.interceptor';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { KnownWardFilterPipe } from '../units/known-units.pipe';
import { AsOfQueryDto, ListRegulationsQueryDto } from './regulation-query.dto';
import { RegulationQueriesService } from './regulation-queries.service';
import { RegulationAsOfDto, RegulationDetailDto, RegulationPageDto } from './regulation-view.dto';

const notModified = ApiResponse({ status: 304, description: 'Not modified: If-None-Match matched the ETag' });

@ApiTags('queries')
@Controller('regulations')
export class RegulationQueriesController {
  constructor(private readonly queries: RegulationQueriesService) {}

  @Get()
  @Access.regulationList()
  @ApiOperation({ summary: 'List regulations of the caller’s wards, newest first, filtered, one cursor page at a time' })
  @ApiOkResponse({ type: RegulationPageDto, description: 'A page; ETag on its content' })
  @ApiErrors('QUERY.INVALID', 'UNIT.UNKNOWN')
  @notModified
  list(@Query(KnownWardFilterPipe) query: ListRegulationsQueryDto, @CurrentPrincipal() principal: Principal): Promise<RegulationPageDto> {
    return this.queries.list(query, principal);
  }

  @Get(':id')
  @Access.regulationRead()
  @UseInterceptors(VersionEtagInterceptor)
  @ApiOperation({ summary: 'One regulation: current text, revisions, comments with dispositions, votes, dossier, timeline, allowed actions' })
  @ApiParam({ name: 'id', description: 'Regulation id', example: 'hang-bac-tdp3-nep-song-van-minh' })
  @ApiOkResponse({ type: RegulationDetailDto, description: 'ETag is the version, e.g. "3"' })
  @ApiErrors('REGULATION.NOT_FOUND')
  @notModified
  detail(@Param('id', RegulationIdPipe) id: string): Promise<RegulationDetailDto> {
    return this.queries.detail(id);
  }

  @Get(':id/as-of')
  @Access.regulationRead()
  @UseInterceptors(VersionEtagInterceptor)
  @ApiOperation({ summary: 'The regulation as it stood at a date: a fold of its events up to then' })
  @ApiParam({ name: 'id', description: 'Regulation id', example: 'hang-bac-tdp3-nep-song-van-minh' })
  @ApiOkResponse({ type: RegulationAsOfDto })
  @ApiErrors('REGULATION.NOT_FOUND', 'QUERY.INVALID')
  @notModified
  asOf(@Param('id', RegulationIdPipe) id: string, @Query() query: AsOfQueryDto): Promise<RegulationAsOfDto> {
    return this.queries.asOf(id, query);
  }
}
