/** Errors of the reporting library, with stable codes like the domain's (the API maps them to statuses). */
export type ReportingErrorCode =
  | 'REPORT.NOT_FOUND'
  | 'REPORT.NOT_REPRODUCIBLE'
  | 'REPORT.PERIOD_NOT_CLOSED'
  | 'REPORT.INVALID_PERIOD'
  | 'REPORT.INVALID_POSITION'
  | 'REPORT.POSITION_NOT_REACHED'
  | 'REPORT.POSITION_BEFORE_PERIOD_END'
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

/** The period has not ended: neither a first-published nor a restated report of it exists yet. */
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

/** A knowledge position must be a global position of the log: a non-negative integer. */
export class InvalidPositionError extends ReportingError {
  constructor(position: string) {
    super('REPORT.INVALID_POSITION', `position must be a non-negative integer, got "${position}"`, { position });
  }
}

/** A report cannot be computed at a position the log has not reached: its figures would change as events arrive. */
export class PositionNotReachedError extends ReportingError {
  constructor(position: string, current: string) {
    super('REPORT.POSITION_NOT_REACHED', `the log is at position ${current}, not yet at ${position}`, { position, current });
  }
}

/**
 * A restated report is the period as known after it ended: a position taken while the period was still running
 * (an event that occurred before the period's end is stored after it) would restate nothing.
 */
export class PositionBeforePeriodEndError extends ReportingError {
  constructor(reportId: string, position: string, closesAt: string) {
    super('REPORT.POSITION_BEFORE_PERIOD_END', `position ${position} was taken before the period of ${reportId} ended at ${closesAt}`, {
      reportId,
      position,
      closesAt,
    });
  }
}
