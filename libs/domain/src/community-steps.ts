/**
 * The community's own steps around a convention's text (Decree 61/2023): the proposal (art. 7), the drafting group
 * (art. 8), the name and the signatures (art. 6), the committee's stamp (art. 6(1)) and what is made public (art. 10(2)(b),
 * art. 15). Facts with their dates; none moves the stage, and the law read sets none of them a time limit, so none
 * opens a task.
 */
import { CivilDate, compareCivilDates } from './calendar';
import type { RegulationCommand } from './commands';
import { requireBetween, requireNotAfter } from './date-rules';
import {
  DisclosureNotApplicableError,
  InvalidCommandError,
  ProposalConsultationRequiredError,
  ProposalFrontAgreementRequiredError,
  SignaturesIncompleteError,
} from './errors';
import type { RegulationEvent } from './events';
import type { CycleState, RegulationState } from './state';

type CommunityStep = Extract<
  RegulationCommand,
  { type: 'RecordProposal' | 'FormDraftingGroup' | 'ChooseName' | 'RecordSignatures' | 'StampText' | 'RecordDisclosure' }
>;

/** Decides one community step; the preconditions (preconditions.ts) have placed it in the lifecycle already. */
export function decideCommunityStep(command: CommunityStep, state: RegulationState, today: CivilDate): RegulationEvent[] {
  const cycle = state.cycle as CycleState;
  switch (command.type) {
    case 'RecordProposal':
      return [decideProposal(command, today)];
    case 'FormDraftingGroup': {
      // Art. 8: the group is formed after the content was proposed.
      requireBetween('formedOn', command.formedOn, cycle.proposal?.proposedOn ?? '0001-01-01', today);
      const members = command.members.map(({ name, represents }) => ({ name, represents }));
      return [{ type: 'DraftingGroupFormed', data: { formedOn: command.formedOn, members } }];
    }
    case 'ChooseName':
      requireBetween('decidedOn', command.decidedOn, cycle.startedOn, today);
      return [{ type: 'NameChosen', data: { name: command.name, decidedOn: command.decidedOn } }];
    case 'RecordSignatures': {
      const representatives = command.householdRepresentatives;
      if (representatives.length !== 2 || representatives[0] === representatives[1]) throw new SignaturesIncompleteError(new Set(representatives).size);
      requireBetween('signedOn', command.signedOn, cycle.adoptedOn!, today);
      const { signedOn, groupHead, frontHead } = command;
      return [{ type: 'TextSigned', data: { signedOn, revision: cycle.revision, groupHead, frontHead, householdRepresentatives: [...representatives] } }];
    }
    case 'StampText': {
      const inForce = state.inForce!;
      requireBetween('stampedOn', command.stampedOn, inForce.decidedOn, today);
      return [{ type: 'TextStamped', data: { stampedOn: command.stampedOn, revision: inForce.revision, decisionNo: inForce.decisionNo } }];
    }
    case 'RecordDisclosure':
      return [decideDisclosure(command, state, today)];
  }
}

function decideProposal(command: Extract<CommunityStep, { type: 'RecordProposal' }>, today: CivilDate): RegulationEvent {
  const { proposedOn, proposer, content } = command;
  requireNotAfter('proposedOn', proposedOn, today);
  const { consultationMethod: method, consultationHeldOn: heldOn, totalHouseholds, agreeing } = command;
  const consulted = [method, heldOn, totalHouseholds, agreeing].some((field) => field !== undefined);
  if (proposer === 'group_head') {
    // Art. 7(1): agreed with the Front work committee head before it goes to the community.
    if (!command.frontHeadAgreedOn) throw new ProposalFrontAgreementRequiredError();
    if (consulted) throw new InvalidCommandError('consultationMethod', "the households' consultation is for residents' proposals (art. 7(2))");
    requireNotAfter('frontHeadAgreedOn', command.frontHeadAgreedOn, today);
    return { type: 'ProposalRecorded', data: { proposedOn, proposer, content, frontHeadAgreedOn: command.frontHeadAgreedOn, consultation: null } };
  }
  // Art. 7(2): residents ask the group head and the Front head to put it to the households, by ballot or at a meeting.
  if (method === undefined || heldOn === undefined || totalHouseholds === undefined || agreeing === undefined) throw new ProposalConsultationRequiredError();
  if (command.frontHeadAgreedOn) throw new InvalidCommandError('frontHeadAgreedOn', "is for the group head's proposal (art. 7(1))");
  requireBetween('consultationHeldOn', heldOn, proposedOn, today);
  return { type: 'ProposalRecorded', data: { proposedOn, proposer, content, frontHeadAgreedOn: null, consultation: { method, heldOn, totalHouseholds, agreeing } } };
}

function decideDisclosure(command: Extract<CommunityStep, { type: 'RecordDisclosure' }>, state: RegulationState, today: CivilDate): RegulationEvent {
  const { subject, disclosedOn, place } = command;
  if (subject === 'ballot_results') {
    // Art. 10(2)(b): the results of the household ballot are made public once compiled.
    const ballots = (state.cycle?.votes ?? []).filter((vote) => vote.method === 'household_ballot');
    const ballot = ballots[ballots.length - 1];
    if (!ballot) throw new DisclosureNotApplicableError(subject);
    requireBetween('disclosedOn', disclosedOn, ballot.heldOn, today);
    return { type: 'DisclosureRecorded', data: { subject, disclosedOn, place, round: ballot.round, revision: null } };
  }
  // Art. 15: the recognized text is posted and disseminated.
  const inForce = state.inForce;
  if (!inForce || compareCivilDates(inForce.decidedOn, today) > 0) throw new DisclosureNotApplicableError(subject);
  requireBetween('disclosedOn', disclosedOn, inForce.decidedOn, today);
  return { type: 'DisclosureRecorded', data: { subject, disclosedOn, place, round: null, revision: inForce.revision } };
}
