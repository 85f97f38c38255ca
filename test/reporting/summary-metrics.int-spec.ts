/** Summary figures from the event log: a hand-computed three-ward fixture, period boundaries, exact re-runs, late events. */
import { EventStore } from '@app/event-store';
import { canonicalJson, sha256Hex, SummaryReportService } from '@app/reporting';
import { createTestDatabase, TestDatabase } from '../support/database';
import { appendStreams, fixture2025, StreamBuilder, vn } from './summary-fixture';

let db: TestDatabase;
let store: EventStore;
let reports: SummaryReportService;
const now = new Date('2026-03-01T00:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  reports = new SummaryReportService(db.dataSource);
  await appendStreams(store, fixture2025('f').streams);
});

afterAll(async () => {
  await db?.drop();
});

async function produce(kind: 'semiannual' | 'annual', start: string) {
  return reports.produce(kind, start, await reports.captureEventPosition(), { now });
}

describe('first half of 2025 over three wards', () => {
  it('matches the hand-computed figures per ward and for the whole area', async () => {
    const result = await produce('semiannual', '2025-01-01');
    expect(result).toMatchObject({ reportId: 'semiannual-2025-h1', periodEnd: '2025-06-30', created: true });
    const { content } = await reports.get(result.reportId);
    const ward = (code: string) => content.wards.find((w) => w.wardCode === code)!.metrics;

    const bac = ward('hang-bac');
    expect(bac.regulations.total).toBe(3);
    expect(bac.regulations.byKind.community_convention).toMatchObject({ in_force: 1, voting: 1 });
    expect(bac.regulations.byKind.democracy_regulation).toMatchObject({ repealed: 1 });
    expect(bac.inPeriod).toEqual({ drafted: 3, recognized: 2, amended: 0, suspended: 0, resumed: 0, repealed: 1, withdrawn: 0 });
    expect(bac.consultations).toEqual({
      opened: 3,
      closed: 3,
      critiques: 1,
      commentsReceived: 2,
      commentsAccepted: 1,
      commentsPartlyAccepted: 0,
      commentsNotAccepted: 1,
    });
    expect(bac.votes).toEqual({
      held: 2,
      adopted: 1,
      quorumMissed: 1,
      households: 180,
      present: 100,
      approving: 90,
      turnoutRate: 0.5556,
      approvalRate: 0.5,
    });
    expect(bac.approvals).toMatchObject({ submitted: 1, decided: 1, decidedOnTime: 1, decidedLate: 0, medianDays: 3, p90Days: 3, pendingAtEnd: 0 });

    const dao = ward('hang-dao');
    expect(dao.regulations.byStage).toMatchObject({ under_review: 1, withdrawn: 1 });
    expect(dao.inPeriod).toMatchObject({ drafted: 2, withdrawn: 1, recognized: 0 });
    expect(dao.approvals).toMatchObject({ submitted: 1, pendingAtEnd: 1, overdueAtEnd: 1, decided: 0, medianDays: null });
    expect(dao.votes).toMatchObject({ held: 1, adopted: 1, turnoutRate: 0.8, approvalRate: 0.6 });

    const tien = ward('trang-tien');
    // c2 was drafted at 23:59 on 30 June (local): in; c3 at 00:01 on 1 July: out.
    expect(tien.regulations.total).toBe(2);
    expect(tien.regulations.byStage).toMatchObject({ in_force: 1, drafting: 1 });
    expect(tien.approvals).toMatchObject({ decided: 1, decidedOnTime: 0, decidedLate: 1, medianDays: 14, p90Days: 14 });

    expect(content.area.regulations.total).toBe(7);
    expect(content.area.inPeriod).toMatchObject({ drafted: 7, recognized: 3, repealed: 1, withdrawn: 1 });
    expect(content.area.approvals).toMatchObject({
      submitted: 3,
      decided: 2,
      decidedOnTime: 1,
      decidedLate: 1,
      medianDays: 3,
      p90Days: 14,
      pendingAtEnd: 1,
      overdueAtEnd: 1,
    });
    expect(content.area.votes).toMatchObject({ held: 4, households: 290, present: 190, approving: 165, turnoutRate: 0.6552, approvalRate: 0.569 });
    expect(content.adjustments.total).toBe(0);
  });

  it('puts 00:01 on 1 July local time in the annual report, not the first half', async () => {
    const annual = await produce('annual', '2025-01-01');
    const { content } = await reports.get(annual.reportId);
    const tien = content.wards.find((w) => w.wardCode === 'trang-tien')!.metrics;
    expect(tien.regulations.total).toBe(3);
    expect(tien.inPeriod.drafted).toBe(3);
    expect(content.area.regulations.total).toBe(8);
  });

  it('re-runs to the same bytes and hash after new events, including one back-dated into the period', async () => {
    const first = await reports.get('semiannual-2025-h1');
    expect(sha256Hex(first.bytes)).toBe(first.contentHash);
    const b1 = new StreamBuilder('f-b1', 'hang-dao', 'community_convention');
    // Decided in June, recorded in July: not known at the period end.
    b1.recognized('2025-06-27', vn('2025-07-03 09:00'));
    await store.append('f-b1', await store.currentVersion('f-b1'), b1.events);
    // Stamped inside the period but stored after the report: excluded by the captured position.
    const late = new StreamBuilder('f-late', 'hang-ma', 'community_convention').drafted('2025-05-05');
    await store.append('f-late', 0, late.events);

    const again = await produce('semiannual', '2025-01-01');
    expect(again).toMatchObject({ created: false, contentHash: first.contentHash, computedAtPosition: first.computedAtPosition });
    const reproduced = await reports.reproduce('semiannual-2025-h1');
    expect(reproduced.bytes).toBe(first.bytes);
    expect(reproduced.contentHash).toBe(first.contentHash);
    expect(canonicalJson((await reports.get('semiannual-2025-h1')).content)).toBe(first.bytes);
  });
});

describe('late events', () => {
  it('appear in the next report as an explicit adjustment against the previous report', async () => {
    const d1 = new StreamBuilder('late-d1', 'cua-nam', 'community_convention').drafted('2023-03-01').consultation('2023-03-02', '2023-04-01');
    await appendStreams(store, [d1]);
    const y2023 = await produce('annual', '2023-01-01');
    expect(y2023.created).toBe(true);

    // About 2023 (vote on 28 December), recorded in January 2024.
    d1.events.length = 0;
    d1.vote('2023-12-28', 40, 30, 25);
    d1.events[0].metadata.occurredAt = vn('2024-01-04 08:00');
    // Stamped in 2023 but stored after the 2023 report was computed.
    const d2 = new StreamBuilder('late-d2', 'cua-nam', 'democracy_regulation').drafted('2023-11-20');
    await appendStreams(store, [d1, d2]);

    const h1 = await produce('semiannual', '2024-01-01');
    const { content } = await reports.get(h1.reportId);
    expect(content.adjustments.basis).toMatchObject({ reportId: 'annual-2023', periodEnd: '2023-12-31', position: y2023.computedAtPosition });
    expect(content.adjustments.events.map((e) => [e.regulationId, e.eventType, e.factOn])).toEqual([
      ['late-d1', 'VoteRecorded', '2023-12-28'],
      ['late-d2', 'RegulationDrafted', '2023-11-20'],
    ]);
    expect(content.adjustments.byWard).toEqual([{ wardCode: 'cua-nam', byEventType: { RegulationDrafted: 1, VoteRecorded: 1 } }]);
    // Facts of 2023 are not counted as facts of 2024.
    expect(content.area.votes.held).toBe(0);
    expect(content.area.inPeriod.drafted).toBe(0);
  });

  it('counts a suspension ended by its recognized redraft (Decree 61/2023 art. 12) among the suspensions ended', async () => {
    const s1 = new StreamBuilder('lifted-s1', 'hang-bac', 'community_convention').drafted('2020-09-01').recognized('2020-12-01');
    s1.add('RegulationSuspended', { suspendedOn: '2021-02-10', scope: 'whole', reason: 'thủ tục', ground: 'procedure', until: null, redraftDueOn: '2021-05-10' }, vn('2021-02-10 15:00'))
      .recognized('2021-04-20', vn('2021-04-20 15:00'), true)
      .add('SuspensionLifted', { liftedOn: '2021-04-20', decisionNo: 'lifted-s1/QĐ-UBND', by: 'redraft_recognized' }, vn('2021-04-20 15:00'));
    const s2 = new StreamBuilder('lifted-s2', 'hang-bac', 'community_convention').drafted('2020-09-01').recognized('2020-12-01');
    s2.add('RegulationSuspended', { suspendedOn: '2021-03-01', scope: 'whole', reason: 'thủ tục' }, vn('2021-03-01 15:00')).add(
      'RegulationResumed',
      { resumedOn: '2021-03-15', reason: 'recorded before Decree 61/2023 was read' },
      vn('2021-03-15 15:00'),
    );
    await appendStreams(store, [s1, s2]);
    const { content } = await reports.get((await produce('semiannual', '2021-01-01')).reportId);
    expect(content.area.inPeriod).toMatchObject({ suspended: 2, resumed: 2, amended: 1 });
  });

  it('refuses a period that has not closed yet', async () => {
    await expect(reports.produce('annual', '2026-01-01', '1', { now })).rejects.toMatchObject({ code: 'REPORT.PERIOD_NOT_CLOSED' });
  });
});
