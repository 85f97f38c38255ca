/** Every update and query of the regulation workflow. Wire names never change once released. */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CommandEnvelope, CommandType, RegulationCommand, RegulationState, Stage } from '../libs/domain/src';
import { commandTypes } from '../libs/domain/src/commands';

export interface CommandResult {
  regulationId: string;
  commandId: string;
  version: number;
  stage: Stage;
  allowedActions: CommandType[];
  events: { eventId: string; type: string; streamPosition: number }[];
}

export type CommandUpdate<T extends CommandType> = UpdateDefinition<
  CommandResult,
  [CommandEnvelope<Extract<RegulationCommand, { type: T }>>],
  T
>;

/** One update per command, named after the command type (e.g. `RecordVote`). */
export const commandUpdates = Object.fromEntries(commandTypes.map((type) => [type, defineUpdate(type)])) as {
  [T in CommandType]: CommandUpdate<T>;
};

export const getRegulationStateQuery = defineQuery<RegulationState>('getRegulationState');

export const regulationTaskQueue = 'regulations';

export function regulationWorkflowId(regulationId: string): string {
  return `regulation-${regulationId}`;
}
