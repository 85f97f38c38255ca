import { addCalendarDays, overdueWorkingDays } from '@app/domain';
import { overdueWorkingDaysByDueOn } from './inbox-aging';

describe('overdueWorkingDaysByDueOn', () => {
  it('gives the domain’s overdueWorkingDays for every due date, across weekends, Tết and years', () => {
    const today = '2026-02-23';
    const dueDates = [
      ...Array.from({ length: 40 }, (_, i) => addCalendarDays('2026-01-20', i)),
      '2019-12-31',
      '2024-02-09',
      '2026-02-06',
      '2026-02-06',
    ];
    const byDueOn = overdueWorkingDaysByDueOn(dueDates, today);
    for (const due of dueDates) {
      expect({ due, days: byDueOn.get(due) ?? 0 }).toEqual({ due, days: overdueWorkingDays(due, today) });
    }
  });

  it('leaves out due dates that are not past', () => {
    expect([...overdueWorkingDaysByDueOn(['2026-02-23', '2026-03-01'], '2026-02-23')]).toEqual([]);
  });
});
