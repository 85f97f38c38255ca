/**
 * The list of administrative units as a file states it (`reglife-admin-units/1`, see libs/admin-units/data/README.md):
 * units with their validity, the reorganizations that ended them and their successions. Pure: parsing and the rules a
 * list must keep, with a stable code per refusal; nothing here reads or writes the database.
 */
import { UNIT_CODE_PATTERN } from '@app/domain';

export const unitLevels = ['province', 'district', 'ward', 'commune'] as const;
export type UnitLevel = (typeof unitLevels)[number];
export const successionShares = ['whole', 'part'] as const;
export type SuccessionShare = (typeof successionShares)[number];

/** Codes are kebab-case ASCII (the domain's UNIT_CODE_PATTERN): `hang-bac`, `hoan-kiem-2025` (a name reused by a unit created in 2025 carries the year). */
const UNIT_CODE = UNIT_CODE_PATTERN;
const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMAT = 'reglife-admin-units/1';

export interface Reorganization {
  id: string;
  /** The legal text, its number and date, in Vietnamese. */
  basis: string;
  effectiveOn: string;
  confirmed: boolean;
  note: string | null;
}

export interface AdminUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parent: string | null;
  validFrom: string;
  /** The last day the unit existed (inclusive); null while it exists. */
  validTo: string | null;
  /** The statistics office's numeric code, when found. */
  gsoCode: string | null;
  gsoCodeConfirmed: boolean;
  /** The reorganization that ended it. */
  endedBy: string | null;
  note: string | null;
}

export interface Succession {
  from: string;
  to: string;
  share: SuccessionShare;
  /** The one successor that takes the dissolved unit's regulations. */
  receivesRegulations: boolean;
  reorganization: string;
  /** Where in the reorganization's text, e.g. `art. 1(2)`; null when not read. */
  clause: string | null;
  confirmed: boolean;
  note: string | null;
}

export interface UnitList {
  reorganizations: Reorganization[];
  units: AdminUnit[];
  successions: Succession[];
}

export type UnitListProblemCode =
  | 'UNITS.FILE_INVALID'
  | 'UNIT.DUPLICATE_CODE'
  | 'UNIT.VALID_TO_BEFORE_VALID_FROM'
  | 'UNIT.UNKNOWN_PARENT'
  | 'UNIT.PARENT_CYCLE'
  | 'UNIT.UNKNOWN_REORGANIZATION'
  | 'UNIT.SUCCESSION_UNKNOWN_UNIT'
  | 'UNIT.SUCCESSION_DUPLICATE'
  | 'UNIT.SUCCESSION_DATES'
  | 'UNIT.SUCCESSION_AMBIGUOUS';

export interface UnitListProblem {
  code: UnitListProblemCode;
  message: string;
  /** Where in the file: e.g. `units[3].validTo`, `successions[7]`. */
  at: string;
}

/** A list refused as a whole: every problem found, nothing written. */
export class UnitListRejectedError extends Error {
  readonly code = 'UNITS.REJECTED';

  constructor(readonly problems: UnitListProblem[]) {
    super(`the unit list was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.map((p) => `${p.code} at ${p.at}: ${p.message}`).join('; ')}`);
  }
}

/** The list a file holds, its shape checked field by field; throws UnitListRejectedError with `UNITS.FILE_INVALID` problems. */
export function parseUnitList(text: string): UnitList {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UnitListRejectedError([{ code: 'UNITS.FILE_INVALID', at: '$', message: `not JSON: ${(error as Error).message}` }]);
  }
  return toUnitList(json);
}

/** The list a parsed file holds (see parseUnitList). */
export function toUnitList(json: unknown): UnitList {
  const problems: UnitListProblem[] = [];
  const shape = new Shape(problems);
  if (!isObject(json) || json.format !== FORMAT) {
    throw new UnitListRejectedError([{ code: 'UNITS.FILE_INVALID', at: 'format', message: `must be "${FORMAT}"` }]);
  }
  const list: UnitList = {
    reorganizations: shape.array(json, 'reorganizations', (o, at) => ({
      id: shape.text(o, 'id', at, UNIT_CODE),
      basis: shape.text(o, 'basis', at),
      effectiveOn: shape.date(o, 'effectiveOn', at),
      confirmed: shape.flag(o, 'confirmed', at),
      note: shape.optionalText(o, 'note', at),
    })),
    units: shape.array(json, 'units', (o, at) => ({
      code: shape.text(o, 'code', at, UNIT_CODE),
      name: shape.text(o, 'name', at),
      level: shape.oneOf(o, 'level', at, unitLevels),
      parent: shape.optionalText(o, 'parent', at, UNIT_CODE),
      validFrom: shape.date(o, 'validFrom', at),
      validTo: shape.optionalDate(o, 'validTo', at),
      gsoCode: shape.optionalText(o, 'gsoCode', at, /^\d{2,5}$/),
      gsoCodeConfirmed: shape.flag(o, 'gsoCodeConfirmed', at),
      endedBy: shape.optionalText(o, 'endedBy', at, UNIT_CODE),
      note: shape.optionalText(o, 'note', at),
    })),
    successions: shape.array(json, 'successions', (o, at) => ({
      from: shape.text(o, 'from', at, UNIT_CODE),
      to: shape.text(o, 'to', at, UNIT_CODE),
      share: shape.oneOf(o, 'share', at, successionShares),
      receivesRegulations: shape.flag(o, 'receivesRegulations', at),
      reorganization: shape.text(o, 'reorganization', at, UNIT_CODE),
      clause: shape.optionalText(o, 'clause', at),
      confirmed: shape.flag(o, 'confirmed', at),
      note: shape.optionalText(o, 'note', at),
    })),
  };
  if (problems.length > 0) throw new UnitListRejectedError(problems);
  return list;
}

/**
 * The problems of `incoming` laid over `current` (what the table holds; empty for a first load): incoming units,
 * reorganizations and successions replace those with the same key, the rest stay. Every rule is checked on the result,
 * so a partial list may refer to units already stored. Empty: the list may be written.
 */
export function unitListProblems(incoming: UnitList, current: UnitList = emptyUnitList()): UnitListProblem[] {
  const problems: UnitListProblem[] = [];
  const problem = (code: UnitListProblemCode, at: string, message: string) => problems.push({ code, at, message });

  duplicates(incoming.units.map((u) => u.code)).forEach((i) => problem('UNIT.DUPLICATE_CODE', `units[${i}].code`, `${incoming.units[i].code} appears more than once`));
  duplicates(incoming.reorganizations.map((r) => r.id)).forEach((i) =>
    problem('UNIT.DUPLICATE_CODE', `reorganizations[${i}].id`, `${incoming.reorganizations[i].id} appears more than once`),
  );
  duplicates(incoming.successions.map((s) => `${s.from}→${s.to}`)).forEach((i) =>
    problem('UNIT.SUCCESSION_DUPLICATE', `successions[${i}]`, `${incoming.successions[i].from} → ${incoming.successions[i].to} appears more than once`),
  );

  const units = overlay(current.units, incoming.units, (u) => u.code);
  const reorganizations = overlay(current.reorganizations, incoming.reorganizations, (r) => r.id);
  const successions = [...overlay(current.successions, incoming.successions, (s) => `${s.from}→${s.to}`).values()];
  const where = (code: string) => {
    const i = incoming.units.findIndex((u) => u.code === code);
    return i >= 0 ? `units[${i}]` : `stored unit ${code}`;
  };

  for (const unit of units.values()) {
    if (unit.validTo !== null && unit.validTo < unit.validFrom) {
      problem('UNIT.VALID_TO_BEFORE_VALID_FROM', `${where(unit.code)}.validTo`, `${unit.code} ends on ${unit.validTo}, before it begins on ${unit.validFrom}`);
    }
    if (unit.parent !== null && !units.has(unit.parent)) {
      problem('UNIT.UNKNOWN_PARENT', `${where(unit.code)}.parent`, `${unit.code}'s parent ${unit.parent} is neither in the list nor stored`);
    }
    if (unit.endedBy !== null && !reorganizations.has(unit.endedBy)) {
      problem('UNIT.UNKNOWN_REORGANIZATION', `${where(unit.code)}.endedBy`, `${unit.code} is ended by ${unit.endedBy}, which is neither in the list nor stored`);
    }
  }
  for (const code of parentCycles(units)) {
    problem('UNIT.PARENT_CYCLE', `${where(code)}.parent`, `${code} is its own ancestor`);
  }

  successions.forEach((s) => {
    const i = incoming.successions.indexOf(s);
    const at = i >= 0 ? `successions[${i}]` : `stored succession ${s.from} → ${s.to}`;
    const from = units.get(s.from);
    const to = units.get(s.to);
    const reorganization = reorganizations.get(s.reorganization);
    if (!from || !to) {
      problem('UNIT.SUCCESSION_UNKNOWN_UNIT', at, `${!from ? s.from : s.to} is neither in the list nor stored`);
      return;
    }
    if (!reorganization) {
      problem('UNIT.UNKNOWN_REORGANIZATION', `${at}.reorganization`, `${s.reorganization} is neither in the list nor stored`);
      return;
    }
    // The predecessor's last day is the eve of the reorganization, on which its successor exists.
    const eve = dayBefore(reorganization.effectiveOn);
    if (from.validTo !== eve || !validOn(to, reorganization.effectiveOn)) {
      problem(
        'UNIT.SUCCESSION_DATES',
        at,
        `${s.from} must end on ${eve} (it ends ${from.validTo ?? 'never'}) and ${s.to} be valid on ${reorganization.effectiveOn}, when ${s.reorganization} takes effect`,
      );
    }
  });

  // Who takes a dissolved unit's regulations must be one successor, named: a ward or commune always has one, a
  // district or province (which hold no regulations of their own here) at most one.
  for (const unit of units.values()) {
    if (unit.validTo === null) continue;
    const receiving = successions.filter((s) => s.from === unit.code && s.receivesRegulations);
    const needsOne = unit.level === 'ward' || unit.level === 'commune';
    if (receiving.length > 1 || (needsOne && receiving.length === 0)) {
      problem(
        'UNIT.SUCCESSION_AMBIGUOUS',
        where(unit.code),
        receiving.length === 0
          ? `${unit.code} ends on ${unit.validTo} but no successor is marked receivesRegulations: its regulations would have no unit`
          : `${unit.code}'s regulations are claimed by ${receiving.map((s) => s.to).join(' and ')}: mark exactly one successor receivesRegulations`,
      );
    }
  }
  return problems;
}

export function emptyUnitList(): UnitList {
  return { reorganizations: [], units: [], successions: [] };
}

export function validOn(unit: Pick<AdminUnit, 'validFrom' | 'validTo'>, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || date <= unit.validTo);
}

/**
 * The unit that holds, on `date`, the regulations of a regulation made in `code`: the unit itself while it is valid,
 * else its receiving successor (followed through later reorganizations), with each succession on the way. Null when
 * the unit is unknown, not yet valid on `date`, or ended without a receiving successor.
 */
export function regulationsHolderOn(list: UnitList, code: string, date: string): { unit: AdminUnit; via: Succession[] } | null {
  const units = new Map(list.units.map((u) => [u.code, u]));
  const via: Succession[] = [];
  let unit = units.get(code);
  while (unit && unit.validFrom <= date) {
    if (unit.validTo === null || date <= unit.validTo) return { unit, via };
    const from = unit.code;
    const next = list.successions.find((s) => s.from === from && s.receivesRegulations);
    if (!next || via.includes(next)) return null;
    via.push(next);
    unit = units.get(next.to);
  }
  return null;
}

function overlay<T>(current: readonly T[], incoming: readonly T[], key: (item: T) => string): Map<string, T> {
  const merged = new Map(current.map((item) => [key(item), item]));
  for (const item of incoming) merged.set(key(item), item);
  return merged;
}

/** Indexes of the second and later occurrences of a key. */
function duplicates(keys: readonly string[]): number[] {
  const seen = new Set<string>();
  return keys.flatMap((key, i) => (seen.has(key) ? [i] : (seen.add(key), [])));
}

/** Units whose chain of parents comes back to them. */
function parentCycles(units: ReadonlyMap<string, AdminUnit>): string[] {
  return [...units.values()]
    .filter((unit) => {
      const seen = new Set<string>();
      for (let at = unit.parent; at !== null; at = units.get(at)?.parent ?? null) {
        if (at === unit.code) return true;
        if (seen.has(at)) return false;
        seen.add(at);
      }
      return false;
    })
    .map((unit) => unit.code);
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field readers that record a `UNITS.FILE_INVALID` problem for each wrong field and return a placeholder. */
class Shape {
  constructor(private readonly problems: UnitListProblem[]) {}

  array<T>(o: Record<string, unknown>, key: string, item: (o: Record<string, unknown>, at: string) => T): T[] {
    const value = o[key];
    if (!Array.isArray(value)) return this.fail(key, 'must be a list', []);
    return value.flatMap((entry, i) => (isObject(entry) ? [item(entry, `${key}[${i}]`)] : this.fail(`${key}[${i}]`, 'must be an object', [])));
  }

  text(o: Record<string, unknown>, key: string, at: string, pattern?: RegExp): string {
    const value = o[key];
    if (typeof value !== 'string' || value.trim() === '' || value.length > 1000) return this.fail(`${at}.${key}`, 'must be a non-empty text', '');
    if (pattern && !pattern.test(value)) return this.fail(`${at}.${key}`, `must match ${pattern.source}`, '');
    return value;
  }

  optionalText(o: Record<string, unknown>, key: string, at: string, pattern?: RegExp): string | null {
    return o[key] === null || o[key] === undefined ? null : this.text(o, key, at, pattern);
  }

  date(o: Record<string, unknown>, key: string, at: string): string {
    const value = typeof o[key] === 'string' ? (o[key] as string) : '';
    const time = CIVIL_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
    const ok = !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
    return ok ? value : this.fail(`${at}.${key}`, 'must be a date YYYY-MM-DD', '');
  }

  optionalDate(o: Record<string, unknown>, key: string, at: string): string | null {
    return o[key] === null || o[key] === undefined ? null : this.date(o, key, at);
  }

  flag(o: Record<string, unknown>, key: string, at: string): boolean {
    return typeof o[key] === 'boolean' ? (o[key] as boolean) : this.fail(`${at}.${key}`, 'must be true or false', false);
  }

  oneOf<T extends string>(o: Record<string, unknown>, key: string, at: string, values: readonly T[]): T {
    const value = o[key];
    return (values as readonly unknown[]).includes(value) ? (value as T) : this.fail(`${at}.${key}`, `must be one of ${values.join(', ')}`, values[0]);
  }

  private fail<T>(at: string, message: string, placeholder: T): T {
    this.problems.push({ code: 'UNITS.FILE_INVALID', at, message });
    return placeholder;
  }
}
