/**
 * `npm run bench` (commands case): officer commands over HTTP through the whole stack, against a raw no-op
 * Temporal Update on the same server as the floor, at the same concurrency; prints p50/p95/p99, throughput
 * and the ratios, and writes bench/results/<timestamp>-commands.json. Loopback only, bounded, stops by itself.
 * Settings: BENCH_REGULATIONS (40), BENCH_COMMANDS_PER_REGULATION (10), BENCH_CONCURRENCY (8).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createEventStoreDataSource, EventStore } from '@app/event-store';
import { createRegulationWorker } from '../test/support/regulation-worker';
import { startEphemeralServers } from '../test/support/servers';
import { noopUpdate, noopWorkflow } from './noop.workflow';

const regulations = Number(process.env.BENCH_REGULATIONS ?? 40);
const perRegulation = Number(process.env.BENCH_COMMANDS_PER_REGULATION ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const warmup = 2;

interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  throughputPerSecond: number;
}

function distribution(latencies: number[], wallMs: number): Distribution {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    throughputPerSecond: round((sorted.length / wallMs) * 1000),
  };
}

/** Runs `streams` independent sequences of `steps` timed calls, `concurrency` streams at a time. */
async function measure(streams: number, steps: number, call: (stream: number, step: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let stream = next++; stream < streams; stream = next++) {
        for (let step = 0; step < steps; step += 1) {
          const t = performance.now();
          await call(stream, step);
          if (step >= warmup) latencies.push(performance.now() - t);
        }
      }
    }),
  );
  return distribution(latencies, performance.now() - started);
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const servers = await startEphemeralServers();
  process.env.DATABASE_URL = servers.databaseUrl;
  process.env.TEMPORAL_ADDRESS = servers.temporalAddress;
  process.env.TEMPORAL_TASK_QUEUE = `bench-${randomUUID().slice(0, 8)}`;
  process.env.LOG_LEVEL = 'warn';
  const dataSource = await createEventStoreDataSource(servers.databaseUrl);
  const nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const regulationWorker = await createRegulationWorker({
    connection: nativeConnection,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE,
    store: new EventStore(dataSource),
  });
  const noopQueue = `${process.env.TEMPORAL_TASK_QUEUE}-noop`;
  const noopWorker = await Worker.create({
    connection: nativeConnection,
    taskQueue: noopQueue,
    workflowsPath: require.resolve('./noop.workflow'),
  });
  const { createApp } = await import('../apps/api/src/create-app');
  const app = await createApp();
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const client = new Client({ connection: await Connection.connect({ address: servers.temporalAddress }) });

  const run = async () => {
    const ids = Array.from({ length: regulations }, () => `bench-${randomUUID().slice(0, 12)}`);
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-actor-id': 'officer-hang-bac', 'idempotency-key': randomUUID() },
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    const today = new Date().toISOString().slice(0, 10);
    const officer = await measure(regulations, perRegulation, async (r, step) => {
      const id = ids[r];
      if (step === 0) {
        return post('/regulations', { regulationId: id, wardCode: 'hang-bac', kind: 'community_convention', title: 'Quy ước đo hiệu năng', text: 'Điều 1.', startedOn: today });
      }
      if (step === 1) return post(`/regulations/${id}/open-consultation`, { days: 30, channels: ['meeting'] });
      return post(`/regulations/${id}/record-comment`, { commentId: `c${step}`, channel: 'meeting', content: 'Ý kiến của hộ dân', receivedOn: today });
    });
    const handles = await Promise.all(
      ids.map((_, i) => client.workflow.start(noopWorkflow, { taskQueue: noopQueue, workflowId: `noop-${randomUUID()}-${i}` })),
    );
    const floor = await measure(regulations, perRegulation, async (r, step) => {
      await handles[r].executeUpdate(noopUpdate, { args: [step] });
    });
    await Promise.all(handles.map((h) => h.executeUpdate(noopUpdate, { args: [-1] })));
    return { officer, floor };
  };

  try {
    const { officer, floor } = await regulationWorker.runUntil(noopWorker.runUntil(run()));
    const ratio = { p50: +(officer.p50 / floor.p50).toFixed(2), p99: +(officer.p99 / floor.p99).toFixed(2) };
    const row = (name: string, d: Distribution) =>
      `${name.padEnd(22)} n=${d.count}  p50 ${d.p50} ms  p95 ${d.p95} ms  p99 ${d.p99} ms  ${d.throughputPerSecond}/s`;
    console.log(row('officer command (HTTP)', officer));
    console.log(row('no-op Temporal Update', floor));
    console.log(`ratio officer/floor    p50 ${ratio.p50}  p99 ${ratio.p99}  (target ≤ 1.5)`);
    const resultsDir = join(__dirname, 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-commands.json`);
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version };
    writeFileSync(file, `${JSON.stringify({ machine, parameters: { regulations, perRegulation, concurrency, warmup }, officer, floor, ratio }, null, 2)}\n`);
    console.log(`results: ${file}`);
  } finally {
    await app.close();
    await client.connection.close();
    await dataSource.destroy();
    await nativeConnection.close();
    await servers.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
