import { BehaviorSubject, Subject } from 'rxjs';
import { agingLimits } from '@app/domain';
import { InboxCountsCache } from './inbox-counts.cache';
import type { InboxFilter, WardCountsRow } from './inbox.repository';
import type { TaskChangeListener, TaskNotice } from './task-change.listener';

const notice: TaskNotice = { taskId: 't1', regulationId: 'r1', wardCode: 'hang-bac', status: 'open' };
const filter: InboxFilter = { wards: ['hang-bac'], limits: agingLimits('2026-02-13') };
const rows = (total: number): WardCountsRow[] => [
  { wardCode: 'hang-bac', total, open: total, claimed: 0, on_time: total, due_soon: 0, overdue: 0, overdue_long: 0 },
];

/** The listener's two streams, driven by hand. */
function fixture(listening = true) {
  const notices = new Subject<TaskNotice>();
  const state = new BehaviorSubject(listening);
  const cache = new InboxCountsCache({ notices$: notices, listening$: state } as unknown as TaskChangeListener);
  let counted = 0;
  const count = jest.fn(async () => rows(++counted));
  return { notices, state, cache, count };
}

afterEach(() => jest.useRealTimers());

describe('InboxCountsCache', () => {
  it('counts once for the same filter until a task change is heard, then counts again', async () => {
    const { notices, cache, count } = fixture();
    expect(await cache.get(filter, count)).toEqual(rows(1));
    expect(await cache.get({ ...filter }, count)).toEqual(rows(1));
    expect(count).toHaveBeenCalledTimes(1);
    notices.next(notice);
    expect(await cache.get(filter, count)).toEqual(rows(2));
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('keeps each filter apart, the day included', async () => {
    const { cache, count } = fixture();
    await cache.get(filter, count);
    expect(await cache.get({ ...filter, wards: ['hang-dao'] }, count)).toEqual(rows(2));
    expect(await cache.get({ ...filter, limits: agingLimits('2026-02-23') }, count)).toEqual(rows(3));
    expect(await cache.get(filter, count)).toEqual(rows(1));
  });

  it('does not keep a result counted while a change was heard: its snapshot may predate the change', async () => {
    const { notices, cache } = fixture();
    let release: () => void = () => undefined;
    const slow = jest.fn(() => new Promise<WardCountsRow[]>((resolve) => (release = () => resolve(rows(1)))));
    const pending = cache.get(filter, slow);
    notices.next(notice);
    release();
    expect(await pending).toEqual(rows(1));
    const fresh = jest.fn(async () => rows(2));
    expect(await cache.get(filter, fresh)).toEqual(rows(2));
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing while the listener is down, and forgets everything when it goes down', async () => {
    const { state, cache, count } = fixture(false);
    await cache.get(filter, count);
    await cache.get(filter, count);
    expect(count).toHaveBeenCalledTimes(2);
    state.next(true);
    await cache.get(filter, count);
    await cache.get(filter, count);
    expect(count).toHaveBeenCalledTimes(3);
    state.next(false);
    expect(await cache.get(filter, count)).toEqual(rows(4));
  });

  it('answers an entry in its last quarter minute at once and counts it again beside the request', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-02-13T03:00:00Z') });
    const { cache, count } = fixture();
    await cache.get(filter, count);
    jest.setSystemTime(Date.parse('2026-02-13T03:00:44Z'));
    expect(await cache.get(filter, count)).toEqual(rows(1));
    expect(count).toHaveBeenCalledTimes(1);
    jest.setSystemTime(Date.parse('2026-02-13T03:00:45Z'));
    expect(await cache.get(filter, count)).toEqual(rows(1));
    expect(await cache.get(filter, count)).toEqual(rows(2));
    expect(count).toHaveBeenCalledTimes(2);
    // The recount's entry starts a new minute.
    jest.setSystemTime(Date.parse('2026-02-13T03:01:29Z'));
    expect(await cache.get(filter, count)).toEqual(rows(2));
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('counts once for requests that miss at once, but not across a change heard meanwhile', async () => {
    const { notices, cache } = fixture();
    const releases: (() => void)[] = [];
    let counted = 0;
    const slow = jest.fn(() => new Promise<WardCountsRow[]>((resolve) => releases.push(() => resolve(rows(++counted)))));
    const first = cache.get(filter, slow);
    const second = cache.get(filter, slow);
    expect(slow).toHaveBeenCalledTimes(1);
    notices.next(notice);
    const afterChange = cache.get(filter, slow);
    expect(slow).toHaveBeenCalledTimes(2);
    releases.forEach((release) => release());
    expect(await Promise.all([first, second, afterChange])).toEqual([rows(1), rows(1), rows(2)]);
    expect(await cache.get(filter, slow)).toEqual(rows(2));
    expect(slow).toHaveBeenCalledTimes(2);
  });

  it('counts again after a minute even without a change', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-02-13T03:00:00Z') });
    const { cache, count } = fixture();
    await cache.get(filter, count);
    jest.setSystemTime(Date.parse('2026-02-13T03:00:44Z'));
    expect(await cache.get(filter, count)).toEqual(rows(1));
    // Nobody asked in the last quarter minute: the entry is over, the request waits for the count.
    jest.setSystemTime(Date.parse('2026-02-13T03:01:00Z'));
    expect(await cache.get(filter, count)).toEqual(rows(2));
    expect(count).toHaveBeenCalledTimes(2);
  });
});
