/**
 * The administrative units in PostgreSQL (`admin_units`, `admin_reorganizations`, `admin_unit_successions`): the
 * idempotent import of a unit list (refused whole when any rule fails) and the reads the api and the reports need.
 */
import type { DataSource } from 'typeorm';
import { AdminUnit, regulationsHolderOn, Reorganization, Succession, UnitList, UnitListRejectedError, unitListProblems } from './unit-list';

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const UNIT_COLUMNS = `code, name, level, parent_code AS parent, valid_from::text AS "validFrom", valid_to::text AS "validTo",
  gso_code AS "gsoCode", gso_code_confirmed AS "gsoCodeConfirmed", ended_by AS "endedBy", note`;

/** What runs SQL: a DataSource, the EntityManager of a transaction, or a migration's QueryRunner. */
export interface Sql {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Reads of the unit table. */
export class AdminUnitsStore {
  constructor(private readonly db: Sql) {}

  async units(codes?: readonly string[]): Promise<AdminUnit[]> {
    return codes === undefined
      ? this.db.query(`SELECT ${UNIT_COLUMNS} FROM admin_units ORDER BY valid_from, code`)
      : this.db.query(`SELECT ${UNIT_COLUMNS} FROM admin_units WHERE code = ANY($1::text[]) ORDER BY code`, [codes]);
  }

  /** The wards and communes under a unit (e.g. the 18 wards of the district `hoan-kiem`), by code. */
  async wardsOf(parent: string): Promise<AdminUnit[]> {
    return this.db.query(
      `SELECT ${UNIT_COLUMNS} FROM admin_units WHERE parent_code = $1 AND level IN ('ward', 'commune') ORDER BY code COLLATE "C"`,
      [parent],
    );
  }

  async unit(code: string): Promise<AdminUnit | null> {
    return (await this.units([code]))[0] ?? null;
  }

  /**
   * The unit that holds, on `date`, a regulation made in `code`, and the successions (with their reorganization) that
   * led there: see regulationsHolderOn. With the reorganizations, each succession's legal basis.
   */
  async regulationsHolderOn(code: string, date: string): Promise<{ unit: AdminUnit; via: (Succession & { basis: Reorganization })[] } | null> {
    const list = await this.list();
    const found = regulationsHolderOn(list, code, date);
    if (!found) return null;
    const basis = new Map(list.reorganizations.map((r) => [r.id, r]));
    return { unit: found.unit, via: found.via.map((s) => ({ ...s, basis: basis.get(s.reorganization)! })) };
  }

  /** The whole list as stored: what an import is laid over, and what `regulationsHolderOn` reads. */
  async list(): Promise<UnitList> {
    // One after the other: a migration's QueryRunner is one connection.
    const reorganizations = await this.db.query(
      `SELECT id, basis, effective_on::text AS "effectiveOn", confirmed, note FROM admin_reorganizations ORDER BY effective_on, id`,
    );
    const units = await this.units();
    const successions = await this.db.query(
      `SELECT predecessor_code AS "from", successor_code AS "to", share, receives_regulations AS "receivesRegulations",
         reorganization_id AS reorganization, clause, confirmed, note
       FROM admin_unit_successions ORDER BY predecessor_code, successor_code`,
    );
    return { reorganizations, units, successions } as UnitList;
  }
}

/**
 * Imports a unit list in one transaction: it is checked laid over what is stored (UnitListRejectedError, nothing
 * written, when any rule fails), then each unit, reorganization and succession is inserted, updated when it differs,
 * or left alone when equal. Importing the same list again changes nothing. Imports are serialized by a table lock.
 */
export async function importUnitList(dataSource: DataSource, incoming: UnitList): Promise<ImportCounts> {
  return dataSource.transaction((tx) => importUnitListIn(tx, incoming));
}

/** importUnitList inside the caller's transaction (a migration's). */
export async function importUnitListIn(tx: Sql, incoming: UnitList): Promise<ImportCounts> {
  await tx.query('LOCK TABLE admin_units, admin_reorganizations, admin_unit_successions IN SHARE ROW EXCLUSIVE MODE');
  const current = await new AdminUnitsStore(tx).list();
  const problems = unitListProblems(incoming, current);
  if (problems.length > 0) throw new UnitListRejectedError(problems);

  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const count = (outcome: keyof ImportCounts) => (counts[outcome] += 1);
  const existing = <T>(items: readonly T[], key: (item: T) => string) => new Map(items.map((item) => [key(item), item]));
  // Parents and successors may come later in the file: the foreign keys are checked at commit.
  await tx.query('SET CONSTRAINTS ALL DEFERRED');

  const reorganizations = existing(current.reorganizations, (r) => r.id);
  for (const r of incoming.reorganizations) count(await upsert(tx, 'admin_reorganizations', ['id'], reorganizationRow(r), reorganizations.get(r.id), reorganizationRow));
  const units = existing(current.units, (u) => u.code);
  for (const u of incoming.units) count(await upsert(tx, 'admin_units', ['code'], unitRow(u), units.get(u.code), unitRow));
  const successions = existing(current.successions, (s) => `${s.from}→${s.to}`);
  for (const s of incoming.successions) {
    count(await upsert(tx, 'admin_unit_successions', ['predecessor_code', 'successor_code'], successionRow(s), successions.get(`${s.from}→${s.to}`), successionRow));
  }
  return counts;
}

type Row = Record<string, string | boolean | null>;

async function upsert<T>(tx: Sql, table: string, key: string[], row: Row, stored: T | undefined, toRow: (item: T) => Row): Promise<keyof ImportCounts> {
  if (stored !== undefined && JSON.stringify(toRow(stored)) === JSON.stringify(row)) return 'unchanged';
  const columns = Object.keys(row);
  const values = Object.values(row);
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    values,
  );
  return stored === undefined ? 'inserted' : 'updated';
}

function reorganizationRow(r: Reorganization): Row {
  return { id: r.id, basis: r.basis, effective_on: r.effectiveOn, confirmed: r.confirmed, note: r.note };
}

function unitRow(u: AdminUnit): Row {
  return {
    code: u.code,
    name: u.name,
    level: u.level,
    parent_code: u.parent,
    valid_from: u.validFrom,
    valid_to: u.validTo,
    gso_code: u.gsoCode,
    gso_code_confirmed: u.gsoCodeConfirmed,
    ended_by: u.endedBy,
    note: u.note,
  };
}

function successionRow(s: Succession): Row {
  return {
    predecessor_code: s.from,
    successor_code: s.to,
    share: s.share,
    receives_regulations: s.receivesRegulations,
    reorganization_id: s.reorganization,
    clause: s.clause,
    confirmed: s.confirmed,
    note: s.note,
  };
}
