/** Child process of the benchmark (`--worker-process`): the production worker and the no-op floor worker, out of the api's process. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { coreMetricsTelemetry } from './core-metrics';

export interface WorkerHostMessage {
  ready?: true;
  error?: string;
}

async function host(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS as string;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: coreMetricsTelemetry(Number(process.env.BENCH_CORE_METRICS_PORT)) });
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  const connection = await NativeConnection.connect({ address });
  const noopWorker = await Worker.create({
    connection,
    namespace,
    taskQueue: process.env.BENCH_NOOP_TASK_QUEUE as string,
    workflowsPath: require.resolve('./workflows'),
  });
  const noopRun = noopWorker.run();
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (noopWorker.getState() === 'RUNNING') noopWorker.shutdown();
    await noopRun.catch(() => undefined);
    await connection.close();
    await worker.close();
    process.disconnect?.();
  };
  process.on('message', (message) => message === 'stop' && void stop());
  process.on('SIGTERM', () => void stop());
  // Ctrl-C reaches the whole process group: the parent stops this process in its own order.
  process.on('SIGINT', () => undefined);
  process.on('disconnect', () => void stop());
  process.send?.({ ready: true } satisfies WorkerHostMessage);
}

host().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerHostMessage);
  process.exitCode = 1;
  process.disconnect?.();
});
