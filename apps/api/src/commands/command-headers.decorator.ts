/**
 * Who sends a command and how: the actor is the verified token's subject, role and wards (never the body or a
 * header), `Idempotency-Key` is the command id, `If-Match` the expected version.
 */
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@app/domain';
import { UnauthenticatedError } from '../auth/auth.errors';
import { principalOf } from '../auth/principal';
import { InvalidInputError } from '../errors/api.errors';

export interface CommandHeaders {
  actor: Actor;
  idempotencyKey: string | null;
  ifMatch: number | null;
  requestId: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

export function readCommandHeaders(req: Request): CommandHeaders {
  const principal = principalOf(req);
  if (!principal) throw new UnauthenticatedError('missing', 'send a bearer token: Authorization: Bearer <JWT>');
  const idempotencyKey = single(req, 'idempotency-key') ?? null;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInputError('Idempotency-Key', 'must be 1 to 100 visible ASCII characters');
  }
  return {
    actor: { id: principal.id, role: principal.role, wards: principal.wards },
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
