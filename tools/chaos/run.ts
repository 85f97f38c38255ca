/**
 * One chaos run (`npm run chaos`, scripts/chaos.ts): starts the stack (tools/chaos/stack.ts), drives N lifecycles
 * concurrently over HTTP (tools/chaos/lifecycles.ts) while the fault loop (tools/chaos/faults.ts) kills workers and
 * freezes and restarts the servers, stops the faults once the lifecycles are done and every kind of fault was injected
 * once, lets the system settle, then runs the checks (tools/chaos/checks.ts). The result is what the script prints
 * and writes as JSON.
 */
import { Client, Connection } from '@temporalio/client';
import { regulationStateReader } from '@app/temporal';
import { sleep } from '../dev-stack/servers';
import { runChecks, type CheckResult } from './checks';
import { startFaultLoop, seededRandom, type FaultKind, type FaultRecord } from './faults';
import { ChaosHttp, type CommandRecord } from './http-client';
import { driveLifecycle, type LifecycleOutcome } from './lifecycles';
import { startChaosStack } from './stack';

export interface ChaosOptions {
  lifecycles: number;
  workers: number;
  apis: number;
  seed: number;
  faults: boolean;
  /** Given servers: not started, frozen or restarted (see StackOptions). */
  temporalAddress?: string;
  databaseUrl?: string;
  namespace: string;
  /** Server data of this run (see StackOptions.workDir). */
  workDir: string;
  /** Server and app logs of this run. */
  logDir: string;
  /** How long one command is retried before it is abandoned (default 120 s). */
  commandDeadlineMs?: number;
  /** Pause between faults and freeze length, ms. */
  pauseMs?: [number, number];
  freezeMs?: [number, number];
  log: (message: string) => void;
}

export interface ChaosResult {
  options: Omit<ChaosOptions, 'log'>;
  passed: boolean;
  checks: CheckResult[];
  lifecycles: LifecycleOutcome[];
  commands: { sent: number; succeeded: number; refused: number; gaveUp: number; retried: number; requests: number };
  faults: { byKind: Partial<Record<FaultKind, number>>; failed: number; log: FaultRecord[] };
  /** Commands that were retried, with why (transport error or 5xx code). */
  retriedCommands: Pick<CommandRecord, 'commandId' | 'step' | 'attempts' | 'outcome' | 'retriedOn'>[];
  durationMs: number;
  startupMs: number;
  driveMs: number;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { log } = options;
  const started = Date.now();
  const stack = await startChaosStack({
    temporalAddress: options.temporalAddress,
    databaseUrl: options.databaseUrl,
    namespace: options.namespace,
    workers: options.workers,
    apis: options.apis,
    workDir: options.workDir,
    logDir: options.logDir,
    log,
  });
  const startupMs = Date.now() - started;
  try {
    const http = new ChaosHttp({ apis: stack.apis.map((api) => api.url!), commandDeadlineMs: options.commandDeadlineMs ?? 120_000 });
    const runId = `${options.seed}-${Date.now().toString(36)}`;
    const driveStarted = Date.now();
    log(`driving ${options.lifecycles} lifecycles (run ${runId}) with faults ${options.faults ? 'on' : 'off'}, seed ${options.seed}`);
    const loop = options.faults
      ? startFaultLoop({
          stack,
          random: seededRandom(options.seed),
          pauseMs: options.pauseMs ?? [500, 1_500],
          freezeMs: options.freezeMs ?? [2_000, 6_000],
          log,
        })
      : undefined;
    const lifecycles = await Promise.all(Array.from({ length: options.lifecycles }, (_, n) => driveLifecycle(http, stack.principals, runId, n)));
    const driveMs = Date.now() - driveStarted;
    log(`lifecycles done in ${driveMs} ms`);
    if (loop) {
      await loop.everyKindInjected;
      await loop.stop();
    }
    // Timers that came due during the faults (reminders, escalations) may still be appending: let them land.
    await sleep(1_000);

    const connection = await Connection.connect({ address: stack.temporalAddress });
    let checks: CheckResult[];
    try {
      const client = new Client({ connection, namespace: stack.namespace });
      checks = await runChecks({ databaseUrl: stack.migrationUrl, workflowState: regulationStateReader(client), commands: http.commands, lifecycles });
    } finally {
      await connection.close();
    }

    const faults = loop?.faults ?? [];
    const byKind: Partial<Record<FaultKind, number>> = {};
    for (const f of faults) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    const count = (outcome: CommandRecord['outcome']): number => http.commands.filter((c) => c.outcome === outcome).length;
    const retried = http.commands.filter((c) => c.attempts > 1);
    const { log: _log, ...shown } = options;
    return {
      options: shown,
      passed: checks.every((c) => c.passed),
      checks,
      lifecycles,
      commands: {
        sent: http.commands.length,
        succeeded: count('succeeded'),
        refused: count('refused'),
        gaveUp: count('gave_up'),
        retried: retried.length,
        requests: http.commands.reduce((sum, c) => sum + c.attempts, 0),
      },
      faults: { byKind, failed: faults.filter((f) => f.error).length, log: faults },
      retriedCommands: retried.map(({ commandId, step, attempts, outcome, retriedOn }) => ({ commandId, step, attempts, outcome, retriedOn })),
      durationMs: Date.now() - started,
      startupMs,
      driveMs,
    };
  } finally {
    await stack.stop();
  }
}

/** The figure lines the script prints: one per check, then the summary. */
export function formatResult(result: ChaosResult): string[] {
  const lines = result.checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'} ${c.name.padEnd(11)} ${c.figures}${c.problems.map((p) => `\n       ${p}`).join('')}`);
  const c = result.commands;
  const faults = Object.entries(result.faults.byKind).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
  lines.push(
    `${result.lifecycles.length} lifecycles; commands: ${c.sent} sent, ${c.succeeded} succeeded, ${c.refused} refused, ${c.gaveUp} abandoned, ` +
      `${c.retried} retried (${c.requests} requests); faults: ${faults}${result.faults.failed ? ` (${result.faults.failed} failed to inject)` : ''}; ` +
      `${(result.durationMs / 1000).toFixed(1)} s (start ${(result.startupMs / 1000).toFixed(1)} s, drive ${(result.driveMs / 1000).toFixed(1)} s)`,
  );
  lines.push(result.passed ? 'chaos: every check passed' : `chaos: FAILED (${result.checks.filter((x) => !x.passed).map((x) => x.name).join(', ')})`);
  return lines;
}
