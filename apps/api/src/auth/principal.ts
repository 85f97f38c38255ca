/** Who calls: the principal a verified token names (`sub`, `role`, `wards`): the actor of its commands. */
import type { Request } from 'express';
import { ALL_WARDS, districtReaders, isUnitCode } from '@app/domain';
import type { Actor, ActorRole } from '@app/domain';

/** Roles a token may carry; `system` is reserved for the workflow's own timers. */
export const callerRoles = ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor'] as const satisfies readonly ActorRole[];
export type CallerRole = (typeof callerRoles)[number];

/** The token's `sub` (the actor id recorded in every event's metadata), its role, and its ward codes or [`*`]. */
export interface Principal extends Actor {
  role: CallerRole;
}

const ACTOR_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;
const MAX_WARDS = 100;

/** The principal of verified claims, or the name of the claim that is missing or wrong. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | { invalid: string } {
  const { sub, role, wards } = claims;
  if (typeof sub !== 'string' || !ACTOR_ID.test(sub)) return { invalid: 'sub' };
  if (typeof role !== 'string' || !(callerRoles as readonly string[]).includes(role)) return { invalid: 'role' };
  const callerRole = role as CallerRole;
  if (wards === undefined && districtReaders.includes(callerRole)) return { id: sub, role: callerRole, wards: [ALL_WARDS] };
  if (!Array.isArray(wards) || wards.length === 0 || wards.length > MAX_WARDS) return { invalid: 'wards' };
  if (!wards.every((ward) => typeof ward === 'string' && (ward === ALL_WARDS || isUnitCode(ward)))) return { invalid: 'wards' };
  return { id: sub, role: callerRole, wards: [...new Set(wards as string[])] };
}

const PRINCIPAL = Symbol('principal');

export function setPrincipal(req: Request, principal: Principal): void {
  (req as unknown as Record<symbol, Principal>)[PRINCIPAL] = principal;
}

export function principalOf(req: Request): Principal | undefined {
  return (req as unknown as Record<symbol, Principal | undefined>)[PRINCIPAL];
}

const EXPIRES_AT = Symbol('tokenExpiresAt');

/** When the request's verified token expires (epoch ms): a stream ends then. */
export function setTokenExpiry(req: Request, expiresAt: number): void {
  (req as unknown as Record<symbol, number>)[EXPIRES_AT] = expiresAt;
}

export function tokenExpiryOf(req: Request): number | undefined {
  return (req as unknown as Record<symbol, number | undefined>)[EXPIRES_AT];
}
