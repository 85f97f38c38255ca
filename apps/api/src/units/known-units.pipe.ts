/** Refuses a query whose `ward` filter names a unit the administrative units table does not hold (`UNIT.UNKNOWN`), before the handler runs. */
import { Injectable, PipeTransform } from '@nestjs/common';
import { AdminUnitsService } from './admin-units.service';

/** The codes of a `ward` parameter: one value or several (repeated), each one code or several separated by commas. */
export function unitCodesOf(value: unknown): unknown[] {
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
}

@Injectable()
export class KnownWardFilterPipe implements PipeTransform {
  constructor(private readonly units: AdminUnitsService) {}

  async transform<T extends { ward?: string | string[] }>(query: T): Promise<T> {
    await this.units.requireKnown('ward', unitCodesOf(query.ward) as string[]);
    return query;
  }
}
