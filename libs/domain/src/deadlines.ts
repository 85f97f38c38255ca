/** The next legal deadline of a regulation: what supervisors watch and the projections index. */
import { civilDateInVietnam, CivilDate } from './calendar';
import { hasStep, kindOf } from './catalogue';
import { addDuration, regimeById } from './regimes';
import { RegulationState } from './state';

/** The next legal deadline of a regulation, if any: what supervisors watch. */
export function nextDeadline(state: RegulationState): { step: string; dueOn: CivilDate } | null {
  const cycle = state.cycle;
  if (state.complaint) return { step: 'complaint_answer', dueOn: state.complaint.answerDueOn };
  const suspension = state.status === 'suspended' ? state.suspension : null;
  if (suspension?.redraftOverdue) return { step: 'repeal_decision', dueOn: suspension.redraftOverdue.dueOn };
  if (suspension?.reportDueOn) return { step: 'suspension_report', dueOn: suspension.reportDueOn };
  if (cycle?.dossier) return { step: 'decision', dueOn: cycle.dossier.decisionDueOn };
  // A dossier is due only for a kind that submits one: the head of an agency or the employer issues the adopted text.
  if (cycle?.phase === 'adopted' && cycle.adoptedOn && hasStep(kindOf(state.kind), 'submission')) {
    return { step: 'submission', dueOn: addDuration(cycle.adoptedOn, regimeById(cycle.regimeId).submissionDeadline) };
  }
  if (cycle?.phase === 'consultation' && cycle.consultation) {
    return { step: 'consultation_close', dueOn: civilDateInVietnam(Date.parse(cycle.consultation.closesAt)) };
  }
  if (suspension?.redraftDueOn && !cycle?.dossier) return { step: 'redraft', dueOn: suspension.redraftDueOn };
  if ((state.status === 'in_force' || state.status === 'suspended') && state.nextReviewDueOn) {
    return { step: 'annual_review', dueOn: state.nextReviewDueOn };
  }
  return null;
}
