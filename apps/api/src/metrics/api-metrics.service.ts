/** Prometheus metrics of the api: commands by type and outcome, their latency, errors by code, open incidents. */
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RegulationIncidents } from '@app/event-store';

@Injectable()
export class ApiMetrics {
  /** One registry per app instance, so several apps in one process (tests) do not collide. */
  readonly registry = new Registry();

  private readonly commands = new Counter({
    name: 'reglife_api_commands_total',
    help: 'Commands received, by command type and outcome (accepted or the error code).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly commandSeconds = new Histogram({
    name: 'reglife_api_command_duration_seconds',
    help: 'Time from receiving a command to its committed result or its rejection.',
    labelNames: ['command'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'reglife_api_errors_total',
    help: 'Error responses, by stable error code and HTTP status.',
    labelNames: ['code', 'status'] as const,
    registers: [this.registry],
  });

  constructor(private readonly incidents: RegulationIncidents) {
    collectDefaultMetrics({ register: this.registry, prefix: 'reglife_api_' });
    const open = this.incidents;
    // Read from PostgreSQL at each scrape, like every query: the workers may be down.
    new Gauge({
      name: 'reglife_open_incidents',
      help: 'Regulations with an open incident, by kind (timer_command_failing, log_behind).',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      async collect() {
        for (const [kind, count] of Object.entries(await open.openCounts())) this.set({ kind }, count);
      },
    });
  }

  recordCommand(command: string, outcome: string, seconds: number): void {
    this.commands.inc({ command, outcome });
    this.commandSeconds.observe({ command }, seconds);
  }

  recordError(code: string, status: number): void {
    this.errors.inc({ code, status: String(status) });
  }
}
