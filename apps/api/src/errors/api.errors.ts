/** The api's one error shape `{ code, message, details }` and the HTTP exception that carries it. */
import { HttpException } from '@nestjs/common';

export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export class ApiError extends HttpException {
  /** Response headers that go with the refusal (`Retry-After`, `WWW-Authenticate`). */
  readonly headers: Record<string, string> = {};

  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super({ code, message, details } satisfies ErrorBody, status);
  }

  body(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export class InvalidInputError extends ApiError {
  constructor(field: string, problem: string, code = 'COMMAND.INVALID', extra: Record<string, unknown> = {}) {
    super(400, code, `${field}: ${problem}`, { field, problem, ...extra });
  }
}
