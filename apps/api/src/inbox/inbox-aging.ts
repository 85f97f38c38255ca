/** Working days overdue for a page of tasks at once (the domain's `overdueWorkingDays`, one walk back from today). */
import { CivilDate, compareCivilDates, vietnameseCalendar } from '@app/domain';

/**
 * Working days past each due date on `today` (0 while not overdue). Counting each task's days apart costs one step
 * per calendar day since its due date, years for a back-dated dossier; here the distinct due dates are visited
 * latest first and each adds only the span up to the previous one.
 */
export function overdueWorkingDaysByDueOn(dueDates: Iterable<CivilDate>, today: CivilDate): Map<CivilDate, number> {
  const result = new Map<CivilDate, number>();
  const overdue = [...new Set(dueDates)].filter((due) => compareCivilDates(due, today) < 0).sort(compareCivilDates).reverse();
  let reached = today;
  let count = 0;
  for (const due of overdue) {
    count += vietnameseCalendar.workingDaysBetween(due, reached);
    result.set(due, count);
    reached = due;
  }
  return result;
}
