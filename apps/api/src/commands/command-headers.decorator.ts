/**
 * Who sends a command and how: actor from `X-Actor-Id` / `X-Actor-Role` (until access control lands, never
 * from the body), `Idempotency-Key` as the command id, `If-Match` as the expected version.
 */
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, ActorRole } from '@app/domain';
import { InvalidInputError } from '../errors/api.errors';

export interface CommandHeaders {
  actor: Actor;
  idempotencyKey: string | null;
  ifMatch: number | null;
  requestId: string;
}

/** Roles a caller may claim; `system` is reserved for the workflow's own timers. */
export const callerRoles: readonly ActorRole[] = ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor'];

const ACTOR_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

export function readCommandHeaders(req: Request): CommandHeaders {
  const actorId = single(req, 'x-actor-id');
  if (actorId === undefined) throw new InvalidInputError('X-Actor-Id', 'is required');
  if (!ACTOR_ID.test(actorId)) {
    throw new InvalidInputError('X-Actor-Id', 'must be 1 to 100 letters, digits, ".", "_", ":", "@" or "-"');
  }
  const role = single(req, 'x-actor-role') ?? 'officer';
  if (!(callerRoles as readonly string[]).includes(role)) {
    throw new InvalidInputError('X-Actor-Role', `must be one of ${callerRoles.join(', ')}`);
  }
  const idempotencyKey = single(req, 'idempotency-key') ?? null;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInputError('Idempotency-Key', 'must be 1 to 100 visible ASCII characters');
  }
  return {
    actor: { id: actorId, role: role as ActorRole },
    idempotencyKey,
    ifMatch: parseIfMatch(single(req, 'if-match')),
    requestId: String(req.id ?? ''),
  };
}

export const CommandHeadersParam = createParamDecorator((_: unknown, context: ExecutionContext) =>
  readCommandHeaders(context.switchToHttp().getRequest<Request>()),
);

function parseIfMatch(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '*') return null;
  const match = IF_MATCH.exec(value.trim());
  if (!match) throw new InvalidInputError('If-Match', 'must be the ETag of the regulation, e.g. "3"');
  return Number(match[1]);
}

function single(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  if (Array.isArray(value)) throw new InvalidInputError(name, 'must be given once');
  return value === undefined || value === '' ? undefined : value;
}
