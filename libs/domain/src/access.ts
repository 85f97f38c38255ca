/**
 * Who may act (DOMAIN.md, "Who does what"): each command's holders by role, the wards an actor acts and reads in,
 * the body that decides a dossier under the regime the regulation pinned, and separation of duties. `decide` checks
 * them on the command's actor, so every client of the workflow obeys them; the api's guard calls the same functions
 * to answer before a command reaches Temporal, and for reads.
 */
import { findKind, hasStep, KindId } from './catalogue';
import type { Actor, ActorRole, CommandType, RegulationCommand } from './commands';
import { AccessDeniedError, InvalidCommandError, SeparationOfDutiesError } from './errors';
import { Authority, legalRegimes } from './regimes';

/**
 * `always`: in the actor's own wards; `ward` / `district`: only where that body decides the dossier; `committee`:
 * where either People's Committee decides; `outside`: where the head of an agency or unit, or an employer, issues the
 * text (the ward's officer records their decision: they hold no account here).
 */
export type Power = 'always' | 'ward' | 'district' | 'committee' | 'outside';

/** `wards: ["*"]`: every ward of the district. */
export const ALL_WARDS = '*';

/** Roles that read every ward whatever their wards say: the steering committee and the auditors (default). */
export const districtReaders: readonly ActorRole[] = ['supervisor', 'auditor'];

const actorRoles: readonly ActorRole[] = ['officer', 'ward_chair', 'district_approver', 'supervisor', 'front', 'auditor', 'system'];

// Default (DOMAIN.md "Who does what"): the ward's officers record the community's steps (drafting: Decree 61/2023
// art. 8; consultation; vote: art. 10) and advance them for their own ward.
const officer = { officer: 'always' } as const;
// Confirmed: the ward People's Committee recognizes a convention (Decree 61/2023 art. 11; Law 10/2022 art. 20-21),
// the district's did under Decision 22/2018 (art. 9). A ward democracy regulation is decided by the ward chair (default).
const deciding = { ward_chair: 'ward', district_approver: 'district' } as const;
// The head of an agency or unit (Law 10/2022 ch. III, unconfirmed) or the employer (Decree 145/2020 art. 48(1))
// issues, amends and repeals its own regulation; the ward's officer records it (default: workplace-rules.ts).
const recordsOutsideIssuer = { officer: 'outside' } as const;
// The workflow's own timers: the end of a consultation window, the annual review falling due, task reminders.
const timer = { system: 'always' } as const;

export const commandPowers: Record<CommandType, Partial<Record<ActorRole, Power>>> = {
  CreateDraft: officer,
  // Default: the ward's officer records what the group head, the Front head and the community did (Decree 61/2023
  // art. 6-8, 10, 15), as for the other community steps.
  RecordProposal: officer,
  FormDraftingGroup: officer,
  ChooseName: officer,
  RecordSignatures: officer,
  RecordDisclosure: officer,
  AgreeReviewDay: officer,
  // Art. 6(1): the commune People's Committee stamps the recognized text; its chair or its officer records it (default).
  StampText: { ...officer, ward_chair: 'always' },
  ReviseDraft: officer,
  OpenConsultation: officer,
  ExtendConsultation: officer,
  CloseConsultation: { ...officer, ...timer },
  RecordComment: officer,
  // The Fatherland Front's social critique (default, DOMAIN.md "Public consultation").
  SubmitCritique: { front: 'always' },
  RecordDisposition: officer,
  RecordVote: officer,
  // Default: the ward's officer records the agency's conference, as the community's steps.
  RecordConference: officer,
  SubmitDossier: officer,
  // Confirmed: the ward's culture-social officer reviews the dossier for the ward committee (Decree 61/2023 art. 11);
  // under Decision 22/2018 the district reviews it, so the ward's people may not.
  StartReview: { officer: 'ward', ...deciding },
  Recognize: { ...deciding, ...recordsOutsideIssuer },
  // Default: the deciding body may return the dossier with reasons instead (DOMAIN.md step 8).
  ReturnDossier: deciding,
  // Default: the ward's officers or chair withdraw a draft before recognition.
  Withdraw: { ...officer, ward_chair: 'always' },
  MarkReviewDue: timer,
  // The community holds the annual review at a meeting chaired by the residential group head with the Front work
  // committee head (Decree 61/2023 art. 15(4)(b), read): the ward's officer records it
  // like the community's other steps (default); the chair may too, as every review recorded so far was.
  RecordAnnualReview: { ...officer, ward_chair: 'always' },
  // Default: an officer opens the amendment, which re-runs the drafting steps.
  StartAmendment: officer,
  // Default: the ward's officers record a complaint or finding the ward committee received (Decree 61/2023 art. 12(2)).
  ReceiveComplaint: { ...officer, ward_chair: 'always' },
  // Confirmed: the ward People's Committee answers the complaint, suspends (Decree 61/2023 art. 12) and repeals
  // (art. 14). Resume is kept for the suspensions lifted before the current rules.
  DismissComplaint: { ward_chair: 'always' },
  Suspend: { ward_chair: 'always' },
  Resume: { ward_chair: 'always' },
  MarkRedraftOverdue: timer,
  Repeal: { ward_chair: 'committee', ...recordsOutsideIssuer },
  // Applying a reorganization of the administrative units table is the system's (npm run units:apply): the law moves
  // the units; nobody decides it per regulation.
  TransferUnit: { system: 'always' },
  // Default: approval tasks are handled by the deciding body's people (the decider checks the task's candidate role).
  ClaimTask: { ward_chair: 'always', district_approver: 'always' },
  ReleaseTask: { ward_chair: 'always', district_approver: 'always' },
  ReassignTask: { ward_chair: 'always', district_approver: 'always' },
  RemindTask: timer,
  EscalateTask: timer,
  // Default: the ward's officers (or the district's, wards ["*"]) record the regulations their ward already has.
  ImportRegulation: officer,
};

/** What the rules need to know of a regulation: a RegulationState is one, and the api reads one from its projection. */
export interface AccessFacts {
  regulationId: string;
  wardCode: string;
  kind: KindId;
  regimeId: string;
  /** The cycle under way: its regime (an amendment may run under a later one) and its submitted dossier. */
  cycle: { regimeId: string; dossier: { authority: Authority; submittedBy: string | null } | null } | null;
}

/** Whether the role may ever issue the command (before looking at the regulation). */
export function mayEverIssue(role: ActorRole, type: CommandType): boolean {
  return commandPowers[type][role] !== undefined;
}

/**
 * Whether the role may ever issue the command on a regulation of this kind: on a People's Committee's regulation the
 * officer's recording of an outside issuer's decision does not count; on an agency's or an enterprise's only it and
 * the powers held everywhere do. For clients that offer a regulation's next steps (the web app).
 */
export function mayEverIssueOn(role: ActorRole, type: CommandType, kind: KindId): boolean {
  const power = commandPowers[type][role];
  if (power === undefined) return false;
  const issuedOutside = Boolean(findKind(kind)?.rules);
  if (power === 'outside') return issuedOutside;
  return !issuedOutside || power === 'always';
}

/** Whether the role may issue the command on a regulation whose dossier `authority` decides. */
export function mayIssue(role: ActorRole, type: CommandType, authority: Authority): boolean {
  const power = commandPowers[type][role];
  if (power === undefined) return false;
  switch (power) {
    case 'always':
      return true;
    case 'ward':
      return authority === 'ward_peoples_committee';
    case 'district':
      return authority === 'district_peoples_committee';
    case 'committee':
      return authority === 'ward_peoples_committee' || authority === 'district_peoples_committee';
    case 'outside':
      return authority === 'agency_head' || authority === 'employer';
  }
}

/**
 * Who decides the current cycle: the dossier's authority once submitted; before that, for a convention, the
 * recognizing authority of the cycle's regime; any other kind by its issuer (the ward, an agency's head, the employer).
 */
export function decidingAuthority(regulation: AccessFacts): Authority {
  if (regulation.cycle?.dossier) return regulation.cycle.dossier.authority;
  const kind = findKind(regulation.kind);
  if (kind?.issuer) return kind.issuer;
  if (!kind || !hasStep(kind, 'review')) return 'ward_peoples_committee';
  const regimeId = regulation.cycle?.regimeId ?? regulation.regimeId;
  return legalRegimes.find((r) => r.id === regimeId)?.recognizingAuthority ?? 'ward_peoples_committee';
}

/** Commands go by the actor's own wards only: the district-wide reading of supervisors and auditors gives no power. */
export function actsInWard(actor: Actor, wardCode: string): boolean {
  return actor.wards.includes(ALL_WARDS) || actor.wards.includes(wardCode);
}

export function readsWard(actor: Actor, wardCode: string): boolean {
  return districtReaders.includes(actor.role) || actsInWard(actor, wardCode);
}

/** The wards a list is restricted to, or null for every ward. */
export function readableWards(actor: Actor): readonly string[] | null {
  return districtReaders.includes(actor.role) || actor.wards.includes(ALL_WARDS) ? null : actor.wards;
}

/** Refuses a role that never issues the command. */
export function requirePower(actor: Actor, type: CommandType): void {
  if (!mayEverIssue(actor.role, type)) throw new AccessDeniedError(`a ${actor.role} may not ${type}`, { role: actor.role, command: type });
}

/** Refuses a ward outside the actor's wards. */
export function requireWard(actor: Actor, wardCode: unknown): void {
  if (typeof wardCode === 'string' && actsInWard(actor, wardCode)) return;
  const ward = String(wardCode).slice(0, 100);
  throw new AccessDeniedError(`ward ${ward} is not one of your wards`, { wardCode: ward, wards: actor.wards });
}

const authorityName: Record<Authority, string> = {
  ward_peoples_committee: "the ward People's Committee",
  district_peoples_committee: "the district People's Committee",
  agency_head: 'the head of the agency or unit (the officer records the decision)',
  employer: 'the employer (the officer records the decision)',
};

/** Every rule on an existing regulation: the role's power, the ward, the body that decides, separation of duties. */
export function authorize(actor: Actor, type: CommandType, regulation: AccessFacts): void {
  requirePower(actor, type);
  requireWard(actor, regulation.wardCode);
  const authority = decidingAuthority(regulation);
  if (!mayIssue(actor.role, type, authority)) {
    throw new AccessDeniedError(`${type} of this regulation is for ${authorityName[authority]}`, { role: actor.role, command: type, authority });
  }
  // Default (internal control, not in the texts): the officer who submitted a dossier does not also recognize it.
  if (type === 'Recognize' && regulation.cycle?.dossier?.submittedBy === actor.id) throw new SeparationOfDutiesError(regulation.regulationId);
}

/**
 * What `decide` checks first: a well-formed actor, then its power over this command. A creation goes by the ward
 * it drafts in; a command to a regulation that does not exist yet only by role (the decider answers that it does not).
 */
export function authorizeCommand(actor: unknown, command: RegulationCommand, regulation: AccessFacts & { status: string }): void {
  requireActor(actor);
  if (command.type === 'CreateDraft' || command.type === 'ImportRegulation') {
    requirePower(actor, command.type);
    requireWard(actor, command.wardCode);
  } else if (regulation.status === 'none') {
    requirePower(actor, command.type);
  } else {
    authorize(actor, command.type, regulation);
  }
}

/** The envelope's actor from any client: an id, a known role and a list of wards. */
function requireActor(actor: unknown): asserts actor is Actor {
  const a = (typeof actor === 'object' && actor !== null ? actor : {}) as Record<string, unknown>;
  if (typeof a.id !== 'string' || a.id.trim() === '') throw new InvalidCommandError('actor.id', 'is required');
  if (!actorRoles.includes(a.role as ActorRole)) throw new InvalidCommandError('actor.role', `must be one of ${actorRoles.join(', ')}`);
  if (!Array.isArray(a.wards) || !a.wards.every((ward) => typeof ward === 'string')) {
    throw new InvalidCommandError('actor.wards', `must be a list of ward codes, or ["${ALL_WARDS}"]`);
  }
}
