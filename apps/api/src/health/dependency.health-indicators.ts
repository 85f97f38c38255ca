/** Readiness probes of the api's two dependencies: PostgreSQL answers `SELECT 1`, Temporal answers getSystemInfo. */
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.di-tokens';

const PROBE_TIMEOUT_MS = 3_000;

@Injectable()
export class DependencyHealthIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  async postgres() {
    const probe = this.health.check('postgres');
    try {
      await withTimeout(this.dataSource.query('SELECT 1'));
      return probe.up();
    } catch (error) {
      return probe.down({ message: messageOf(error) });
    }
  }

  async temporal() {
    const probe = this.health.check('temporal');
    try {
      // Not ensureConnected(): it memoizes its first failure, so the probe would never recover.
      await withTimeout(this.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => this.connection.workflowService.getSystemInfo({})));
      return probe.up();
    } catch (error) {
      return probe.down({ message: messageOf(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
