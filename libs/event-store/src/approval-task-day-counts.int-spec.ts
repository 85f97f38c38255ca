/**
 * `approval_task_day_counts` (migration 1796800000000) against the tasks it counts, on a real PostgreSQL: after the
 * projector's appends, a rebuild, and statements of every kind on the tasks, it holds exactly the pending tasks
 * grouped by ward, status and due date, and no empty day.
 */
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStore } from './event-store';
import { rebuildProjections } from './rebuild';
import { appendBatches, conventionToRecognition, RegulationHistory } from './testing/regulation-history';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** The keys where the counts differ from the tasks grouped, with both figures (none when they agree). */
async function mismatches(): Promise<unknown[]> {
  return db.dataSource.query(`
    SELECT ward_code, status, due_on::text, c.n, t.n AS expected
    FROM approval_task_day_counts c
    FULL JOIN (SELECT ward_code, status, due_on, count(*)::int AS n FROM approval_tasks WHERE status IN ('open', 'claimed')
               GROUP BY ward_code, status, due_on) t USING (ward_code, status, due_on)
    WHERE c.n IS DISTINCT FROM t.n`);
}

const counts = async (): Promise<{ ward_code: string; status: string; due_on: string; n: number }[]> =>
  db.dataSource.query(`SELECT ward_code, status, due_on::text, n FROM approval_task_day_counts ORDER BY ward_code, status, due_on`);

/** An approval_tasks row's values, in the table's column order. */
function task(id: string, ward: string, status: string, dueOn: string): unknown[] {
  return [id, `reg-${id}`, ward, 'community_convention', 'Quy ước', 'dossier_decision', 'ward_peoples_committee', 'ward_chair', ward, null,
    status, 2, '2025-04-14', '2025-04-14T02:00:00Z', dueOn, `${dueOn}T17:00:00Z`, '2025-04-15T02:00:00Z', 0, 0, null, null, '2025-04-14T02:00:00Z', 1];
}

/** One INSERT statement of the rows, with `tail` (e.g. an ON CONFLICT clause) after its VALUES. */
async function insert(rows: unknown[][], tail = ''): Promise<void> {
  const width = rows[0].length;
  const values = rows.map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  await db.dataSource.query(`INSERT INTO approval_tasks VALUES ${values} ${tail}`, rows.flat());
}

describe('approval_task_day_counts', () => {
  it('follows the projector (a dossier waiting, then decided) and a rebuild', async () => {
    const store = new EventStore(db.dataSource);
    const waiting = new RegulationHistory();
    await appendBatches(store, conventionToRecognition(waiting).slice(0, 8));
    const decided = new RegulationHistory();
    await appendBatches(store, conventionToRecognition(decided));
    expect(await counts()).toEqual([{ ward_code: 'hang-bac', status: 'open', due_on: expect.any(String), n: 1 }]);
    expect(await mismatches()).toEqual([]);
    const before = await counts();
    await rebuildProjections(db.dataSource, { pageSize: 3 });
    expect(await counts()).toEqual(before);
  });

  it('follows inserts, updates, upserts and deletes of any number of tasks, keeps no empty day, and empties with a TRUNCATE', async () => {
    await db.dataSource.query(`TRUNCATE approval_tasks`);
    expect(await counts()).toEqual([]);
    await insert([
      task('a1', 'hang-bac', 'open', '2025-05-02'),
      task('a2', 'hang-bac', 'open', '2025-05-02'),
      task('a3', 'hang-bac', 'claimed', '2025-05-02'),
      task('a4', 'hang-dao', 'open', '2025-05-09'),
      task('a5', 'hang-dao', 'done', '2025-05-09'),
    ]);
    expect(await counts()).toEqual([
      { ward_code: 'hang-bac', status: 'claimed', due_on: '2025-05-02', n: 1 },
      { ward_code: 'hang-bac', status: 'open', due_on: '2025-05-02', n: 2 },
      { ward_code: 'hang-dao', status: 'open', due_on: '2025-05-09', n: 1 },
    ]);
    const statements = [
      `UPDATE approval_tasks SET status = 'claimed' WHERE task_id = 'a1'`,
      `UPDATE approval_tasks SET due_on = due_on + 7 WHERE ward_code = 'hang-bac'`,
      `UPDATE approval_tasks SET status = 'done', closed_at = now() WHERE task_id IN ('a3', 'a4')`,
      `UPDATE approval_tasks SET reminders = reminders + 1`,
      `UPDATE approval_tasks SET status = 'open' WHERE task_id = 'a5'`,
      `DELETE FROM approval_tasks WHERE task_id = 'a2'`,
    ];
    for (const statement of statements) {
      await db.dataSource.query(statement);
      expect({ statement, mismatches: await mismatches() }).toEqual({ statement, mismatches: [] });
    }
    // The projector's upsert: one statement inserting a task and updating another.
    await insert([task('a6', 'hang-dao', 'open', '2025-05-09'), task('a1', 'hang-bac', 'cancelled', '2025-05-09')],
      `ON CONFLICT (task_id) DO UPDATE SET status = excluded.status, due_on = excluded.due_on`);
    expect(await mismatches()).toEqual([]);
    expect(await counts()).toEqual([{ ward_code: 'hang-dao', status: 'open', due_on: '2025-05-09', n: 2 }]);
    await db.dataSource.query(`DELETE FROM approval_tasks`);
    expect(await counts()).toEqual([]);
    await insert([task('b1', 'hang-bac', 'open', '2025-06-02')]);
    await db.dataSource.query(`TRUNCATE approval_tasks`);
    expect(await counts()).toEqual([]);
  });
});
