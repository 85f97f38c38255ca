/** Turns every failure into `{ code, message, details }` with the status its stable code maps to. */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { isGrpcDeadlineError, isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { DomainError } from '@app/domain';
import type { Request, Response } from 'express';
import { AuditLog } from '../auth/audit-log';
import type { RouteTable } from '../http/route-table';
import { ApiMetrics } from '../metrics/api-metrics.service';
import { ApiError, ErrorBody } from './api.errors';
import { statusOfDomainCode } from './error-status';

const GRPC_UNAVAILABLE = 14;

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly audit: AuditLog,
    private readonly routes: RouteTable,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    // Nest's own 404 for an unrouted request: a known path with another method is a 405.
    const allowed = exception instanceof NotFoundException ? this.routes.allowedMethods(req.path) : null;
    if (allowed) {
      this.metrics.recordError('REQUEST.METHOD_NOT_ALLOWED', 405);
      if (res.headersSent) return;
      res.set('Allow', allowed.join(', '));
      res.status(405).json({ code: 'REQUEST.METHOD_NOT_ALLOWED', message: `${req.method} is not allowed here; use ${allowed.join(', ')}`, details: { allowed } } satisfies ErrorBody);
      return;
    }
    const [status, body] = this.toResponse(exception);
    if (status >= 500) this.logger.error({ err: exception, code: body.code }, body.message);
    this.metrics.recordError(body.code, status);
    this.audit.refused(req, status, body.code);
    if (res.headersSent) return;
    if (exception instanceof ApiError) res.set(exception.headers);
    res.status(status).json(body);
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof ApiError) return [exception.getStatus(), exception.body()];
    if (exception instanceof DomainError) return fromDomainError(exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(exception)) {
      return [
        HttpStatus.GATEWAY_TIMEOUT,
        {
          code: 'COMMAND.TIMEOUT',
          message: 'the command was not confirmed in time; its outcome is unknown: retry with the same Idempotency-Key',
          details: {},
        },
      ];
    }
    if (isTemporalUnavailable(exception)) {
      return [HttpStatus.SERVICE_UNAVAILABLE, { code: 'TEMPORAL.UNAVAILABLE', message: 'the workflow service is unreachable', details: {} }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL', message: 'internal error', details: {} }];
  }
}

function fromDomainError(error: DomainError): [number, ErrorBody] {
  // A workflow whose creation was refused exists in Temporal but not as a regulation.
  if (error.code === 'REGULATION.INVALID_TRANSITION' && error.details.stage === 'none') {
    return [404, { code: 'REGULATION.NOT_FOUND', message: 'the regulation does not exist', details: {} }];
  }
  return [statusOfDomainCode(error.code), { code: error.code, message: error.message, details: error.details }];
}

function fromHttpException(exception: HttpException): [number, ErrorBody] {
  const status = exception.getStatus();
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return [status, { code: 'REQUEST.MALFORMED', message: exception.message, details: {} }];
    case HttpStatus.NOT_FOUND:
      return [status, { code: 'ROUTE.NOT_FOUND', message: exception.message, details: {} }];
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return [status, { code: 'REQUEST.TOO_LARGE', message: exception.message, details: {} }];
    case HttpStatus.SERVICE_UNAVAILABLE:
      // Not the exception's response: it may carry a driver's message naming hosts and ports.
      return [status, { code: 'SERVICE.NOT_READY', message: 'a dependency is not reachable', details: {} }];
    default:
      return [status, { code: `HTTP.${status}`, message: exception.message, details: {} }];
  }
}

function isTemporalUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (isGrpcServiceError(e) && e.code === GRPC_UNAVAILABLE) return true;
    if (e instanceof ServiceError && /unavailable|connect|transport/i.test(e.message)) return true;
  }
  return false;
}
