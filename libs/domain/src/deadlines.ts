/** The next legal deadline of a regulation: what supervisors watch and the projections index. */
import { civilDateInVietnam, CivilDate } from './calendar';
import { addDuration, regimeById } from './regimes';
import { RegulationState } from './state';

/** The next legal deadline of a regulation, if any: what supervisors watch. */
export function nextDeadline(state: RegulationState): { step: string; dueOn: CivilDate } | null {
  const cycle = state.cycle;
  if (state.suspension && state.status === 'suspended') return { step: 'suspension_report', dueOn: state.suspension.reportDueOn };
  if (cycle?.dossier) return { step: 'decision', dueOn: cycle.dossier.decisionDueOn };
  if (cycle?.phase === 'adopted' && cycle.adoptedOn) {
    return { step: 'submission', dueOn: addDuration(cycle.adoptedOn, regimeById(cycle.regimeId).submissionDeadline) };
  }
  if (cycle?.phase === 'consultation' && cycle.consultation) {
    return { step: 'consultation_close', dueOn: civilDateInVietnam(Date.parse(cycle.consultation.closesAt)) };
  }
  if ((state.status === 'in_force' || state.status === 'suspended') && state.nextReviewDueOn) {
    return { step: 'annual_review', dueOn: state.nextReviewDueOn };
  }
  return null;
}
