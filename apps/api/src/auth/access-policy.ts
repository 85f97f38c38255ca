/**
 * Who may do what (DOMAIN.md, "Who does what"): each lifecycle command's roles, some of them only when their
 * body is the authority that decides the dossier (the ward People's Committee under the current regimes, the
 * district under Decision 22/2018). Ward scope and separation of duties are checked by the access guard.
 */
import { Authority, CommandType, findKind, hasStep, KindId, legalRegimes } from '@app/domain';
import type { CallerRole } from './principal';

/** `always`: in its own wards; `ward` / `district`: only where that body decides the dossier. */
export type Power = 'always' | 'ward' | 'district';

/** The commands of the HTTP api (the timers' MarkReviewDue, RemindTask and EscalateTask are not). */
export type ApiCommandType = Exclude<CommandType, 'MarkReviewDue' | 'RemindTask' | 'EscalateTask'>;

const officer = { officer: 'always' } as const;
const chair = { ward_chair: 'always' } as const;
const deciding = { ward_chair: 'ward', district_approver: 'district' } as const;

export const commandPowers: Record<ApiCommandType, Partial<Record<CallerRole, Power>>> = {
  CreateDraft: officer,
  ReviseDraft: officer,
  OpenConsultation: officer,
  ExtendConsultation: officer,
  CloseConsultation: officer,
  RecordComment: officer,
  SubmitCritique: { front: 'always' },
  RecordDisposition: officer,
  RecordVote: officer,
  SubmitDossier: officer,
  // The body that decides receives the dossier: the ward's officers or chair, or the district.
  StartReview: { officer: 'ward', ...deciding },
  Recognize: deciding,
  ReturnDossier: deciding,
  Withdraw: { ...officer, ...chair },
  RecordAnnualReview: chair,
  StartAmendment: officer,
  Suspend: chair,
  Resume: chair,
  Repeal: chair,
  // Approval tasks: the deciding body's people (the domain checks the task's candidate role and assignee).
  ClaimTask: { ward_chair: 'always', district_approver: 'always' },
  ReleaseTask: { ward_chair: 'always', district_approver: 'always' },
  ReassignTask: { ward_chair: 'always', district_approver: 'always' },
};

/** Whether the role may ever issue the command (before looking at the regulation). */
export function mayEverIssue(role: CallerRole, type: ApiCommandType): boolean {
  return commandPowers[type][role] !== undefined;
}

/** Whether the role may issue the command on a regulation whose dossier `authority` decides. */
export function mayIssue(role: CallerRole, type: ApiCommandType, authority: Authority): boolean {
  const power = commandPowers[type][role];
  if (power === undefined) return false;
  if (power === 'always') return true;
  return authority === (power === 'ward' ? 'ward_peoples_committee' : 'district_peoples_committee');
}

/** What the access check needs to know of a regulation, read from its projection. */
export interface RegulationAccessFacts {
  wardCode: string;
  kind: KindId;
  regimeId: string;
  /** The regime of the cycle under way (an amendment may run under a later regime than the first text). */
  cycleRegimeId: string | null;
  /** The authority recorded on the submitted dossier, when there is one. */
  dossierAuthority: Authority | null;
}

/**
 * Who decides the current cycle: the dossier's authority once submitted; before that, for a convention,
 * the recognizing authority of its regime; a ward democracy regulation is always decided by the ward chair.
 */
export function decidingAuthority(facts: RegulationAccessFacts): Authority {
  if (facts.dossierAuthority) return facts.dossierAuthority;
  const kind = findKind(facts.kind);
  if (!kind || !hasStep(kind, 'review')) return 'ward_peoples_committee';
  const regime = legalRegimes.find((r) => r.id === (facts.cycleRegimeId ?? facts.regimeId));
  return regime?.recognizingAuthority ?? 'ward_peoples_committee';
}
