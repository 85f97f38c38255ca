/** Loads the demo data into a running system once (`npm run demo`); start.ts calls the same loader. */
import { Client, Connection } from '@temporalio/client';
import { regulationTaskQueue } from '../workflows/messages';
import { loadDemoData } from './demo-data';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://reglife_app:reglife_app@127.0.0.1:5433/reglife';
  const client = new Client({ connection: await Connection.connect({ address }), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const started = Date.now();
  const loaded = await loadDemoData({
    client,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? regulationTaskQueue,
    databaseUrl,
    log: (line) => console.log(`[demo] ${line}`),
  });
  console.log(loaded ? `[demo] loaded in ${((Date.now() - started) / 1000).toFixed(1)} s` : '[demo] already loaded: nothing to do');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
