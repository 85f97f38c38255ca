/** The period a report id names (`annual-2019`, `semiannual-2019-h2`): the inverse of summaryReportId. */
import { summaryPeriod, type SummaryPeriod } from '../../../workflows/summary.messages';
import { InvalidPeriodError } from './reporting.errors';

export function periodOfReportId(reportId: string): SummaryPeriod {
  const annual = /^annual-(\d{4})$/.exec(reportId);
  if (annual) return summaryPeriod('annual', `${annual[1]}-01-01`);
  const half = /^semiannual-(\d{4})-h([12])$/.exec(reportId);
  if (half) return summaryPeriod('semiannual', `${half[1]}-${half[2] === '1' ? '01' : '07'}-01`);
  throw new InvalidPeriodError(`${reportId} names no period: annual-YYYY or semiannual-YYYY-h1|h2`, { reportId });
}
