/**
 * Search attributes as the Temporal servers need them registered. The definitions themselves live once,
 * in workflows/search-attributes.ts (the workflow upserts them); this file only translates them for the
 * `temporal` CLI and for the OperatorService.
 */
import { TypedSearchAttributes, type SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType, type SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { regulationSearchAttributes } from '../../workflows/search-attributes';

export type AnySearchAttributeKey = SearchAttributeKey<SearchAttributeType>;

/** Every custom search attribute the project uses. */
export const searchAttributeKeys: readonly AnySearchAttributeKey[] = regulationSearchAttributes;

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function searchAttributeCliArgs(keys: readonly AnySearchAttributeKey[] = searchAttributeKeys): string[] {
  return keys.flatMap((key) => ['--search-attribute', `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`]);
}

/** The `searchAttributes` map of an OperatorService `addSearchAttributes` request (name → IndexedValueType). */
export function searchAttributeIndexedTypes(keys: readonly AnySearchAttributeKey[] = searchAttributeKeys): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type) as number]));
}
