/** Activities of the regulation workflow: the only I/O it does, each idempotent by event id. */
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { ConcurrencyError } from '@app/domain';
import { EventStore } from '@app/event-store';
import type { AppendEventsInput, AppendEventsResult, RegulationActivities } from '../../../workflows/activities';

@Injectable()
export class RegulationActivitiesService {
  constructor(private readonly store: EventStore) {}

  /** The explicit activity map handed to the Worker. */
  activities(): RegulationActivities {
    return { appendEvents: (input) => this.appendEvents(input) };
  }

  async appendEvents({ streamId, expectedVersion, events }: AppendEventsInput): Promise<AppendEventsResult> {
    try {
      const { version, appended } = await this.store.append(streamId, expectedVersion, events);
      return { version, appended };
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw ApplicationFailure.create({
          message: error.message,
          type: error.code,
          details: [error.details],
          nonRetryable: true,
        });
      }
      throw error;
    }
  }
}
