/** When each command may be issued: the single source for the decider's rejections and for `allowedActions`. */
import { hasStep, kindOf, RegulationKind, takesFrontCritique } from './catalogue';
import { commandTypes, CommandType, systemOnlyCommandTypes } from './commands';
import { RegulationState, tasksOf } from './state';

export type Precondition = (state: RegulationState, kind: RegulationKind) => boolean;

export const phaseIn =
  (...phases: string[]): Precondition =>
  (state) =>
    state.cycle !== null && phases.includes(state.cycle.phase);
export const statusIn =
  (...statuses: string[]): Precondition =>
  (state) =>
    statuses.includes(state.status);

/** When each command may be issued; the single source for both rejections and `allowedActions`. */
export const preconditions: Record<CommandType, Precondition> = {
  CreateDraft: statusIn('none'),
  // Decree 61/2023 art. 7, 8: the proposal comes before the drafting group, both while the text is drafted; both are
  // optional (the README says why), a convention's only (the kinds with a community vote).
  RecordProposal: (s, k) => hasStep(k, 'vote') && phaseIn('drafting')(s, k) && !s.cycle!.proposal && !s.cycle!.draftingGroup,
  FormDraftingGroup: (s, k) => hasStep(k, 'vote') && phaseIn('drafting')(s, k) && !s.cycle!.draftingGroup,
  // Art. 6(2): the community names the text before it adopts it.
  ChooseName: (s, k) => hasStep(k, 'vote') && phaseIn('drafting', 'consultation', 'revising', 'voting')(s, k),
  ReviseDraft: phaseIn('drafting', 'revising'),
  OpenConsultation: phaseIn('drafting'),
  ExtendConsultation: phaseIn('consultation'),
  CloseConsultation: phaseIn('consultation'),
  // A comment received while the text was posted may be recorded after the window closed, until the vote: a default
  // of this system, not a rule of any text read (Decree 61/2023 art. 9(1), confirmed, sets only the 30-day posting).
  RecordComment: (s, k) => phaseIn('consultation')(s, k) || (phaseIn('revising')(s, k) && Boolean(s.cycle!.consultation?.closedOn)),
  SubmitCritique: (s, k) => takesFrontCritique(k) && phaseIn('consultation', 'revising')(s, k),
  RecordDisposition: phaseIn('revising'),
  RecordVote: (s, k) => hasStep(k, 'vote') && phaseIn('revising', 'voting')(s, k),
  // Law 10/2022 art. 51: the conference discusses the revised draft; without quorum it is convened again (voting),
  // a draft it did not adopt is revised first (revising).
  RecordConference: (s, k) => hasStep(k, 'conference') && phaseIn('revising', 'voting')(s, k),
  // Art. 6(1): the adopted text is signed, once per adoption.
  RecordSignatures: (s, k) => hasStep(k, 'vote') && phaseIn('adopted')(s, k) && s.cycle!.signed?.round !== s.cycle!.votes.length,
  SubmitDossier: (s, k) => hasStep(k, 'submission') && phaseIn('adopted')(s, k),
  StartReview: (s, k) => hasStep(k, 'review') && phaseIn('submitted')(s, k),
  // A decision follows the consultation, or the conference that adopted the draft where the kind has one.
  Recognize: (s, k) =>
    (hasStep(k, 'review') && phaseIn('under_review')(s, k)) ||
    (hasStep(k, 'decision') && phaseIn(hasStep(k, 'conference') ? 'adopted' : 'revising')(s, k)),
  // Art. 6(1): the commune committee stamps the recognized text, once per recognized revision.
  StampText: (s, k) => hasStep(k, 'vote') && statusIn('in_force', 'suspended')(s, k) && s.inForce !== null && !s.inForce.stampedOn,
  // Art. 10(2)(b): a household ballot's results; art. 15: the recognized text. An agency's or an enterprise's
  // regulation is made public to its staff (Decree 145/2020 art. 48(3); workplace-rules.ts).
  RecordDisclosure: (s, k) =>
    (hasStep(k, 'vote') &&
      ((s.cycle !== null && s.cycle.votes.some((v) => v.method === 'household_ballot')) || (statusIn('in_force', 'suspended')(s, k) && s.inForce !== null))) ||
    (Boolean(k.rules?.disclosure) && statusIn('in_force')(s, k) && s.inForce !== null),
  // Art. 15(4)(a): the community reviews the convention in force every year, on 18 November or the day it agrees.
  AgreeReviewDay: (s, k) => hasStep(k, 'vote') && statusIn('in_force', 'suspended')(s, k),
  ReturnDossier: (s, k) => hasStep(k, 'review') && phaseIn('submitted', 'under_review')(s, k),
  Withdraw: (s) => s.cycle !== null && ['developing', 'in_force', 'suspended'].includes(s.status),
  MarkReviewDue: (s, k) => hasStep(k, 'annual_review') && statusIn('in_force', 'suspended')(s, k) && !s.reviewDue,
  RecordAnnualReview: (s, k) => hasStep(k, 'annual_review') && statusIn('in_force', 'suspended')(s, k) && s.reviewDue,
  // A suspended text is redrafted by an amendment (Decree 61/2023 art. 12: the suspension sets the redraft deadline).
  StartAmendment: (s) => (s.status === 'in_force' || s.status === 'suspended') && s.cycle === null,
  ReceiveComplaint: (s, k) => k.suspendable && s.status === 'in_force' && !s.complaint,
  DismissComplaint: (s) => Boolean(s.complaint),
  // Decree 61/2023 art. 12(2): a suspension decides a complaint or finding received.
  Suspend: (s, k) => k.suspendable && s.status === 'in_force' && Boolean(s.complaint),
  // No text read gives a basis for lifting a suspension: it ends by a recognized redraft or by a repeal.
  Resume: () => false,
  MarkRedraftOverdue: (s) => s.status === 'suspended' && Boolean(s.suspension?.redraftDueOn) && !s.suspension?.redraftOverdue,
  Repeal: statusIn('in_force', 'suspended'),
  // A reorganization moves every regulation of the dissolved unit that is still under way or in force.
  TransferUnit: statusIn('developing', 'in_force', 'suspended'),
  ClaimTask: (s) => tasksOf(s).length > 0,
  ReleaseTask: (s) => tasksOf(s).length > 0,
  ReassignTask: (s) => tasksOf(s).length > 0,
  RemindTask: (s) => tasksOf(s).length > 0,
  EscalateTask: (s) => tasksOf(s).length > 0,
  ImportRegulation: statusIn('none'),
};

/**
 * The preconditions decisions recorded before the current rules were taken on (DecisionRules.suspensionByComplaint
 * false): a suspension needed no complaint and could be lifted. Only for replaying those decisions.
 */
export const preconditionsAsFirstRecorded: Record<CommandType, Precondition> = {
  ...preconditions,
  Suspend: (s, k) => k.suspendable && s.status === 'in_force',
  Resume: statusIn('suspended'),
};

const actorCommands: CommandType[] = commandTypes.filter((type) => !systemOnlyCommandTypes.includes(type));

/** The commands an officer may issue next, in lifecycle order. */
export function allowedActions(state: RegulationState): CommandType[] {
  if (state.status === 'none') return ['CreateDraft'];
  const kind = kindOf(state.kind);
  return actorCommands.filter((type) => preconditions[type](state, kind));
}
