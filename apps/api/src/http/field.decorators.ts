/** Field decorators for request DTOs: class-validator rules stated as the domain's `validateCommand` states them, plus their OpenAPI schema. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { FORBIDDEN_TEXT_CHARACTERS, FORBIDDEN_TEXT_PROBLEM, ID_PATTERN, isCivilDate, limits } from '@app/domain';

/** Constraint names the validation pipe turns into error codes and problems. */
export const TEXT_TOO_LONG = 'maxChars';

type Check = (value: unknown, args: ValidationArguments) => boolean;

function rule(name: string, problem: string, check: Check, context?: Record<string, unknown>): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: problem, context },
      validator: { validate: check },
    });
}

const isString = rule('isString', 'must be a string', (v) => typeof v === 'string');
const notBlank = rule('notBlank', 'is required', (v) => typeof v !== 'string' || v.trim().length > 0);
const wellFormed = rule('wellFormedText', FORBIDDEN_TEXT_PROBLEM, (v) => typeof v !== 'string' || !FORBIDDEN_TEXT_CHARACTERS.test(v));
const maxChars = (max: number) =>
  rule(TEXT_TOO_LONG, `must have at most ${max} characters`, (v) => typeof v !== 'string' || v.length <= max, { maximum: max });

export interface FieldOptions {
  optional?: boolean;
  /** Validated as required, documented as optional: a `RequiredWhen` decides whether it is checked. */
  conditional?: boolean;
  description?: string;
  example?: unknown;
}

function optional(options: FieldOptions): PropertyDecorator[] {
  return options.optional ? [IsOptional()] : [];
}

function schema(options: FieldOptions, extra: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({
    required: !options.optional && !options.conditional,
    // An optional field may be sent as null, which means absent (IsOptional, RequiredWhen).
    ...(options.optional || options.conditional ? { nullable: true } : {}),
    description: options.description,
    example: options.example,
    ...extra,
  } as ApiPropertyOptions);
}

/** Free text: required unless optional, not blank, at most `max` UTF-16 code units (the domain's `length`). */
export function TextField(max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    schema(options, { type: String, maxLength: max, minLength: 1 }),
    ...optional(options),
    isString,
    notBlank,
    wellFormed,
    maxChars(max),
  );
}

/** An identifier: letters, digits, ".", "_", ":" and "-", at most `max` characters (default: a client-chosen id's). */
export function IdField(options: FieldOptions & { max?: number } = {}): PropertyDecorator {
  const max = options.max ?? limits.id;
  return applyDecorators(
    schema(options, { type: String, maxLength: max, pattern: ID_PATTERN.source }),
    ...optional(options),
    isString,
    notBlank,
    maxChars(max),
    rule('idPattern', 'may contain only letters, digits, ".", "_", ":" and "-"', (v) => typeof v !== 'string' || ID_PATTERN.test(v)),
  );
}

export function isRegulationId(value: string): boolean {
  return value.length <= limits.id && ID_PATTERN.test(value);
}

/** A civil date `YYYY-MM-DD` that exists in the calendar. */
export function DateField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    schema(options, { type: String, format: 'date', example: options.example ?? '2025-03-03' }),
    ...optional(options),
    rule('civilDate', 'must be a date YYYY-MM-DD', (v) => isCivilDate(v)),
  );
}

/**
 * A civil date `YYYY-MM-DD` or an ISO 8601 instant, documented as either format; the query service checks that the
 * date exists and the instant parses.
 */
export function DateOrInstantField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      required: true,
      description: options.description,
      example: options.example,
      anyOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time' },
      ],
    }),
    isString,
    notBlank,
    wellFormed,
    maxChars(40),
  );
}

export function IntField(min: number, max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    schema(options, { type: 'integer', format: 'int32', minimum: min, maximum: max }),
    ...optional(options),
    rule(
      'intRange',
      `must be an integer from ${min} to ${max}`,
      (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
    ),
  );
}

export function OneOfField(values: readonly string[], options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    schema(options, { type: String, enum: [...values] }),
    ...optional(options),
    rule('oneOf', `must be one of ${values.join(', ')}`, (v) => typeof v === 'string' && values.includes(v)),
  );
}

interface ListOptions extends FieldOptions {
  minSize: number;
  maxSize: number;
  /** The problem when an item repeats; without it, items may repeat. */
  duplicate?: string;
}

/** A list's own rules: a list, its size, no repeats where `duplicate` says so; and the OpenAPI schema's part of them. */
function list({ minSize, maxSize, duplicate }: ListOptions): { schema: ApiPropertyOptions; rules: PropertyDecorator[] } {
  return {
    schema: { minItems: minSize, maxItems: maxSize, ...(duplicate ? { uniqueItems: true } : {}) } as ApiPropertyOptions,
    rules: [
      rule('isList', 'must be a list', (v) => Array.isArray(v)),
      rule('listSize', `must have ${minSize} to ${maxSize} items`, (v) => !Array.isArray(v) || (v.length >= minSize && v.length <= maxSize)),
      ...(duplicate ? [rule('uniqueItems', duplicate, (v) => !Array.isArray(v) || new Set(v).size === v.length)] : []),
    ],
  };
}

/** A list of values from a closed set. */
export function ListField(values: readonly string[], options: ListOptions): PropertyDecorator {
  const { schema: sizes, rules } = list(options);
  return applyDecorators(
    schema(options, { type: String, enum: [...values], isArray: true, ...sizes }),
    ...optional(options),
    ...rules,
    rule('listOf', `each item must be one of ${values.join(', ')}`, (v) => !Array.isArray(v) || v.every((x) => typeof x === 'string' && values.includes(x))),
  );
}

const isText = (x: unknown, maxChars: number) => typeof x === 'string' && x.trim().length > 0 && x.length <= maxChars && !FORBIDDEN_TEXT_CHARACTERS.test(x);

/** A list of short free texts (e.g. the articles a decision names): each required, within `maxChars`, well-formed. */
export function TextListField(maxChars: number, options: ListOptions): PropertyDecorator {
  const { schema: sizes, rules } = list(options);
  return applyDecorators(
    schema(options, { type: String, isArray: true, ...sizes }),
    ...optional(options),
    ...rules,
    rule('textItems', `each item must be a non-blank text of at most ${maxChars} characters`, (v) => !Array.isArray(v) || v.every((x) => isText(x, maxChars))),
  );
}

/** A list of objects of texts (e.g. people, `{ name, represents }`): each text non-blank, within its maximum, nothing else. */
export function ObjectListField(fields: Readonly<Record<string, { max: number }>>, options: ListOptions): PropertyDecorator {
  const names = Object.keys(fields);
  const item = (x: unknown) =>
    typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).every((key) => names.includes(key)) &&
    names.every((name) => isText((x as Record<string, unknown>)[name], fields[name].max));
  const { schema: sizes, rules } = list(options);
  const texts = names.map((name) => `${name} (at most ${fields[name].max} characters)`).join(', ');
  return applyDecorators(
    ApiProperty({
      required: !options.optional,
      description: options.description,
      example: options.example,
      type: 'array',
      ...sizes,
      items: {
        type: 'object',
        required: names,
        additionalProperties: false,
        properties: Object.fromEntries(names.map((name) => [name, { type: 'string', minLength: 1, maxLength: fields[name].max }])),
      },
    } as ApiPropertyOptions),
    ...optional(options),
    ...rules,
    rule('objectItems', `each item is an object of non-blank texts ${texts}, nothing else`, (v) => !Array.isArray(v) || v.every(item)),
  );
}

/** The field is validated, so required, when `condition` holds for the object or when it is present. */
export function RequiredWhen<T>(condition: (dto: T) => boolean, property: keyof T): PropertyDecorator {
  return ValidateIf((dto: T) => condition(dto) || (dto[property] !== undefined && dto[property] !== null));
}

/** Query-string integer: `limit=20` arrives as text. */
export function QueryInt(min: number, max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value)),
    IntField(min, max, { ...options, optional: true }),
  );
}
