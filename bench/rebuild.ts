/**
 * `npm run bench:rebuild`: the projection rebuild (rebuildProjections) over logs of about 200,000 and 1,000,000
 * events, and the live projector's path (projectEvents, one call per stream and page, as appends and the former
 * rebuild ran it) on a smaller log in the same run, with the rows of both compared. The logs are made by the domain:
 * every regulation is driven through `decide` and `evolve` (RegulationHistory), its envelopes copied into `events`
 * (COPY), streams interleaved as live appends leave them. Prints and records events/s, where the time went (reading
 * the log, folding, writing the rows) and the peak RSS of this process; writes bench/results/<timestamp>-rebuild.json.
 * Uses DATABASE_ADMIN_URL's server, else an embedded PostgreSQL in a temp dir.
 * Settings (flag or environment): --events BENCH_REBUILD_EVENTS (1000000: the large log; a log of a fifth of it is
 * measured too), --baseline-events BENCH_REBUILD_BASELINE_EVENTS (10000), --timeout BENCH_TIMEOUT_SECONDS (1800).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource, MoreThan } from 'typeorm';
import { EventEnvelope, StoredEvent, tasksOf } from '@app/domain';
import { copy, copyValue, emptyRebuildTimings, EventEntity, rebuildProjections, RebuildTimings, toStoredEvent } from '@app/event-store';
import { projectEvents } from '../libs/event-store/src/projector';
import {
  amendmentToRecognition,
  conventionToRecognition,
  createDraft,
  RegulationHistory,
} from '../libs/event-store/src/testing/regulation-history';
import { createTestDatabase, TestDatabase } from '../test/support/database';
import { freePort, startEmbeddedPostgres } from '../tools/dev-stack/servers';
import { integerOptions, runBounded } from './bounded-run';
import { machine, revision, round, writeResult } from './record';

interface Settings {
  events: number;
  baselineEvents: number;
  timeoutSeconds: number;
}

const log = (line: string): void => console.log(`[bench:rebuild] ${line}`);

function readSettings(argv: readonly string[]): Settings {
  const read = integerOptions(argv, ['events', 'baseline-events', 'timeout']);
  return {
    events: read('events', 'BENCH_REBUILD_EVENTS', 1_000_000, 1_000, 10_000_000),
    baselineEvents: read('baseline-events', 'BENCH_REBUILD_BASELINE_EVENTS', 10_000, 100, 1_000_000),
    timeoutSeconds: read('timeout', 'BENCH_TIMEOUT_SECONDS', 1_800, 10, 7_200),
  };
}

const chair = { id: 'chair-1', role: 'ward_chair' as const, wards: ['hang-bac'] };

/**
 * One regulation's batches, by i % 10: 0–6 a convention to its recognition (10 events), 7 and an amendment to its
 * recognition (18), 8 a draft withdrawn (2), 9 a complaint whose answer task is claimed, then a suspension (13).
 */
function regulationBatches(i: number): EventEnvelope[][] {
  const history = new RegulationHistory(`bench-${i}`);
  switch (i % 10) {
    case 7:
      return [...conventionToRecognition(history), ...amendmentToRecognition(history)];
    case 8:
      return [createDraft(history), history.at(3).run({ type: 'Withdraw', reason: 'trùng nội dung' })];
    case 9: {
      const batches = conventionToRecognition(history);
      batches.push(
        history.at(56).run(
          { type: 'ReceiveComplaint', complaintId: 'don-1', receivedOn: '2025-04-28', source: 'written_complaint', summary: 'Điều 4' },
          { actor: chair },
        ),
      );
      const [answer] = tasksOf(history.state);
      batches.push(history.at(57).run({ type: 'ClaimTask', taskId: answer.taskId }, { actor: chair }));
      batches.push(
        history.at(67).run(
          {
            type: 'Suspend',
            complaintId: 'don-1',
            decisionNo: '21/QĐ-UBND',
            suspendedOn: '2025-05-09',
            ground: 'content',
            scope: 'part',
            articles: ['Điều 4'],
            redraftDueOn: '2025-07-31',
            reason: 'trái luật',
          },
          { actor: chair },
        ),
      );
      return batches;
    }
    default:
      return conventionToRecognition(history);
  }
}

const EVENTS_PER_REGULATION = 10.3;
const CHUNK = 2_000;

/** Copies the log of `regulations` regulations into `events`, a chunk at a time, the chunk's streams interleaved by batch. */
async function generateLog(url: string, regulations: number): Promise<{ events: number; decideMs: number; copyMs: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let events = 0;
  let decideMs = 0;
  let copyMs = 0;
  try {
    for (let first = 0; first < regulations; first += CHUNK) {
      let started = performance.now();
      const streams = Array.from({ length: Math.min(CHUNK, regulations - first) }, (_, k) => regulationBatches(first + k));
      const longest = Math.max(...streams.map((s) => s.length));
      let text = '';
      const positions = new Map<string, number>();
      for (let b = 0; b < longest; b++) {
        for (const stream of streams) {
          for (const e of stream[b] ?? []) {
            const position = (positions.get(e.streamId) ?? 0) + 1;
            positions.set(e.streamId, position);
            text += [
              copyValue(e.eventId, false),
              copyValue(e.streamId, false),
              position,
              e.type,
              e.schemaVersion,
              copyValue(e.data, true),
              copyValue(e.metadata, true),
              e.metadata.occurredAt,
            ].join('\t');
            text += '\n';
            events += 1;
          }
        }
      }
      decideMs += performance.now() - started;
      started = performance.now();
      await copy(client, 'COPY events (event_id, stream_id, stream_position, event_type, schema_version, data, metadata, occurred_at) FROM STDIN', text);
      copyMs += performance.now() - started;
    }
    await client.query('ANALYZE events');
  } finally {
    await client.end();
  }
  return { events, decideMs: Math.round(decideMs), copyMs: Math.round(copyMs) };
}

/** The live projector's path over the whole log: pages of 1,000 in global order, projectEvents per stream within a page. */
async function replayThroughLiveProjector(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT events_hold_appends()');
    await manager.query('TRUNCATE regulations, regulation_timeline, regulation_facts, regulation_fact_heads, approval_tasks');
    let after = '0';
    let total = 0;
    for (;;) {
      const rows = await manager.find(EventEntity, { where: { globalPosition: MoreThan(after) }, order: { globalPosition: 'ASC' }, take: 1000 });
      if (rows.length === 0) return total;
      const streams = new Map<string, StoredEvent[]>();
      for (const event of rows.map(toStoredEvent)) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
      for (const events of streams.values()) await projectEvents(manager, events);
      after = rows[rows.length - 1].globalPosition;
      total += rows.length;
    }
  });
}

/** A digest of every projected row as PostgreSQL prints it, table by table in key order. */
async function projectionDigest(dataSource: DataSource): Promise<string> {
  const [row] = (await dataSource.query(`
    SELECT (SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY regulation_id), '')) FROM regulations r) || ' ' ||
           (SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY global_position), '')) FROM regulation_timeline t) || ' ' ||
           (SELECT md5(coalesce(string_agg(f::text, E'\\n' ORDER BY global_position), '')) FROM regulation_facts f) || ' ' ||
           (SELECT md5(coalesce(string_agg(h::text, E'\\n' ORDER BY regulation_id), '')) FROM regulation_fact_heads h) || ' ' ||
           (SELECT md5(coalesce(string_agg(a::text, E'\\n' ORDER BY task_id), '')) FROM approval_tasks a) AS digest`)) as { digest: string }[];
  return row.digest;
}

/** Runs `work` while sampling this process's RSS every 10 ms; returns its time and the peak. */
async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMb: number; startRssMb: number }> {
  global.gc?.();
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms, peakRssMb: round(peak / 2 ** 20), startRssMb: round(startRss / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

interface Figure {
  events: number;
  regulations: number;
  generate: { decideMs: number; copyMs: number };
  rebuild: { ms: number; eventsPerSecond: number; peakRssMb: number; startRssMb: number; timingsMs: RebuildTimings };
  liveProjector?: { ms: number; eventsPerSecond: number; peakRssMb: number };
  sameRows?: boolean;
}

async function measure(db: TestDatabase, events: number, withBaseline: boolean): Promise<Figure> {
  const regulations = Math.max(1, Math.round(events / EVENTS_PER_REGULATION));
  log(`generating ${regulations} regulations through the domain's decide…`);
  const generated = await generateLog(db.url, regulations);
  log(`${generated.events} events (decide and encode ${generated.decideMs} ms, COPY ${generated.copyMs} ms)`);
  let liveProjector: Figure['liveProjector'];
  let liveDigest: string | undefined;
  if (withBaseline) {
    const live = await sampled(() => replayThroughLiveProjector(db.dataSource));
    liveProjector = { ms: Math.round(live.ms), eventsPerSecond: Math.round(live.value / (live.ms / 1000)), peakRssMb: live.peakRssMb };
    liveDigest = await projectionDigest(db.dataSource);
    log(`live projector path: ${live.value} events in ${liveProjector.ms} ms = ${liveProjector.eventsPerSecond} events/s`);
  }
  const timings = emptyRebuildTimings();
  const rebuilt = await sampled(() => rebuildProjections(db.dataSource, { timings }));
  if (rebuilt.value.events !== generated.events) throw new Error(`rebuilt ${rebuilt.value.events} events of ${generated.events}`);
  const ms = Math.round(rebuilt.ms);
  const t: RebuildTimings = {
    readWaitMs: Math.round(timings.readWaitMs),
    foldMs: Math.round(timings.foldMs),
    encodeMs: Math.round(timings.encodeMs),
    writeWaitMs: Math.round(timings.writeWaitMs),
    copyMs: {
      timeline: Math.round(timings.copyMs.timeline),
      regulations: Math.round(timings.copyMs.regulations),
      tasks: Math.round(timings.copyMs.tasks),
    },
    finishMs: Math.round(timings.finishMs),
  };
  const figure: Figure = {
    events: generated.events,
    regulations,
    generate: { decideMs: generated.decideMs, copyMs: generated.copyMs },
    liveProjector,
    rebuild: { ms, eventsPerSecond: Math.round(rebuilt.value.events / (rebuilt.ms / 1000)), peakRssMb: rebuilt.peakRssMb, startRssMb: rebuilt.startRssMb, timingsMs: t },
  };
  log(
    `rebuild: ${rebuilt.value.events} events in ${ms} ms = ${figure.rebuild.eventsPerSecond} events/s, peak RSS ${figure.rebuild.peakRssMb} MB ` +
      `(${figure.rebuild.startRssMb} MB before); in this process: fold ${t.foldMs} ms, encode ${t.encodeMs} ms, waiting for the log ${t.readWaitMs} ms, ` +
      `waiting for the COPYs ${t.writeWaitMs} ms, facts and indexes after the last page ${t.finishMs} ms, ` +
      `the rest (lock, truncate, commit) ${ms - t.foldMs - t.encodeMs - t.readWaitMs - t.writeWaitMs - t.finishMs} ms; ` +
      `COPY (beside the fold) timeline ${t.copyMs.timeline} ms, regulations ${t.copyMs.regulations} ms, tasks ${t.copyMs.tasks} ms`,
  );
  if (liveDigest !== undefined) {
    figure.sameRows = (await projectionDigest(db.dataSource)) === liveDigest;
    if (!figure.sameRows) throw new Error('the rebuild wrote other rows than the live projector');
    log('rows of the rebuild and of the live projector: identical (md5 of every row as PostgreSQL prints it)');
  }
  return figure;
}

async function main(settings: Settings, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}`);
  let stop: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_ADMIN_URL) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    process.env.DATABASE_ADMIN_URL = pg.adminUrl;
    stop = () => pg.stop();
  }
  try {
    const figures: Figure[] = [];
    for (const [events, withBaseline] of [
      [settings.baselineEvents, true],
      [Math.round(settings.events / 5), false],
      [settings.events, false],
    ] as const) {
      signal.throwIfAborted();
      const db = await createTestDatabase();
      try {
        figures.push(await measure(db, events, withBaseline));
      } finally {
        await db.drop();
      }
    }
    const [small, , large] = figures;
    const speedup = round(large.rebuild.eventsPerSecond / small.liveProjector!.eventsPerSecond);
    const met = large.rebuild.eventsPerSecond >= 50_000;
    log(
      `rebuild of ${large.events} events: ${large.rebuild.eventsPerSecond} events/s (target 50,000: ${met ? 'met' : 'MISSED'}), ` +
        `×${speedup} the live projector path's ${small.liveProjector!.eventsPerSecond} events/s on ${small.events} events; ` +
        `×${round(large.rebuild.eventsPerSecond / small.rebuild.eventsPerSecond)} the rebuild's own rate on ${small.events} events`,
    );
    writeResult('rebuild', startedAt, {
      benchmark: 'rebuild',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machine(),
      revision: revision(),
      parameters: {
        ...settings,
        log: 'regulations driven through decide/evolve (RegulationHistory): by i % 10, 0–6 a convention to recognition (10 events), 7 with an amendment to recognition (18), 8 a draft withdrawn (2), 9 a complaint claimed then a suspension (13); COPY into events in chunks of 2,000 regulations, streams interleaved by batch',
        liveProjector: 'projectEvents per stream within pages of 1,000 events in global order, one transaction (the path of appends, and of the rebuild before this one)',
      },
      figures,
      target: { eventsPerSecond: 50_000, met },
      speedupOverLiveProjector: speedup,
    });
  } finally {
    await stop?.();
  }
}

runBounded('bench:rebuild', readSettings, main);
