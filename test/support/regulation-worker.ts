/** A regulation Worker with the production workflows and activities, bound to a test database. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventStore } from '@app/event-store';
import { RegulationActivitiesService } from '../../apps/worker/src/regulation.activities';

export async function createRegulationWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  store: EventStore;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: new RegulationActivitiesService(options.store).activities(),
  });
}
