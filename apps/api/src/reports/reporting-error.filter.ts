/** Reporting errors → the api's `{ code, message, details }` with their status; anything else to the global filter. */
import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ReportingError, ReportingErrorCode } from '@app/reporting';
import { AuditLog } from '../auth/audit-log';
import { reportErrorStatus } from '../errors/error-status';

const statusOf: Record<ReportingErrorCode, number> = reportErrorStatus;

@Injectable()
@Catch(ReportingError)
export class ReportingErrorFilter implements ExceptionFilter {
  constructor(private readonly audit: AuditLog) {}

  catch(error: ReportingError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    this.audit.refused(http.getRequest<Request>(), statusOf[error.code], error.code);
    res.status(statusOf[error.code]).json({ code: error.code, message: error.message, details: error.details });
  }
}
