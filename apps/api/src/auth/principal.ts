/** Who calls: the principal a verified token names (`sub`, `role`, `wards`), and which wards it covers. */
import type { Request } from 'express';
import { findWard } from '@app/domain';
import type { ActorRole } from '@app/domain';

/** Roles a token may carry; `system` is reserved for the workflow's own timers. */
export const callerRoles = ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor'] as const satisfies readonly ActorRole[];
export type CallerRole = (typeof callerRoles)[number];

/** `wards: ["*"]`: every ward of the catalogue (the district). */
export const ALL_WARDS = '*';

/** Roles that read every ward whatever their token's `wards` say: the steering committee and the auditors. */
export const districtReaders: readonly CallerRole[] = ['supervisor', 'auditor'];

export interface Principal {
  /** The token's `sub`: the actor id recorded in every event's metadata. */
  id: string;
  role: CallerRole;
  /** Ward codes, or [`*`]. */
  wards: readonly string[];
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
  if (!wards.every((ward) => typeof ward === 'string' && (ward === ALL_WARDS || findWard(ward) !== undefined))) return { invalid: 'wards' };
  return { id: sub, role: callerRole, wards: [...new Set(wards as string[])] };
}

export function coversWard(principal: Principal, wardCode: string): boolean {
  return districtReaders.includes(principal.role) || principal.wards.includes(ALL_WARDS) || principal.wards.includes(wardCode);
}

/** The wards a list is restricted to, or null for every ward. */
export function readableWards(principal: Principal): readonly string[] | null {
  return districtReaders.includes(principal.role) || principal.wards.includes(ALL_WARDS) ? null : principal.wards;
}

const PRINCIPAL = Symbol('principal');

export function setPrincipal(req: Request, principal: Principal): void {
  (req as unknown as Record<symbol, Principal>)[PRINCIPAL] = principal;
}

export function principalOf(req: Request): Principal | undefined {
  return (req as unknown as Record<symbol, Principal | undefined>)[PRINCIPAL];
}
