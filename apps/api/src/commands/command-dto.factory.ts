/**
 * Request DTOs made from the domain's command schemas (`commandSchemas`): each field gets the class-validator rules and
 * the OpenAPI schema of its type (field.decorators.ts), so the API and `validateCommand` state a field's rules once.
 * What only the API says of a field, its description and example, comes with the call.
 */
import { applyDecorators } from '@nestjs/common';
import { commandSchemas, FieldRule, FieldsOf, SchemedCommand } from '@app/domain';
import { DateField, FieldOptions, IdField, IntField, ListField, ObjectListField, OneOfField, RequiredWhen, TextField, TextListField } from '../http/field.decorators';
import { CommandOptionsDto } from './command-options.dto';

export interface FieldDoc {
  description?: string;
  example?: unknown;
  /** Optional in the request although the command requires it: the API fills it in (CreateDraft's regulationId). */
  optional?: true;
}

type FieldDocs<T extends SchemedCommand> = { readonly [K in keyof FieldsOf<T>]?: FieldDoc };
type FilledIn<D> = { [K in keyof D]: D[K] extends { optional: true } ? K : never }[keyof D];
/** The command's fields as the request carries them: those the API fills in may be absent. */
type RequestFields<T extends SchemedCommand, D> = Omit<FieldsOf<T>, FilledIn<D>> & Partial<Pick<FieldsOf<T>, FilledIn<D> & keyof FieldsOf<T>>>;

/** A DTO class for command `type`: extend it to name it (`class SuspendDto extends commandDto('Suspend', …) {}`). */
export function commandDto<T extends SchemedCommand, D extends FieldDocs<T>>(type: T, docs: D = {} as D): new () => CommandOptionsDto & RequestFields<T, D> {
  class CommandFields extends CommandOptionsDto {}
  const fields = commandSchemas[type].fields as Readonly<Record<string, FieldRule>>;
  const fieldDocs = docs as Readonly<Record<string, FieldDoc | undefined>>;
  for (const [field, rule] of Object.entries(fields)) fieldDecorator(field, rule, fieldDocs[field] ?? {})(CommandFields.prototype, field);
  return CommandFields as new () => CommandOptionsDto & RequestFields<T, D>;
}

/** A field's decorators: the presence the API requires of a new command (see `Presence`), then its type's rules. */
function fieldDecorator(field: string, rule: FieldRule, { optional, ...doc }: FieldDoc): PropertyDecorator {
  const options: FieldOptions = { ...doc, optional: rule.optional ?? optional, conditional: rule.requiredWhen !== undefined };
  const when = rule.requiredWhen;
  if (when === undefined) return typeDecorator(rule, options);
  return applyDecorators(RequiredWhen<Record<string, unknown>>((dto) => dto[when.field] === when.is, field), typeDecorator(rule, options));
}

function typeDecorator(rule: FieldRule, options: FieldOptions): PropertyDecorator {
  switch (rule.type) {
    case 'text':
      return TextField(rule.max, options);
    case 'id':
      return IdField({ ...options, max: rule.max });
    case 'date':
      return DateField(options);
    case 'int':
      return IntField(rule.min, rule.max, options);
    case 'oneOf':
      return OneOfField(rule.values, options);
    case 'list': {
      const sizes = { ...options, minSize: rule.min, maxSize: rule.max, duplicate: rule.duplicate };
      if (rule.items.type === 'oneOf') return ListField(rule.items.values, sizes);
      if (rule.items.type === 'text') return TextListField(rule.items.max, sizes);
      return ObjectListField(rule.items.fields, sizes);
    }
  }
}
