/**
 * Structured log of refused requests: every refused command (401, 403, 409, 422, 429) and every refused read
 * (401, 403, 429), and every request for a regulation outside the caller's wards (answered 404, as a missing one), with who (token subject and role), the route and the code. Never a body, a query string or
 * a token: no resident's personal data reaches the log.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { principalOf } from './principal';

export interface RefusalEntry {
  event: 'request_refused';
  actor: { id: string; role: string } | null;
  method: string;
  /** The route pattern, e.g. `/regulations/:id/recognize`, never the raw URL. */
  route: string;
  regulationId: string | null;
  status: number;
  code: string;
  requestId: string | null;
}

const COMMAND_REFUSALS = new Set([401, 403, 409, 422, 429]);
const READ_REFUSALS = new Set([401, 403, 429]);

@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');

  /** Records the refusal when it is one the audit keeps. */
  refused(req: Request, status: number, code: string): void {
    if ((req.method === 'POST' ? COMMAND_REFUSALS : READ_REFUSALS).has(status)) this.write(this.entry(req, status, code));
  }

  /** Records a request for a regulation outside the caller's wards, which is answered as if it did not exist. */
  outsideWards(req: Request): void {
    this.write(this.entry(req, 404, 'REGULATION.NOT_FOUND'));
  }

  private entry(req: Request, status: number, code: string): RefusalEntry {
    const principal = principalOf(req);
    const id = (req.params as Record<string, unknown> | undefined)?.id;
    return {
      event: 'request_refused',
      actor: principal ? { id: principal.id, role: principal.role } : null,
      method: req.method,
      route: req.route ? `${req.baseUrl ?? ''}${String((req.route as { path: unknown }).path)}` : '(no route)',
      regulationId: typeof id === 'string' ? id.slice(0, 100) : null,
      status,
      code,
      requestId: req.id === undefined ? null : String(req.id),
    };
  }

  /** The sink: one JSON log line at warn level (separate so that tests can observe it). */
  write(entry: RefusalEntry): void {
    this.logger.warn(entry, `refused ${entry.method} ${entry.route}: ${entry.code}`);
  }
}
