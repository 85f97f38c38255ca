/**
 * The api's one guard, global: verifies the bearer token (401), counts commands against the client's rate
 * (429), then applies the route's access rule (403): role powers, the caller's wards, the authority that decides
 * the dossier, and separation of duties. It runs before any pipe or handler, so a refusal writes nothing.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RegulationNotFoundError } from '@app/domain';
import { isRegulationId } from '../http/field.decorators';
import { ApiCommandType, decidingAuthority, mayEverIssue, mayIssue } from './access-policy';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { ForbiddenError, SeparationOfDutiesError } from './auth.errors';
import { CommandRateLimiter } from './command-rate-limiter';
import { coversWard, Principal, setPrincipal } from './principal';
import { RegulationAccessRepository } from './regulation-access.repository';
import { TokenVerifier } from './token-verifier';

const authorityName = { ward_peoples_committee: "the ward People's Committee", district_peoples_committee: "the district People's Committee" };

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly limiter: CommandRateLimiter,
    private readonly regulations: RegulationAccessRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    // Answers differ by caller: no shared cache may serve one caller's answer to another.
    http.getResponse<Response>().vary('Authorization');
    const principal = await this.verifier.verify(req.headers.authorization);
    setPrincipal(req, principal);
    if (req.method === 'POST') this.limiter.take(principal.id);
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
    if (typeof ward === 'string' && ward !== '' && !coversWard(principal, ward)) throw outsideWards(principal, ward);
    return true;
  }

  private async checkRead(req: Request, principal: Principal): Promise<boolean> {
    const id = regulationIdOf(req);
    if (id === null) return true; // the id pipe answers 404
    const facts = await this.regulations.facts(id);
    if (facts && !coversWard(principal, facts.wardCode)) throw outsideWards(principal, facts.wardCode);
    return true; // an unknown id: the handler answers 404
  }

  private async checkCommand(type: ApiCommandType, req: Request, principal: Principal): Promise<boolean> {
    if (!mayEverIssue(principal.role, type)) {
      throw new ForbiddenError(`a ${principal.role} may not ${type}`, { role: principal.role, command: type });
    }
    if (type === 'CreateDraft') {
      const ward = (req.body as Record<string, unknown> | undefined)?.wardCode;
      // Not a string: the body validation answers 400.
      if (typeof ward === 'string' && !wardCovered(principal, ward)) throw outsideWards(principal, ward);
      return true;
    }
    const id = regulationIdOf(req);
    if (id === null) return true; // the id pipe answers 404
    const facts = await this.regulations.facts(id);
    if (!facts) throw new RegulationNotFoundError(id);
    if (!wardCovered(principal, facts.wardCode)) throw outsideWards(principal, facts.wardCode);
    const authority = decidingAuthority(facts);
    if (!mayIssue(principal.role, type, authority)) {
      throw new ForbiddenError(`${type} of this regulation is for ${authorityName[authority]}`, { role: principal.role, command: type, authority });
    }
    if (type === 'Recognize' && (await this.regulations.dossierSubmitter(id)) === principal.id) throw new SeparationOfDutiesError(id);
    return true;
  }
}

/** Commands go by the token's wards only: the district-wide reading of supervisors and auditors gives no power. */
function wardCovered(principal: Principal, wardCode: string): boolean {
  return principal.wards.includes('*') || principal.wards.includes(wardCode);
}

function outsideWards(principal: Principal, wardCode: string): ForbiddenError {
  return new ForbiddenError(`ward ${wardCode.slice(0, 100)} is not one of your wards`, { wardCode: wardCode.slice(0, 100), wards: principal.wards });
}

function regulationIdOf(req: Request): string | null {
  const id = (req.params as Record<string, unknown>).id;
  return typeof id === 'string' && isRegulationId(id) ? id : null;
}
