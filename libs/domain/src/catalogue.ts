/**
 * Reference data: regulation kinds, each a list of lifecycle steps. The administrative units (wards, communes, with
 * their validity and successions) are data in PostgreSQL (`admin_units`, libs/admin-units), not code: the api checks a
 * command's unit against that table (known, valid on the command's date) before the command reaches a workflow.
 */
import type { Authority } from './legal-terms';
import { workplaceRulesOf, WorkplaceRules } from './workplace-rules';


/**
 * The ground of a repeal of a convention (Decree 61/2023 art. 14(1), read): unlawful content (point a), the redraft deadline
 * set by a suspension passed without the community completing the redraft (point b), the adoption rate not met and the
 * vote not held again (point c).
 */
export type RepealGround = 'unlawful_content' | 'vote_threshold_not_met' | 'redraft_deadline_passed';
export const repealGrounds: readonly RepealGround[] = ['unlawful_content', 'vote_threshold_not_met', 'redraft_deadline_passed'];

/** How a unit is coded: kebab-case ASCII (`hang-bac`, `hoan-kiem-2025`). */
export const UNIT_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * What the decider can know of a unit without the table: that the code has a unit code's shape. A code that exists in
 * no list passes here and is refused at the edge (`UNIT.UNKNOWN`).
 */
export function isUnitCode(code: string): boolean {
  return UNIT_CODE_PATTERN.test(code);
}

/** Step types; each is implemented once by the decider, a kind only lists them in order. */
export type StepType =
  | 'drafting'
  | 'consultation'
  | 'revising'
  | 'vote'
  | 'conference'
  | 'submission'
  | 'review'
  | 'decision'
  | 'in_force'
  | 'annual_review';

export type KindId = 'community_convention' | 'democracy_regulation' | 'agency_democracy_regulation' | 'enterprise_democracy_regulation';
export type ReviewOutcome = 'keep' | 'amend' | 'suspend' | 'repeal';

export interface RegulationKind {
  id: KindId;
  name: string;
  nameVi: string;
  steps: readonly StepType[];
  /** Whether the Fatherland Front's social critique must be recorded before the decision. */
  critiqueRequired: boolean;
  /** The outcomes an annual review may record under the current rules. */
  reviewOutcomes: readonly ReviewOutcome[];
  /** The outcomes it could record before them: only for replaying decisions taken then. */
  reviewOutcomesAsFirstRecorded: readonly ReviewOutcome[];
  /** Whether the committee may suspend it on a complaint (Decree 61/2023 art. 12). */
  suspendable: boolean;
  /** The grounds a repeal rests on, by whether the text is suspended; null: a repeal states no ground. */
  repealGrounds: { inForce: readonly RepealGround[]; suspended: readonly RepealGround[] } | null;
  /**
   * Who issues the text (`Recognize`); null: the recognizing authority of the regime the cycle runs under (a
   * convention's dossier goes to it).
   */
  issuer: Authority | null;
  /** The rules of an agency's or an enterprise's own regulation, each with its source; null: the regime's rules. */
  rules: WorkplaceRules | null;
}

export const regulationKinds: readonly RegulationKind[] = [
  {
    id: 'community_convention',
    name: 'Community convention',
    nameVi: 'Hương ước, quy ước',
    steps: ['drafting', 'consultation', 'revising', 'vote', 'submission', 'review', 'in_force', 'annual_review'],
    critiqueRequired: false,
    // Decree 61/2023 art. 15(4)(c), read: the community's review evaluates the text and proposes amending, supplementing
    // or replacing it (an amendment re-runs the steps); suspension and repeal are the commune committee's acts
    // (art. 12(2), 14), not review outcomes.
    reviewOutcomes: ['keep', 'amend'],
    reviewOutcomesAsFirstRecorded: ['keep', 'amend', 'suspend', 'repeal'],
    suspendable: true,
    // Decree 61/2023 art. 14(1), read: unlawful content (a) or a vote threshold not met (c); a suspended text once its
    // redraft deadline passed without a recognized redraft (b).
    repealGrounds: { inForce: ['unlawful_content', 'vote_threshold_not_met'], suspended: ['redraft_deadline_passed'] },
    issuer: null,
    rules: null,
  },
  {
    id: 'democracy_regulation',
    name: 'Ward democracy regulation',
    nameVi: 'Quy chế dân chủ ở cơ sở',
    steps: ['drafting', 'consultation', 'revising', 'decision', 'in_force', 'annual_review'],
    critiqueRequired: true,
    // Default policy (DOMAIN.md): the chair who issues the regulation keeps, amends or repeals it after the review.
    reviewOutcomes: ['keep', 'amend', 'repeal'],
    reviewOutcomesAsFirstRecorded: ['keep', 'amend', 'repeal'],
    suspendable: false,
    repealGrounds: null,
    issuer: 'ward_peoples_committee',
    rules: null,
  },
  // Law 10/2022 ch. III: the officials and employees comment, their conference discusses the draft, the head of the
  // agency or unit issues it (workplace-rules.ts, with the source and mark of each rule). No yearly review step: the
  // yearly conference (art. 51(1)) is a rule, not scheduled.
  workplaceKind('agency_democracy_regulation', 'Agency or public service unit democracy regulation', 'Quy chế thực hiện dân chủ ở cơ quan, đơn vị', [
    'drafting',
    'consultation',
    'revising',
    'conference',
    'decision',
    'in_force',
  ]),
  // Decree 145/2020 art. 48: the employer consults the employees' representative organisation and issues it.
  workplaceKind('enterprise_democracy_regulation', 'Workplace democracy regulation of an enterprise', 'Quy chế dân chủ ở cơ sở tại nơi làm việc', [
    'drafting',
    'consultation',
    'revising',
    'decision',
    'in_force',
  ]),
];

/** A kind whose issuer and rules are an agency's or an enterprise's (workplace-rules.ts): no critique, review, complaint or repeal ground. */
function workplaceKind(id: KindId, name: string, nameVi: string, steps: StepType[]): RegulationKind {
  const rules = workplaceRulesOf(id);
  if (!rules) throw new Error(`no rules for kind ${id}`);
  return {
    id,
    name,
    nameVi,
    steps,
    critiqueRequired: false,
    reviewOutcomes: [],
    reviewOutcomesAsFirstRecorded: [],
    suspendable: false,
    repealGrounds: null,
    issuer: rules.issuer,
    rules,
  };
}

export function findKind(id: string): RegulationKind | undefined {
  return regulationKinds.find((kind) => kind.id === id);
}

export function kindOf(id: KindId): RegulationKind {
  const kind = findKind(id);
  if (!kind) throw new Error(`kind ${id} is not in the catalogue`);
  return kind;
}

export function hasStep(kind: RegulationKind, step: StepType): boolean {
  return kind.steps.includes(step);
}

/**
 * Whether the ward's Fatherland Front committee may submit its critique on the text: the ward's own kinds. An agency's
 * or an enterprise's regulation is discussed by its own people instead (the conference of officials and employees,
 * Law 10/2022 art. 51; the employees' representative organisation, Decree 145/2020 art. 48(1)). Default of this
 * system: no text read gives the ward's Front a part in them, none excludes it either.
 */
export function takesFrontCritique(kind: RegulationKind): boolean {
  return kind.rules === null;
}
