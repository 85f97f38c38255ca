/**
 * Readiness of the api's two dependencies: PostgreSQL answers `SELECT 1`, Temporal answers getSystemInfo,
 * each within PROBE_TIMEOUT_MS. The route is public, so one probe runs at a time and its answer serves every
 * caller for REUSE_MS: a flood of /ready requests costs the dependencies at most one query each per interval.
 * The answer is up or down per dependency; why one is down (a driver's message, naming hosts and ports) is
 * logged when the state changes, never returned.
 */
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.di-tokens';
import type { ReadinessDto } from './health-result.dto';

const PROBE_TIMEOUT_MS = 3_000;
const REUSE_MS = 1_000;

type Dependency = keyof ReadinessDto['checks'];
type Probe = { state: 'up' } | { state: 'down'; reason: string };

@Injectable()
export class DependencyHealthIndicators implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Readiness');
  private inFlight: Promise<ReadinessDto> | undefined;
  private last: { at: number; readiness: ReadinessDto } | undefined;
  /** The last state logged, so that a failure is logged once when it starts, not on every probe. */
  private loggedState = 'up,up';
  /** Calls to Temporal not ended yet, the probe's timeout notwithstanding. */
  private readonly temporalCalls = new Set<Promise<void>>();

  constructor(
    @Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  readiness(): Promise<ReadinessDto> {
    if (this.last && Date.now() - this.last.at < REUSE_MS) return Promise.resolve(this.last.readiness);
    this.inFlight ??= this.probeAll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async probeAll(): Promise<ReadinessDto> {
    const [database, temporal] = await Promise.all([this.database(), this.temporal()]);
    const readiness: ReadinessDto = {
      status: database.state === 'up' && temporal.state === 'up' ? 'ok' : 'error',
      checks: { database: database.state, temporal: temporal.state },
    };
    this.last = { at: Date.now(), readiness };
    this.logChange({ database, temporal });
    return readiness;
  }

  private async database(): Promise<Probe> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'));
      return { state: 'up' };
    } catch (error) {
      return { state: 'down', reason: messageOf(error) };
    }
  }

  private async temporal(): Promise<Probe> {
    // Not ensureConnected(): it memoizes its first failure, so the probe would never recover.
    const call = this.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => this.connection.workflowService.getSystemInfo({}));
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.temporalCalls.add(settled);
    void settled.finally(() => this.temporalCalls.delete(settled));
    try {
      await withTimeout(call);
      return { state: 'up' };
    } catch (error) {
      return { state: 'down', reason: messageOf(error) };
    }
  }

  /**
   * Against an unreachable Temporal the client retries the call on timers until its deadline; a retry that fires
   * after the connection is closed throws out of its timer. So shutdown waits for the probe's call to end
   * (its deadline bounds it) before TemporalClientModule closes the connection.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.temporalCalls]);
  }

  private logChange(probes: Record<Dependency, Probe>): void {
    const state = Object.values(probes).map((probe) => probe.state).join(',');
    if (state === this.loggedState) return;
    this.loggedState = state;
    const down = Object.entries(probes).flatMap(([name, probe]) => (probe.state === 'down' ? [{ dependency: name, reason: probe.reason }] : []));
    if (down.length === 0) this.logger.log('ready: PostgreSQL and Temporal answer again');
    else this.logger.warn({ down }, `not ready: ${down.map((d) => d.dependency).join(' and ')} down`);
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
