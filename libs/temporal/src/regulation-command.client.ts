/** Sends lifecycle commands to regulation workflows as Temporal Updates and turns failures into domain errors. */
import { createHash } from 'node:crypto';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  CommandEnvelope,
  CreateDraft,
  decide,
  DomainError,
  ImportRegulation,
  ErrorCode,
  initialState,
  RegulationAlreadyExistsError,
  RegulationCommand,
  RegulationNotFoundError,
} from '@app/domain';
import type { regulationLifecycleWorkflow } from '../../../workflows';
import { CommandResult, commandUpdates, regulationWorkflowId } from '../../../workflows/messages';

/** A command the workflow refused, carrying the domain's stable code. */
export class CommandRejectedError extends DomainError {}

export class RegulationCommandClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /**
   * Creates the regulation's workflow and its first draft (or its imported history) in one idempotent call
   * (update-with-start). The command is checked here first so that a refused creation starts no workflow at all.
   */
  async create(unstamped: CommandEnvelope<CreateDraft | ImportRegulation>): Promise<CommandResult> {
    const envelope = stamped(unstamped);
    const { regulationId } = envelope.command;
    decide(envelope, initialState(regulationId), envelope.issuedAt);
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof regulationLifecycleWorkflow>(
      'regulationLifecycleWorkflow',
      {
        workflowId: regulationWorkflowId(regulationId),
        taskQueue: this.taskQueue,
        args: [{ regulationId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // An ended regulation keeps its id: drafting again under it is refused, not a new run.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      },
    );
    return this.translate(regulationId, () =>
      this.client.workflow.executeUpdateWithStart(commandUpdates[envelope.command.type] as typeof commandUpdates.CreateDraft, {
        args: [envelope as CommandEnvelope<CreateDraft>],
        updateId: updateIdOf(envelope),
        startWorkflowOperation,
      }),
    );
  }

  async execute(regulationId: string, unstamped: CommandEnvelope): Promise<CommandResult> {
    const envelope = stamped(unstamped);
    if (envelope.command.type === 'CreateDraft' || envelope.command.type === 'ImportRegulation') {
      return this.create(envelope as CommandEnvelope<CreateDraft | ImportRegulation>);
    }
    const handle = this.client.workflow.getHandle(regulationWorkflowId(regulationId));
    const update = commandUpdates[envelope.command.type] as (typeof commandUpdates)[RegulationCommand['type']];
    return this.translate(regulationId, () =>
      handle.executeUpdate(update as typeof commandUpdates.ReviseDraft, {
        args: [envelope as CommandEnvelope<Extract<RegulationCommand, { type: 'ReviseDraft' }>>],
        updateId: updateIdOf(envelope),
      }),
    );
  }

  private async translate(regulationId: string, call: () => Promise<CommandResult>): Promise<CommandResult> {
    try {
      return await call();
    } catch (error) {
      throw toDomainError(regulationId, error);
    }
  }
}

/** The command's time, taken once here: the workflow decides with it (see CommandEnvelope.issuedAt). */
function stamped<C extends CommandEnvelope>(envelope: C): C & { issuedAt: string } {
  return { ...envelope, issuedAt: envelope.issuedAt ?? new Date().toISOString() };
}

/**
 * Temporal deduplicates updates by id without running the validator, so the id covers the content too:
 * a true retry is answered by Temporal, a reused command id with another body reaches the workflow and is refused.
 */
function updateIdOf(envelope: CommandEnvelope): string {
  const content = JSON.stringify([envelope.command, envelope.actor, envelope.expectedVersion ?? null]);
  return `${envelope.commandId}:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
}

function toDomainError(regulationId: string, error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const failure = findApplicationFailure(error.cause);
    if (failure?.type) {
      const details = (failure.details?.[0] ?? {}) as Record<string, unknown>;
      return new CommandRejectedError(failure.type as ErrorCode, failure.message, details);
    }
  }
  if (error instanceof WorkflowNotFoundError) return new RegulationNotFoundError(regulationId);
  if (error instanceof WorkflowExecutionAlreadyStartedError) return new RegulationAlreadyExistsError(regulationId);
  if (error instanceof Error && /workflow execution already completed/i.test(error.message)) {
    return new CommandRejectedError('REGULATION.INVALID_TRANSITION', 'the regulation has ended', { regulationId });
  }
  return error;
}

function findApplicationFailure(error: unknown): ApplicationFailure | undefined {
  for (let e = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure) return e;
  }
  return undefined;
}
