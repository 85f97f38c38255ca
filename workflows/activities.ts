/** The activity contract of the regulation workflow: types only, implemented by apps/worker. */
import type { EventEnvelope } from '../libs/domain/src';

export interface AppendEventsInput {
  streamId: string;
  expectedVersion: number;
  events: EventEnvelope[];
}

export interface AppendEventsResult {
  version: number;
  appended: boolean;
}

export interface RegulationActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
}
