/**
 * Preloaded into the production worker by `npm run bench:worker-cache` (node -r, before apps/worker/src/main.ts):
 * serves, on 127.0.0.1:BENCH_PROBE_PORT, the V8 heaps of the process's main thread and of its worker threads (the
 * workflow sandbox runs in one) and the SDK's sticky cache size, read from Temporal Core's own Prometheus gauge.
 * Before each sample every thread runs a full garbage collection, so that the heaps (and the RSS) are what the cached
 * workflows hold, not what the last burst of work left behind. The worker's code is not changed; the probe adds an HTTP server and Core's metrics exporter, the same in every
 * sample, the empty worker's included.
 */
import { createServer } from 'node:http';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import threads = require('node:worker_threads');
import { Runtime } from '@temporalio/worker';

export interface ProbeSample {
  /** V8 heap of the main thread (Nest, the activities, the SDK's bookkeeping), MB. */
  mainHeapUsedMb: number;
  /** The main thread's heap as V8 holds it from the system (used, free and fragmented pages), MB. */
  mainHeapTotalMb: number;
  /** V8 heaps of the worker threads (the workflow sandbox: one context shared by the cached workflows), MB. */
  threadHeapUsedMb: number[];
  /** The worker threads' heaps as V8 holds them from the system, MB. */
  threadHeapTotalMb: number[];
  /** Temporal Core's `sticky_cache_size` gauge: workflows in the cache now. */
  stickyCacheSize: number | null;
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 100) / 100;

/** V8's full collection, without starting the process with --expose-gc. */
function fullGc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** The workflow thread's half: collects when the main thread asks, and answers when done. */
const gcChannel = 'bench-worker-probe-gc';
function answerGcRequests(): void {
  const channel = new threads.BroadcastChannel(gcChannel);
  channel.onmessage = (message: { data: unknown }) => {
    if (message.data !== 'collect') return;
    fullGc();
    channel.postMessage('collected');
  };
  channel.unref();
}

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

  /** A full collection in this thread and in every worker thread (each answers once it has collected). */
  async function collectEverywhere(): Promise<void> {
    fullGc();
    const threadCount = running.size;
    if (threadCount === 0) return;
    const channel = new threads.BroadcastChannel(gcChannel);
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        let answers = 0;
        timer = setTimeout(() => reject(new Error(`${answers} of ${threadCount} worker threads collected in 30 s`)), 30_000);
        channel.onmessage = (message: { data: unknown }) => {
          if (message.data !== 'collected') return;
          answers += 1;
          if (answers === threadCount) resolve();
        };
        channel.postMessage('collect');
      });
    } finally {
      clearTimeout(timer);
      channel.close();
    }
  }

  async function sample(): Promise<ProbeSample> {
    await collectEverywhere();
    const threadHeaps = await Promise.all([...running].map((worker) => worker.getHeapStatistics()));
    const main = v8.getHeapStatistics();
    return {
      mainHeapUsedMb: mb(main.used_heap_size),
      mainHeapTotalMb: mb(main.total_heap_size),
      threadHeapUsedMb: threadHeaps.map((s) => mb(s.used_heap_size)),
      threadHeapTotalMb: threadHeaps.map((s) => mb(s.total_heap_size)),
      stickyCacheSize: await stickyCacheSize(),
    };
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
else answerGcRequests();
