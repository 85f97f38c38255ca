/**
 * The Temporal side of the inbox benchmark: one running workflow per pending task, carrying the search attributes its
 * regulation's workflow would carry, and the visibility queries an inbox built on them would send.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { startOfCivilDateInVietnam } from '@app/domain';
import { regulationDueAtKey, regulationKindKey, regulationStageKey, wardCodeKey } from '../workflows/search-attributes';
import type { PendingTask } from './inbox-data';
import { noopWorkflow } from './noop.workflow';
import { LaneRun, runLanes } from './stats';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a no-op workflow (it waits on a condition, bench/noop.workflow.ts) per task on `taskQueue`, `concurrency`
 * starts in flight; `RegulationDueAt` is the start of the task's due date in Vietnam, as the regulation workflow sets it.
 */
export function startTaskWorkflows(options: {
  client: Client;
  taskQueue: string;
  workflowIdPrefix: string;
  tasks: readonly PendingTask[];
  concurrency: number;
  signal: AbortSignal;
}): Promise<LaneRun> {
  const { client, tasks } = options;
  return runLanes({
    streams: tasks.length,
    steps: 1,
    concurrency: options.concurrency,
    signal: options.signal,
    call: async (i) => {
      const task = tasks[i];
      await client.workflow.start(noopWorkflow, {
        taskQueue: options.taskQueue,
        workflowId: `${options.workflowIdPrefix}${task.taskId}`,
        typedSearchAttributes: [
          { key: regulationStageKey, value: task.stage },
          { key: wardCodeKey, value: task.wardCode },
          { key: regulationKindKey, value: task.kind },
          { key: regulationDueAtKey, value: new Date(startOfCivilDateInVietnam(task.dueOn)) },
        ],
      });
      return 'start';
    },
  });
}

export async function countWorkflows(client: Client, query: string): Promise<number> {
  const { count } = await client.workflowService.countWorkflowExecutions({ namespace: client.options.namespace, query });
  return Number(count);
}

/** Resolves once `query` counts `expected` workflows (visibility is updated asynchronously), with the time it took. */
export async function waitUntilCounted(client: Client, query: string, expected: number, signal: AbortSignal): Promise<number> {
  const started = performance.now();
  for (;;) {
    signal.throwIfAborted();
    const count = await countWorkflows(client, query);
    if (count >= expected) return performance.now() - started;
    await sleep(250);
  }
}

/** The visibility twin of `GET /inbox?ward=…&overdue=true`: running regulations of the ward due before today (Vietnam). */
export function overdueQuery(ward: string, today: string): string {
  return `WardCode = '${ward}' AND RegulationDueAt < '${new Date(startOfCivilDateInVietnam(today)).toISOString()}' AND ExecutionStatus = 'Running'`;
}

/** Per-ward counts: the visibility store groups counts by ExecutionStatus only, so one query per ward. */
export function wardCountQuery(ward: string): string {
  return `WardCode = '${ward}' AND ExecutionStatus = 'Running'`;
}

/** One page of `pageSize` executions, as `temporal workflow list --limit` reads it (no ORDER BY: SQL visibility has none). */
export async function listPage(client: Client, query: string, pageSize: number): Promise<number> {
  const { executions } = await client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query, pageSize });
  return executions.length;
}

/** Terminates the benchmark's workflows on a server it did not start, in one server-side batch job. */
export async function terminateTaskWorkflows(client: Client, taskQueue: string): Promise<void> {
  await client.workflowService.startBatchOperation({
    namespace: client.options.namespace,
    jobId: `inbox-bench-cleanup-${randomUUID()}`,
    reason: 'inbox benchmark finished',
    visibilityQuery: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
    terminationOperation: { identity: 'inbox-bench' },
  });
}
