/**
 * The Java time-skipping test server (from the tool cache) as a TestWorkflowEnvironment, with the project's
 * custom search attributes registered.
 *
 * The test server refuses to upsert an attribute it does not know ("search attribute RegulationStage is not
 * defined": the workflow task fails and is retried every 10 s, so the workflow hangs), but it implements
 * OperatorService.AddSearchAttributes, which registers them. It does not implement ListSearchAttributes,
 * ListWorkflowExecutions or CountWorkflowExecutions: visibility queries need the dev server (TEMPORAL_ADDRESS).
 * Upserted values are readable with `handle.describe()` (typedSearchAttributes) and in the workflow.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeIndexedTypes, searchAttributeKeys, type AnySearchAttributeKey } from '../../tools/dev-stack/search-attributes';
import { requireTool, toolPaths } from '../../tools/dev-stack/tools';

export interface TimeSkippingEnvOptions {
  /** Registered on the server; default: every attribute of workflows/search-attributes.ts. */
  searchAttributes?: readonly AnySearchAttributeKey[];
}

/**
 * The SDK gives the server's JVM 5 s to listen (a constant in its core); on two loaded cores it can take longer.
 * Such a start is tried again, a few times, before the suite fails.
 */
const SERVER_START_ATTEMPTS = 3;

async function startTimeSkippingServer(path: string): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (error) {
      if (attempt === SERVER_START_ATTEMPTS || !String(error).includes('did not start within')) throw error;
      process.stderr.write(`[time-skipping] the test server did not listen within the SDK's 5 s (attempt ${attempt}): starting it again\n`);
    }
  }
}

/** Starts a fresh time-skipping test server (about 1 s); call `env.teardown()` when done. */
export async function createTimeSkippingEnv(options: TimeSkippingEnvOptions = {}): Promise<TestWorkflowEnvironment> {
  const env = await startTimeSkippingServer(requireTool(toolPaths().testServer));
  const keys = options.searchAttributes ?? searchAttributeKeys;
  if (keys.length > 0) {
    try {
      await env.connection.operatorService.addSearchAttributes({
        namespace: env.namespace ?? 'default',
        searchAttributes: searchAttributeIndexedTypes(keys),
      });
    } catch (error) {
      await env.teardown();
      throw error;
    }
  }
  return env;
}
