/**
 * Bench: the annual summary over 10,000 and 100,000 regulations (about 9.4 events each → up to ~1M events),
 * generated in SQL (INSERT … SELECT generate_series) and projected by the projection rebuild (the domain's folds
 * write the stage history the summary reads). Prints the rebuild's rate, time and peak memory of the summary and
 * how both grow, and the time of the restated report of the same year against the first-published one (every
 * hundredth regulation's vote and later facts are recorded late, in February of the next year, so the restated
 * report has late facts to count and list). Uses DATABASE_ADMIN_URL's server, else an embedded PostgreSQL in a temp dir.
 * Sizes are measured one after the other, never together; each size's figure replaces that size's entry in
 * bench/results/summary.json, so sizes run separately add up (issue 16: 100,000 and 1,000,000).
 * BENCH_SUMMARY_LOG_URL: a database (application role) whose log this script's SQL already generated at the one size
 * given (the million's log takes long to generate on a loaded machine): the log is used as it stands, projected
 * anew by the rebuild, and the database is kept; BENCH_SUMMARY_LOG_OWNER_URL, its migration owner, VACUUMs it after
 * the rebuild (the application role may not: a VACUUM it runs skips the tables with a warning).
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/summary.ts [10000 100000 1000000]
 * The sizes may also come from BENCH_SUMMARY_SIZES (e.g. "100000 1000000"), as `npm run bench` passes no arguments.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createEventStoreDataSource, emptyRebuildTimings, rebuildProjections, RebuildTimings } from '@app/event-store';
import { RestatedSummaryService, SummaryReportService } from '@app/reporting';
import { createTestDatabase } from '../test/support/database';
import { freePort, startEmbeddedPostgres } from '../tools/dev-stack/servers';
import { machine, revision } from './record';

const wards = [
  'chuong-duong', 'cua-dong', 'cua-nam', 'dong-xuan', 'hang-bac', 'hang-bai', 'hang-bo', 'hang-bong', 'hang-buom',
  'hang-dao', 'hang-gai', 'hang-ma', 'hang-trong', 'ly-thai-to', 'phan-chu-trinh', 'phuc-tan', 'tran-hung-dao', 'trang-tien',
];

/**
 * Ten events per regulation (seven for every fifth: left pending under review), dates spread over 2025; every
 * hundredth regulation's facts from its vote on are recorded on 1 February 2026 (their legal dates stay in 2025).
 */
const generateSql = `
  INSERT INTO events (event_id, stream_id, stream_position, event_type, schema_version, data, metadata, occurred_at)
  SELECT gen_random_uuid(), 'bench-' || i, p, t.type, 1, t.data,
         jsonb_build_object('actor', jsonb_build_object('id', 'bench', 'role', 'officer'), 'commandId', 'bench-' || i || '-' || p,
                            'correlationId', 'bench-' || i, 'occurredAt', to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'reason', null, 'legalBasis', null),
         d.at
  FROM generate_series(1, $1::int) AS i
  CROSS JOIN generate_series(1, 10) AS p
  CROSS JOIN LATERAL (
    SELECT (DATE '2025-01-01' + (i % 200) + p * 4) AS day,
           CASE WHEN i % 100 = 1 AND p >= 6 THEN TIMESTAMPTZ '2026-02-01 02:00:00+00'
                ELSE ((DATE '2025-01-01' + (i % 200) + p * 4)::timestamp + interval '2 hours') AT TIME ZONE 'UTC' END AS at,
           $2::text[] AS wards
  ) d
  CROSS JOIN LATERAL (
    SELECT to_char(d.day, 'YYYY-MM-DD') AS on_, 50 + i % 100 AS total, 50 + i % 100 - i % 20 AS present
  ) v
  CROSS JOIN LATERAL (
    SELECT CASE p
      WHEN 1 THEN 'RegulationDrafted' WHEN 2 THEN 'ConsultationOpened' WHEN 3 THEN 'CommentRecorded'
      WHEN 4 THEN 'ConsultationClosed' WHEN 5 THEN 'CommentDisposed' WHEN 6 THEN 'VoteRecorded'
      WHEN 7 THEN 'DossierSubmitted' WHEN 8 THEN 'ReviewStarted' WHEN 9 THEN 'RegulationRecognized' ELSE 'AnnualReviewDue' END AS type,
    CASE p
      WHEN 1 THEN jsonb_build_object('regulationId', 'bench-' || i, 'wardCode', d.wards[1 + i % 18],
                    'kind', CASE WHEN i % 3 = 0 THEN 'democracy_regulation' ELSE 'community_convention' END,
                    'title', 'Quy ước ' || i, 'text', 'Điều 1.', 'residentialGroup', null, 'startedOn', v.on_, 'regimeId', 'decree-61-2023')
      WHEN 2 THEN jsonb_build_object('openedAt', to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'closesAt', to_char((d.at + interval '30 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'minimumEndsAt', to_char((d.at + interval '30 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'days', 30, 'channels', jsonb_build_array('meeting'))
      WHEN 3 THEN jsonb_build_object('commentId', 'c1', 'channel', 'meeting', 'content', 'ý kiến', 'receivedOn', v.on_)
      WHEN 4 THEN jsonb_build_object('closedAt', to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'closedOn', v.on_,
                    'automatic', true, 'comments', 1)
      WHEN 5 THEN jsonb_build_object('commentId', 'c1', 'disposition', CASE i % 3 WHEN 0 THEN 'accepted' WHEN 1 THEN 'partly_accepted' ELSE 'not_accepted' END,
                    'reason', 'lý do')
      WHEN 6 THEN jsonb_build_object('round', 1, 'method', 'meeting', 'heldOn', v.on_, 'totalHouseholds', v.total, 'present', v.present,
                    'approving', v.present - i % 5, 'quorumMet', true, 'adopted', true)
      WHEN 7 THEN jsonb_build_object('submittedOn', v.on_, 'documents', jsonb_build_array('request_form_01', 'minutes_form_02', 'adopted_text'),
                    'submissionDueOn', v.on_, 'late', i % 11 = 0, 'decisionDueOn', to_char(d.day + 7, 'YYYY-MM-DD'), 'authority', 'ward_peoples_committee')
      WHEN 8 THEN jsonb_build_object('startedAt', to_char(d.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      WHEN 9 THEN jsonb_build_object('decisionNo', i || '/QĐ', 'decidedOn', to_char(d.day - 4 + i % 12, 'YYYY-MM-DD'),
                    'authority', 'ward_peoples_committee', 'revision', 1, 'title', 'Quy ước ' || i, 'text', 'Điều 1.',
                    'amendment', false, 'nextReviewDueOn', to_char(d.day + 365, 'YYYY-MM-DD'))
      ELSE jsonb_build_object('dueOn', v.on_) END AS data
  ) t
  WHERE p <= CASE WHEN i % 5 = 0 THEN 7 ELSE 10 END
  ORDER BY i, p`;

interface Figure {
  /** When this size was measured, on which machine (its load) and commit: sizes in the file come from separate runs. */
  measuredAt: string;
  machine: ReturnType<typeof machine>;
  revision: ReturnType<typeof revision>;
  regulations: number;
  events: number;
  /** null: the log was generated before (BENCH_SUMMARY_LOG_URL). */
  generateMs: number | null;
  rebuildMs: number;
  rebuildTimingsMs: RebuildTimings;
  summaryMs: number;
  rerunMs: number;
  /** The restated report of the same year at the same log, and its late facts and changed figures. */
  restatedMs: number;
  restatedFacts: number;
  restatedChanges: number;
  peakRssMb: number;
  peakHeapMb: number;
  contentBytes: number;
}

/** Events the generator writes for `regulations`: ten each, seven for every fifth. */
const expectedEvents = (regulations: number): number => regulations * 10 - Math.floor(regulations / 5) * 3;

/** Runs `sql` as the database's owner: VACUUM and ANALYZE of a table need its owner (the application role is skipped). */
async function asOwner(ownerUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface LogDatabase {
  dataSource: DataSource;
  /** The migration owner's URL of the same database. */
  ownerUrl: string;
  generateMs: number | null;
  drop(): Promise<void>;
}

/** A fresh database with the log generated, or the one at `logUrl` holding it already. */
async function logDatabase(regulations: number, logUrl: string | undefined): Promise<LogDatabase> {
  if (logUrl) {
    const ownerUrl = process.env.BENCH_SUMMARY_LOG_OWNER_URL;
    if (!ownerUrl) throw new Error('BENCH_SUMMARY_LOG_OWNER_URL: the migration owner of BENCH_SUMMARY_LOG_URL\'s database, which VACUUMs the projections');
    const dataSource = await createEventStoreDataSource(logUrl);
    const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM events')) as { n: number }[];
    if (n !== expectedEvents(regulations)) {
      await dataSource.destroy();
      throw new Error(`BENCH_SUMMARY_LOG_URL holds ${n} events, not the ${expectedEvents(regulations)} of ${regulations} regulations`);
    }
    return { dataSource, ownerUrl, generateMs: null, drop: () => dataSource.destroy() };
  }
  const db = await createTestDatabase();
  const started = Date.now();
  await db.dataSource.query(generateSql, [regulations, wards]);
  await asOwner(db.migrationUrl, 'ANALYZE events');
  return { dataSource: db.dataSource, ownerUrl: db.migrationUrl, generateMs: Date.now() - started, drop: () => db.drop() };
}

async function measure(regulations: number, logUrl: string | undefined): Promise<Figure> {
  const db = await logDatabase(regulations, logUrl);
  try {
    const { generateMs } = db;
    const [{ n }] = (await db.dataSource.query('SELECT count(*)::int AS n FROM events')) as { n: number }[];
    let started = Date.now();
    const rebuildTimingsMs = emptyRebuildTimings();
    await rebuildProjections(db.dataSource, { timings: rebuildTimingsMs });
    const rebuildMs = Date.now() - started;
    // As autovacuum would soon after: the visibility map the index-only scans read (the rebuild analyzed the tables).
    await asOwner(db.ownerUrl, 'VACUUM regulation_timeline, regulation_facts, regulation_fact_heads');

    const reports = new SummaryReportService(db.dataSource);
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 10);
    started = Date.now();
    const result = await reports.produce('annual', '2025-01-01', await reports.captureEventPosition(), { now: new Date('2026-01-05T00:00:00Z') });
    const summaryMs = Date.now() - started;
    clearInterval(sampler);
    started = Date.now();
    const again = await reports.produce('annual', '2025-01-01', await reports.captureEventPosition(), { now: new Date('2026-01-05T00:00:00Z') });
    const rerunMs = Date.now() - started;
    if (again.contentHash !== result.contentHash) throw new Error('re-run differs');
    const restated = new RestatedSummaryService(db.dataSource, reports);
    started = Date.now();
    const restatedDoc = await restated.restate(result.reportId);
    const restatedMs = Date.now() - started;
    const doc = await reports.get(result.reportId);
    return {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      regulations,
      events: n,
      generateMs,
      rebuildMs,
      rebuildTimingsMs: roundTimings(rebuildTimingsMs),
      summaryMs,
      rerunMs,
      restatedMs,
      restatedFacts: restatedDoc.content.restatement.total,
      restatedChanges: restatedDoc.content.restatement.changes.length,
      peakRssMb: Math.round(((peakRss - base.rss) / 1048576) * 10) / 10,
      peakHeapMb: Math.round(((peakHeap - base.heapUsed) / 1048576) * 10) / 10,
      contentBytes: doc.bytes.length,
    };
  } finally {
    await db.drop();
  }
}

function roundTimings(t: RebuildTimings): RebuildTimings {
  const ms = (value: number) => Math.round(value);
  return {
    readWaitMs: ms(t.readWaitMs),
    foldMs: ms(t.foldMs),
    encodeMs: ms(t.encodeMs),
    writeWaitMs: ms(t.writeWaitMs),
    copyMs: { timeline: ms(t.copyMs.timeline), regulations: ms(t.copyMs.regulations), tasks: ms(t.copyMs.tasks) },
    finishMs: ms(t.finishMs),
  };
}

const resultFile = path.join(__dirname, 'results', 'summary.json');

/** The recorded sizes with this run's replacing theirs, smallest first. */
function merged(figures: Figure[]): Figure[] {
  const earlier = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Figure[]) : [];
  const measured = new Set(figures.map((f) => f.regulations));
  return [...earlier.filter((f) => !measured.has(f.regulations)), ...figures].sort((a, b) => a.regulations - b.regulations);
}

async function main(): Promise<void> {
  const given = process.argv.length > 2 ? process.argv.slice(2) : (process.env.BENCH_SUMMARY_SIZES ?? '').split(/[\s,]+/);
  const sizes = given.map(Number).filter((n) => n > 0);
  const runs = sizes.length > 0 ? sizes : [10_000, 100_000];
  const logUrl = process.env.BENCH_SUMMARY_LOG_URL;
  if (logUrl && runs.length !== 1) throw new Error('BENCH_SUMMARY_LOG_URL holds the log of one size: give that size alone');
  let stop: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_ADMIN_URL) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    process.env.DATABASE_ADMIN_URL = pg.adminUrl;
    stop = () => pg.stop();
  }
  try {
    const figures: Figure[] = [];
    for (const n of runs) {
      const f = await measure(n, logUrl);
      figures.push(f);
      console.log(
        `annual summary: ${f.regulations} regulations, ${f.events} events: ${f.summaryMs} ms (re-run + verify ${f.rerunMs} ms), ` +
          `peak +${f.peakRssMb} MB rss / +${f.peakHeapMb} MB heap, report ${f.contentBytes} bytes (data generated in ${f.generateMs ?? 'an earlier run'} ms, ` +
          `projected by the rebuild in ${f.rebuildMs} ms: ${Math.round(f.events / (f.rebuildMs / 1000))} events/s)`,
      );
      console.log(
        `restated annual summary: ${f.restatedMs} ms (×${(f.restatedMs / f.summaryMs).toFixed(2)} the first-published one, ` +
          `×${(f.restatedMs / f.rerunMs).toFixed(2)} its re-run), ` +
          `${f.restatedFacts} late facts, ${f.restatedChanges} changed figures`,
      );
    }
    const all = merged(figures);
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1];
      const b = all[i];
      console.log(
        `growth ${a.regulations} → ${b.regulations} (×${(b.events / a.events).toFixed(1)} events): time ×${(b.summaryMs / a.summaryMs).toFixed(1)}, ` +
          `restated ×${(b.restatedMs / a.restatedMs).toFixed(1)}, peak rss +${a.peakRssMb} → +${b.peakRssMb} MB`,
      );
    }
    const million = all.find((f) => f.regulations === 1_000_000);
    if (million) {
      const met = million.summaryMs <= 10_000 && million.restatedMs <= 10_000;
      console.log(`target 1,000,000 regulations in ≤ 10 s (first-published and restated): ${met ? 'met' : 'MISSED'}`);
    }
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(resultFile, `${JSON.stringify(all, null, 2)}\n`);
  } finally {
    await stop?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
