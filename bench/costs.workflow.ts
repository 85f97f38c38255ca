/**
 * The price list of the command path (`npm run bench:temporal-costs`): a no-op Update that adds, as the regulation
 * workflow does per command, any of a durable timer restarted after the update, a local activity, a search
 * attribute upsert. The local activity does nothing: its cost is Temporal's, not PostgreSQL's.
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { wardCodeKey } from '../workflows/search-attributes';

export interface CostsFeatures {
  /** The main loop waits with a timeout (`condition(progressed, timeout)`): a timer cancelled and started per update. */
  timer: boolean;
  /** The handler awaits a local activity (the append's place). */
  localActivity: boolean;
  /** The handler upserts a search attribute (the regulation's do when its stage or due date changes). */
  searchAttribute: boolean;
}

export interface CostsActivities {
  nothing(): Promise<null>;
}

/** Answers its argument; a negative one also ends the workflow. */
export const costsUpdate = defineUpdate<number, [number]>('costs');

const { nothing } = proxyLocalActivities<CostsActivities>({ startToCloseTimeout: '10 seconds' });

export async function costsWorkflow(features: CostsFeatures): Promise<void> {
  let updates = 0;
  let done = false;
  setHandler(costsUpdate, async (value) => {
    if (features.localActivity) await nothing();
    if (features.searchAttribute) upsertSearchAttributes([{ key: wardCodeKey, value: `ward-${value}` }]);
    updates += 1;
    done = value < 0;
    return value;
  });
  while (!done) {
    const seen = updates;
    const progressed = () => updates !== seen || done;
    if (features.timer) await condition(progressed, '1 day');
    else await condition(progressed);
  }
}
