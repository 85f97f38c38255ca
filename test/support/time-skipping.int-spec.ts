/**
 * The time-skipping test server from the tool cache: 30 days of workflow time pass at once, and the custom
 * search attribute RegulationStage can be upserted because createTimeSkippingEnv registers it.
 */
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { sleepyStageKey, sleepyWorkflow } from './fixtures/sleepy.workflow';
import { createTimeSkippingEnv } from './time-skipping';
import { projectRoot } from '../../tools/dev-stack/tools';
import { getWorkflowBundle } from '../../apps/worker/src/workflow-bundle';

const DAY_MS = 86_400_000;
const fixtureBundle = () =>
  getWorkflowBundle({
    workflowsPath: require.resolve('./fixtures'),
    sourceDirs: [path.join(__dirname, 'fixtures')],
    outFile: path.join(projectRoot, 'dist', 'test-support-fixtures.workflow-bundle.js'),
  });

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('skips 30 days of sleep and accepts the RegulationStage search attribute', async () => {
    const { code } = await fixtureBundle();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'sleepy',
      workflowBundle: { code },
    });
    const before = await env.currentTimeMs();
    const realStart = Date.now();

    const { result, stage } = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(sleepyWorkflow, {
        taskQueue: 'sleepy',
        workflowId: `sleepy-${realStart}`,
        args: [30],
      });
      const result = await handle.result();
      const description = await handle.describe();
      return { result, stage: description.typedSearchAttributes.get(sleepyStageKey) };
    });

    expect(result.finishedAtMs - result.startedAtMs).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(Date.now() - realStart).toBeLessThan(30_000);
    expect(result.stageBefore).toBe('SLEEPING');
    expect(result.stageAfter).toBe('AWAKE');
    expect(stage).toBe('AWAKE');
  });
});

describe('workflow bundle cache', () => {
  it('reuses the bundle while the sources are unchanged', async () => {
    const first = await fixtureBundle();
    const again = await fixtureBundle();
    expect(again.codePath).toBe(first.codePath);
    expect(again.hash).toBe(first.hash);
  });
});
