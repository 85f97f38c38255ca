/** Rebuilds the regulation projections from the event log; the result equals what the appends produced. */
import { DataSource, MoreThan } from 'typeorm';
import type { StoredEvent } from '@app/domain';
import { EventEntity, toStoredEvent } from './event.entity';
import { projectEvents } from './projector';

export async function rebuildProjections(dataSource: DataSource, batchSize = 1000): Promise<{ events: number }> {
  return dataSource.transaction(async (manager) => {
    // SHARE on events blocks concurrent appends (which insert events, then project) until the rebuild commits,
    // so none is missed or projected twice. Taken before the projections' lock, in the appends' order; through
    // events_hold_appends(), as the application role may not lock events in that mode itself.
    await manager.query('SELECT events_hold_appends()');
    await manager.query('TRUNCATE regulations, regulation_timeline, approval_tasks');
    let after = '0';
    let total = 0;
    for (;;) {
      const rows = await manager.find(EventEntity, {
        where: { globalPosition: MoreThan(after) },
        order: { globalPosition: 'ASC' },
        take: batchSize,
      });
      if (rows.length === 0) return { events: total };
      for (const events of byStream(rows.map(toStoredEvent))) await projectEvents(manager, events);
      after = rows[rows.length - 1].globalPosition;
      total += rows.length;
    }
  });
}

/** Splits a batch into per-stream runs, keeping each stream's order; streams are independent of each other. */
function byStream(events: readonly StoredEvent[]): StoredEvent[][] {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const stream = streams.get(event.streamId);
    if (stream) stream.push(event);
    else streams.set(event.streamId, [event]);
  }
  return [...streams.values()];
}
