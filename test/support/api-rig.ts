/**
 * The rig most e2e suites stand on: a fresh database, a regulation worker on the dev server (global setup) with a
 * task queue of its own, and the api as deployed (createApp) over them, its settings in process.env. `close` stops
 * everything in reverse order and restores process.env.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { EventStore } from '@app/event-store';
import { createTestAuth, TestAuth } from '../../apps/api/src/auth/testing';
import { createApp } from '../../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from './database';
import { createRegulationWorker } from './regulation-worker';

export interface ApiRig {
  db: TestDatabase;
  auth: TestAuth;
  taskQueue: string;
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Starts the rig; `name` prefixes the task queue, `env` adds to the api's settings. */
export async function startApiRig(name: string, env: Record<string, string> = {}): Promise<ApiRig> {
  const savedEnv = { ...process.env };
  const db = await createTestDatabase();
  const auth = await createTestAuth();
  const taskQueue = `${name}-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker: Worker = await createRegulationWorker({ connection, taskQueue, store: new EventStore(db.dataSource) });
  const workerRun = worker.run();
  Object.assign(process.env, { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY: auth.publicKeyPem, ...env });
  const app = await createApp();
  return {
    db,
    auth,
    taskQueue,
    app,
    http: request(app.getHttpServer()),
    async close() {
      await app.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await connection.close();
      await db.drop();
      process.env = savedEnv;
    },
  };
}
