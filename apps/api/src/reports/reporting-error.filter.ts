/** Reporting errors → the api's `{ code, message, details }` with their status; anything else to the global filter. */
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ReportingError, ReportingErrorCode } from '@app/reporting';

const statusOf: Record<ReportingErrorCode, number> = {
  'REPORT.NOT_FOUND': 404,
  'REPORT.SCHEDULE_NOT_FOUND': 404,
  'REPORT.INVALID_PERIOD': 400,
  'REPORT.PERIOD_NOT_CLOSED': 409,
  'REPORT.NOT_REPRODUCIBLE': 500,
};

@Catch(ReportingError)
export class ReportingErrorFilter implements ExceptionFilter {
  catch(error: ReportingError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(statusOf[error.code]).json({ code: error.code, message: error.message, details: error.details });
  }
}
