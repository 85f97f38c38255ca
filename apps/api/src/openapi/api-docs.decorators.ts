/** OpenAPI decorators shared by the controllers: error responses listed by status with their stable codes, and the command headers (the actor comes from the bearer token). */
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { domainErrorStatus, importFileErrorStatus, importProgressErrorStatus, reportErrorStatus, requestErrorStatus, unitErrorStatus } from '../errors/error-status';

const statusOf: Record<string, number> = { ...domainErrorStatus, ...requestErrorStatus, ...reportErrorStatus, ...unitErrorStatus, ...importFileErrorStatus, ...importProgressErrorStatus };

/** Every code a command route may answer, whatever the command. */
export const commonCommandErrors = [
  'COMMAND.INVALID',
  'COMMAND.TEXT_TOO_LONG',
  'REQUEST.MALFORMED',
  'REQUEST.INVALID_ENCODING',
  'REGULATION.INVALID_TRANSITION',
  'REGULATION.CONCURRENCY',
  'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'COMMAND.ID_REUSED',
  'TEMPORAL.UNAVAILABLE',
  'COMMAND.TIMEOUT',
];

export function ApiErrors(...codes: string[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set(codes)) {
    const status = statusOf[code];
    if (status === undefined) throw new Error(`no HTTP status for error code ${code}`);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => ApiResponse({ status, type: ErrorResponseDto, description: `Error codes: ${list.join(', ')}` })),
  );
}

export function ApiCommandHeaders(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,100}$' },
      description: 'Becomes the command id: a retry with the same key and body returns the first result and applies once; the same key with another body is refused (422 COMMAND.ID_REUSED)',
    }),
    ApiHeader({ name: 'If-Match', required: false, schema: { type: 'string', pattern: '^(\\*|(W/)?"?[0-9]{1,9}"?)$' }, description: 'The version (ETag) the client saw, e.g. "3"; stale → 409 REGULATION.CONCURRENCY with actualVersion' }),
  );
}
