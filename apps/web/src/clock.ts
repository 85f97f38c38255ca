/** Today's civil date in Hà Nội, the default of the forms' date fields. */
import { civilDateInVietnam } from '../../../libs/domain/src/calendar';

export function today(): string {
  return civilDateInVietnam(Date.now());
}

/** A short id unlikely to repeat, for ids the officer may keep or change (a complaint's). */
export function shortId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}
