/** The activity contract of the regulation workflow: types only, implemented by apps/worker. */
import type { EventEnvelope, StoredEvent } from '../libs/domain/src';

export interface AppendEventsInput {
  streamId: string;
  expectedVersion: number;
  events: EventEnvelope[];
}

export interface AppendEventsResult {
  version: number;
  appended: boolean;
  /** The batch as the log stored it (absent in results recorded before the log decided the workflow's state). */
  events: StoredEvent[];
}

export interface ReadStreamAfterInput {
  streamId: string;
  afterVersion: number;
}

export type IncidentKind = 'timer_command_failing' | 'log_behind';

export interface IncidentInput {
  regulationId: string;
  kind: IncidentKind;
  code: string;
  detail: Record<string, unknown>;
  attempts: number;
}

export interface ResolveIncidentInput {
  regulationId: string;
  kind: IncidentKind;
}

export interface RegulationActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
  readStreamAfter(input: ReadStreamAfterInput): Promise<StoredEvent[]>;
  raiseIncident(input: IncidentInput): Promise<void>;
  resolveIncident(input: ResolveIncidentInput): Promise<void>;
}
