/**
 * The fields of each lifecycle command, stated once as data: the domain's `validateCommand` (validation.ts) walks
 * them, and the API makes its request DTOs (their validation and their OpenAPI schema) from them.
 */
import { repealGrounds, ReviewOutcome } from './catalogue';
import {
  commentChannels,
  complaintSources,
  conferenceForms,
  conventionNames,
  disclosureSubjects,
  dispositions,
  dossierDocumentTypes,
  proposalConsultationMethods,
  proposers,
  RegulationCommand,
  suspensionGrounds,
  suspensionScopes,
  voteMethods,
} from './commands';
import { ConferenceTallyInconsistentError, TallyInconsistentError } from './errors';

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
  /** Items of a list of values from a closed set (channels, documents). */
  choices: 20,
} as const;

/** Free text: not blank, at most `max` UTF-16 code units, storable. */
export interface TextRule {
  type: 'text';
  max: number;
}
/** An identifier: letters, digits, ".", "_", ":" and "-", at most `max` characters. */
export interface IdRule {
  type: 'id';
  max: number;
}
/** A civil date `YYYY-MM-DD` that exists in the calendar. */
export interface DateRule {
  type: 'date';
}
/** An integer from `min` to `max`; `atMost` lowers the maximum from the command's other fields (checked before it). */
export interface IntRule<C = unknown> {
  type: 'int';
  min: number;
  max: number;
  atMost?: (command: C) => number;
}
export interface OneOfRule {
  type: 'oneOf';
  values: readonly string[];
}
/** An object of texts, nothing else. */
export interface ObjectRule {
  type: 'object';
  fields: Readonly<Record<string, TextRule>>;
  /** The problem when an item is not an object. */
  problem: string;
}
export interface ListRule {
  type: 'list';
  items: TextRule | OneOfRule | ObjectRule;
  min: number;
  max: number;
  /** The problem when an item repeats; without it, items may repeat. */
  duplicate?: string;
  /** The problem when the value is not a list or its size is out of range. */
  problem: string;
}

/**
 * Whether a field must be present. Required unless one of these says otherwise; absent is undefined (the API drops a
 * request's null fields before the command reaches the domain).
 */
export interface Presence {
  optional?: true;
  /** Required when another field holds a value, else optional. */
  requiredWhen?: { field: string; is: string };
  /**
   * Required (or `requiredWhen`) of a new command by the API, while `validateCommand` lets it be absent (for a list:
   * empty): commands recorded before it was required replay without it, and the decider refuses a new command
   * without it with a coded error of its own.
   */
  requiredByDecider?: true;
}

export type FieldRule<C = unknown> = (TextRule | IdRule | DateRule | IntRule<C> | OneOfRule | ListRule) & Presence;

export type CommandOf<T extends RegulationCommand['type']> = Extract<RegulationCommand, { type: T }>;
/** A command's own fields, without its `type`. */
export type FieldsOf<T extends RegulationCommand['type']> = Omit<CommandOf<T>, 'type'>;

/** The fields of one command, in the order they are checked and documented, and a cross-field check after them. */
export interface CommandSchema<T extends RegulationCommand['type']> {
  fields: { readonly [K in keyof FieldsOf<T>]-?: FieldRule<CommandOf<T>> };
  check?: (command: CommandOf<T>) => void;
}

/** Commands whose fields are checked elsewhere: an import row by decideImport (import.ts), with the rules of the commands its facts stand for. */
type UnschemedCommand = 'ImportRegulation';
export type SchemedCommand = Exclude<RegulationCommand['type'], UnschemedCommand>;

const text = (max: number): TextRule => ({ type: 'text', max });
const id = (max: number = limits.id): IdRule => ({ type: 'id', max });
const date: DateRule = { type: 'date' };
const int = (min: number, max: number): IntRule => ({ type: 'int', min, max });
const oneOf = (values: readonly string[]): OneOfRule => ({ type: 'oneOf', values });
const optional = { optional: true } as const;

export const reviewOutcomes: readonly ReviewOutcome[] = ['keep', 'amend', 'suspend', 'repeal'];

/** The days of each month in every year (February without the 29th). */
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A day every year has: 29 February is not one. */
const daysInReviewMonth = ({ month }: CommandOf<'AgreeReviewDay'>): number => daysInMonth[month - 1];

/** No more households agree than were asked. */
const householdsAsked = ({ totalHouseholds }: CommandOf<'RecordProposal'>): number => totalHouseholds ?? limits.households;

/** A tally is checked whatever the stage: approving ≤ present ≤ total households, at least one household. */
function consistentTally({ totalHouseholds, present, approving }: CommandOf<'RecordVote'>): void {
  const tally = { totalHouseholds, present, approving };
  if (totalHouseholds < 1) throw new TallyInconsistentError('there must be at least one household', tally);
  if (present > totalHouseholds) throw new TallyInconsistentError('present exceeds total households', tally);
  if (approving > present) throw new TallyInconsistentError('approving exceeds present', tally);
}

/** A conference's tally: approving ≤ present ≤ convened, at least one person convened. */
function consistentConferenceTally({ convened, present, approving }: CommandOf<'RecordConference'>): void {
  const tally = { convened, present, approving };
  if (convened < 1) throw new ConferenceTallyInconsistentError('at least one person must be convened', tally);
  if (present > convened) throw new ConferenceTallyInconsistentError('present exceeds convened', tally);
  if (approving > present) throw new ConferenceTallyInconsistentError('approving exceeds present', tally);
}

/** The articles a partial decision names: short labels ("Điều 5", "Điều 7 khoản 2"), no repeats. */
const articles: FieldRule = {
  type: 'list',
  items: text(limits.title),
  min: 1,
  max: limits.articles,
  duplicate: 'names an article twice',
  problem: `must be a list of at most ${limits.articles} articles`,
  requiredWhen: { field: 'scope', is: 'part' },
  requiredByDecider: true,
};

export const commandSchemas: { readonly [T in SchemedCommand]: CommandSchema<T> } = {
  CreateDraft: {
    fields: {
      regulationId: id(),
      wardCode: text(limits.id),
      kind: text(limits.id),
      title: text(limits.title),
      text: text(limits.text),
      residentialGroup: { ...text(limits.title), ...optional },
      startedOn: date,
    },
  },
  RecordProposal: {
    fields: {
      proposedOn: date,
      proposer: oneOf(proposers),
      content: text(limits.content),
      frontHeadAgreedOn: { ...date, ...optional },
      consultationMethod: { ...oneOf(proposalConsultationMethods), ...optional },
      consultationHeldOn: { ...date, ...optional },
      totalHouseholds: { ...int(1, limits.households), ...optional },
      agreeing: { ...int(0, limits.households), atMost: householdsAsked, ...optional },
    },
  },
  FormDraftingGroup: {
    fields: {
      formedOn: date,
      members: {
        type: 'list',
        items: { type: 'object', fields: { name: text(limits.title), represents: text(limits.title) }, problem: 'each member is an object' },
        min: 1,
        max: limits.members,
        problem: `must list from 1 to ${limits.members} members`,
      },
    },
  },
  ChooseName: { fields: { name: oneOf(conventionNames), decidedOn: date } },
  RecordSignatures: {
    fields: {
      signedOn: date,
      groupHead: text(limits.title),
      frontHead: text(limits.title),
      householdRepresentatives: { type: 'list', items: text(limits.title), min: 0, max: limits.members, problem: 'must be a list of names' },
    },
  },
  StampText: { fields: { stampedOn: date } },
  RecordDisclosure: { fields: { subject: oneOf(disclosureSubjects), disclosedOn: date, place: text(limits.title) } },
  AgreeReviewDay: { fields: { agreedOn: date, month: int(1, 12), day: { ...int(1, 31), atMost: daysInReviewMonth } } },
  ReviseDraft: { fields: { title: { ...text(limits.title), ...optional }, text: text(limits.text), summary: text(limits.reason) } },
  OpenConsultation: {
    fields: {
      openedOn: { ...date, ...optional },
      days: int(1, limits.consultationDays),
      channels: { type: 'list', items: oneOf(commentChannels), min: 1, max: limits.choices, problem: `must list from 1 to ${limits.choices} channels` },
    },
  },
  ExtendConsultation: { fields: { days: int(1, limits.consultationDays), reason: text(limits.reason) } },
  CloseConsultation: { fields: {} },
  RecordComment: { fields: { commentId: id(), channel: oneOf(commentChannels), content: text(limits.content), receivedOn: date } },
  SubmitCritique: { fields: { content: text(limits.text), submittedOn: date } },
  RecordDisposition: { fields: { commentId: id(), disposition: oneOf(dispositions), reason: { ...text(limits.reason), ...optional } } },
  RecordVote: {
    fields: {
      method: oneOf(voteMethods),
      heldOn: date,
      totalHouseholds: int(0, limits.households),
      present: int(0, limits.households),
      approving: int(0, limits.households),
    },
    check: consistentTally,
  },
  RecordConference: {
    fields: {
      heldOn: date,
      form: oneOf(conferenceForms),
      convened: int(0, limits.staff),
      present: int(0, limits.staff),
      approving: int(0, limits.staff),
    },
    check: consistentConferenceTally,
  },
  SubmitDossier: {
    fields: {
      submittedOn: date,
      documents: { type: 'list', items: oneOf(dossierDocumentTypes), min: 0, max: limits.choices, problem: `must be a list of at most ${limits.choices} documents` },
    },
  },
  StartReview: { fields: {} },
  Recognize: { fields: { decisionNo: text(limits.id), decidedOn: date } },
  ReturnDossier: { fields: { returnedOn: date, reasons: text(limits.reason) } },
  Withdraw: { fields: { reason: text(limits.reason) } },
  MarkReviewDue: { fields: {} },
  RecordAnnualReview: {
    fields: {
      outcome: oneOf(reviewOutcomes),
      reviewedOn: date,
      notes: text(limits.reason),
      decisionNo: { ...text(limits.id), requiredWhen: { field: 'outcome', is: 'repeal' } },
    },
  },
  StartAmendment: { fields: { title: { ...text(limits.title), ...optional }, text: text(limits.text), startedOn: date, reason: text(limits.reason) } },
  ReceiveComplaint: { fields: { complaintId: id(), receivedOn: date, source: oneOf(complaintSources), summary: text(limits.reason) } },
  DismissComplaint: { fields: { complaintId: id(), answeredOn: date, reason: text(limits.reason) } },
  Suspend: {
    fields: {
      complaintId: { ...id(), requiredByDecider: true },
      decisionNo: { ...text(limits.id), requiredByDecider: true },
      suspendedOn: date,
      ground: { ...oneOf(suspensionGrounds), requiredByDecider: true },
      scope: oneOf(suspensionScopes),
      articles,
      until: { ...date, ...optional },
      redraftDueOn: { ...date, requiredByDecider: true },
      reason: text(limits.reason),
    },
  },
  Resume: { fields: { resumedOn: date, reason: text(limits.reason) } },
  Repeal: {
    fields: {
      repealedOn: date,
      decisionNo: text(limits.id),
      ground: { ...oneOf(repealGrounds), ...optional },
      scope: { ...oneOf(suspensionScopes), ...optional },
      articles,
      reason: text(limits.reason),
    },
  },
  MarkRedraftOverdue: { fields: {} },
  ClaimTask: { fields: { taskId: id(limits.taskId) } },
  ReleaseTask: { fields: { taskId: id(limits.taskId) } },
  ReassignTask: { fields: { taskId: id(limits.taskId), assigneeId: id() } },
  RemindTask: { fields: { taskId: id(limits.taskId) } },
  EscalateTask: { fields: { taskId: id(limits.taskId) } },
  TransferUnit: { fields: { toWardCode: text(limits.id), effectiveOn: date, legalBasis: text(limits.reason) } },
};
