/** Reads a regulation workflow's own state through its state query, for reconciliation against the log. */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { RegulationState } from '@app/domain';
import { getRegulationStateQuery, regulationWorkflowId } from '../../../workflows/messages';

/** The state the workflow believes (the latest run's), or null when the regulation has no workflow. */
export function regulationStateReader(client: Client): (regulationId: string) => Promise<RegulationState | null> {
  return async (regulationId) => {
    try {
      return await client.workflow.getHandle(regulationWorkflowId(regulationId)).query(getRegulationStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  };
}
