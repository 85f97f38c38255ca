/** The system under benchmark: servers, the production worker and api, and the no-op floor worker. */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createTestAuth } from '../apps/api/src/auth/testing';
import { createTestDatabase } from '../test/support/database';
import { freePort, startEphemeralServers } from '../tools/dev-stack/servers';
import { coreMetricsTelemetry } from './core-metrics';
import type { ApiHostMessage } from './api-host';
import type { WorkerHostMessage } from './worker-host';

/** The ward of the officers' tokens and regulations: Hoàn Kiếm ward, one of the wards since the 2025 reorganization. */
export const BENCH_WARD = 'hoan-kiem-2025';

export interface BenchStack {
  apiUrl: string;
  /** One `Authorization` value per simulated officer, each a distinct token subject. */
  officers: string[];
  /** The `Authorization` value of a district-wide supervisor (signed with the key whose public half the api holds). */
  supervisor: string;
  /** The workers' Temporal SDK core metrics (Prometheus text): their workflow tasks and local activities. */
  coreMetricsUrl: string;
  /** The production worker's metrics (WorkerMetrics, Prometheus text). */
  workerMetricsUrl: string;
  /** The production worker's task queue (the floor's is noopTaskQueue). */
  taskQueue: string;
  /** The benchmark's own Temporal client: the floor's updates and clean-up. */
  client: Client;
  noopTaskQueue: string;
  /** Where the servers came from: started here, or given by DATABASE_URL / TEMPORAL_ADDRESS. */
  servers: { postgres: 'embedded' | 'DATABASE_URL'; temporal: 'dev-server' | 'TEMPORAL_ADDRESS' };
  /** Stops everything started, last started first; safe to call more than once. */
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  officers: number;
  /** Both workers in a child process (as deployed: api and worker apart) instead of this one. */
  workerProcess: boolean;
  /** The api in a child process of its own instead of this one (as deployed: apart from its clients). */
  apiProcess?: boolean;
  /** The wards of the simulated officers' tokens (default: BENCH_WARD, the ward of the command benchmark's regulations). */
  officerWards?: string[];
  /** The api's port (default: any free one): known beforehand when an OpenID provider must name its callback. */
  apiPort?: number;
  log: (line: string) => void;
}

type Cleanup = () => Promise<unknown>;

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const cleanups: Cleanup[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) => console.error(`[bench] shutdown step failed: ${String(error)}`));
      }
    })();
    return stopping;
  };

  try {
    const coreMetricsPort = await freePort();
    // The workers' core metrics: in this process's Runtime, or the worker process's when the workers run there.
    Runtime.install({ logger: new DefaultLogger('WARN'), ...(options.workerProcess ? {} : { telemetryOptions: coreMetricsTelemetry(coreMetricsPort) }) });
    const started = Date.now();
    const servers = await startEphemeralServers();
    cleanups.push(() => servers.stop());
    options.log(`servers: ${servers.started.length ? `started ${servers.started.join(' + ')}` : 'reused'} in ${Date.now() - started} ms`);

    process.env.DATABASE_ADMIN_URL = servers.databaseAdminUrl;
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const auth = await createTestAuth();
    const suffix = randomBytes(4).toString('hex');
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      DATABASE_MIGRATION_URL: database.migrationUrl,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: servers.temporalNamespace,
      TEMPORAL_TASK_QUEUE: `bench-regulations-${suffix}`,
      AUTH_PUBLIC_KEY: auth.publicKeyPem,
      REPORT_SCHEDULES: 'off',
      // The worker's own metrics (its appends' transaction and projection times), in whichever process it runs.
      WORKER_METRICS_PORT: String(await freePort()),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    });
    process.env.API_COMMAND_RATE_LIMIT ??= '999999999';
    process.env.API_READ_RATE_LIMIT ??= '999999999';

    const noopTaskQueue = `bench-noop-${suffix}`;
    cleanups.push(await (options.workerProcess ? startWorkerProcess(noopTaskQueue, coreMetricsPort) : startWorkers(servers, noopTaskQueue)));

    const api = await (options.apiProcess ? startApiProcess(options.apiPort ?? 0) : startApiHere(options.apiPort ?? 0));
    cleanups.push(api.stop);
    const { port } = api;

    const connection = await Connection.connect({ address: servers.temporalAddress });
    cleanups.push(() => connection.close());
    const officers = await Promise.all(
      Array.from({ length: options.officers }, async (_, i) =>
        (await auth.bearer({ sub: `bench-officer-${i + 1}`, role: 'officer', wards: options.officerWards ?? [BENCH_WARD] })).Authorization,
      ),
    );
    const where = (apart: boolean | undefined) => (apart ? 'in a child process' : 'in this process');
    options.log(`workers (${where(options.workerProcess)}) and api (${where(options.apiProcess)}) ready in ${Date.now() - started} ms: http://127.0.0.1:${port}`);

    return {
      apiUrl: `http://127.0.0.1:${port}`,
      officers,
      supervisor: (await auth.bearer({ sub: 'bench-supervisor', role: 'supervisor', wards: ['*'] })).Authorization,
      client: new Client({ connection, namespace: servers.temporalNamespace }),
      noopTaskQueue,
      coreMetricsUrl: `http://127.0.0.1:${coreMetricsPort}/metrics`,
      taskQueue: process.env.TEMPORAL_TASK_QUEUE as string,
      workerMetricsUrl: `http://127.0.0.1:${process.env.WORKER_METRICS_PORT}/metrics`,
      servers: {
        postgres: servers.started.includes('postgres') ? 'embedded' : 'DATABASE_URL',
        temporal: servers.started.includes('temporal') ? 'dev-server' : 'TEMPORAL_ADDRESS',
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The production worker (Nest WorkerModule) and the floor's worker, in this process; resolves to their shutdown. */
async function startWorkers(servers: { temporalAddress: string; temporalNamespace: string }, noopTaskQueue: string): Promise<Cleanup> {
  // Imported once the environment is set: its configuration is read from it.
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  const connection = await NativeConnection.connect({ address: servers.temporalAddress }).catch(async (error: unknown) => {
    await worker.close();
    throw error;
  });
  const noopWorker = await Worker.create({
    connection,
    namespace: servers.temporalNamespace,
    taskQueue: noopTaskQueue,
    workflowsPath: require.resolve('./workflows'),
  }).catch(async (error: unknown) => {
    await connection.close();
    await worker.close();
    throw error;
  });
  const noopRun = noopWorker.run();
  noopRun.catch((error: unknown) => console.error(`[bench] floor worker stopped: ${String(error)}`));
  return async () => {
    if (noopWorker.getState() === 'RUNNING') noopWorker.shutdown();
    await noopRun.catch(() => undefined);
    await connection.close();
    await worker.close();
  };
}

/** Both workers in a child process (bench/worker-host.ts); resolves to its shutdown once it polls. */
async function startWorkerProcess(noopTaskQueue: string, coreMetricsPort: number): Promise<Cleanup> {
  const env = { BENCH_NOOP_TASK_QUEUE: noopTaskQueue, BENCH_CORE_METRICS_PORT: String(coreMetricsPort) };
  const { stop } = await startChild<WorkerHostMessage>('worker', './worker-host', env, (message) =>
    message.ready ? true : message.error,
  );
  return stop;
}

/** The api in this process; resolves to its port and shutdown once it listens. */
async function startApiHere(port: number): Promise<{ port: number; stop: Cleanup }> {
  // Imported once the environment is set: its configuration is read from it.
  const { createApp } = await import('../apps/api/src/create-app');
  const app = await withoutNewSignalHandlers(createApp);
  try {
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  return { port: (app.getHttpServer().address() as { port: number }).port, stop: () => app.close() };
}

/** The api in a child process (bench/api-host.ts), as deployed; resolves to its port and shutdown once it listens. */
async function startApiProcess(port: number): Promise<{ port: number; stop: Cleanup }> {
  const { message, stop } = await startChild<ApiHostMessage>('api', './api-host', { BENCH_API_PORT: String(port) }, (m) => (m.port ? true : m.error));
  return { port: message.port as number, stop };
}

/**
 * Forks a host module with this process's environment and waits for its first message: `accept` says whether it
 * is ready (true) or why not (a string). The shutdown asks it to stop, then kills it after 30 s.
 */
async function startChild<M>(
  name: string,
  module: string,
  env: Record<string, string>,
  accept: (message: M) => true | string | undefined,
): Promise<{ message: M; stop: Cleanup }> {
  // BENCH_CPU_PROFILE_DIR: each child writes a V8 CPU profile there when it exits (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE_DIR, '--cpu-prof-name', `${name}-${Date.now()}.cpuprofile`] : [];
  const child = fork(require.resolve(module), [], {
    execArgv: [...profile, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop: Cleanup = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send('stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const message = await new Promise<M>((resolve, reject) => {
      child.once('message', (m: M) => {
        const verdict = accept(m);
        if (verdict === true) resolve(m);
        else reject(new Error(`${name} process: ${verdict ?? 'unexpected first message'}`));
      });
      child.once('exit', (code, signal) => reject(new Error(`${name} process exited (${signal ?? code}) before it was ready`)));
    });
    return { message, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * createApp enables Nest's shutdown hooks, which close the app on a signal and then raise it again; the benchmark
 * stops everything itself, in order, so it removes the signal handlers installed meanwhile.
 */
async function withoutNewSignalHandlers<T>(create: () => Promise<T>): Promise<T> {
  const signals = Object.keys(constants.signals) as NodeJS.Signals[];
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await create();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
      }
    }
  }
}
