/**
 * Preloaded into the production worker by `npm run bench:worker-cache` (node -r, before apps/worker/src/main.ts):
 * serves, on 127.0.0.1:BENCH_PROBE_PORT, the V8 heaps of the process's main thread and of its worker threads (the
 * workflow sandbox runs in one) and the SDK's sticky cache size, read from Temporal Core's own Prometheus gauge.
 * The worker's code is not changed; the probe adds an HTTP server and Core's metrics exporter, the same in every
 * sample, the empty worker's included.
 */
import { createServer } from 'node:http';
import * as v8 from 'node:v8';
import threads = require('node:worker_threads');
import { Runtime } from '@temporalio/worker';

export interface ProbeSample {
  /** V8 heap of the main thread (Nest, the activities, the SDK's bookkeeping), MB. */
  mainHeapUsedMb: number;
  /** V8 heaps of the worker threads (the workflow sandbox: one context shared by the cached workflows), MB. */
  threadHeapUsedMb: number[];
  /** Temporal Core's `sticky_cache_size` gauge: workflows in the cache now. */
  stickyCacheSize: number | null;
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 100) / 100;
const probePort = Number(process.env.BENCH_PROBE_PORT);
const metricsPort = Number(process.env.BENCH_CORE_METRICS_PORT);

/** Worker threads inherit the process's `-r` preloads: the probe starts on the main thread only. */
function startProbe(): void {
  // The SDK starts its workflow thread with `new worker_threads.Worker(...)`, read from the module at call time:
  // a subclass put in its place keeps each thread so that its heap can be asked for.
  const running = new Set<threads.Worker>();
  const NodeWorker = threads.Worker;
  class TrackedWorker extends NodeWorker {
    constructor(...args: ConstructorParameters<typeof threads.Worker>) {
      super(...args);
      running.add(this);
      this.once('exit', () => running.delete(this));
    }
  }
  (threads as { Worker: typeof threads.Worker }).Worker = TrackedWorker;

  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } });

  async function stickyCacheSize(): Promise<number | null> {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const values = [...text.matchAll(/^temporal_sticky_cache_size(?:\{[^}]*\})? ([\d.e+]+)$/gm)].map((m) => Number(m[1]));
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  }

  async function sample(): Promise<ProbeSample> {
    const threadHeaps = await Promise.all([...running].map((worker) => worker.getHeapStatistics().then((s) => mb(s.used_heap_size))));
    return { mainHeapUsedMb: mb(v8.getHeapStatistics().used_heap_size), threadHeapUsedMb: threadHeaps, stickyCacheSize: await stickyCacheSize() };
  }

  createServer((_request, response) => {
    sample().then(
      (body) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  })
    .listen(probePort, '127.0.0.1')
    .unref();
}

if (threads.isMainThread) startProbe();
