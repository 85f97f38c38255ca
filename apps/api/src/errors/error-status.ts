/** HTTP status of every error code the api answers with: domain codes from @app/domain, request codes of the api. */
import type { ErrorCode } from '@app/domain';

export const domainErrorStatus: Record<ErrorCode, number> = {
  'REGULATION.NOT_FOUND': 404,
  'REGULATION.INVALID_TRANSITION': 409,
  'REGULATION.ALREADY_EXISTS': 409,
  'REGULATION.CONCURRENCY': 409,
  'REGULATION.APPEND_MISMATCH': 500,
  'REGULATION.LOG_BEHIND': 503,
  'COMMAND.INVALID': 400,
  'COMMAND.TEXT_TOO_LONG': 400,
  'REGULATION.UNKNOWN_WARD': 422,
  'REGULATION.UNKNOWN_KIND': 422,
  'COMMAND.ID_REUSED': 422,
  'CONSULTATION.WINDOW_TOO_SHORT': 422,
  'CONSULTATION.MINIMUM_NOT_REACHED': 422,
  'COMMENT.UNKNOWN': 422,
  'COMMENT.DUPLICATE': 422,
  'COMMENT.REASON_REQUIRED': 422,
  'COMMENT.DISPOSITIONS_MISSING': 422,
  'CRITIQUE.REQUIRED': 422,
  'VOTE.TALLY_INCONSISTENT': 422,
  'VOTE.BALLOT_NOT_ALLOWED': 422,
  'CONFERENCE.TALLY_INCONSISTENT': 422,
  'DOSSIER.INCOMPLETE': 422,
  'DECISION.DATE_BEFORE_SUBMISSION': 422,
  'REVIEW.NOT_DUE': 422,
  'REVIEW.OUTCOME_NOT_ALLOWED': 422,
  'REGIME.NOT_IN_FORCE': 422,
  'PROPOSAL.FRONT_AGREEMENT_REQUIRED': 422,
  'PROPOSAL.CONSULTATION_REQUIRED': 422,
  'SIGNATURES.INCOMPLETE': 422,
  'DISCLOSURE.NOT_APPLICABLE': 422,
  'COMPLAINT.NOT_OPEN': 422,
  'SUSPENSION.GROUND_REQUIRED': 422,
  'SUSPENSION.SCOPE_NOT_FOR_GROUND': 422,
  'SUSPENSION.ARTICLES_REQUIRED': 422,
  'REPEAL.GROUND_NOT_ALLOWED': 422,
  'REPEAL.BEFORE_REDRAFT_DEADLINE': 422,
  'TASK.UNKNOWN': 404,
  'TASK.NOT_CANDIDATE': 403,
  'TASK.ALREADY_CLAIMED': 409,
  'TASK.NOT_CLAIMED': 409,
  'TASK.NOT_ASSIGNEE': 403,
  'TASK.TIMER_NOT_DUE': 422,
  'AUTH.FORBIDDEN': 403,
  'AUTH.SEPARATION_OF_DUTIES': 403,
  'IMPORT.FACTS_OUT_OF_ORDER': 422,
  'IMPORT.FACT_MISSING': 422,
  'IMPORT.FACT_NOT_FOR_KIND': 422,
  'IMPORT.NOT_ADOPTED': 422,
};

/** Codes the api itself raises, outside the domain. */
export const requestErrorStatus = {
  'REQUEST.MALFORMED': 400,
  'REQUEST.INVALID_ENCODING': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'QUERY.INVALID': 400,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.NO_SESSION': 401,
  'AUTH.SESSION_EXPIRED': 401,
  'AUTH.CSRF': 403,
  'AUTH.BAD_RETURN_TO': 400,
  'AUTH.BAD_STATE': 400,
  'AUTH.SIGN_IN_REFUSED': 400,
  'AUTH.SIGN_IN_FAILED': 502,
  'AUTH.WEB_SIGN_IN_DISABLED': 404,
  'RATE_LIMIT.EXCEEDED': 429,
  'AUTH.PROVIDER_UNAVAILABLE': 503,
  'ROUTE.NOT_FOUND': 404,
  'REQUEST.METHOD_NOT_ALLOWED': 405,
  'COMMAND.TIMEOUT': 504,
  'TEMPORAL.UNAVAILABLE': 503,
  'SERVICE.NOT_READY': 503,
  'INTERNAL': 500,
} as const;

export type RequestErrorCode = keyof typeof requestErrorStatus;

/** Codes of the summary reports (ReportingError of @app/reporting, and the reports routes' own). */
export const reportErrorStatus = {
  'REPORT.NOT_FOUND': 404,
  'REPORT.SCHEDULE_NOT_FOUND': 404,
  'REPORT.RUN_NOT_FOUND': 404,
  'REPORT.INVALID_KIND': 400,
  'REPORT.INVALID_PERIOD': 400,
  'REPORT.INVALID_FORMAT': 400,
  'REPORT.INVALID_POSITION': 400,
  'REPORT.PERIOD_NOT_CLOSED': 422,
  'REPORT.POSITION_NOT_REACHED': 422,
  'REPORT.POSITION_BEFORE_PERIOD_END': 422,
  'REPORT.NOT_REPRODUCIBLE': 500,
} as const;

/** Codes of the administrative unit checks (apps/api/src/units): a unit the table does not hold, not a ward, or not on that date. */
export const unitErrorStatus = {
  'UNIT.UNKNOWN': 422,
  'UNIT.NOT_VALID_ON_DATE': 422,
  'UNIT.NOT_A_WARD': 422,
} as const;

/** File-level codes of an import (apps/api/src/imports): the file is refused whole, nothing written. */
export const importFileErrorStatus = {
  'IMPORT.FILE_TOO_LARGE': 413,
  'IMPORT.NOT_TEMPLATE': 422,
  'IMPORT.FORMULAS': 422,
  'IMPORT.MACROS': 422,
  'IMPORT.EMPTY': 422,
} as const;

/** An import's progress that this api process does not hold (never started here, or finished over a minute ago). */
export const importProgressErrorStatus = {
  'IMPORT.PROGRESS_NOT_FOUND': 404,
} as const;

export function statusOfDomainCode(code: string): number {
  return (domainErrorStatus as Record<string, number>)[code] ?? 422;
}
