/** Latency bookkeeping of the benchmarks: timed lanes at a fixed concurrency and percentile summaries. */

import { round } from './record';

export interface Distribution {
  count: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface Sample {
  /** What was timed, e.g. the command type. */
  label: string;
  ms: number;
}

export interface LaneRun {
  samples: Sample[];
  wallMs: number;
}

/** Nearest-rank percentiles (p99 of 400 samples is the 396th smallest). */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
  return {
    count: sorted.length,
    minMs: round(sorted[0]),
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: round(sorted[sorted.length - 1]),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

export function byLabel(samples: readonly Sample[]): Record<string, Distribution> {
  const groups = new Map<string, number[]>();
  for (const { label, ms } of samples) groups.set(label, [...(groups.get(label) ?? []), ms]);
  return Object.fromEntries([...groups].map(([label, values]) => [label, distribution(values)]));
}

/**
 * Drives `streams` sequences of `steps` calls with `concurrency` lanes: a lane takes the next stream and runs its
 * steps one after the other (a regulation's commands are ordered), so at most `concurrency` calls are in flight.
 * Each call resolves to the label it is timed under. Stops at the first failure or when `signal` aborts.
 */
export async function runLanes(options: {
  streams: number;
  steps: number;
  concurrency: number;
  signal: AbortSignal;
  call: (stream: number, step: number) => Promise<string>;
}): Promise<LaneRun> {
  const samples: Sample[] = [];
  let next = 0;
  let failed = false;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, options.streams) }, async () => {
      try {
        for (let stream = next++; stream < options.streams && !failed; stream = next++) {
          for (let step = 0; step < options.steps && !failed; step += 1) {
            options.signal.throwIfAborted();
            const t = performance.now();
            const label = await options.call(stream, step);
            samples.push({ label, ms: performance.now() - t });
          }
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  return { samples, wallMs: performance.now() - started };
}
