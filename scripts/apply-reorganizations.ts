/** `npm run units:apply`: moves the regulations of ended units to their successors (scripts/reorganizations.ts). */
import { Client, Connection } from '@temporalio/client';
import { civilDateInVietnam } from '@app/domain';
import { regulationTaskQueue } from '../workflows/messages';
import { applyReorganizations } from './reorganizations';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const client = new Client({ connection: await Connection.connect({ address }), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const outcome = await applyReorganizations({
    client,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? regulationTaskQueue,
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://reglife_app:reglife_app@127.0.0.1:5433/reglife',
    today: civilDateInVietnam(Date.now()),
    log: (line) => console.log(`[units] ${line}`),
  });
  for (const id of outcome.orphaned) console.log(`[units] UNIT.NO_SUCCESSOR: ${id} stays in its ended unit`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
