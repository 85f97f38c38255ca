import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { AdminUnitsStore, importUnitList } from './admin-units.store';
import { seedUnitList } from './seed';
import { UnitList, UnitListRejectedError } from './unit-list';

let db: TestDatabase;
let owner: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = await new DataSource({ type: 'postgres', url: db.migrationUrl }).initialize();
});
afterAll(async () => {
  await owner?.destroy();
  await db?.drop();
});

const snapshot = async () => ({
  list: await new AdminUnitsStore(db.dataSource).list(),
  xmin: await owner.query(`SELECT code, xmin::text FROM admin_units ORDER BY code`),
});

describe('the administrative units table (migration, seed, import)', () => {
  it('is loaded by the migration with the list kept in the repository, and read by the application role', async () => {
    const stored = await new AdminUnitsStore(db.dataSource).list();
    const seed = seedUnitList();
    const byCode = (l: UnitList) => [...l.units].sort((a, b) => a.code.localeCompare(b.code));
    expect(byCode(stored)).toEqual(byCode(seed));
    expect(stored.successions).toHaveLength(seed.successions.length);
    expect(await new AdminUnitsStore(db.dataSource).unit('hang-bac')).toMatchObject({ validFrom: '1981-01-01', validTo: '2025-06-30', parent: 'hoan-kiem', endedBy: 'nq-1656-2025' });
  });

  it('says which unit holds an old ward’s regulations on a date, and by which legal basis', async () => {
    const store = new AdminUnitsStore(db.dataSource);
    expect((await store.regulationsHolderOn('dong-xuan', '2025-06-30'))?.unit.code).toBe('dong-xuan');
    const after = await store.regulationsHolderOn('dong-xuan', '2025-07-01');
    expect(after?.unit.code).toBe('hoan-kiem-2025');
    expect(after?.via).toEqual([
      expect.objectContaining({ from: 'dong-xuan', to: 'hoan-kiem-2025', share: 'part', clause: 'art. 1(1)', basis: expect.objectContaining({ id: 'nq-1656-2025', effectiveOn: '2025-07-01' }) }),
    ]);
  });

  it('the application role may not change it', async () => {
    await expect(db.dataSource.query(`UPDATE admin_units SET name = 'x' WHERE code = 'hang-bac'`)).rejects.toThrow(/permission denied/);
    await expect(db.dataSource.query(`DELETE FROM admin_unit_successions`)).rejects.toThrow(/permission denied/);
  });

  it('importing the same list again changes nothing; a changed unit is updated and a new one inserted', async () => {
    const before = await snapshot();
    expect(await importUnitList(owner, seedUnitList())).toEqual({ inserted: 0, updated: 0, unchanged: 24 + 2 + 25 });
    expect(await snapshot()).toEqual(before);

    const next = seedUnitList();
    next.units.find((u) => u.code === 'hong-ha-2025')!.gsoCodeConfirmed = true;
    next.units.push({ ...next.units.find((u) => u.code === 'hong-ha-2025')!, code: 'tay-ho-2025', name: 'Phường Tây Hồ', gsoCode: null });
    expect(await importUnitList(owner, next)).toEqual({ inserted: 1, updated: 1, unchanged: 24 + 2 + 25 - 1 });
    expect(await importUnitList(owner, next)).toEqual({ inserted: 0, updated: 0, unchanged: 24 + 2 + 25 + 1 });
  });

  it('a list with any bad row writes nothing, and says every problem with its code', async () => {
    const before = await snapshot();
    const bad = seedUnitList();
    bad.units.push({ ...bad.units[0], code: 'phuong-moi', name: 'Phường Mới', level: 'ward', parent: 'ha-noi' });
    bad.units.find((u) => u.code === 'hang-gai')!.validTo = '1980-12-31';
    bad.units.find((u) => u.code === 'ha-noi')!.parent = 'hoan-kiem';
    bad.units.push({ ...bad.units[0], code: 'xa-le', name: 'Xã Lẻ', level: 'commune', parent: 'quan-khong-co' });
    bad.successions.find((s) => s.from === 'cua-dong' && s.to === 'ba-dinh-2025')!.receivesRegulations = true;
    bad.units.push(bad.units[5]);
    const error = await importUnitList(owner, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnitListRejectedError);
    expect((error as UnitListRejectedError).problems.map((p) => p.code).sort()).toEqual([
      'UNIT.DUPLICATE_CODE',
      'UNIT.PARENT_CYCLE',
      'UNIT.PARENT_CYCLE',
      'UNIT.SUCCESSION_AMBIGUOUS',
      'UNIT.SUCCESSION_DATES',
      'UNIT.UNKNOWN_PARENT',
      'UNIT.VALID_TO_BEFORE_VALID_FROM',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('npm run units:import: imports a file, then refuses a bad one with coded lines and exit 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'units-'));
    const good = seedUnitList();
    const write = (name: string, list: UnitList) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify({ format: 'reglife-admin-units/1', ...list }));
      return file;
    };
    const run = (file: string) =>
      promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'libs/admin-units/src/import.cli.ts', file], {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, DATABASE_MIGRATION_URL: db.migrationUrl },
      });
    const ok = await run(write('good.json', good));
    // The repository's list puts back Hồng Hà's mark changed above; Tây Hồ, not in it, stays.
    expect(ok.stdout).toMatch(/0 inserted, 1 updated, 50 unchanged/);
    good.units.find((u) => u.code === 'hang-bai')!.validTo = '1970-01-01';
    const refused = await run(write('bad.json', good)).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/UNIT\.VALID_TO_BEFORE_VALID_FROM at units\[\d+\]\.validTo/);
    expect((refused as { stderr: string }).stderr).toMatch(/nothing written/);
    expect(await new AdminUnitsStore(db.dataSource).unit('hang-bai')).toMatchObject({ validTo: '2025-06-30' });
  });
});
