/** Settings of the Temporal Worker itself (the worker process only), read from the environment once and validated. */
import { registerAs } from '@nestjs/config';

export interface WorkerConfig {
  /**
   * WORKER_MAX_CACHED_WORKFLOWS: how many workflow executions the worker keeps in its sticky cache (0: none, every
   * workflow task replays its history). A workflow evicted from a full cache is replayed from its history on its next
   * task, so the size trades memory for replay time, never correctness.
   */
  maxCachedWorkflows: number;
}

/**
 * Measured by `npm run bench:worker-cache` (README): the empty worker holds about 250 MB of RSS and each cached
 * regulation workflow 0.25–0.42 MB more (a no-op workflow 0.2 MB: the SDK's own cost), so 10,000 cached would take
 * about 2.5 GB. A regulation waits months between
 * steps: 100 keep those being worked on at any moment and the worker under 300 MB, however many run. The SDK's own
 * default follows V8's heap limit (about 2,400 on a 24 GB machine), which would let the worker grow past 1 GB.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 100;
const LARGEST_CACHE = 1_000_000;

function readCacheSize(value: unknown): number | null {
  if (value === undefined || value === null || String(value) === '') return DEFAULT_MAX_CACHED_WORKFLOWS;
  const text = String(value);
  if (!/^\d+$/.test(text)) return null;
  const size = Number(text);
  return size === 0 || (size >= 2 && size <= LARGEST_CACHE) ? size : null;
}

export const workerConfig = registerAs('worker', (): WorkerConfig => {
  const size = readCacheSize(process.env.WORKER_MAX_CACHED_WORKFLOWS);
  if (size === null) throw new Error(`invalid configuration: ${cacheSizeProblem(process.env.WORKER_MAX_CACHED_WORKFLOWS)}`);
  return { maxCachedWorkflows: size };
});

function cacheSizeProblem(value: unknown): string {
  return `WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or a whole number from 2 to ${LARGEST_CACHE.toLocaleString('en-US')}, not "${String(value)}"`;
}

/** What is wrong with the worker's settings, one sentence per problem naming the variable. */
export function workerEnvProblems(env: Record<string, unknown>): string[] {
  return readCacheSize(env.WORKER_MAX_CACHED_WORKFLOWS) === null ? [cacheSizeProblem(env.WORKER_MAX_CACHED_WORKFLOWS)] : [];
}
