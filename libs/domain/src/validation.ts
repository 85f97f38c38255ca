/** Field validation of commands at the edge of the domain: the rules of `commandSchemas` (command-fields.ts), walked. */
import { isCivilDate } from './calendar';
import { commandSchemas, FieldRule, ListRule, ObjectRule, SchemedCommand } from './command-fields';
import { CommandEnvelope, RegulationCommand } from './commands';
import { InvalidCommandError, TextTooLongError } from './errors';

/** Field validation at the edge of the domain: the same rules the API's DTOs are made from. */
export function validateCommand(command: RegulationCommand): void {
  // An import row is checked by decideImport (import.ts) with the rules of the lifecycle commands its facts stand for.
  if (command.type === 'ImportRegulation') return;
  const schema = Object.hasOwn(commandSchemas, command.type) ? commandSchemas[command.type as SchemedCommand] : undefined;
  if (schema === undefined) throw new InvalidCommandError('type', `unknown command ${(command as { type: unknown }).type}`);
  const fields = command as unknown as Record<string, unknown>;
  for (const [field, rule] of Object.entries(schema.fields) as [string, FieldRule<RegulationCommand>][]) {
    const value = fields[field];
    if (isAbsent(value, rule) && !requiredHere(rule, fields)) continue;
    requireField(field, value, rule, command);
  }
  (schema.check as ((command: RegulationCommand) => void) | undefined)?.(command);
}

/** Absent: undefined; a list the decider requires is absent when empty too (it names nothing). */
function isAbsent(value: unknown, rule: FieldRule<RegulationCommand>): boolean {
  if (value === undefined) return true;
  return rule.type === 'list' && rule.requiredByDecider === true && Array.isArray(value) && value.length === 0;
}

/** Whether `validateCommand` refuses the field's absence: the decider refuses it itself where it says so. */
function requiredHere(rule: FieldRule<RegulationCommand>, fields: Record<string, unknown>): boolean {
  if (rule.optional || rule.requiredByDecider) return false;
  return rule.requiredWhen === undefined || fields[rule.requiredWhen.field] === rule.requiredWhen.is;
}

function requireField(field: string, value: unknown, rule: FieldRule<RegulationCommand>, command: RegulationCommand): void {
  switch (rule.type) {
    case 'text':
      return requireText(field, value, rule.max);
    case 'id':
      requireText(field, value, rule.max);
      if (!ID_PATTERN.test(value as string)) throw new InvalidCommandError(field, 'may contain only letters, digits, ".", "_", ":" and "-"');
      return;
    case 'date':
      if (!isCivilDate(value)) throw new InvalidCommandError(field, 'must be a date YYYY-MM-DD');
      return;
    case 'int': {
      const max = rule.atMost ? rule.atMost(command) : rule.max;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > max) {
        throw new InvalidCommandError(field, `must be an integer from ${rule.min} to ${max}`);
      }
      return;
    }
    case 'oneOf':
      return requireOneOf(field, value, rule.values);
    case 'list':
      return requireList(field, value, rule);
  }
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Characters PostgreSQL text and jsonb cannot hold (NUL, lone surrogates): refused by every decision, so that an append
 * can never fail on them.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The unstorable characters, and the C0 controls other than tab, line feed and carriage return, and DEL. */
export const FORBIDDEN_TEXT_CHARACTERS = new RegExp(`[\\u0001-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]|${UNSTORABLE.source}`);
export const FORBIDDEN_TEXT_PROBLEM = 'must be well-formed Unicode text without control characters';

/**
 * Refuses a new command with a control character in any of its texts (the command's, its reason, its legal basis),
 * naming the field (an import's facts as its lifecycle commands name them: `vote.heldOn`). Control characters have no
 * place in legal text. The API's DTOs, the import and the workflow's update validator call this for every new
 * command; `decide` does not, because it also replays commands recorded before this rule, which may hold them.
 */
export function refuseControlCharacters(envelope: CommandEnvelope): void {
  const visit = (value: unknown, field: string): void => {
    if (typeof value === 'string') {
      if (FORBIDDEN_TEXT_CHARACTERS.test(value)) throw new InvalidCommandError(field, FORBIDDEN_TEXT_PROBLEM);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, field);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, field === '' || field === 'facts' ? key : `${field}.${key}`);
    }
  };
  visit(envelope.command, '');
  visit(envelope.reason, 'reason');
  visit(envelope.legalBasis, 'legalBasis');
}

function requireText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim().length === 0) throw new InvalidCommandError(field, 'is required');
  if (value.length > max) throw new TextTooLongError(field, value.length, max);
  if (UNSTORABLE.test(value)) throw new InvalidCommandError(field, 'contains a NUL character or a lone surrogate');
}

function requireOneOf(field: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new InvalidCommandError(field, `must be one of ${allowed.join(', ')}`);
}

function requireList(field: string, value: unknown, rule: ListRule): void {
  if (!Array.isArray(value) || value.length < rule.min || value.length > rule.max) throw new InvalidCommandError(field, rule.problem);
  const items = rule.items;
  value.forEach((item: unknown) => {
    if (items.type === 'text') requireText(field, item, items.max);
    else if (items.type === 'oneOf') requireOneOf(field, item, items.values);
    else requireObject(field, item, items);
  });
  if (rule.duplicate && new Set(value).size !== value.length) throw new InvalidCommandError(field, rule.duplicate);
}

function requireObject(field: string, value: unknown, rule: ObjectRule): void {
  if (typeof value !== 'object' || value === null) throw new InvalidCommandError(field, rule.problem);
  const object = value as Record<string, unknown>;
  for (const [name, text] of Object.entries(rule.fields)) requireText(`${field}.${name}`, object[name], text.max);
}
