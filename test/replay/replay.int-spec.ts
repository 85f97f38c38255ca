/** Replay gate: committed histories must replay against the production workflows; a tampered one must fail. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';

const historiesDir = join(__dirname, 'histories');
const workflowsPath = require.resolve('../../workflows');

function loadHistory(file: string): { events: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(historiesDir, file), 'utf8'));
}

describe('replay of committed histories', () => {
  const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json'));

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  // convention-consultation.json predates the lean command path (remote activity); -lean.json follows it;
  // convention-approval-task.json has the approval task timers: an overdue dossier escalated, claimed, released.
  it.each(files)('%s replays without a determinism violation', async (file) => {
    await expect(Worker.runReplayHistory({ workflowsPath }, loadHistory(file), `replay-${file}`)).resolves.toBeUndefined();
  });

  it('rejects a history whose recorded activity differs from what the code schedules', async () => {
    const history = loadHistory('convention-consultation.json');
    const scheduled = history.events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED') as {
      activityTaskScheduledEventAttributes: { activityType: { name: string } };
    };
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'deleteEvents';
    const error = await Worker.runReplayHistory({ workflowsPath }, history, 'tampered').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeterminismViolationError);
  });
});
