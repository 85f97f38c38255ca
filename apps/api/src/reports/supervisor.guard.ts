/** Schedule commands are for supervisors: `X-Actor-Role: supervisor` until access control issues tokens. */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../errors/api.errors';

@Injectable()
export class SupervisorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.headers['x-actor-role'] !== 'supervisor' || !req.headers['x-actor-id']) {
      throw new ApiError(403, 'REPORT.FORBIDDEN', 'summary schedules are operated by supervisors (X-Actor-Id, X-Actor-Role: supervisor)');
    }
    return true;
  }
}
