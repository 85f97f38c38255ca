/** Search attributes the regulation workflow keeps current for operators; they never hold personal data. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const regulationStageKey = defineSearchAttributeKey('RegulationStage', SearchAttributeType.KEYWORD);
export const wardCodeKey = defineSearchAttributeKey('WardCode', SearchAttributeType.KEYWORD);
export const regulationKindKey = defineSearchAttributeKey('RegulationKind', SearchAttributeType.KEYWORD);
export const regulationDueAtKey = defineSearchAttributeKey('RegulationDueAt', SearchAttributeType.DATETIME);

export const regulationSearchAttributes = [regulationStageKey, wardCodeKey, regulationKindKey, regulationDueAtKey];
