/**
 * The fault loop of the chaos run, one fault at a time, chosen with a seeded generator so that a run can be repeated:
 * SIGKILL a worker and start it again (in the background, while the next faults go on; with two or more workers one
 * always keeps running); freeze PostgreSQL (the postmaster and its backends) or the Temporal dev server
 * with SIGSTOP for a few seconds, then SIGCONT; restart PostgreSQL (stop, start on the same data directory) or the
 * Temporal dev server (same SQLite file). Server faults apply only to servers the run started itself. Each kind of
 * fault runs once first (in seeded order), then kinds are drawn at random until the loop is told to stop. Every fault
 * is logged with its time and duration.
 */
import { sleep } from '../dev-stack/servers';
import { signalTree } from './process-tree';
import type { ChaosStack, OwnServer } from './stack';

export const faultKinds = ['worker_kill', 'postgres_freeze', 'temporal_freeze', 'postgres_restart', 'temporal_restart'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultRecord {
  kind: FaultKind;
  target: string;
  at: string;
  durationMs: number;
  error?: string;
}

/** mulberry32: a small seeded generator, [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FaultLoopOptions {
  stack: ChaosStack;
  random: () => number;
  /** Pause between two faults, drawn in [min, max] ms. */
  pauseMs: [number, number];
  /** How long a freeze lasts, drawn in [min, max] ms. */
  freezeMs: [number, number];
  log: (message: string) => void;
}

export interface FaultLoop {
  faults: FaultRecord[];
  /** Resolves once every possible kind of fault was injected once. */
  everyKindInjected: Promise<void>;
  /** Ends the loop after the fault under way (whose servers are thawed or restarted) and waits for it and for workers starting again. */
  stop(): Promise<void>;
}

export function startFaultLoop(options: FaultLoopOptions): FaultLoop {
  const { stack, random, log } = options;
  const server = (name: OwnServer['name']): OwnServer | undefined => stack.servers.find((s) => s.name === name);
  const possible = faultKinds.filter((kind) => {
    if (kind === 'worker_kill') return stack.workers.length > 0;
    return server(kind.startsWith('postgres') ? 'postgres' : 'temporal') !== undefined;
  });
  const between = ([min, max]: [number, number]): number => Math.round(min + random() * (max - min));
  const pending = shuffle([...possible], random);
  const faults: FaultRecord[] = [];
  let stopping = false;
  let wake: (() => void) | undefined;
  let firstRoundDone: () => void = () => undefined;
  const everyKindInjected = new Promise<void>((resolve) => (firstRoundDone = resolve));

  const inject = async (kind: FaultKind): Promise<void> => {
    const started = Date.now();
    const record: FaultRecord = { kind, target: '', at: new Date(started).toISOString(), durationMs: 0 };
    try {
      if (kind === 'worker_kill') {
        // One worker keeps running (with two or more): the kill waits for a worker killed earlier to be polling again.
        while (stack.restarting.size > 0 && stack.workers.length - stack.restarting.size < Math.min(2, stack.workers.length)) {
          await Promise.race(stack.restarting.values()).catch(() => undefined);
        }
        const running = stack.workers.map((_, i) => i).filter((i) => !stack.restarting.has(i));
        const i = running[Math.floor(random() * running.length)];
        record.target = stack.workers[i].name;
        log(`fault ${kind}: SIGKILL ${record.target} (pid ${stack.workers[i].pid}); it starts again meanwhile`);
        stack.killWorker(i).then(
          () => log(`${stack.workers[i].name} started again after the kill`),
          (error: unknown) => log(`worker-${i + 1} did not start again: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`),
        );
      } else {
        const target = server(kind.startsWith('postgres') ? 'postgres' : 'temporal')!;
        record.target = target.name;
        if (kind.endsWith('freeze')) {
          const ms = between(options.freezeMs);
          const pid = target.pid();
          log(`fault ${kind}: SIGSTOP ${target.name} (pid ${pid} and its children) for ${ms} ms`);
          signalTree(pid, 'SIGSTOP');
          try {
            await sleep(ms);
          } finally {
            signalTree(pid, 'SIGCONT');
          }
        } else {
          log(`fault ${kind}: restart ${target.name} on the same data`);
          await target.restart();
        }
      }
    } catch (error) {
      record.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log(`fault ${kind} failed: ${record.error}`);
    }
    record.durationMs = Date.now() - started;
    faults.push(record);
    log(`fault ${kind} on ${record.target} done in ${record.durationMs} ms`);
  };

  const loop = (async () => {
    while (!stopping && possible.length > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, between(options.pauseMs));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopping) break;
      await inject(pending.shift() ?? possible[Math.floor(random() * possible.length)]);
      if (pending.length === 0) firstRoundDone();
    }
    firstRoundDone();
  })();

  return {
    faults,
    everyKindInjected,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await Promise.allSettled(stack.restarting.values());
    },
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
