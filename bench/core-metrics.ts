/**
 * The Temporal SDK core's own metrics (the workers' workflow tasks and local activities), served in Prometheus text by
 * the Runtime of the process the workers run in, and read by the command benchmark for its per-stage breakdown.
 */
import type { RuntimeOptions } from '@temporalio/worker';

/** The Runtime's telemetry: Prometheus on a loopback port, durations in milliseconds. */
export function coreMetricsTelemetry(port: number): RuntimeOptions['telemetryOptions'] {
  return { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}`, useSecondsForDurations: false } } };
}

/** Sum and count of a histogram, by `<metric>|<value of the label asked for>`. */
export type HistogramTotals = Map<string, { sum: number; count: number }>;

/** The histograms' sums and counts in a Prometheus text by one label (the task queue unless told), summed over the others. */
export function histogramTotals(text: string, metrics: readonly string[], label = 'task_queue'): HistogramTotals {
  const totals: HistogramTotals = new Map();
  for (const metric of metrics) {
    for (const part of ['sum', 'count'] as const) {
      for (const m of text.matchAll(new RegExp(`^${metric}_${part}\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
        const value = new RegExp(`(?:^|,)${label}="([^"]*)"`).exec(m[1])?.[1] ?? '';
        const key = `${metric}|${value}`;
        const total = totals.get(key) ?? { sum: 0, count: 0 };
        total[part] += Number(m[2]);
        totals.set(key, total);
      }
    }
  }
  return totals;
}

/** after − before, per key. */
export function histogramDelta(before: HistogramTotals, after: HistogramTotals): HistogramTotals {
  const delta: HistogramTotals = new Map();
  for (const [key, a] of after) {
    const b = before.get(key) ?? { sum: 0, count: 0 };
    delta.set(key, { sum: a.sum - b.sum, count: a.count - b.count });
  }
  return delta;
}
