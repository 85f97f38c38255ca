/**
 * SQL over the `approval_tasks` projection for the inbox: pending tasks filtered and read in keyset pages, counted by
 * ward and aging bucket (from their counts by day where the filter allows), and one task by id. Every statement names
 * the partial indexes' predicate (pending only).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agingBuckets } from '@app/domain';
import type { Aging, AgingLimits, CivilDate } from '@app/domain';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import type { InboxSort } from './inbox-query.dto';

export interface InboxFilter {
  /** Only these wards; null: every ward. */
  wards: readonly string[] | null;
  authority?: string;
  kind?: string;
  step?: string;
  status?: string;
  assignee?: string;
  overdue?: boolean;
  aging?: Aging;
  dueBefore?: CivilDate;
  /** The bucket limits on the day the inbox is computed for. */
  limits: AgingLimits;
}

export interface InboxRow {
  taskId: string;
  regulationId: string;
  wardCode: string;
  kind: string;
  title: string;
  step: string;
  authority: string;
  candidateRole: string;
  authorityUnit: string;
  assignee: string | null;
  status: string;
  priority: number;
  openedAt: Date;
  /** `opened_at` to the microsecond, as a page key (a Date keeps milliseconds only). */
  openedAtKey: string;
  openedOn: CivilDate;
  dueOn: CivilDate;
  dueAt: Date;
  reminders: number;
  escalations: number;
  lastEscalatedAt: Date | null;
}

export interface WardCountsRow {
  wardCode: string;
  total: number;
  open: number;
  claimed: number;
  on_time: number;
  due_soon: number;
  overdue: number;
  overdue_long: number;
}

/** A column of a sort order, the SQL type of its value in a page key, and the row field holding that value. */
export interface SortKey {
  column: string;
  type: 'date' | 'text' | 'timestamptz' | 'smallint';
  field: keyof InboxRow;
}

const dueOn: SortKey = { column: 'due_on', type: 'date', field: 'dueOn' };
const taskId: SortKey = { column: 'task_id', type: 'text', field: 'taskId' };
const openedAt: SortKey = { column: 'opened_at', type: 'timestamptz', field: 'openedAtKey' };
const priority: SortKey = { column: 'priority', type: 'smallint', field: 'priority' };
const wardCode: SortKey = { column: 'ward_code', type: 'text', field: 'wardCode' };

/** Each order ends with the task id, so that it is total and a page starts exactly after the previous one's last row. */
export const sortOrders: Record<InboxSort, { keys: SortKey[]; descending: boolean }> = {
  due_on: { keys: [dueOn, taskId], descending: false },
  '-due_on': { keys: [dueOn, taskId], descending: true },
  opened_at: { keys: [openedAt, taskId], descending: false },
  '-opened_at': { keys: [openedAt, taskId], descending: true },
  priority: { keys: [priority, dueOn, taskId], descending: false },
  ward: { keys: [wardCode, dueOn, taskId], descending: false },
};

/** A row's position in a sort order: the values of its keys. */
export type PageKey = (string | number)[];

const PENDING = `status IN ('open', 'claimed')`;

const COLUMNS = `task_id AS "taskId", regulation_id AS "regulationId", ward_code AS "wardCode", kind, title, step, authority,
  candidate_role AS "candidateRole", authority_unit AS "authorityUnit", assignee, status, priority,
  opened_at AS "openedAt", to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "openedAtKey",
  to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", due_at AS "dueAt",
  reminders, escalations, last_escalated_at AS "lastEscalatedAt"`;

/** Positional parameters of one statement, each with its type so that PostgreSQL never has to guess. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** The `due_on` range of an aging bucket, from the day's limits (the domain's `agingLimits`). */
function agingCondition(aging: Aging, limits: AgingLimits, params: Parameters): string {
  const limit = (name: keyof AgingLimits) => params.add(limits[name], 'date');
  switch (aging) {
    case 'on_time':
      return `due_on > ${limit('dueSoonThrough')}`;
    case 'due_soon':
      return `due_on >= ${limit('today')} AND due_on <= ${limit('dueSoonThrough')}`;
    case 'overdue':
      return `due_on < ${limit('today')} AND due_on > ${limit('overdueLongThrough')}`;
    case 'overdue_long':
      return `due_on <= ${limit('overdueLongThrough')}`;
  }
}

function conditions(filter: InboxFilter, params: Parameters): string[] {
  const where = [PENDING];
  // One ward as an equality, so that the ward index returns its rows already in due-date order (no sort).
  if (filter.wards?.length === 1) where.push(`ward_code = ${params.add(filter.wards[0], 'text')}`);
  else if (filter.wards) where.push(`ward_code = ANY(${params.add(filter.wards, 'text[]')})`);
  const equal: [string, string | undefined][] = [
    ['authority', filter.authority],
    ['kind', filter.kind],
    ['step', filter.step],
    ['status', filter.status],
    ['assignee', filter.assignee],
  ];
  for (const [column, value] of equal) if (value !== undefined) where.push(`${column} = ${params.add(value, 'text')}`);
  if (filter.overdue !== undefined) where.push(`due_on ${filter.overdue ? '<' : '>='} ${params.add(filter.limits.today, 'date')}`);
  if (filter.aging) where.push(agingCondition(filter.aging, filter.limits, params));
  if (filter.dueBefore) where.push(`due_on < ${params.add(filter.dueBefore, 'date')}`);
  return where;
}

@Injectable()
export class InboxRepository {
  constructor(@Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Up to `limit` pending tasks in `sort` order, after the row at `after` when given. */
  async page(filter: InboxFilter, sort: InboxSort, after: PageKey | undefined, limit: number): Promise<InboxRow[]> {
    const params = new Parameters();
    const where = conditions(filter, params);
    const { keys, descending } = sortOrders[sort];
    const columns = keys.map((key) => key.column).join(', ');
    if (after) {
      const values = keys.map((key, i) => params.add(after[i], key.type)).join(', ');
      where.push(`(${columns}) ${descending ? '<' : '>'} (${values})`);
    }
    const order = keys.map((key) => `${key.column} ${descending ? 'DESC' : 'ASC'}`).join(', ');
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM approval_tasks WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${params.add(limit, 'integer')}`,
      params.values,
    );
  }

  /** Pending tasks counted per ward, by status and aging bucket, in one pass. */
  /**
   * The pending tasks of the filter per ward, by status and aging bucket. A filter on the wards, the status and due
   * dates only (the dashboard's) adds up `approval_task_day_counts` (migration 1796800000000: one row per ward,
   * status and due date); one on a task's other columns counts the tasks themselves.
   */
  async countsByWard(filter: InboxFilter): Promise<WardCountsRow[]> {
    const params = new Parameters();
    const where = conditions(filter, params);
    const byDay = filter.authority === undefined && filter.kind === undefined && filter.step === undefined && filter.assignee === undefined;
    const [table, tasks] = byDay ? ['approval_task_day_counts', 'n'] : ['approval_tasks', '1'];
    const counted = (condition?: string) => `coalesce(sum(${tasks})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::int`;
    return this.dataSource.query(
      `SELECT ward_code AS "wardCode", ${counted()} AS total,
         ${counted("status = 'open'")} AS open,
         ${counted("status = 'claimed'")} AS claimed,
         ${agingBuckets.map((bucket) => `${counted(agingCondition(bucket, filter.limits, params))} AS ${bucket}`).join(',\n         ')}
       FROM ${table} WHERE ${where.join(' AND ')}
       GROUP BY ward_code ORDER BY ward_code`,
      params.values,
    );
  }

  /** The task if it is pending, else null. */
  async pendingTask(id: string): Promise<InboxRow | null> {
    const rows: InboxRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM approval_tasks WHERE task_id = $1 AND ${PENDING}`, [id]);
    return rows[0] ?? null;
  }
}
