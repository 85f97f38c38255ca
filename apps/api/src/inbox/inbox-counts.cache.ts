/**
 * The inbox's counts per filter, kept until a task changes. Counting reads every pending task of the filter's wards
 * (20,000 rows: several milliseconds; 200,000: about 80), while the steering committee asks far more often than tasks
 * change. Every notice the listener hears empties the cache; nothing is kept while the listener is down (a change
 * would go unheard), nor for longer than a minute. An entry in its last quarter of that minute is still answered, and
 * counted again beside the request, so a dashboard asking steadily never waits for the minute's recount. Requests that
 * miss at once share one count, unless a change was heard after it began.
 */
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { merge, Subscription, tap } from 'rxjs';
import type { InboxFilter, WardCountsRow } from './inbox.repository';
import { TaskChangeListener } from './task-change.listener';

const MAX_AGE_MS = 60_000;
const RECOUNT_AFTER_MS = 45_000;
const MAX_ENTRIES = 500;

interface Entry {
  rows: WardCountsRow[];
  /** When the counting that gave them began (Date.now()). */
  countedFrom: number;
}

@Injectable()
export class InboxCountsCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  /** The counts under way, by filter, with the generation they began in. */
  private readonly counting = new Map<string, { generation: number; rows: Promise<WardCountsRow[]> }>();
  /** Moves on at every change heard and every change of the listener's state. */
  private generation = 0;
  private listening = false;
  private readonly subscription: Subscription;

  constructor(listener: TaskChangeListener) {
    this.subscription = merge(listener.notices$, listener.listening$.pipe(tap((listening) => (this.listening = listening)))).subscribe(() => {
      this.generation += 1;
      this.entries.clear();
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** The counts of the filter, from the cache or from `count`. */
  async get(filter: InboxFilter, count: () => Promise<WardCountsRow[]>): Promise<WardCountsRow[]> {
    const key = JSON.stringify(filter);
    const cached = this.entries.get(key);
    const age = cached ? Date.now() - cached.countedFrom : Infinity;
    if (cached && age < MAX_AGE_MS) {
      // A failed recount leaves the entry to expire; the request that then misses meets the failure.
      if (age >= RECOUNT_AFTER_MS) this.recount(key, count).catch(() => undefined);
      return cached.rows;
    }
    return this.recount(key, count);
  }

  /**
   * Counts the filter, or joins the count of it under way if no change was heard since it began. A result is kept
   * only if no change was heard while it was being counted: its snapshot may predate that change.
   */
  private recount(key: string, count: () => Promise<WardCountsRow[]>): Promise<WardCountsRow[]> {
    const generation = this.generation;
    const running = this.counting.get(key);
    if (running?.generation === generation) return running.rows;
    const countedFrom = Date.now();
    const rows = count().then((counted) => {
      if (this.listening && generation === this.generation) {
        this.entries.delete(key);
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
        this.entries.set(key, { rows: counted, countedFrom });
      }
      return counted;
    });
    const done = () => {
      if (this.counting.get(key)?.rows === rows) this.counting.delete(key);
    };
    rows.then(done, done);
    this.counting.set(key, { generation, rows });
    return rows;
  }
}
