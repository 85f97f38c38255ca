/**
 * The api's checks of unit codes against the administrative units table (libs/admin-units): a command's unit must be
 * known and valid on the command's date, a filter's or a token's units known. The table is the only list of units.
 */
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AdminUnit, AdminUnitsStore, UnitList, validOn } from '@app/admin-units';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import { ApiError } from '../errors/api.errors';
import { unitErrorStatus } from '../errors/error-status';

export class UnknownUnitError extends ApiError {
  constructor(field: string, codes: readonly string[]) {
    const shown = codes.map((code) => code.slice(0, 100)).slice(0, 10);
    super(unitErrorStatus['UNIT.UNKNOWN'], 'UNIT.UNKNOWN', `${field}: unknown administrative unit ${shown.join(', ')} (GET /catalogue lists the units)`, {
      field,
      unitCodes: shown,
    });
  }
}

export class UnitNotValidOnDateError extends ApiError {
  constructor(field: string, unit: AdminUnit, date: string) {
    super(
      unitErrorStatus['UNIT.NOT_VALID_ON_DATE'],
      'UNIT.NOT_VALID_ON_DATE',
      `${field}: ${unit.code} (${unit.name}) exists from ${unit.validFrom}${unit.validTo ? ` to ${unit.validTo}` : ''}, not on ${date}`,
      { field, unitCode: unit.code, date, validFrom: unit.validFrom, validTo: unit.validTo, endedBy: unit.endedBy },
    );
  }
}

export class NotAWardError extends ApiError {
  constructor(field: string, unit: AdminUnit) {
    super(unitErrorStatus['UNIT.NOT_A_WARD'], 'UNIT.NOT_A_WARD', `${field}: ${unit.code} (${unit.name}) is a ${unit.level}; regulations are made in a ward or commune`, {
      field,
      unitCode: unit.code,
      level: unit.level,
    });
  }
}

/** How long the names of the units are served before they are read again (in the background): a rename by an import shows within it. */
const NAMES_TTL_MS = 60_000;

@Injectable()
export class AdminUnitsService implements OnModuleInit {
  private readonly logger = new Logger(AdminUnitsService.name);
  private readonly store: AdminUnitsStore;
  /** Codes seen in the table: units are never deleted (an ended one keeps its row), so a known code stays known. */
  private readonly known = new Set<string>();
  /** Names by code, for views: read at start, then again when older than NAMES_TTL_MS, without making a view wait. */
  private nameOf = new Map<string, string>();
  private namesReadAt = 0;
  private namesReading: Promise<void> | null = null;

  constructor(@Inject(EVENT_STORE_DATA_SOURCE) dataSource: DataSource) {
    this.store = new AdminUnitsStore(dataSource);
  }

  async onModuleInit(): Promise<void> {
    await this.readNames();
  }

  /** Every unit, reorganization and succession, as the catalogue shows them. */
  list(): Promise<UnitList> {
    return this.store.list();
  }

  /** Names by code, for views (a code the table lacks maps to itself). */
  async names(codes: Iterable<string>): Promise<Map<string, string>> {
    if (Date.now() - this.namesReadAt > NAMES_TTL_MS) void this.readNames();
    const wanted = [...new Set(codes)];
    const missing = wanted.filter((code) => !this.nameOf.has(code));
    if (missing.length > 0) for (const unit of await this.store.units(missing)) this.nameOf.set(unit.code, unit.name);
    return new Map(wanted.map((code) => [code, this.nameOf.get(code) ?? code]));
  }

  private readNames(): Promise<void> {
    this.namesReading ??= this.store
      .units()
      .then((units) => {
        this.nameOf = new Map(units.map((unit) => [unit.code, unit.name]));
        this.namesReadAt = Date.now();
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not read the unit names; the ones read before are kept'))
      .finally(() => (this.namesReading = null));
    return this.namesReading;
  }

  /** Refuses codes the table does not hold (`UNIT.UNKNOWN`). */
  async requireKnown(field: string, codes: readonly string[]): Promise<void> {
    const unknown = await this.unknownOf(codes);
    if (unknown.length > 0) throw new UnknownUnitError(field, unknown);
  }

  /** The codes the table does not hold. */
  async unknownOf(codes: readonly string[]): Promise<string[]> {
    const asked = codes.filter((code) => !this.known.has(code));
    if (asked.length === 0) return [];
    for (const unit of await this.store.units(asked)) this.known.add(unit.code);
    return asked.filter((code) => !this.known.has(code));
  }

  /**
   * The ward or commune a regulation is made in: refuses a unit the table does not hold (`UNIT.UNKNOWN`), one of
   * another level (`UNIT.NOT_A_WARD`) and one that does not exist on `date` (`UNIT.NOT_VALID_ON_DATE`).
   */
  async requireWardOn(field: string, code: string, date: string): Promise<AdminUnit> {
    const unit = await this.store.unit(code);
    if (!unit) throw new UnknownUnitError(field, [code]);
    if (unit.level !== 'ward' && unit.level !== 'commune') throw new NotAWardError(field, unit);
    if (!validOn(unit, date)) throw new UnitNotValidOnDateError(field, unit, date);
    return unit;
  }
}
