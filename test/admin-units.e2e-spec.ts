/**
 * Administrative units over HTTP against the real stack (an in-process worker, the Temporal dev server, a fresh
 * database migrated with the units kept in the repository): a draft's ward must exist on the day drafting started,
 * the catalogue lists the wards of the 2025 reorganization, and ward filters and token scopes name units of the table.
 */
import { randomUUID } from 'node:crypto';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { ApiRig, startApiRig } from './support/api-rig';

jest.setTimeout(180_000);

let rig: ApiRig;
let http: ApiRig['http'];
let officer: Record<string, string>;
let supervisor: Record<string, string>;

beforeAll(async () => {
  rig = await startApiRig('units-e2e');
  http = rig.http;
  officer = await rig.auth.bearer({ sub: 'officer-units', role: 'officer', wards: ['*'] });
  supervisor = await rig.auth.bearer({ sub: 'bcd-units', role: 'supervisor', wards: ['*'] });
});

afterAll(() => rig?.close());

const today = () => civilDateInVietnam(Date.now());
const eventCount = async (): Promise<number> => (await rig.db.dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n;

function draft(wardCode: string, startedOn: string) {
  return http
    .post('/regulations')
    .set(officer)
    .send({
      regulationId: `units-${randomUUID().slice(0, 8)}`,
      wardCode,
      kind: 'community_convention',
      title: 'Quy ước tổ dân phố văn minh',
      text: 'Điều 1. Giữ gìn vệ sinh chung.',
      startedOn,
    });
}

describe('a draft’s ward, checked against the administrative units table', () => {
  it('refuses an unknown ward (UNIT.UNKNOWN) a district (UNIT.NOT_A_WARD) and a ward dissolved before the draft started (UNIT.NOT_VALID_ON_DATE), writing nothing', async () => {
    const before = await eventCount();
    const unknown = await draft('atlantis', today());
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'UNIT.UNKNOWN', details: { field: 'wardCode', unitCodes: ['atlantis'] } });

    const dissolved = await draft('hang-bac', '2025-07-01');
    expect(dissolved.status).toBe(422);
    expect(dissolved.body).toMatchObject({
      code: 'UNIT.NOT_VALID_ON_DATE',
      details: { field: 'wardCode', unitCode: 'hang-bac', date: '2025-07-01', validTo: '2025-06-30', endedBy: 'nq-1656-2025' },
    });
    const district = await draft('hoan-kiem', '2025-06-02');
    expect(district.body).toMatchObject({ code: 'UNIT.NOT_A_WARD', details: { field: 'wardCode', unitCode: 'hoan-kiem', level: 'district' } });
    // A 2025 ward did not exist before 1 July 2025.
    const early = await draft('hoan-kiem-2025', '2025-06-30');
    expect(early.body).toMatchObject({ code: 'UNIT.NOT_VALID_ON_DATE', details: { validFrom: '2025-07-01', validTo: null } });
    expect(await eventCount()).toBe(before);
  });

  it('accepts a dissolved ward on a day it existed, and a 2025 ward from 1 July 2025', async () => {
    const old = await draft('hang-bac', '2025-06-30');
    expect(old.status).toBe(201);
    expect(old.body).toMatchObject({ stage: 'drafting' });
    const current = await draft('hoan-kiem-2025', addCalendarDays(today(), -1));
    expect(current.status).toBe(201);
    const detail = await http.get(`/regulations/${current.body.regulationId}`).set(officer);
    expect(detail.body).toMatchObject({ wardCode: 'hoan-kiem-2025', wardName: 'Hoàn Kiếm' });
  });
});

describe('GET /catalogue', () => {
  it('lists the wards from the table with their validity, the 2025 wards and who took the old wards’ regulations', async () => {
    const res = await http.get('/catalogue').set(officer);
    expect(res.status).toBe(200);
    const wards = res.body.wards as { code: string; name: string; validFrom: string; validTo: string | null; parent: string | null }[];
    expect(wards).toHaveLength(22);
    expect(wards.filter((w) => w.validTo === null).map((w) => w.code).sort()).toEqual(['ba-dinh-2025', 'cua-nam-2025', 'hoan-kiem-2025', 'hong-ha-2025']);
    expect(wards).toContainEqual(expect.objectContaining({ code: 'hang-bac', name: 'Hàng Bạc', parent: 'hoan-kiem', validTo: '2025-06-30' }));
    expect(wards).toContainEqual(expect.objectContaining({ code: 'cua-nam-2025', name: 'Cửa Nam', parent: 'ha-noi', validFrom: '2025-07-01' }));
    expect(res.body.units).toContainEqual(expect.objectContaining({ code: 'hoan-kiem', level: 'district', validTo: '2025-06-30', endedBy: 'luat-72-2025' }));
    expect(res.body.reorganizations).toContainEqual(expect.objectContaining({ id: 'nq-1656-2025', effectiveOn: '2025-07-01', basis: expect.stringMatching(/^Nghị quyết 1656\/NQ-UBTVQH15 ngày 16\/6\/2025/) }));
    const receiving = (res.body.successions as { from: string; to: string; receivesRegulations: boolean }[]).filter((s) => s.receivesRegulations);
    expect(receiving).toHaveLength(18);
    expect(receiving).toContainEqual(expect.objectContaining({ from: 'cua-nam', to: 'cua-nam-2025' }));
  });
});

describe('ward filters and token scopes name units of the table', () => {
  it('refuses an unknown ward in the regulation list and the inbox (UNIT.UNKNOWN), and takes a dissolved one', async () => {
    for (const path of ['/regulations?ward=atlantis', '/inbox?ward=hang-bac,atlantis', '/inbox/counts?ward=atlantis']) {
      const res = await http.get(path).set(supervisor);
      expect({ path, status: res.status, code: res.body.code, field: res.body.details?.field }).toEqual({ path, status: 422, code: 'UNIT.UNKNOWN', field: 'ward' });
    }
    for (const path of ['/regulations?ward=hang-bac', '/inbox?ward=hang-bac,hoan-kiem-2025', '/inbox/counts?ward=hang-bac']) {
      expect({ path, status: (await http.get(path).set(supervisor)).status }).toEqual({ path, status: 200 });
    }
  });

  it('refuses a token whose wards name a unit the table does not hold (401), and takes one of an ended ward', async () => {
    const unknown = await http.get('/catalogue').set(await rig.auth.bearer({ sub: 'officer-x', role: 'officer', wards: ['hang-bac', 'atlantis'] }));
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', details: { reason: 'claims', claim: 'wards' } });
    const ended = await http.get('/catalogue').set(await rig.auth.bearer({ sub: 'officer-y', role: 'officer', wards: ['hang-bac'] }));
    expect(ended.status).toBe(200);
  });
});
