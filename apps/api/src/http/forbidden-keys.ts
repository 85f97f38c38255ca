/**
 * Keys no request may carry: JSON.parse and the query parser keep "__proto__" and "constructor" as own keys, and
 * copied onto a DTO instance they replace its prototype or constructor, so that the validation that looks its
 * rules up there would let the input through unchecked.
 */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** The path of the first forbidden key in parsed input (bodies nest at most MAX_JSON_DEPTH deep), or null. */
export function forbiddenKeyIn(value: unknown, path = ''): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const key of Array.isArray(value) ? [] : FORBIDDEN_KEYS) {
    if (Object.prototype.hasOwnProperty.call(value, key)) return path ? `${path}.${key}` : key;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = forbiddenKeyIn(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
