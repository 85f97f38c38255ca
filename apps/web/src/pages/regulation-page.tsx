/** A regulation's page: its record and, beside it, the next step panel. */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { NextStepPanel } from '../components/next-step-panel';
import { RegulationHeading, RegulationRecord } from '../components/regulation-record';
import { Failure, Loading } from '../components/status';
import { regulationQuery } from '../regulation-query';

/**
 * Marked (User Timing) when the page first shows a regulation with its next step panel, its handlers attached: the
 * moment it is interactive, which `npm run bench:web` reads after each navigation, with the marks before it: the
 * page's code evaluated, its first render with the regulation.
 */
export const INTERACTIVE_MARK = 'reglife:regulation-interactive';
const RENDER_MARK = 'reglife:regulation-render';
performance.mark('reglife:regulation-page-code');

function markOnce(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

export default function RegulationPage() {
  const id = useParams().id!;
  const regulation = useQuery(regulationQuery(id));
  const shown = regulation.isSuccess;
  if (shown) markOnce(RENDER_MARK);
  useEffect(() => {
    if (shown) markOnce(INTERACTIVE_MARK);
  }, [shown]);
  if (regulation.isPending) return <Loading />;
  if (regulation.isError) return <Failure error={regulation.error} />;
  return (
    <article>
      <RegulationHeading regulation={regulation.data} />
      <div className="page-grid" style={{ marginTop: 16 }}>
        <RegulationRecord regulation={regulation.data} />
        <NextStepPanel regulation={regulation.data} />
      </div>
    </article>
  );
}
