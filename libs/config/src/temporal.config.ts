/** Temporal connection settings, read from the environment once and validated. */
import { registerAs } from '@nestjs/config';

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /**
   * WORKFLOW_BUNDLE_PATH: where the worker looks for the prebuilt workflow bundle and its .sha256 sidecar (and
   * saves one it had to build); null: dist/workflow-bundle.js. Used only when it matches the workflow sources.
   */
  workflowBundlePath: string | null;
}

export const temporalConfig = registerAs(
  'temporal',
  (): TemporalConfig => ({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'regulations',
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH || null,
  }),
);
