import { Client } from 'pg';
import { EventEnvelope, tasksOf } from '@app/domain';
import { ApprovalTaskEntity } from './approval-task.entity';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStore } from './event-store';
import { rebuildProjections } from './rebuild';
import { RegulationTimelineEntity } from './regulation-timeline.entity';
import { RegulationEntity } from './regulation.entity';
import {
  amendmentToRecognition,
  appendBatches,
  conventionToRecognition,
  createDraft,
  front,
  RegulationHistory,
  system,
} from './testing/regulation-history';

const chair = { id: 'chair-1', role: 'ward_chair' as const, wards: ['hang-bac'] };

let db: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new EventStore(db.dataSource);
});
afterAll(() => db?.drop());

async function snapshot(): Promise<{ regulations: RegulationEntity[]; timeline: RegulationTimelineEntity[]; tasks: ApprovalTaskEntity[] }> {
  return {
    tasks: await db.dataSource.getRepository(ApprovalTaskEntity).find({ order: { taskId: 'ASC' } }),
    regulations: await db.dataSource.getRepository(RegulationEntity).find({ order: { regulationId: 'ASC' } }),
    timeline: await db.dataSource.getRepository(RegulationTimelineEntity).find({ order: { globalPosition: 'ASC' } }),
  };
}

/** A text with the characters COPY's text format escapes (tab, newline, carriage return, backslash) and quotes. */
const awkward = 'dòng 1\tcột 2\r\ndòng 2 \\N "trích" \\ hết';

/** Every projected row as PostgreSQL prints it, table by table in key order: equal means byte-identical. */
async function printedRows(): Promise<string[]> {
  const rows = (await db.dataSource.query(`
    SELECT r::text AS row FROM (SELECT * FROM regulations ORDER BY regulation_id) r
    UNION ALL SELECT t::text FROM (SELECT * FROM regulation_timeline ORDER BY global_position) t
    UNION ALL SELECT f::text FROM (SELECT * FROM regulation_facts ORDER BY global_position) f
    UNION ALL SELECT h::text FROM (SELECT * FROM regulation_fact_heads ORDER BY regulation_id) h
    UNION ALL SELECT a::text FROM (SELECT * FROM approval_tasks ORDER BY task_id) a`)) as { row: string }[];
  return rows.map((r) => r.row);
}

/** Takes one batch from each stream in turn, so the global order interleaves the streams. */
function interleave(streams: EventEnvelope[][][]): EventEnvelope[][] {
  const longest = Math.max(...streams.map((s) => s.length));
  return Array.from({ length: longest }, (_, i) => streams.map((s) => s[i]).filter((b) => b !== undefined)).flat();
}

function severalRegulations(): EventEnvelope[][][] {
  const amended = new RegulationHistory();
  const amendedBatches = [...conventionToRecognition(amended), ...amendmentToRecognition(amended)];

  // A complaint's answer task claimed and escalated, then closed by the suspension it led to (Decree 61/2023 art. 12).
  const suspended = new RegulationHistory();
  const suspendedBatches = [
    ...conventionToRecognition(suspended),
    suspended
      .at(56)
      .run({ type: 'ReceiveComplaint', complaintId: 'don-7', receivedOn: '2025-04-28', source: 'written_complaint', summary: 'Điều 4 trái luật' }, { actor: chair }),
  ];
  const [answer] = tasksOf(suspended.state);
  suspendedBatches.push(suspended.at(57).run({ type: 'ClaimTask', taskId: answer.taskId }, { actor: chair }));
  suspendedBatches.push(suspended.at(66).run({ type: 'EscalateTask', taskId: answer.taskId }, { actor: system }));
  suspendedBatches.push(
    suspended.at(67).run(
      {
        type: 'Suspend',
        complaintId: 'don-7',
        decisionNo: '21/QĐ-UBND',
        suspendedOn: '2025-05-09',
        ground: 'content',
        scope: 'part',
        articles: ['Điều 4'],
        redraftDueOn: '2025-07-31',
        reason: 'trái luật mới',
      },
      { actor: chair },
    ),
  );

  const democracy = new RegulationHistory();
  const democracyBatches = [
    createDraft(democracy, 'democracy_regulation'),
    democracy.at(2).run({ type: 'OpenConsultation', days: 30, channels: ['meeting'] }),
    democracy.at(4).run({ type: 'SubmitCritique', content: 'Phản biện của MTTQ', submittedOn: '2025-03-07' }, { actor: front }),
  ];

  const withdrawn = new RegulationHistory();
  const withdrawnBatches = [
    createDraft(withdrawn),
    withdrawn.at(2).run({ type: 'ReviseDraft', text: awkward, summary: awkward }, { reason: awkward, legalBasis: awkward }),
    withdrawn.at(3).run({ type: 'Withdraw', reason: awkward }, { reason: 'trùng nội dung' }),
  ];
  return [amendedBatches, suspendedBatches, democracyBatches, withdrawnBatches];
}

const PROJECTIONS = `'regulations', 'regulation_timeline', 'regulation_facts', 'regulation_fact_heads', 'approval_tasks'`;

/** The projections' indexes and key constraints as PostgreSQL prints them, and whether the facts trigger fires. */
async function projectionSchema(): Promise<{ indexes: string[]; keys: string[]; trigger: string }> {
  const indexes = (await db.dataSource.query(
    `SELECT indexdef FROM pg_indexes WHERE tablename IN (${PROJECTIONS}) ORDER BY indexname`,
  )) as { indexdef: string }[];
  const keys = (await db.dataSource.query(`
    SELECT conname || ' ' || pg_get_constraintdef(oid) AS key FROM pg_constraint
    WHERE conrelid::regclass::text IN (${PROJECTIONS}) AND contype IN ('p', 'u', 'x') ORDER BY conname`)) as { key: string }[];
  const [{ tgenabled }] = (await db.dataSource.query(
    `SELECT tgenabled FROM pg_trigger WHERE tgname = 'regulation_facts_append'`,
  )) as { tgenabled: string }[];
  return { indexes: indexes.map((i) => i.indexdef), keys: keys.map((k) => k.key), trigger: tgenabled };
}

describe('rebuildProjections', () => {
  it('rebuilds the projection tables identical to the rows the appends produced', async () => {
    await appendBatches(store, interleave(severalRegulations()));
    const before = await snapshot();
    const stages = before.regulations.map((r) => r.stage).sort();
    expect(stages).toEqual(['consultation', 'in_force', 'suspended', 'withdrawn']);
    expect(before.tasks.map((t) => [t.step, t.status, t.assignee, t.escalations])).toEqual(
      expect.arrayContaining([
        ['dossier_decision', 'done', null, 0],
        ['complaint_answer', 'done', 'chair-1', 1],
      ]),
    );

    const printed = await printedRows();
    expect(printed.some((row) => row.includes('\\\\N'))).toBe(true);
    // The appends' trigger kept a facts row per timeline row and each stream's newest as its head.
    const [facts] = (await db.dataSource.query(`
      SELECT (SELECT count(*)::int FROM regulation_facts) AS facts,
             (SELECT count(*)::int FROM regulation_fact_heads h
                WHERE h.stream_position = (SELECT max(stream_position) FROM regulation_timeline t WHERE t.regulation_id = h.regulation_id)) AS heads`)) as {
      facts: number;
      heads: number;
    }[];
    expect(facts).toEqual({ facts: before.timeline.length, heads: before.regulations.length });

    await db.dataSource.query(`UPDATE regulations SET title = 'tampered', state = '{}'`);
    await db.dataSource.query(`DELETE FROM regulation_timeline WHERE stream_position = 2`);
    await db.dataSource.query(`DELETE FROM regulation_facts WHERE stream_position = 2`);
    await db.dataSource.query(`UPDATE regulation_fact_heads SET stage = 'tampered', stream_position = 0`);
    await db.dataSource.query(`UPDATE approval_tasks SET status = 'open', assignee = NULL`);
    expect(await rebuildProjections(db.dataSource)).toEqual({ events: before.timeline.length });
    expect(await snapshot()).toEqual(before);
    expect(await printedRows()).toEqual(printed);

    // Pages of 3 and 1: streams split across pages, their folds carried from one page to the next.
    await rebuildProjections(db.dataSource, { pageSize: 3 });
    expect(await printedRows()).toEqual(printed);
    await rebuildProjections(db.dataSource, { pageSize: 1 });
    expect(await printedRows()).toEqual(printed);
  });

  it('loses no append that runs during a rebuild', async () => {
    const history = new RegulationHistory();
    const batches = conventionToRecognition(history);
    await appendBatches(store, batches.slice(0, 5));

    await Promise.all([
      rebuildProjections(db.dataSource, { pageSize: 2 }),
      appendBatches(store, batches.slice(5)),
      rebuildProjections(db.dataSource),
    ]);
    const live = await snapshot();
    expect(live.regulations.find((r) => r.regulationId === history.regulationId)?.version).toBe(10);

    await rebuildProjections(db.dataSource);
    expect(await snapshot()).toEqual(live);
  });

  // The bulk load (projections_rebuild_begin and _finish) drops the indexes and the facts trigger for its transaction.
  it('leaves every index and the facts trigger as the migrations made them, and appends keep the facts after it', async () => {
    const before = await projectionSchema();
    expect(before.indexes).toHaveLength(20);
    expect(before.keys).toHaveLength(5);
    expect(before.trigger).toBe('O');
    await rebuildProjections(db.dataSource, { pageSize: 4 });
    expect(await projectionSchema()).toEqual(before);

    const history = new RegulationHistory();
    await appendBatches(store, [createDraft(history)]);
    const [row] = (await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM regulation_timeline WHERE regulation_id = $1) AS timeline,
              (SELECT count(*)::int FROM regulation_facts WHERE regulation_id = $1) AS facts,
              (SELECT count(*)::int FROM regulation_fact_heads WHERE regulation_id = $1) AS heads`,
      [history.regulationId],
    )) as { timeline: number; facts: number; heads: number }[];
    expect(row).toEqual({ timeline: 1, facts: 1, heads: 1 });
  });

  it('refuses to commit a begin without its finish, begins twice or a finish without a begin, and changes nothing', async () => {
    const before = await projectionSchema();
    const rows = await printedRows();
    const app = new Client({ connectionString: db.url });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query('SELECT events_hold_appends()');
      await app.query('SELECT projections_rebuild_begin()');
      await expect(app.query('COMMIT')).rejects.toThrow(
        'projections_rebuild_begin() without projections_rebuild_finish(): the projections have no indexes',
      );
      await app.query('BEGIN');
      await app.query('SELECT projections_rebuild_begin()');
      await expect(app.query('SELECT projections_rebuild_begin()')).rejects.toThrow('a projection rebuild has begun already in this transaction');
      await app.query('ROLLBACK');
      await expect(app.query('SELECT projections_rebuild_finish()')).rejects.toThrow('no projection rebuild has begun in this transaction');
      await expect(app.query('SELECT * FROM projection_rebuild_indexes')).rejects.toThrow('permission denied');
      await expect(app.query(`INSERT INTO projection_rebuild_indexes (statement) VALUES ('DROP TABLE events')`)).rejects.toThrow(
        'permission denied',
      );
    } finally {
      await app.end();
    }
    expect(await projectionSchema()).toEqual(before);
    expect(await printedRows()).toEqual(rows);
  });

  it('refuses a log with a gap in a stream and leaves the projections as they were', async () => {
    const before = await printedRows();
    const history = new RegulationHistory();
    const [drafted, revised] = conventionToRecognition(history);
    const owner = new Client({ connectionString: db.migrationUrl });
    await owner.connect();
    try {
      for (const [event, position] of [[drafted[0], 1], [revised[0], 3]] as const) {
        await owner.query(
          `INSERT INTO events (event_id, stream_id, stream_position, event_type, schema_version, data, metadata, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [event.eventId, event.streamId, position, event.type, event.schemaVersion, event.data, event.metadata, event.metadata.occurredAt],
        );
      }
    } finally {
      await owner.end();
    }
    await expect(rebuildProjections(db.dataSource, { pageSize: 2 })).rejects.toThrow(
      `the log of ${history.regulationId} skips from version 1 to position 3`,
    );
    expect(await printedRows()).toEqual(before);
  });
});
