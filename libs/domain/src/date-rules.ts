/** Date checks a decision applies to the legal dates a command carries, against the day it is decided. */
import { CivilDate, compareCivilDates } from './calendar';
import { InvalidCommandError } from './errors';

export function requireNotAfter(field: string, date: CivilDate, today: CivilDate): void {
  if (compareCivilDates(date, today) > 0) throw new InvalidCommandError(field, 'must not be in the future');
}

export function requireBetween(field: string, date: CivilDate, earliest: CivilDate, today: CivilDate): void {
  if (compareCivilDates(date, earliest) < 0 || compareCivilDates(date, today) > 0) {
    throw new InvalidCommandError(field, `must lie between ${earliest} and today`);
  }
}

/** A date within a closed period, both ends included: `what` names the period in the message. */
export function requireWithin(field: string, date: CivilDate, from: CivilDate, to: CivilDate, what: string): void {
  if (compareCivilDates(date, from) < 0 || compareCivilDates(date, to) > 0) {
    throw new InvalidCommandError(field, `must lie within ${what}, ${from} to ${to}`);
  }
}
