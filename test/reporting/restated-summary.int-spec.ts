/**
 * Reports on legal time: facts about 2019 recorded after the 2019 report was first published leave that report as it
 * was, count in the restated 2019 report (with the change section naming them) and not in 2020's figures.
 */
import { EventStore } from '@app/event-store';
import { RestatedSummaryService, SummaryReportService } from '@app/reporting';
import { createTestDatabase, TestDatabase } from '../support/database';
import { appendStreams, StreamBuilder, vn } from './summary-fixture';

let db: TestDatabase;
let store: EventStore;
let reports: SummaryReportService;
let restated: RestatedSummaryService;
/** Positions: the last event recorded in 2019, and the log after the late facts. */
let lastOf2019: string;
let afterLateFacts: string;

const after2019 = { now: new Date(vn('2020-01-05 02:00')) };
const after2020 = { now: new Date(vn('2021-01-05 02:00')) };

async function produce(periodStart: string, options: { now: Date }) {
  return reports.produce('annual', periodStart, await reports.captureEventPosition(), options);
}

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
  reports = new SummaryReportService(db.dataSource);
  restated = new RestatedSummaryService(db.dataSource, reports);

  // Recorded as they happened in 2019: one convention recognized, one consulted on.
  const x1 = new StreamBuilder('lt-x1', 'cua-nam', 'community_convention')
    .drafted('2019-02-04')
    .consultation('2019-02-05', '2019-03-07')
    .vote('2019-04-10', 100, 80, 70)
    .dossier('2019-04-12', '2019-04-19')
    .recognized('2019-04-17');
  const x2 = new StreamBuilder('lt-x2', 'hang-bac', 'community_convention').drafted('2019-06-03').consultation('2019-06-04', '2019-07-04');
  await appendStreams(store, [x1, x2]);
  lastOf2019 = await reports.captureEventPosition();
});

afterAll(async () => {
  await db?.drop();
});

describe('facts about 2019 recorded after the 2019 report was first published', () => {
  let published: { contentHash: string; computedAtPosition: string; bytes: string };

  it('leave the first-published 2019 report byte-identical', async () => {
    const first = await produce('2019-01-01', after2019);
    expect(first.created).toBe(true);
    published = await reports.get('annual-2019');
    expect(published.contentHash).toBe(first.contentHash);

    // The vote of 20 November and the recognition of 2 December 2019, recorded on 10 February 2020.
    const x2 = new StreamBuilder('lt-x2', 'hang-bac', 'community_convention').vote('2019-11-20', 60, 45, 40).dossier('2019-11-25', '2019-12-02').recognized('2019-12-02');
    for (const event of x2.events) event.metadata.occurredAt = vn('2020-02-10 09:00');
    await store.append('lt-x2', await store.currentVersion('lt-x2'), x2.events);
    afterLateFacts = await reports.captureEventPosition();

    const again = await produce('2019-01-01', after2020);
    expect(again).toMatchObject({ created: false, contentHash: published.contentHash, computedAtPosition: published.computedAtPosition });
    expect((await reports.reproduce('annual-2019')).bytes).toBe(published.bytes);
    const { content } = await reports.get('annual-2019');
    expect(content.area.votes.held).toBe(1);
    expect(content.area.inPeriod.recognized).toBe(1);
  });

  it('count in the restated 2019 report, whose change section names them against the first-published one', async () => {
    const doc = await restated.restate('annual-2019', undefined, after2020);
    const { content } = doc;
    expect(content).toMatchObject({
      edition: 'restated',
      reportId: 'annual-2019',
      basis: { factsOnOrBefore: '2019-12-31', position: afterLateFacts },
    });
    expect(content.area.votes).toMatchObject({ held: 2, adopted: 2, households: 160, present: 125, approving: 110 });
    expect(content.area.inPeriod).toMatchObject({ drafted: 2, recognized: 2 });
    expect(content.area.approvals).toMatchObject({ submitted: 2, decided: 2, pendingAtEnd: 0 });
    expect(content.area.regulations).toMatchObject({ total: 2, byStage: expect.objectContaining({ in_force: 2 }) });
    const bac = content.wards.find((w) => w.wardCode === 'hang-bac')!.metrics;
    expect(bac.inPeriod.recognized).toBe(1);

    expect(content.restatement.against).toEqual({
      edition: 'first_published',
      reportId: 'annual-2019',
      cutoff: vn('2020-01-01 00:00'),
      position: published.computedAtPosition,
      contentHash: published.contentHash,
    });
    // The review started on the day it was recorded (2020): a fact of 2020, not listed.
    expect(content.restatement.facts.map((f) => [f.regulationId, f.eventType, f.factOn, f.occurredAt, f.change])).toEqual([
      ['lt-x2', 'VoteRecorded', '2019-11-20', vn('2020-02-10 09:00'), 'recorded_late'],
      ['lt-x2', 'DossierSubmitted', '2019-11-25', vn('2020-02-10 09:00'), 'recorded_late'],
      ['lt-x2', 'RegulationRecognized', '2019-12-02', vn('2020-02-10 09:00'), 'recorded_late'],
    ]);
    expect(content.restatement.total).toBe(3);
    expect(content.restatement.facts.every((f) => BigInt(f.position) > BigInt(published.computedAtPosition))).toBe(true);
    expect(content.restatement.changes).toEqual(
      expect.arrayContaining(
        [
          { scope: 'area', figure: 'votes.held', reference: 1, restated: 2 },
          { scope: 'area', figure: 'inPeriod.recognized', reference: 1, restated: 2 },
          { scope: 'area', figure: 'regulations.byStage.in_force', reference: 1, restated: 2 },
          { scope: 'hang-bac', figure: 'votes.held', reference: 0, restated: 1 },
          { scope: 'hang-bac', figure: 'votes.turnoutRate', reference: null, restated: 0.75 },
        ].map((change) => expect.objectContaining(change)),
      ),
    );
    // Nothing changed for the ward whose facts were all recorded in time, nor in the number of regulations.
    expect(content.restatement.changes.filter((c) => c.scope === 'cua-nam' || c.figure === 'regulations.total')).toEqual([]);
  });

  it('do not count in the 2020 report, first-published or restated, which see the regulation in force at the end of 2020', async () => {
    const y2020 = await produce('2020-01-01', after2020);
    const { content } = await reports.get(y2020.reportId);
    expect(content.area.votes.held).toBe(0);
    expect(content.area.inPeriod.recognized).toBe(0);
    expect(content.area.regulations.byStage.in_force).toBe(2);
    expect(content.adjustments.events.map((e) => [e.eventType, e.factOn])).toEqual([
      ['VoteRecorded', '2019-11-20'],
      ['DossierSubmitted', '2019-11-25'],
      ['RegulationRecognized', '2019-12-02'],
    ]);

    const restated2020 = (await restated.restate('annual-2020', undefined, after2020)).content;
    expect(restated2020.area.votes.held).toBe(0);
    expect(restated2020.area.inPeriod.recognized).toBe(0);
    // Nothing is counted in no report: each vote counts in the restated report of its legal year.
    const restated2019 = (await restated.restate('annual-2019', undefined, after2020)).content;
    expect(restated2019.area.votes.held + restated2020.area.votes.held).toBe(2);
  });

  it('restates the same bytes at the same position after more events, and a later position sees them', async () => {
    const first = await restated.restate('annual-2019', afterLateFacts, after2020);
    const x3 = new StreamBuilder('lt-x3', 'hang-bac', 'democracy_regulation').drafted('2019-09-09', vn('2020-03-02 09:00'));
    await appendStreams(store, [x3]);
    const again = await restated.restate('annual-2019', afterLateFacts, after2020);
    expect(again.bytes).toBe(first.bytes);
    expect(again.contentHash).toBe(first.contentHash);
    const now = await restated.restate('annual-2019', undefined, after2020);
    expect(now.content.area.inPeriod.drafted).toBe(3);
    expect(now.content.restatement.facts.map((f) => f.regulationId)).toContain('lt-x3');
  });

  it('compares a period without a first-published report with what was recorded before it ended', async () => {
    const { content } = await restated.restate('semiannual-2019-h2', undefined, after2020);
    expect(content.restatement.against).toMatchObject({ edition: 'recorded_by_period_end', reportId: null, position: content.basis.position, contentHash: null });
    expect(content.area.votes.held).toBe(1);
    expect(content.restatement.changes).toEqual(
      expect.arrayContaining([
        {
          scope: 'area',
          scopeLabel: { vi: 'Toàn địa bàn', en: 'Whole area' },
          figure: 'votes.held',
          label: { vi: 'Cuộc biểu quyết', en: 'Votes held' },
          reference: 0,
          restated: 1,
        },
      ]),
    );
    expect(content.restatement.facts.filter((f) => f.change === 'recorded_late').map((f) => f.eventType)).toEqual([
      'VoteRecorded',
      'DossierSubmitted',
      'RegulationRecognized',
      'RegulationDrafted',
    ]);
  });
});

describe('restated report refusals', () => {
  it('refuses a name that is no period', async () => {
    for (const id of ['quarterly-2019', 'annual-19', 'semiannual-2019-h3', '']) {
      await expect(restated.restate(id, undefined, after2020)).rejects.toMatchObject({ code: 'REPORT.INVALID_PERIOD' });
    }
  });

  it('refuses a period that has not ended', async () => {
    await expect(restated.restate('annual-2020', undefined, { now: new Date(vn('2020-12-31 23:59')) })).rejects.toMatchObject({
      code: 'REPORT.PERIOD_NOT_CLOSED',
      details: { reportId: 'annual-2020', closesAt: vn('2021-01-01 00:00') },
    });
  });

  it('refuses a malformed position and one the log has not reached', async () => {
    for (const position of ['abc', '-1', '1.5', '01', '']) {
      await expect(restated.restate('annual-2019', position, after2020)).rejects.toMatchObject({ code: 'REPORT.INVALID_POSITION' });
    }
    const current = await reports.captureEventPosition();
    const beyond = String(BigInt(current) + 1n);
    await expect(restated.restate('annual-2019', beyond, after2020)).rejects.toMatchObject({
      code: 'REPORT.POSITION_NOT_REACHED',
      details: { position: beyond, current },
    });
  });

  it('refuses a position taken before the period ended, and takes the first one after', async () => {
    const early = String(BigInt(lastOf2019) - 1n);
    await expect(restated.restate('annual-2019', early, after2020)).rejects.toMatchObject({
      code: 'REPORT.POSITION_BEFORE_PERIOD_END',
      details: { position: early, closesAt: vn('2020-01-01 00:00') },
    });
    // The first publication was computed at that very position: restated there, nothing differs from it.
    const { content } = await restated.restate('annual-2019', lastOf2019, after2020);
    expect(content.restatement).toMatchObject({ against: { edition: 'first_published', position: lastOf2019 }, total: 0, changes: [] });
  });
});
