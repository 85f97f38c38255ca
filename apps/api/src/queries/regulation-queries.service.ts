/** The regulation queries: list with filters and cursor pages, one regulation now, and one as of a past date. */
import { Injectable } from '@nestjs/common';
import { isCivilDate, readableWards, RegulationNotFoundError, Stage } from '@app/domain';
import { RegulationIncidents } from '@app/event-store';
import type { Principal } from '../auth/principal';
import { InvalidInputError } from '../errors/api.errors';
import { AdminUnitsService } from '../units/admin-units.service';
import { isRegulationId } from '../http/field.decorators';
import type { AsOfQueryDto, ListRegulationsQueryDto } from './regulation-query.dto';
import { PageKey, RegulationReadRepository } from './regulation-read.repository';
import { IncidentDto, RegulationAsOfDto, RegulationDetailDto, RegulationPageDto, stages } from './regulation-view.dto';
import { toRegulationDetail, toRegulationSummary } from './regulation-view.mapper';

const DEFAULT_PAGE_SIZE = 20;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

@Injectable()
export class RegulationQueriesService {
  constructor(
    private readonly regulations: RegulationReadRepository,
    private readonly incidents: RegulationIncidents,
    private readonly units: AdminUnitsService,
  ) {}

  /** The list, restricted to the wards the caller reads (the access guard has refused a `ward` outside them). */
  async list(query: ListRegulationsQueryDto, principal: Principal): Promise<RegulationPageDto> {
    const { rows, next } = await this.regulations.list({
      ward: query.ward,
      wards: readableWards(principal) ?? undefined,
      kind: query.kind,
      stages: parseStages(query.stage),
      q: query.q?.trim() || undefined,
      dueBefore: query.dueBefore,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    return { items: rows.map(toRegulationSummary), nextCursor: next && encodeCursor(next) };
  }

  private async wardName(code: string): Promise<string> {
    return (await this.units.names([code])).get(code)!;
  }

  async detail(regulationId: string): Promise<RegulationDetailDto> {
    const view = await this.regulations.current(regulationId);
    if (!view) throw new RegulationNotFoundError(regulationId);
    return { ...toRegulationDetail(view.state, view.record, view.entries, await this.wardName(view.state.wardCode)), incidents: await this.openIncidents(regulationId) };
  }

  async asOf(regulationId: string, { date }: AsOfQueryDto): Promise<RegulationAsOfDto> {
    if (!isCivilDate(date) && !isInstant(date)) {
      throw new InvalidInputError('date', 'must be a date YYYY-MM-DD or an ISO 8601 instant', 'QUERY.INVALID');
    }
    const view = await this.regulations.asOf(regulationId, date);
    if (!view) throw new RegulationNotFoundError(regulationId);
    return {
      asOf: date,
      ...toRegulationDetail(view.state, view.record, view.entries, await this.wardName(view.state.wardCode)),
      incidents: await this.openIncidents(regulationId),
    };
  }

  private async openIncidents(regulationId: string): Promise<IncidentDto[]> {
    return (await this.incidents.openOf(regulationId)).map(({ kind, code, attempts, openedAt, lastSeenAt }) => ({
      kind,
      code,
      attempts,
      openedAt,
      lastSeenAt,
    }));
  }
}

/** An ISO 8601 instant with a real calendar date (Date.parse alone accepts 31 February). */
function isInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && isCivilDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

function parseStages(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim());
  const unknown = list.find((s) => !stages.includes(s as Stage));
  if (unknown !== undefined) throw new InvalidInputError('stage', `unknown stage "${unknown}"`, 'QUERY.INVALID');
  return list;
}

function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.regulationId])).toString('base64url');
}

function decodeCursor(cursor: string): PageKey {
  try {
    const [createdAt, regulationId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof regulationId === 'string' && isInstant(createdAt) && isRegulationId(regulationId)) {
      return { createdAt, regulationId };
    }
  } catch {
    // falls through to the refusal
  }
  throw new InvalidInputError('cursor', 'is not a cursor this api gave out', 'QUERY.INVALID');
}
