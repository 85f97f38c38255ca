/** Turns an HTTP command into a command envelope, sends it as a Temporal Update and measures it. */
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  CommandEnvelope,
  CommandType,
  DomainError,
  InvalidTransitionError,
  RegulationAlreadyExistsError,
  RegulationCommand,
  RegulationNotFoundError,
} from '@app/domain';
import { RegulationCommandClient } from '@app/temporal';
import type { CommandResult } from '../../../../workflows/messages';
import { ApiConfig, apiConfig } from '../api.config';
import { ApiError, InvalidInputError } from '../errors/api.errors';
import { domainErrorStatus } from '../errors/error-status';
import { ApiMetrics } from '../metrics/api-metrics.service';
import { RegulationReadRepository } from '../queries/regulation-read.repository';
import { TEMPORAL_CLIENT } from '../temporal/temporal.di-tokens';
import type { CommandHeaders } from './command-headers.decorator';
import { AdminUnitsService } from '../units/admin-units.service';
import type { CommandOptionsDto } from './command-options.dto';
import type { CreateDraftDto } from './regulation-command.dto';

/** Body fields that belong to the envelope, not to the command. */
const ENVELOPE_FIELDS = new Set(['expectedVersion', 'legalBasis']);
/** Command fields that say why a step was taken; the first present one becomes the timeline's reason. */
const REASON_FIELDS = ['reason', 'reasons', 'notes', 'summary'];

@Injectable()
export class RegulationCommandsService {
  constructor(
    private readonly commands: RegulationCommandClient,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(apiConfig.KEY) private readonly config: ApiConfig,
    private readonly metrics: ApiMetrics,
    private readonly regulations: RegulationReadRepository,
    private readonly units: AdminUnitsService,
  ) {}

  async create(dto: CreateDraftDto, headers: CommandHeaders): Promise<CommandResult> {
    const regulationId = dto.regulationId ?? derivedRegulationId(headers.idempotencyKey);
    const envelope = toEnvelope('CreateDraft', { ...dto, regulationId }, headers);
    return this.measure('CreateDraft', async () => {
      // Both reads at once; the ward's refusal comes first when both refuse.
      const [ward, creating] = await Promise.allSettled([
        // A ward or commune that exists on the day drafting started (the domain knows no list of units: the table is it).
        this.units.requireWardOn('wardCode', dto.wardCode, dto.startedOn),
        // A regulation whose workflow has ended (withdrawn, repealed) must not be drafted again under its id;
        // only the retry of its own creating command goes through (Temporal answers it from its record).
        this.regulations.creatingCommandId(regulationId),
      ]);
      if (ward.status === 'rejected') throw ward.reason;
      if (creating.status === 'rejected') throw creating.reason;
      const creatingCommand = creating.value;
      if (creatingCommand !== null && creatingCommand !== envelope.commandId) {
        throw new RegulationAlreadyExistsError(regulationId);
      }
      return this.send(regulationId, envelope);
    });
  }

  async execute(regulationId: string, type: CommandType, dto: CommandOptionsDto, headers: CommandHeaders): Promise<CommandResult> {
    const envelope = toEnvelope(type, dto, headers);
    return this.measure(type, async () => {
      try {
        return await this.send(regulationId, envelope);
      } catch (error) {
        throw await this.explainRefusal(regulationId, type, error);
      }
    });
  }

  /**
   * Two refusals come from Temporal without a domain reason: an ended workflow (withdrawn, repealed) is
   * "not found", and a command the workflow takes no update for has no domain code. The projection knows
   * the stage, so the caller gets the usual 409 with the actions that remain.
   */
  private async explainRefusal(regulationId: string, type: CommandType, error: unknown): Promise<unknown> {
    if (!(error instanceof DomainError)) return error;
    if (error.code !== 'REGULATION.NOT_FOUND' && error.code in domainErrorStatus) return error;
    const current = await this.regulations.stageOf(regulationId);
    if (!current) return new RegulationNotFoundError(regulationId);
    return new InvalidTransitionError(type, current.stage, current.allowedActions.filter((action) => action !== type));
  }

  private send(regulationId: string, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.client.withDeadline(Date.now() + this.config.commandTimeoutMs, () => this.commands.execute(regulationId, envelope));
  }

  private async measure(type: CommandType, run: () => Promise<CommandResult>): Promise<CommandResult> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await run();
      this.metrics.recordCommand(type, 'accepted', seconds());
      return result;
    } catch (error) {
      this.metrics.recordCommand(type, error instanceof DomainError || error instanceof ApiError ? error.code : 'error', seconds());
      throw error;
    }
  }
}

function toEnvelope(type: CommandType, dto: object, headers: CommandHeaders): CommandEnvelope {
  const body = dto as Record<string, unknown>;
  // null means absent, as for every optional field.
  const expectedVersion = reconcileVersions((body.expectedVersion ?? undefined) as number | undefined, headers.ifMatch);
  const command = { type, ...canonicalFields(body) } as RegulationCommand;
  const reason = REASON_FIELDS.map((field) => body[field]).find((value) => typeof value === 'string');
  return {
    commandId: headers.idempotencyKey ?? randomUUID(),
    actor: headers.actor,
    command,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    correlationId: headers.requestId || undefined,
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(typeof body.legalBasis === 'string' ? { legalBasis: body.legalBasis } : {}),
  };
}

/**
 * The command's fields in a fixed (sorted) order without empty ones: the workflow fingerprints a command by its
 * JSON, so a retry must produce the same JSON whatever order or nulls the client sent.
 */
function canonicalFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(body)
      .filter((key) => !ENVELOPE_FIELDS.has(key) && body[key] !== undefined && body[key] !== null)
      .sort()
      .map((key) => [key, body[key]]),
  );
}

function reconcileVersions(fromBody: number | undefined, fromHeader: number | null): number | undefined {
  if (fromBody !== undefined && fromHeader !== null && fromBody !== fromHeader) {
    throw new InvalidInputError('expectedVersion', `contradicts If-Match (${fromHeader})`);
  }
  return fromBody ?? fromHeader ?? undefined;
}

/** A retried creation with the same Idempotency-Key must address the same regulation. */
function derivedRegulationId(idempotencyKey: string | null): string {
  if (idempotencyKey === null) return `reg-${randomUUID()}`;
  return `reg-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}
