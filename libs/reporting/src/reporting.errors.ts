/** Errors of the reporting library, with stable codes like the domain's (the API maps them to statuses). */
export type ReportingErrorCode =
  | 'REPORT.NOT_FOUND'
  | 'REPORT.NOT_REPRODUCIBLE'
  | 'REPORT.PERIOD_NOT_CLOSED'
  | 'REPORT.INVALID_PERIOD'
  | 'REPORT.SCHEDULE_NOT_FOUND';

export class ReportingError extends Error {
  constructor(
    readonly code: ReportingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ReportNotFoundError extends ReportingError {
  constructor(reportId: string) {
    super('REPORT.NOT_FOUND', `report ${reportId} does not exist`, { reportId });
  }
}

/** A stored report recomputed at its own position gave other bytes: the log or the code changed what it means. */
export class ReportNotReproducibleError extends ReportingError {
  constructor(reportId: string, storedHash: string, computedHash: string) {
    super('REPORT.NOT_REPRODUCIBLE', `report ${reportId} recomputed to ${computedHash}, stored ${storedHash}`, {
      reportId,
      storedHash,
      computedHash,
    });
  }
}

export class PeriodNotClosedError extends ReportingError {
  constructor(reportId: string, closesAt: string) {
    super('REPORT.PERIOD_NOT_CLOSED', `the period of ${reportId} closes at ${closesAt}`, { reportId, closesAt });
  }
}

export class InvalidPeriodError extends ReportingError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('REPORT.INVALID_PERIOD', message, details);
  }
}
