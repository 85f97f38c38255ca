/**
 * The invariants a chaos run must leave intact, each a PASS or FAIL with figures:
 *   streams      no gap or duplicate stream_position in any stream (SQL over `events`)
 *   projections  every `regulations` row's version equals its stream's last position (and every stream has one)
 *   workflows    every workflow's state equals the fold of its log, and its projections agree with the log
 *                (the event store's Reconciler, libs/event-store/src/reconcile.ts)
 *   commands     every command that returned success has its events in the log, under its command id
 *   lifecycles   every lifecycle reached its expected stage, or stopped at a coded refusal (a 4xx, never a 5xx),
 *                which the report names
 * The checks read as the migration owner; they can fail (test/chaos/chaos.e2e-spec.ts breaks each on purpose).
 */
import { Client as PgClient } from 'pg';
import { createEventStoreDataSource, Reconciler, type Difference, type WorkflowStateReader } from '@app/event-store';
import type { CommandRecord } from './http-client';
import type { LifecycleOutcome } from './lifecycles';

export interface CheckResult {
  name: 'streams' | 'projections' | 'workflows' | 'commands' | 'lifecycles';
  passed: boolean;
  /** One line of figures, e.g. `24 streams, 312 events: 0 gaps, 0 duplicates`. */
  figures: string;
  /** What failed (bounded). */
  problems: string[];
}

export interface CheckInput {
  /** The run's database as the migration owner (or any role that reads every table). */
  databaseUrl: string;
  workflowState: WorkflowStateReader;
  commands: CommandRecord[];
  lifecycles: LifecycleOutcome[];
  /** Reconciliation differences may be a race with a timer appending right then: compared again this often. */
  reconcileAttempts?: number;
}

const MAX_PROBLEMS = 20;
const bounded = (problems: string[]): string[] =>
  problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`] : problems;

export async function runChecks(input: CheckInput): Promise<CheckResult[]> {
  const pg = new PgClient({ connectionString: input.databaseUrl });
  await pg.connect();
  try {
    return [
      await checkStreams(pg),
      await checkProjections(pg),
      await checkWorkflows(input),
      await checkCommands(pg, input.commands),
      checkLifecycles(input.lifecycles),
    ];
  } finally {
    await pg.end();
  }
}

export async function checkStreams(pg: PgClient): Promise<CheckResult> {
  const { rows } = await pg.query<{ stream_id: string; events: number; positions: number; first: number; last: number }>(`
    SELECT stream_id, count(*)::int AS events, count(DISTINCT stream_position)::int AS positions,
           min(stream_position) AS first, max(stream_position) AS last
    FROM events GROUP BY stream_id ORDER BY stream_id`);
  const problems: string[] = [];
  let gaps = 0;
  let duplicates = 0;
  for (const s of rows) {
    if (s.positions !== s.events) {
      duplicates += 1;
      problems.push(`${s.stream_id}: ${s.events - s.positions} duplicate position(s) among ${s.events} events`);
    }
    if (s.first !== 1 || s.last !== s.positions) {
      gaps += 1;
      problems.push(`${s.stream_id}: positions ${s.first}..${s.last} hold only ${s.positions} distinct positions`);
    }
  }
  const events = rows.reduce((sum, s) => sum + s.events, 0);
  return {
    name: 'streams',
    passed: problems.length === 0,
    figures: `${rows.length} streams, ${events} events: ${gaps} with a gap, ${duplicates} with a duplicate`,
    problems: bounded(problems),
  };
}

export async function checkProjections(pg: PgClient): Promise<CheckResult> {
  // One statement: one snapshot, so an append committing meanwhile (events and projection together) is seen whole or not at all.
  const { rows } = await pg.query<{ id: string; version: number | null; last: number | null; total: number }>(`
    WITH streams AS (SELECT stream_id, max(stream_position) AS last FROM events GROUP BY stream_id)
    SELECT coalesce(r.regulation_id, s.stream_id) AS id, r.version, s.last, count(*) OVER ()::int AS total
    FROM regulations r FULL JOIN streams s ON s.stream_id = r.regulation_id`);
  const problems = rows
    .filter((r) => r.version === null || r.last === null || r.version !== r.last)
    .map((r) => `${r.id}: projection version ${r.version ?? 'missing'}, stream's last position ${r.last ?? 'none'}`);
  return {
    name: 'projections',
    passed: problems.length === 0,
    figures: `${rows[0]?.total ?? 0} regulations: ${problems.length} whose version differs from its stream`,
    problems: bounded(problems),
  };
}

export async function checkWorkflows(input: Pick<CheckInput, 'databaseUrl' | 'workflowState' | 'reconcileAttempts'>): Promise<CheckResult> {
  const dataSource = await createEventStoreDataSource(input.databaseUrl);
  try {
    const reconciler = new Reconciler(dataSource, input.workflowState);
    const report = await reconciler.run();
    let remaining: Difference[] = report.differences;
    for (let attempt = 1; attempt < (input.reconcileAttempts ?? 3) && remaining.length > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const streams = [...new Set(remaining.map((d) => d.streamId))];
      remaining = [];
      for (const regulationId of streams) remaining.push(...(await reconciler.run({ regulationId })).differences);
    }
    const byCode = new Map<string, number>();
    for (const d of remaining) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    return {
      name: 'workflows',
      passed: remaining.length === 0,
      figures: `${report.checked} regulations reconciled (log, projections, workflow state): ${remaining.length} differences${
        byCode.size ? ` (${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')})` : ''
      }`,
      problems: bounded(remaining.map((d) => `${d.streamId}: ${d.code} at ${d.position ?? '-'} ${JSON.stringify(d.detail)}`)),
    };
  } finally {
    await dataSource.destroy();
  }
}

export async function checkCommands(pg: PgClient, commands: CommandRecord[]): Promise<CheckResult> {
  const succeeded = commands.filter((c) => c.outcome === 'succeeded');
  const { rows } = await pg.query<{ command_id: string; event_id: string }>(
    `SELECT metadata->>'commandId' AS command_id, event_id::text FROM events WHERE metadata->>'commandId' = ANY($1)`,
    [succeeded.map((c) => c.commandId)],
  );
  const logged = new Map<string, Set<string>>();
  for (const r of rows) logged.set(r.command_id, (logged.get(r.command_id) ?? new Set()).add(r.event_id));
  const problems: string[] = [];
  for (const c of succeeded) {
    const events = logged.get(c.commandId);
    if (!events) problems.push(`${c.commandId} (${c.step}) answered ${c.status} v${c.version} but the log holds no event of it`);
    else {
      const missing = (c.events ?? []).filter((e) => !events.has(e.eventId));
      if (missing.length > 0) problems.push(`${c.commandId} (${c.step}): ${missing.length} of the events it answered with are not in the log`);
    }
  }
  return {
    name: 'commands',
    passed: problems.length === 0,
    figures: `${succeeded.length} commands answered success: ${succeeded.length - problems.length} with their events in the log, ${problems.length} without`,
    problems: bounded(problems),
  };
}

export function checkLifecycles(lifecycles: LifecycleOutcome[]): CheckResult {
  const reached = lifecycles.filter((l) => l.reachedExpected);
  const refused = lifecycles.filter((l) => l.stoppedAt?.outcome === 'refused');
  const problems: string[] = [];
  for (const l of lifecycles) {
    if (l.reachedExpected) continue;
    const s = l.stoppedAt;
    if (!s) problems.push(`${l.regulationId}: every step succeeded but it ended ${l.finalStage ?? 'unread'} (answered ${l.stage}), expected ${l.expectedStage}`);
    else if (s.outcome === 'gave_up') problems.push(`${l.regulationId}: ${s.step} got no definite answer before its deadline (last: ${s.status ?? 'no response'} ${s.code ?? ''})`);
    else if (s.status === null || s.status >= 500 || !s.code || s.code.startsWith('HTTP.')) problems.push(`${l.regulationId}: ${s.step} refused without a code (${s.status})`);
  }
  const refusals = refused.map((l) => `${l.regulationId}: ${l.stoppedAt!.step} refused ${l.stoppedAt!.status} ${l.stoppedAt!.code}: ${l.stoppedAt!.message ?? ''}`);
  return {
    name: 'lifecycles',
    passed: problems.length === 0,
    figures: `${lifecycles.length} lifecycles: ${reached.length} reached their expected stage, ${refused.length} stopped at a coded refusal${
      refusals.length ? ` (${refusals.join('; ')})` : ''
    }, ${problems.length} failed`,
    problems: bounded(problems),
  };
}
