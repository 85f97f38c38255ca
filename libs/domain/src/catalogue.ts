/** Reference data: wards of the demo district and regulation kinds, each kind a list of lifecycle steps. */

export interface Ward {
  code: string;
  name: string;
  district: string;
}

const hoanKiem = 'Hoàn Kiếm';

export const wards: readonly Ward[] = [
  ['chuong-duong', 'Chương Dương'],
  ['cua-dong', 'Cửa Đông'],
  ['cua-nam', 'Cửa Nam'],
  ['dong-xuan', 'Đồng Xuân'],
  ['hang-bac', 'Hàng Bạc'],
  ['hang-bai', 'Hàng Bài'],
  ['hang-bo', 'Hàng Bồ'],
  ['hang-bong', 'Hàng Bông'],
  ['hang-buom', 'Hàng Buồm'],
  ['hang-dao', 'Hàng Đào'],
  ['hang-gai', 'Hàng Gai'],
  ['hang-ma', 'Hàng Mã'],
  ['hang-trong', 'Hàng Trống'],
  ['ly-thai-to', 'Lý Thái Tổ'],
  ['phan-chu-trinh', 'Phan Chu Trinh'],
  ['phuc-tan', 'Phúc Tân'],
  ['tran-hung-dao', 'Trần Hưng Đạo'],
  ['trang-tien', 'Tràng Tiền'],
].map(([code, name]) => ({ code, name, district: hoanKiem }));

export function findWard(code: string): Ward | undefined {
  return wards.find((ward) => ward.code === code);
}

/** Step types; each is implemented once by the decider, a kind only lists them in order. */
export type StepType =
  | 'drafting'
  | 'consultation'
  | 'revising'
  | 'vote'
  | 'submission'
  | 'review'
  | 'decision'
  | 'in_force'
  | 'annual_review';

export type KindId = 'community_convention' | 'democracy_regulation';
export type ReviewOutcome = 'keep' | 'amend' | 'suspend' | 'repeal';

export interface RegulationKind {
  id: KindId;
  name: string;
  nameVi: string;
  steps: readonly StepType[];
  /** Whether the Fatherland Front's social critique must be recorded before the decision. */
  critiqueRequired: boolean;
  reviewOutcomes: readonly ReviewOutcome[];
  suspendable: boolean;
}

export const regulationKinds: readonly RegulationKind[] = [
  {
    id: 'community_convention',
    name: 'Community convention',
    nameVi: 'Hương ước, quy ước',
    steps: ['drafting', 'consultation', 'revising', 'vote', 'submission', 'review', 'in_force', 'annual_review'],
    critiqueRequired: false,
    reviewOutcomes: ['keep', 'amend', 'suspend', 'repeal'],
    suspendable: true,
  },
  {
    id: 'democracy_regulation',
    name: 'Ward democracy regulation',
    nameVi: 'Quy chế dân chủ ở cơ sở',
    steps: ['drafting', 'consultation', 'revising', 'decision', 'in_force', 'annual_review'],
    critiqueRequired: true,
    reviewOutcomes: ['keep', 'amend', 'repeal'],
    suspendable: false,
  },
];

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
