/** A worker process that kills itself right after its first committed append: the crash-recovery test's victim. */
import { existsSync, writeFileSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createEventStoreDataSource, EventStore, RegulationIncidents } from '@app/event-store';
import { RegulationActivitiesService } from '../../apps/worker/src/regulation.activities';
import { WorkerMetrics } from '../../apps/worker/src/worker-metrics.service';

async function main(): Promise<void> {
  const [databaseUrl, address, taskQueue, marker] = process.argv.slice(2);
  const dataSource = await createEventStoreDataSource(databaseUrl);
  const service = new RegulationActivitiesService(new EventStore(dataSource), new RegulationIncidents(dataSource), new WorkerMetrics());
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: {
      ...service.activities(),
      appendEvents: async (input: Parameters<RegulationActivitiesService['appendEvents']>[0]) => {
        const result = await service.appendEvents(input);
        if (!existsSync(marker)) {
          writeFileSync(marker, JSON.stringify(result));
          process.kill(process.pid, 'SIGKILL');
        }
        return result;
      },
    },
  });
  process.stdout.write('ready\n');
  await worker.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
