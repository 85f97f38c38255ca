import { parseUnitList, regulationsHolderOn, UnitList, unitListProblems, UnitListRejectedError } from './unit-list';
import { seedUnitList } from './seed';

const reorganization = { id: 'nq-1', basis: 'Nghị quyết 1/NQ-UBTVQH15', effectiveOn: '2025-07-01', confirmed: true, note: null };
const unit = (code: string, over: Partial<UnitList['units'][number]> = {}) => ({
  code,
  name: `Phường ${code}`,
  level: 'ward' as const,
  parent: 'tinh',
  validFrom: '2000-01-01',
  validTo: null,
  gsoCode: null,
  gsoCodeConfirmed: false,
  endedBy: null,
  note: null,
  ...over,
});
const succession = (from: string, to: string, receivesRegulations: boolean) => ({
  from,
  to,
  share: 'part' as const,
  receivesRegulations,
  reorganization: 'nq-1',
  clause: 'art. 1(1)',
  confirmed: true,
  note: null,
});
/** A province, two wards dissolved on 30/6/2025 into a new one and a third that took part of the second. */
function list(): UnitList {
  return {
    reorganizations: [reorganization],
    units: [
      unit('tinh', { level: 'province', parent: null }),
      unit('a', { validTo: '2025-06-30', endedBy: 'nq-1' }),
      unit('b', { validTo: '2025-06-30', endedBy: 'nq-1' }),
      unit('moi', { validFrom: '2025-07-01' }),
      unit('khac', { validFrom: '2025-07-01' }),
    ],
    successions: [succession('a', 'moi', true), succession('b', 'moi', true), succession('b', 'khac', false)],
  };
}
const codes = (l: UnitList, current?: UnitList) => unitListProblems(l, current).map((p) => [p.code, p.at]);

describe('unit list rules', () => {
  it('accepts a consistent list and the list kept in the repository', () => {
    expect(unitListProblems(list())).toEqual([]);
    expect(unitListProblems(seedUnitList())).toEqual([]);
  });

  it('refuses a unit that ends before it begins', () => {
    const l = list();
    l.units[1].validFrom = '2025-07-01';
    expect(codes(l)).toEqual([['UNIT.VALID_TO_BEFORE_VALID_FROM', 'units[1].validTo']]);
  });

  it('refuses a cycle of parents, naming each unit on it', () => {
    const l = list();
    l.units[0].parent = 'khac';
    l.units[4].parent = 'tinh';
    expect(codes(l)).toEqual([
      ['UNIT.PARENT_CYCLE', 'units[0].parent'],
      ['UNIT.PARENT_CYCLE', 'units[4].parent'],
    ]);
  });

  it('refuses an unknown parent, but takes one already stored', () => {
    const l = list();
    l.units[3].parent = 'quan-x';
    expect(codes(l)).toEqual([['UNIT.UNKNOWN_PARENT', 'units[3].parent']]);
    const stored: UnitList = { reorganizations: [], units: [unit('quan-x', { level: 'district' })], successions: [] };
    expect(codes(l, stored)).toEqual([]);
  });

  it('refuses duplicate codes, reorganizations and successions', () => {
    const l = list();
    l.units.push(unit('moi'));
    l.reorganizations.push(reorganization);
    l.successions.push(succession('a', 'moi', true));
    expect(codes(l)).toEqual([
      ['UNIT.DUPLICATE_CODE', 'units[5].code'],
      ['UNIT.DUPLICATE_CODE', 'reorganizations[1].id'],
      ['UNIT.SUCCESSION_DUPLICATE', 'successions[3]'],
    ]);
  });

  it('refuses two successors that both claim a dissolved unit’s regulations, and a dissolved ward that leaves them to none', () => {
    const both = list();
    both.successions[2].receivesRegulations = true;
    expect(codes(both)).toEqual([['UNIT.SUCCESSION_AMBIGUOUS', 'units[2]']]);
    const none = list();
    none.successions[0].receivesRegulations = false;
    expect(codes(none)).toEqual([['UNIT.SUCCESSION_AMBIGUOUS', 'units[1]']]);
  });

  it('a district may end without a successor; a stored claim counts against a new one', () => {
    const l = list();
    l.units.push(unit('quan', { level: 'district', validTo: '2025-06-30', endedBy: 'nq-1' }));
    expect(codes(l)).toEqual([]);
    // Moving the mark: both stored successions of b replaced.
    const moved: UnitList = { reorganizations: [], units: [], successions: [succession('b', 'khac', true), succession('b', 'moi', false)] };
    expect(codes(moved, list())).toEqual([]);
    const second: UnitList = { reorganizations: [], units: [unit('them', { validFrom: '2025-07-01' })], successions: [succession('b', 'them', true)] };
    expect(codes(second, list())).toEqual([['UNIT.SUCCESSION_AMBIGUOUS', 'stored unit b']]);
  });

  it('refuses successions to unknown units, by unknown reorganizations, or off the reorganization’s date', () => {
    const l = list();
    l.successions.push(succession('a', 'nowhere', false));
    l.successions.push({ ...succession('b', 'tinh', false), reorganization: 'nq-2' });
    l.units[4].validFrom = '2025-08-01';
    expect(codes(l)).toEqual([
      ['UNIT.SUCCESSION_DATES', 'successions[2]'],
      ['UNIT.SUCCESSION_UNKNOWN_UNIT', 'successions[3]'],
      ['UNIT.UNKNOWN_REORGANIZATION', 'successions[4].reorganization'],
    ]);
  });

  it('parses a file field by field and refuses what is not the format', () => {
    const text = JSON.stringify({ format: 'reglife-admin-units/1', ...list() });
    expect(parseUnitList(text)).toEqual(list());
    const refusal = (t: string) => {
      try {
        parseUnitList(t);
      } catch (error) {
        return (error as UnitListRejectedError).problems.map((p) => [p.code, p.at]);
      }
      throw new Error('accepted');
    };
    expect(refusal('{')).toEqual([['UNITS.FILE_INVALID', '$']]);
    expect(refusal(JSON.stringify({ ...list() }))).toEqual([['UNITS.FILE_INVALID', 'format']]);
    const bad = list() as unknown as { units: Record<string, unknown>[] };
    bad.units[1].validTo = '2025-02-30';
    bad.units[2].code = 'Hàng Bạc';
    bad.units[3].level = 'hamlet';
    expect(refusal(JSON.stringify({ format: 'reglife-admin-units/1', ...bad }))).toEqual([
      ['UNITS.FILE_INVALID', 'units[1].validTo'],
      ['UNITS.FILE_INVALID', 'units[2].code'],
      ['UNITS.FILE_INVALID', 'units[3].level'],
    ]);
  });
});

describe('the unit holding a regulation on a date', () => {
  it('is the unit while it is valid, then its receiving successor', () => {
    const seed = seedUnitList();
    expect(regulationsHolderOn(seed, 'hang-bac', '2025-06-30')?.unit.code).toBe('hang-bac');
    const after = regulationsHolderOn(seed, 'hang-bac', '2025-07-01');
    expect(after?.unit.code).toBe('hoan-kiem-2025');
    expect(after?.via.map((s) => [s.from, s.to, s.reorganization])).toEqual([['hang-bac', 'hoan-kiem-2025', 'nq-1656-2025']]);
    expect(regulationsHolderOn(seed, 'cua-nam', '2026-01-01')?.unit.code).toBe('cua-nam-2025');
    expect(regulationsHolderOn(seed, 'hoan-kiem-2025', '2025-06-30')).toBeNull();
    expect(regulationsHolderOn(seed, 'atlantis', '2025-06-30')).toBeNull();
  });
});
