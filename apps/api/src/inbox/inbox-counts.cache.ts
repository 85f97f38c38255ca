/**
 * The inbox's counts per filter, kept until a task changes. Counting reads every pending task of the filter's wards
 * (20,000 rows: several milliseconds), while the steering committee asks far more often than tasks change. Every
 * notice the listener hears empties the cache; nothing is kept while the listener is down (a change would go
 * unheard), nor for longer than a minute.
 */
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { merge, Subscription, tap } from 'rxjs';
import type { InboxFilter, WardCountsRow } from './inbox.repository';
import { TaskChangeListener } from './task-change.listener';

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  rows: WardCountsRow[];
  /** When the counting that gave them began (Date.now()). */
  countedFrom: number;
}

@Injectable()
export class InboxCountsCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
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

  /**
   * The counts of the filter, from the cache or from `count`. A result is kept only if no change was heard while it
   * was being counted: its snapshot may predate that change.
   */
  async get(filter: InboxFilter, count: () => Promise<WardCountsRow[]>): Promise<WardCountsRow[]> {
    const key = JSON.stringify(filter);
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.countedFrom < MAX_AGE_MS) return cached.rows;
    const generation = this.generation;
    const countedFrom = Date.now();
    const rows = await count();
    if (this.listening && generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { rows, countedFrom });
    }
    return rows;
  }
}
