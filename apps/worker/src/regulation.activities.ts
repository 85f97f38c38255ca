/** Activities of the regulation workflow: the only I/O it does, each idempotent by event id. */
import { Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { AppendMismatchError, ConcurrencyError, DomainError, LogBehindError, StoredEvent } from '@app/domain';
import { EventStore, RegulationIncidents } from '@app/event-store';
import type {
  AppendEventsInput,
  AppendEventsResult,
  IncidentInput,
  ReadStreamAfterInput,
  RegulationActivities,
  ResolveIncidentInput,
} from '../../../workflows/activities';
import { WorkerMetrics } from './worker-metrics.service';

@Injectable()
export class RegulationActivitiesService {
  private readonly logger = new Logger(RegulationActivitiesService.name);

  constructor(
    private readonly store: EventStore,
    private readonly incidents: RegulationIncidents,
    private readonly metrics: WorkerMetrics,
  ) {
    store.onAppendTimed = (timing) => metrics.recordAppend(timing);
  }

  /** The explicit activity map handed to the Worker. */
  activities(): RegulationActivities {
    return {
      appendEvents: (input) => this.appendEvents(input),
      readStreamAfter: (input) => this.readStreamAfter(input),
      raiseIncident: (input) => this.raiseIncident(input),
      resolveIncident: (input) => this.resolveIncident(input),
    };
  }

  async appendEvents({ streamId, expectedVersion, events }: AppendEventsInput): Promise<AppendEventsResult> {
    try {
      const { version, appended, events: stored } = await this.store.append(streamId, expectedVersion, events);
      return { version, appended, events: stored };
    } catch (error) {
      if (error instanceof LogBehindError || error instanceof AppendMismatchError) {
        // The log and the workflow disagree: an alarm for the operators, on the regulation and in the metrics.
        this.metrics.recordAppendAlarm(error.code);
        this.logger.error(`${error.code}: ${error.message}`);
        if (error instanceof LogBehindError) {
          await this.incidents.raise({ regulationId: streamId, kind: 'log_behind', code: error.code, detail: error.details, attempts: 1 });
        }
      }
      if (error instanceof ConcurrencyError || error instanceof LogBehindError || error instanceof AppendMismatchError) {
        throw nonRetryable(error);
      }
      throw error;
    }
  }

  /** The events a workflow behind the log missed: those after its version. */
  async readStreamAfter({ streamId, afterVersion }: ReadStreamAfterInput): Promise<StoredEvent[]> {
    this.metrics.recordCatchUp();
    return this.store.readStream(streamId, { fromPosition: afterVersion + 1 });
  }

  raiseIncident(input: IncidentInput): Promise<void> {
    this.logger.warn(`incident ${input.kind} on ${input.regulationId}: ${input.code} after ${input.attempts} attempts`);
    return this.incidents.raise(input);
  }

  resolveIncident({ regulationId, kind }: ResolveIncidentInput): Promise<void> {
    return this.incidents.resolve(regulationId, kind);
  }
}

function nonRetryable(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({ message: error.message, type: error.code, details: [error.details], nonRetryable: true });
}
