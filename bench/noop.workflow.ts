/** The floor of the command benchmark: a workflow whose update returns at once, without activity or I/O. */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** Answers its argument; a negative one also ends the workflow. */
export const noopUpdate = defineUpdate<number, [number]>('noop');

export async function noopWorkflow(): Promise<void> {
  let done = false;
  setHandler(noopUpdate, (value) => {
    done = value < 0;
    return value;
  });
  await condition(() => done);
}
