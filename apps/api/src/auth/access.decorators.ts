/**
 * Every route states who may call it; the access guard enforces it and refuses a route that states nothing.
 * Each decorator also documents the bearer security and the refusals in the OpenAPI document.
 */
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CommandType } from '@app/domain';
import { ApiErrors } from '../openapi/api-docs.decorators';
import { UnauthenticatedError } from './auth.errors';
import { CallerRole, Principal, principalOf, tokenExpiryOf } from './principal';

/** The commands of the HTTP api (the timers' MarkReviewDue, RemindTask and EscalateTask are not). */
/**
 * The commands the api serves: not the timers', nor `Resume` (kept only for suspensions lifted before the current
 * rules), nor `TransferUnit` (the system applies reorganizations: npm run units:apply).
 */
export type ApiCommandType = Exclude<CommandType, 'MarkReviewDue' | 'MarkRedraftOverdue' | 'RemindTask' | 'EscalateTask' | 'Resume' | 'TransferUnit'>;

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly CallerRole[] }
  | { kind: 'command'; command: ApiCommandType }
  | { kind: 'regulation-read' }
  | { kind: 'regulation-list' };

export const ACCESS_RULE = 'reglife:access-rule';
export const BEARER_SCHEME = 'bearer';

const rule = (value: AccessRule) => SetMetadata(ACCESS_RULE, value);
/** Every route with a token is rate-limited per client: commands, and (more generously) reads, streams and exports. */
const secured = (...codes: string[]) => applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiErrors('AUTH.UNAUTHENTICATED', ...codes, 'RATE_LIMIT.EXCEEDED'));

export const Access = {
  /** No token: liveness, metrics. */
  public: () => rule({ kind: 'public' }),
  /** Any valid token, whatever the role. */
  authenticated: () => applyDecorators(rule({ kind: 'authenticated' }), secured()),
  /** A valid token of one of these roles. */
  roles: (...roles: CallerRole[]) => applyDecorators(rule({ kind: 'roles', roles }), secured('AUTH.FORBIDDEN')),
  /**
   * A lifecycle command: the role's powers, the regulation's ward, the deciding authority, separation of duties. A
   * regulation outside the caller's readable wards answers 404 as a missing one does.
   */
  command: (command: ApiCommandType) =>
    applyDecorators(
      rule({ kind: 'command', command }),
      secured('AUTH.FORBIDDEN', ...(command === 'Recognize' ? ['AUTH.SEPARATION_OF_DUTIES'] : []), 'REGULATION.NOT_FOUND'),
    ),
  /** A read of the regulation in the `:id` path parameter: outside the caller's wards it answers 404, as a missing one. */
  regulationRead: () => applyDecorators(rule({ kind: 'regulation-read' }), secured('REGULATION.NOT_FOUND')),
  /** The regulation list: the `ward` filter must be one of the caller's wards; the list is restricted to them. */
  regulationList: () => applyDecorators(rule({ kind: 'regulation-list' }), secured('AUTH.FORBIDDEN')),
};

/** The verified caller of the request (set by the access guard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<Request>());
  if (!principal) throw new UnauthenticatedError('missing', 'send a bearer token: Authorization: Bearer <JWT>');
  return principal;
});

/** When the caller's verified token expires (epoch ms; set by the access guard). */
export const TokenExpiresAt = createParamDecorator((_: unknown, context: ExecutionContext): number => {
  const expiresAt = tokenExpiryOf(context.switchToHttp().getRequest<Request>());
  if (expiresAt === undefined) throw new UnauthenticatedError('missing', 'send a bearer token: Authorization: Bearer <JWT>');
  return expiresAt;
});
