/** A regulation Worker with the production workflows and activities, bound to a test database. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventStore, RegulationIncidents } from '@app/event-store';
import { RegulationActivitiesService } from '../../apps/worker/src/regulation.activities';
import { WorkerMetrics } from '../../apps/worker/src/worker-metrics.service';

export async function createRegulationWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  store: EventStore;
  /** The worker's metrics, to read in a test; default: a registry of its own. */
  metrics?: WorkerMetrics;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: new RegulationActivitiesService(
      options.store,
      new RegulationIncidents(options.store.dataSource),
      options.metrics ?? new WorkerMetrics(),
    ).activities(),
  });
}
