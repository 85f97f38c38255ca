/** Reads a regulation workflow's own state through its state query, for reconciliation against the log. */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { RegulationState } from '@app/domain';
import { getRegulationStateQuery, regulationWorkflowId } from '../../../workflows/messages';

/** How long one state query may wait (a workflow no worker polls for answers only when one comes back). */
const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

/**
 * The state the workflow believes (the latest run's), or null when the regulation has no workflow. A query that
 * gets no answer within `timeoutMs` fails (reconciliation reports the workflow unreachable and goes on).
 */
export function regulationStateReader(
  client: Client,
  { timeoutMs = DEFAULT_QUERY_TIMEOUT_MS }: { timeoutMs?: number } = {},
): (regulationId: string) => Promise<RegulationState | null> {
  return async (regulationId) => {
    try {
      return await client.withDeadline(Date.now() + timeoutMs, () =>
        client.workflow.getHandle(regulationWorkflowId(regulationId)).query(getRegulationStateQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  };
}
