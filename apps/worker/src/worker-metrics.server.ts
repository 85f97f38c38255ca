/**
 * Serves the worker's Prometheus metrics (WorkerMetrics) on GET /metrics at WORKER_METRICS_PORT, for a scraper on
 * the internal network; unset, the worker serves nothing. Counts only, no personal data.
 */
import { createServer, type Server } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WorkerMetrics } from './worker-metrics.service';

/** WORKER_METRICS_PORT as a port number, null when unset; anything else stops the start with the variable named. */
export function workerMetricsPort(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`WORKER_METRICS_PORT must be a port number from 1 to 65535, not "${value}"`);
  return port;
}

@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(private readonly metrics: WorkerMetrics) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = workerMetricsPort(process.env.WORKER_METRICS_PORT);
    if (port === null) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.metrics.registry.metrics().then(
        (body) => response.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on :${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
