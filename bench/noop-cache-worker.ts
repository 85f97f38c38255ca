/**
 * The floor of `npm run bench:worker-cache`: a bare SDK worker (no Nest, no activities) running the benchmark's no-op
 * workflow (bench/noop.workflow.ts, one update handler and a condition) with the production worker's cache settings
 * (reuseV8Context, WORKER_MAX_CACHED_WORKFLOWS). What one cached workflow costs it is the SDK's own cost per cached
 * workflow, measured in the same run as the regulation's. Started like the production worker (compiled, the probe
 * preloaded; it prints "polling task queue" once polling), configured by TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_TASK_QUEUE, WORKER_MAX_CACHED_WORKFLOWS and WORKFLOW_BUNDLE_PATH (the no-op bundle the benchmark built).
 */
import { NativeConnection, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: env('TEMPORAL_NAMESPACE'),
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    workflowBundle: { codePath: env('WORKFLOW_BUNDLE_PATH') },
    reuseV8Context: true,
    maxCachedWorkflows: Number(env('WORKER_MAX_CACHED_WORKFLOWS')),
  });
  const running = worker.run();
  console.log(`polling task queue ${env('TEMPORAL_TASK_QUEUE')}`);
  process.once('SIGTERM', () => worker.shutdown());
  await running;
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
