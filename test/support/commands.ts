/** Builders of command envelopes for tests: unique command ids, an officer by default. */
import { randomUUID } from 'node:crypto';
import type { Actor, CommandEnvelope, CreateDraft, RegulationCommand } from '@app/domain';

export const officer: Actor = { id: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] };
export const wardChair: Actor = { id: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] };
export const front: Actor = { id: 'front-hang-bac', role: 'front', wards: ['hang-bac'] };

export function envelope<C extends RegulationCommand>(command: C, actor: Actor = officer, extra: Partial<CommandEnvelope> = {}): CommandEnvelope<C> {
  return { commandId: randomUUID(), actor, command, ...extra } as CommandEnvelope<C>;
}

export function createDraft(regulationId: string, over: Partial<CreateDraft> = {}): CreateDraft {
  return {
    type: 'CreateDraft',
    regulationId,
    wardCode: 'hang-bac',
    kind: 'community_convention',
    title: 'Quy ước nếp sống văn minh, môi trường xanh – sạch – đẹp',
    text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
    residentialGroup: 'Tổ dân phố số 3',
    startedOn: '2025-03-03',
    ...over,
  };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
