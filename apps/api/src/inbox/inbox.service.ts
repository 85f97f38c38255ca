/**
 * The supervisors' inbox: pending approval tasks of the caller's wards, in pages and counts computed on the day the
 * inbox clock gives, and a live stream of their changes.
 */
import { Injectable, Logger, MessageEvent } from '@nestjs/common';
import { catchError, concatMap, distinctUntilChanged, filter, from, interval, map, merge, Observable, of, share, takeUntil, takeWhile, timer } from 'rxjs';
import { AgingLimits, agingLimits, agingWithin, CivilDate, isCivilDate, readableWards, readsWard } from '@app/domain';
import { ForbiddenError } from '../auth/auth.errors';
import type { Principal } from '../auth/principal';
import { InvalidInputError } from '../errors/api.errors';
import { AdminUnitsService } from '../units/admin-units.service';
import { overdueWorkingDaysByDueOn } from './inbox-aging';
import { InboxClock } from './inbox-clock';
import { InboxCountsCache } from './inbox-counts.cache';
import { InboxFilterQueryDto, InboxSort, InboxStreamQueryDto, ListInboxQueryDto, wardsOfParam } from './inbox-query.dto';
import { InboxFilter, InboxRepository, InboxRow, PageKey, SortKey, sortOrders } from './inbox.repository';
import { InboxCountsDto, InboxItemDto, InboxPageDto, TaskChangeDto } from './inbox-view.dto';
import { TaskChangeListener, TaskNotice } from './task-change.listener';

const DEFAULT_PAGE_SIZE = 50;
const KEEP_ALIVE_MS = 15_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
const OPENED_AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Task ids and ward codes as the projection holds them. */
const TEXT_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/**
 * What the stream makes of a notice: the change with the task as the inbox shows it now (null once it is no longer
 * pending), or a call to reload (the row was unreadable).
 */
type Change = { notice: TaskNotice; item: InboxItemDto | null } | { resync: true };

@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  /**
   * Each notice with its task's item, read and built once per api process however many streams are open, and only
   * while one is; in commit order.
   */
  private readonly changes$: Observable<Change>;

  constructor(
    private readonly tasks: InboxRepository,
    private readonly clock: InboxClock,
    private readonly listener: TaskChangeListener,
    private readonly countsCache: InboxCountsCache,
    private readonly units: AdminUnitsService,
  ) {
    this.changes$ = listener.notices$.pipe(
      concatMap((notice) =>
        from(tasks.pendingTask(notice.taskId).then(async (row) => row && (await this.items([row], agingLimits(clock.today())))[0])).pipe(
          map((item): Change => ({ notice, item })),
          catchError((error: unknown) => {
            this.logger.warn({ err: error, taskId: notice.taskId }, 'could not read a changed task; the streams are asked to reload');
            return of<Change>({ resync: true });
          }),
        ),
      ),
      share(),
    );
  }

  async page(query: ListInboxQueryDto, principal: Principal): Promise<InboxPageDto> {
    const today = this.clock.today();
    const sort = query.sort ?? 'due_on';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
    const filter = filterOf(query, principal, today);
    const rows = await this.tasks.page(filter, sort, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.items(page, filter.limits),
      nextCursor: rows.length > limit && last ? encodeCursor(sort, last) : null,
      today,
    };
  }

  async counts(query: InboxFilterQueryDto, principal: Principal): Promise<InboxCountsDto> {
    const today = this.clock.today();
    const filter = filterOf(query, principal, today);
    const rows = await this.countsCache.get(filter, () => this.tasks.countsByWard(filter));
    const names = await this.units.names(rows.map((row) => row.wardCode));
    const byWard = rows.map((row) => ({ ...row, wardName: names.get(row.wardCode)! }));
    const sum = (pick: (row: (typeof byWard)[number]) => number) => byWard.reduce((total, row) => total + pick(row), 0);
    return {
      today,
      total: sum((row) => row.total),
      byAging: { on_time: sum((row) => row.on_time), due_soon: sum((row) => row.due_soon), overdue: sum((row) => row.overdue), overdue_long: sum((row) => row.overdue_long) },
      byWard,
    };
  }

  /** The rows as the inbox shows them, with their wards' names from the administrative units table. */
  private async items(rows: readonly InboxRow[], limits: AgingLimits): Promise<InboxItemDto[]> {
    const names = await this.units.names(rows.map((row) => row.wardCode));
    return toItems(rows, limits, names);
  }

  /**
   * The caller's stream: `ready` at once when the listener is connected (else as soon as it is) and again after it
   * reconnected or a change could not be read, as changes may have been missed: the client reloads then; a `task`
   * message per change in the stream's wards; a keep-alive comment every 15 s. Ends with an `expired` message when the
   * caller's token expires (`expiresAt`, epoch ms), so that an ended session receives nothing more; ends when the api
   * shuts down.
   */
  stream(query: InboxStreamQueryDto, principal: Principal, expiresAt: number): Observable<MessageEvent> {
    const wards = scopeOf(query.ward, principal);
    const visible = (wardCode: string) => wards === null || wards.includes(wardCode);
    const ready = (): MessageEvent => ({ type: 'ready', data: { today: this.clock.today() } });
    const connected$ = this.listener.listening$.pipe(
      distinctUntilChanged(),
      filter((listening) => listening),
      map(ready),
    );
    const changes$ = this.changes$.pipe(
      filter((change) => 'resync' in change || visible(change.notice.wardCode)),
      map((change): MessageEvent => {
        if ('resync' in change) return ready();
        const data: TaskChangeDto = { ...change.notice, item: change.item };
        return { type: 'task', data };
      }),
    );
    const keepAlive$ = interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ comment: 'keep-alive' })));
    // A timer holds at most 2^31 - 1 ms (24.8 days): a longer-lived token's stream ends then and is reopened.
    const expired$ = timer(Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS)).pipe(
      map((): MessageEvent => ({ type: 'expired', data: { expiredAt: new Date(expiresAt).toISOString() } })),
    );
    return merge(connected$, changes$, keepAlive$, expired$).pipe(
      takeWhile((message) => message.type !== 'expired', true),
      takeUntil(this.listener.closing$),
    );
  }
}

/**
 * The wards a request reads: those it asks for, each of which must be one of the caller's (403 otherwise, as for the
 * regulation list), else all the caller's; null means every ward.
 */
function scopeOf(ward: string | string[] | undefined, principal: Principal): readonly string[] | null {
  const asked = wardsOfParam(ward);
  if (asked === undefined) return readableWards(principal);
  const outside = asked.find((code) => !readsWard(principal, code));
  if (outside !== undefined) {
    throw new ForbiddenError(`ward ${outside} is not one of your wards`, { wardCode: outside, wards: principal.wards });
  }
  return asked;
}

function filterOf(query: InboxFilterQueryDto, principal: Principal, today: CivilDate): InboxFilter {
  return {
    wards: scopeOf(query.ward, principal),
    authority: query.authority,
    kind: query.kind,
    step: query.step,
    status: query.status,
    assignee: query.assignee,
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
    aging: query.aging,
    dueBefore: query.dueBefore,
    limits: agingLimits(today),
  };
}

function toItems(rows: readonly InboxRow[], limits: AgingLimits, wardNames: ReadonlyMap<string, string>): InboxItemDto[] {
  const overdueDays = overdueWorkingDaysByDueOn(rows.map((row) => row.dueOn), limits.today);
  return rows.map((row) => ({
    taskId: row.taskId,
    regulationId: row.regulationId,
    wardCode: row.wardCode,
    wardName: wardNames.get(row.wardCode) ?? row.wardCode,
    kind: row.kind,
    title: row.title,
    step: row.step,
    authority: row.authority,
    candidateRole: row.candidateRole,
    authorityUnit: row.authorityUnit,
    assignee: row.assignee,
    status: row.status,
    priority: row.priority,
    openedAt: row.openedAt.toISOString(),
    openedOn: row.openedOn,
    dueOn: row.dueOn,
    dueAt: row.dueAt.toISOString(),
    aging: agingWithin(row.dueOn, limits),
    overdueWorkingDays: overdueDays.get(row.dueOn) ?? 0,
    reminders: row.reminders,
    escalations: row.escalations,
    lastEscalatedAt: row.lastEscalatedAt?.toISOString() ?? null,
  }));
}

/** A cursor names its sort and holds the last row's key values in that sort. */
function encodeCursor(sort: InboxSort, row: InboxRow): string {
  return Buffer.from(JSON.stringify([sort, ...sortOrders[sort].keys.map((key) => row[key.field])])).toString('base64url');
}

function decodeCursor(cursor: string, sort: InboxSort): PageKey {
  const { keys } = sortOrders[sort];
  try {
    const [given, ...values] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (given === sort && values.length === keys.length && keys.every((key, i) => isKeyValue(key.type, values[i]))) {
      return values as PageKey;
    }
  } catch {
    // falls through to the refusal
  }
  throw new InvalidInputError('cursor', `is not a cursor this api gave out for sort ${sort}`, 'QUERY.INVALID');
}

function isKeyValue(type: SortKey['type'], value: unknown): boolean {
  switch (type) {
    case 'date':
      return isCivilDate(value);
    case 'text':
      return typeof value === 'string' && TEXT_KEY.test(value);
    case 'timestamptz':
      // The date must exist and the time be valid (no 25:00), or PostgreSQL would refuse the value with a 500.
      return typeof value === 'string' && OPENED_AT_KEY.test(value) && isCivilDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(`${value.slice(0, 23)}Z`));
    case 'smallint':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 3;
  }
}
