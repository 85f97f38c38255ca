/**
 * The api's one guard, global: verifies the bearer token or the web session (401; a session's change without the CSRF
 * header 403) and maps it to the actor, counts commands and reads
 * against the client's rates (429), then applies the route's access rule (403; a regulation outside the caller's wards
 * answers 404 as a missing one, so that a caller cannot learn which regulations exist elsewhere). A command's rules (role powers, the caller's
 * wards, the authority that decides the dossier, separation of duties) are the domain's (libs/domain/src/access.ts),
 * which the workflow enforces on every client; the guard applies them to the projection first so that a refusal
 * answers before any pipe, handler or Temporal call, and writes nothing.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ALL_WARDS, authorize, readsWard, RegulationNotFoundError, requirePower, requireWard } from '@app/domain';
import { isRegulationId } from '../http/field.decorators';
import { ACCESS_RULE, AccessRule, ApiCommandType } from './access.decorators';
import { AuditLog } from './audit-log';
import { AdminUnitsService } from '../units/admin-units.service';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { Principal, setPrincipal, setTokenExpiry } from './principal';
import { CommandRateLimiter, ReadRateLimiter } from './rate-limits';
import { RegulationAccessRepository } from './regulation-access.repository';
import { RequestAuthenticator } from './request-authenticator';

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly commands: CommandRateLimiter,
    private readonly reads: ReadRateLimiter,
    private readonly regulations: RegulationAccessRepository,
    private readonly audit: AuditLog,
    private readonly units: AdminUnitsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    // Answers differ by caller: no shared cache may serve one caller's answer to another.
    http.getResponse<Response>().vary('Authorization').vary('Cookie');
    const { principal, expiresAt } = await this.authenticator.authenticate(req);
    // A token's ward scope names units of the administrative units table (any validity: an ended ward's record stays readable).
    if ((await this.units.unknownOf(principal.wards.filter((ward) => ward !== ALL_WARDS))).length > 0) {
      throw new UnauthenticatedError('claims', 'the token\'s "wards" claim names a unit the administrative units table does not hold', 'wards');
    }
    setPrincipal(req, principal);
    setTokenExpiry(req, expiresAt);
    (req.method === 'POST' ? this.commands : this.reads).take(principal.id);
    switch (rule?.kind) {
      case 'authenticated':
        return true;
      case 'roles':
        if (!rule.roles.includes(principal.role)) {
          throw new ForbiddenError(`this route is for ${rule.roles.join(', ')}, not ${principal.role}`, { role: principal.role });
        }
        return true;
      case 'regulation-list':
        return this.checkList(req, principal);
      case 'regulation-read':
        return this.checkRead(req, principal);
      case 'command':
        return this.checkCommand(rule.command, req, principal);
      default:
        // Fail closed: a route that forgot to declare its rule is nobody's.
        throw new ForbiddenError('this route declares no access rule');
    }
  }

  private checkList(req: Request, principal: Principal): boolean {
    const ward = (req.query as Record<string, unknown>).ward;
    if (typeof ward === 'string' && ward !== '' && !readsWard(principal, ward)) throw outsideWards(principal, ward);
    return true;
  }

  private async checkRead(req: Request, principal: Principal): Promise<boolean> {
    const id = regulationIdOf(req);
    if (id === null) return true; // the id pipe answers 404
    const facts = await this.regulations.facts(id);
    if (facts && !readsWard(principal, facts.wardCode)) throw this.hidden(req, id);
    return true; // an unknown id: the handler answers 404
  }

  private async checkCommand(type: ApiCommandType, req: Request, principal: Principal): Promise<boolean> {
    requirePower(principal, type);
    if (type === 'CreateDraft') {
      const ward = (req.body as Record<string, unknown> | undefined)?.wardCode;
      // Not a string: the body validation answers 400.
      if (typeof ward === 'string') requireWard(principal, ward);
      return true;
    }
    const id = regulationIdOf(req);
    if (id === null) return true; // the id pipe answers 404
    const facts = await this.regulations.facts(id);
    if (!facts) throw new RegulationNotFoundError(id);
    if (!readsWard(principal, facts.wardCode)) throw this.hidden(req, id);
    // An ended regulation's workflow takes no command: its refusal comes from here, by the same rules.
    authorize(principal, type, facts);
    return true;
  }

  /**
   * The answer for a regulation outside the caller's wards: the same 404 as for a missing one. The audit log still
   * records it as an access refusal (the filter does not log a 404).
   */
  private hidden(req: Request, id: string): RegulationNotFoundError {
    this.audit.outsideWards(req);
    return new RegulationNotFoundError(id);
  }
}

function outsideWards(principal: Principal, wardCode: string): ForbiddenError {
  return new ForbiddenError(`ward ${wardCode.slice(0, 100)} is not one of your wards`, { wardCode: wardCode.slice(0, 100), wards: principal.wards });
}

function regulationIdOf(req: Request): string | null {
  const id = (req.params as Record<string, unknown>).id;
  return typeof id === 'string' && isRegulationId(id) ? id : null;
}
