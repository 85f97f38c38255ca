/**
 * `npm run build:workflows` (ts-node, over the .ts sources) and the Dockerfile (`node
 * dist/apps/worker/src/build-workflow-bundle.js`, over the compiled sources the image runs): writes the workflow
 * bundle and its .sha256 sidecar where the worker looks for them, WORKFLOW_BUNDLE_PATH or
 * dist/workflow-bundle.js. Nothing to do when the saved bundle already matches the sources.
 * Usage: build-workflow-bundle [--out FILE]
 */
import { loadWorkflowBundle } from './workflow-bundle';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outFile = outIndex >= 0 ? args[outIndex + 1] : process.env.WORKFLOW_BUNDLE_PATH || undefined;
  if ((outIndex >= 0 && !outFile) || args.length > (outIndex >= 0 ? 2 : 0)) {
    throw new Error('usage: build-workflow-bundle [--out FILE]');
  }
  const bundle = await loadWorkflowBundle({ outFile, log: (message) => process.stdout.write(`${message}\n`) });
  if (bundle.codePath === null) throw new Error('the bundle could not be saved');
}

main().catch((error: unknown) => {
  console.error(`build-workflow-bundle: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
