/** DTO validation whose refusals carry a stable code and the offending field: COMMAND.INVALID for bodies, QUERY.INVALID for query strings. */
import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, InvalidInputError } from '../errors/api.errors';
import { TEXT_TOO_LONG } from './field.decorators';
import { forbiddenKeyIn } from './forbidden-keys';

// Which refusal to report first when a field breaks several rules.
const PRIORITY = ['whitelistValidation', 'isString', 'notBlank', 'wellFormedText', TEXT_TOO_LONG];

@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => toInputError(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const forbidden = metadata.type === 'body' || metadata.type === 'query' ? forbiddenKeyIn(value) : null;
    if (forbidden !== null) {
      throw new InvalidInputError(forbidden, 'is not a field of this request', metadata.type === 'query' ? 'QUERY.INVALID' : 'COMMAND.INVALID');
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ApiError && metadata.type === 'query' && error.code === 'COMMAND.INVALID') {
        throw new InvalidInputError(String(error.details.field), String(error.details.problem), 'QUERY.INVALID');
      }
      throw error;
    }
  }
}

function toInputError(errors: ValidationError[]): ApiError {
  const problems = errors.flatMap((error) => flatten(error));
  if (problems.length === 0) return new InvalidInputError('body', 'must be a JSON object');
  const [first] = problems;
  const others = { errors: problems.map(({ field, problem }) => ({ field, problem })) };
  if (first.constraint === TEXT_TOO_LONG && typeof first.value === 'string') {
    const maximum = Number(first.context?.maximum);
    return new ApiError(400, 'COMMAND.TEXT_TOO_LONG', `${first.field} has ${first.value.length} characters, at most ${maximum} are allowed`, {
      field: first.field,
      length: first.value.length,
      maximum,
      ...others,
    });
  }
  return new InvalidInputError(first.field, first.problem, 'COMMAND.INVALID', others);
}

interface Problem {
  field: string;
  constraint: string;
  problem: string;
  value: unknown;
  context?: Record<string, unknown>;
}

function flatten(error: ValidationError, parent = ''): Problem[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const constraints = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  const missing = error.value === undefined || error.value === null;
  const own = constraints.slice(0, 1).map(([constraint, message]) => ({
    field,
    constraint,
    problem: constraint === 'whitelistValidation' ? 'is not a field of this request' : missing ? 'is required' : message,
    value: error.value,
    context: error.contexts?.[constraint] as Record<string, unknown> | undefined,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}

function rank(constraint: string): number {
  const index = PRIORITY.indexOf(constraint);
  return index === -1 ? PRIORITY.length : index;
}
