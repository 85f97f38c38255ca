/** Prometheus metrics of the worker: alarms raised by appends and catch-ups of workflows behind the log. */
import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { AppendTiming } from '@app/event-store';

@Injectable()
export class WorkerMetrics {
  /** One registry per worker instance, so several workers in one process (tests) do not collide. */
  readonly registry = new Registry();

  private readonly appendAlarms = new Counter({
    name: 'reglife_worker_append_alarms_total',
    help: 'Appends refused because the log disagrees with the workflow, by code (REGULATION.LOG_BEHIND, REGULATION.APPEND_MISMATCH).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly catchUps = new Counter({
    name: 'reglife_worker_catch_ups_total',
    help: 'Reads of events a workflow missed because the log was ahead of it.',
    registers: [this.registry],
  });

  private readonly appendSeconds = new Histogram({
    name: 'reglife_worker_append_duration_seconds',
    help: 'Appends that stored their batch: the whole transaction (lock, checks, insert, projection, commit) and its projection part.',
    labelNames: ['part'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  recordAppend({ transactionSeconds, projectionSeconds }: AppendTiming): void {
    this.appendSeconds.observe({ part: 'transaction' }, transactionSeconds);
    this.appendSeconds.observe({ part: 'projection' }, projectionSeconds);
  }

  recordAppendAlarm(code: string): void {
    this.appendAlarms.inc({ code });
  }

  recordCatchUp(): void {
    this.catchUps.inc();
  }

  /** The current value of one labelled counter, for tests and logs. */
  async appendAlarmCount(code: string): Promise<number> {
    const metric = await this.appendAlarms.get();
    return metric.values.find((v) => v.labels.code === code)?.value ?? 0;
  }
}
