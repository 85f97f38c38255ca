/** Field validation of commands at the edge of the domain: lengths, ranges, dates, enumerations, what storage refuses. */
import { isCivilDate } from './calendar';
import { repealGrounds } from './catalogue';
import {
  commentChannels,
  complaintSources,
  conferenceForms,
  conventionNames,
  disclosureSubjects,
  proposalConsultationMethods,
  proposers,
  dispositions,
  dossierDocumentTypes,
  RegulationCommand,
  suspensionGrounds,
  suspensionScopes,
  voteMethods,
} from './commands';
import { ConferenceTallyInconsistentError, InvalidCommandError, TallyInconsistentError, TextTooLongError } from './errors';

export const limits = {
  id: 100,
  title: 300,
  text: 100_000,
  content: 5_000,
  reason: 2_000,
  taskId: 200,
  consultationDays: 365,
  households: 100_000,
  staff: 1_000_000,
  articles: 50,
  members: 50,
} as const;

/** The days of each month in every year (February without the 29th). */
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Field validation at the edge of the domain: the same rules the API's DTOs state. */
export function validateCommand(command: RegulationCommand): void {
  switch (command.type) {
    case 'CreateDraft':
      requireId('regulationId', command.regulationId);
      requireText('wardCode', command.wardCode, limits.id);
      requireText('kind', command.kind, limits.id);
      requireText('title', command.title, limits.title);
      requireText('text', command.text, limits.text);
      optionalText('residentialGroup', command.residentialGroup, limits.title);
      requireDate('startedOn', command.startedOn);
      return;
    case 'RecordProposal':
      requireDate('proposedOn', command.proposedOn);
      requireOneOf('proposer', command.proposer, proposers);
      requireText('content', command.content, limits.content);
      if (command.frontHeadAgreedOn !== undefined) requireDate('frontHeadAgreedOn', command.frontHeadAgreedOn);
      if (command.consultationMethod !== undefined) requireOneOf('consultationMethod', command.consultationMethod, proposalConsultationMethods);
      if (command.consultationHeldOn !== undefined) requireDate('consultationHeldOn', command.consultationHeldOn);
      if (command.totalHouseholds !== undefined) requireInt('totalHouseholds', command.totalHouseholds, 1, limits.households);
      if (command.agreeing !== undefined) requireInt('agreeing', command.agreeing, 0, command.totalHouseholds ?? limits.households);
      return;
    case 'FormDraftingGroup':
      requireDate('formedOn', command.formedOn);
      if (!Array.isArray(command.members) || command.members.length === 0 || command.members.length > limits.members) {
        throw new InvalidCommandError('members', `must list from 1 to ${limits.members} members`);
      }
      command.members.forEach((member: unknown) => {
        if (typeof member !== 'object' || member === null) throw new InvalidCommandError('members', 'each member is an object');
        const { name, represents } = member as { name: unknown; represents: unknown };
        requireText('members.name', name, limits.title);
        requireText('members.represents', represents, limits.title);
      });
      return;
    case 'ChooseName':
      requireOneOf('name', command.name, conventionNames);
      requireDate('decidedOn', command.decidedOn);
      return;
    case 'RecordSignatures':
      requireDate('signedOn', command.signedOn);
      requireText('groupHead', command.groupHead, limits.title);
      requireText('frontHead', command.frontHead, limits.title);
      if (!Array.isArray(command.householdRepresentatives) || command.householdRepresentatives.length > limits.members) {
        throw new InvalidCommandError('householdRepresentatives', 'must be a list of names');
      }
      command.householdRepresentatives.forEach((name) => requireText('householdRepresentatives', name, limits.title));
      return;
    case 'StampText':
      requireDate('stampedOn', command.stampedOn);
      return;
    case 'RecordDisclosure':
      requireOneOf('subject', command.subject, disclosureSubjects);
      requireDate('disclosedOn', command.disclosedOn);
      requireText('place', command.place, limits.title);
      return;
    case 'AgreeReviewDay':
      requireDate('agreedOn', command.agreedOn);
      requireInt('month', command.month, 1, 12);
      // A day every year has: 29 February is not one.
      requireInt('day', command.day, 1, daysInMonth[command.month - 1]);
      return;
    case 'ReviseDraft':
      optionalText('title', command.title, limits.title);
      requireText('text', command.text, limits.text);
      requireText('summary', command.summary, limits.reason);
      return;
    case 'OpenConsultation':
      if (command.openedOn !== undefined) requireDate('openedOn', command.openedOn);
      requireInt('days', command.days, 1, limits.consultationDays);
      if (!Array.isArray(command.channels) || command.channels.length === 0) {
        throw new InvalidCommandError('channels', 'at least one channel is required');
      }
      command.channels.forEach((c) => requireOneOf('channels', c, commentChannels));
      return;
    case 'ExtendConsultation':
      requireInt('days', command.days, 1, limits.consultationDays);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'RecordComment':
      requireId('commentId', command.commentId);
      requireOneOf('channel', command.channel, commentChannels);
      requireText('content', command.content, limits.content);
      requireDate('receivedOn', command.receivedOn);
      return;
    case 'SubmitCritique':
      requireText('content', command.content, limits.text);
      requireDate('submittedOn', command.submittedOn);
      return;
    case 'RecordDisposition':
      requireId('commentId', command.commentId);
      requireOneOf('disposition', command.disposition, dispositions);
      optionalText('reason', command.reason, limits.reason);
      return;
    case 'RecordVote':
      requireOneOf('method', command.method, voteMethods);
      requireDate('heldOn', command.heldOn);
      requireInt('totalHouseholds', command.totalHouseholds, 0, limits.households);
      requireInt('present', command.present, 0, limits.households);
      requireInt('approving', command.approving, 0, limits.households);
      requireConsistentTally(command);
      return;
    case 'RecordConference': {
      requireDate('heldOn', command.heldOn);
      requireOneOf('form', command.form, conferenceForms);
      requireInt('convened', command.convened, 0, limits.staff);
      requireInt('present', command.present, 0, limits.staff);
      requireInt('approving', command.approving, 0, limits.staff);
      const { convened, present, approving } = command;
      const tally = { convened, present, approving };
      if (convened < 1) throw new ConferenceTallyInconsistentError('at least one person must be convened', tally);
      if (present > convened) throw new ConferenceTallyInconsistentError('present exceeds convened', tally);
      if (approving > present) throw new ConferenceTallyInconsistentError('approving exceeds present', tally);
      return;
    }
    case 'SubmitDossier':
      requireDate('submittedOn', command.submittedOn);
      if (!Array.isArray(command.documents)) throw new InvalidCommandError('documents', 'must be a list');
      command.documents.forEach((d) => requireOneOf('documents', d, dossierDocumentTypes));
      return;
    case 'Recognize':
      requireText('decisionNo', command.decisionNo, limits.id);
      requireDate('decidedOn', command.decidedOn);
      return;
    case 'ReturnDossier':
      requireDate('returnedOn', command.returnedOn);
      requireText('reasons', command.reasons, limits.reason);
      return;
    case 'Withdraw':
      requireText('reason', command.reason, limits.reason);
      return;
    case 'RecordAnnualReview':
      requireOneOf('outcome', command.outcome, ['keep', 'amend', 'suspend', 'repeal']);
      requireDate('reviewedOn', command.reviewedOn);
      requireText('notes', command.notes, limits.reason);
      if (command.outcome === 'repeal') requireText('decisionNo', command.decisionNo, limits.id);
      return;
    case 'StartAmendment':
      optionalText('title', command.title, limits.title);
      requireText('text', command.text, limits.text);
      requireDate('startedOn', command.startedOn);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'ReceiveComplaint':
      requireId('complaintId', command.complaintId);
      requireDate('receivedOn', command.receivedOn);
      requireOneOf('source', command.source, complaintSources);
      requireText('summary', command.summary, limits.reason);
      return;
    case 'DismissComplaint':
      requireId('complaintId', command.complaintId);
      requireDate('answeredOn', command.answeredOn);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'Suspend':
      requireDate('suspendedOn', command.suspendedOn);
      requireOneOf('scope', command.scope, suspensionScopes);
      requireText('reason', command.reason, limits.reason);
      if (command.complaintId !== undefined) requireId('complaintId', command.complaintId);
      optionalText('decisionNo', command.decisionNo, limits.id);
      if (command.ground !== undefined) requireOneOf('ground', command.ground, suspensionGrounds);
      optionalArticles(command.articles);
      if (command.until !== undefined && command.until !== null) requireDate('until', command.until);
      if (command.redraftDueOn !== undefined) requireDate('redraftDueOn', command.redraftDueOn);
      return;
    case 'Resume':
      requireDate('resumedOn', command.resumedOn);
      requireText('reason', command.reason, limits.reason);
      return;
    case 'Repeal':
      requireDate('repealedOn', command.repealedOn);
      requireText('decisionNo', command.decisionNo, limits.id);
      requireText('reason', command.reason, limits.reason);
      if (command.ground !== undefined) requireOneOf('ground', command.ground, repealGrounds);
      if (command.scope !== undefined) requireOneOf('scope', command.scope, suspensionScopes);
      optionalArticles(command.articles);
      return;
    case 'ClaimTask':
    case 'ReleaseTask':
    case 'RemindTask':
    case 'EscalateTask':
      requireTaskId(command.taskId);
      return;
    case 'ReassignTask':
      requireTaskId(command.taskId);
      requireId('assigneeId', command.assigneeId);
      return;
    case 'TransferUnit':
      requireText('toWardCode', command.toWardCode, limits.id);
      requireDate('effectiveOn', command.effectiveOn);
      requireText('legalBasis', command.legalBasis, limits.reason);
      return;
    // An import row is checked by decideImport (import.ts) with the rules of the lifecycle commands its facts stand for.
    case 'ImportRegulation':
    case 'CloseConsultation':
    case 'StartReview':
    case 'MarkReviewDue':
    case 'MarkRedraftOverdue':
      return;
    default:
      throw new InvalidCommandError('type', `unknown command ${(command as { type: unknown }).type}`);
  }
}

/** A tally is checked whatever the stage: approving ≤ present ≤ total households, at least one household. */
function requireConsistentTally({ totalHouseholds, present, approving }: Extract<RegulationCommand, { type: 'RecordVote' }>): void {
  const tally = { totalHouseholds, present, approving };
  if (totalHouseholds < 1) throw new TallyInconsistentError('there must be at least one household', tally);
  if (present > totalHouseholds) throw new TallyInconsistentError('present exceeds total households', tally);
  if (approving > present) throw new TallyInconsistentError('approving exceeds present', tally);
}

function requireText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidCommandError(field, 'is required');
  }
  if (value.length > max) throw new TextTooLongError(field, value.length, max);
  if (UNSTORABLE.test(value)) throw new InvalidCommandError(field, 'contains a NUL character or a lone surrogate');
}

/** Characters PostgreSQL text and jsonb cannot hold: refused at the edge so that an append can never fail on them. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function optionalText(field: string, value: unknown, max: number): void {
  if (value !== undefined && value !== null) requireText(field, value, max);
}

/** Articles named by a partial decision: a list of short labels ("Điều 5", "Điều 7 khoản 2"), no repeats. */
function optionalArticles(articles: unknown): void {
  if (articles === undefined) return;
  if (!Array.isArray(articles) || articles.length > limits.articles) {
    throw new InvalidCommandError('articles', `must be a list of at most ${limits.articles} articles`);
  }
  articles.forEach((article) => requireText('articles', article, limits.title));
  if (new Set(articles).size !== articles.length) throw new InvalidCommandError('articles', 'names an article twice');
}

function requireId(field: string, value: unknown): void {
  requireText(field, value, limits.id);
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(value as string)) {
    throw new InvalidCommandError(field, 'may contain only letters, digits, ".", "_", ":" and "-"');
  }
}

function requireTaskId(value: unknown): void {
  requireText('taskId', value, limits.taskId);
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(value as string)) {
    throw new InvalidCommandError('taskId', 'may contain only letters, digits, ".", "_", ":" and "-"');
  }
}

function requireDate(field: string, value: unknown): void {
  if (!isCivilDate(value)) throw new InvalidCommandError(field, 'must be a date YYYY-MM-DD');
}

function requireInt(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidCommandError(field, `must be an integer from ${min} to ${max}`);
  }
}

function requireOneOf(field: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InvalidCommandError(field, `must be one of ${allowed.join(', ')}`);
  }
}
