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
 * moment it is interactive, which `npm run bench:web` reads after each navigation.
 */
export const INTERACTIVE_MARK = 'reglife:regulation-interactive';

export default function RegulationPage() {
  const id = useParams().id!;
  const regulation = useQuery(regulationQuery(id));
  const shown = regulation.isSuccess;
  useEffect(() => {
    if (shown && performance.getEntriesByName(INTERACTIVE_MARK).length === 0) performance.mark(INTERACTIVE_MARK);
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
