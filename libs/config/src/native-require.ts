/**
 * Loads an ES-module-only package (oidc-provider, openid-client) with Node's own `require` (Node ≥ 22.12 loads ES
 * modules synchronously). Going through `process.getBuiltinModule` keeps Jest's module registry out of it: Jest's
 * `require` cannot parse ES modules, while Node's can; under ts-node and in production it is the ordinary require.
 */
export function requireNative<T>(specifier: string): T {
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  return createRequire(__filename)(specifier) as T;
}

/**
 * `value` with its plain objects and arrays rebuilt in Node's main realm, for a natively loaded package that tells
 * plain objects by their prototype (oidc-provider merges its configuration only into its own realm's plain objects;
 * Jest runs tests in another realm). Functions and class instances are kept as they are.
 */
export function inNativeRealm<T>(value: T): T {
  const { runInThisContext } = process.getBuiltinModule('node:vm') as typeof import('node:vm');
  const NativeObject = runInThisContext('Object') as ObjectConstructor;
  const NativeArray = runInThisContext('Array') as ArrayConstructor;
  const copy = (item: unknown): unknown => {
    if (Array.isArray(item)) return NativeArray.from(item, copy);
    if (typeof item !== 'object' || item === null) return item;
    const prototype = Object.getPrototypeOf(item) as object | null;
    if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return item;
    const target = NativeObject.create(prototype === null ? null : NativeObject.prototype) as Record<string, unknown>;
    for (const [key, entry] of Object.entries(item)) target[key] = copy(entry);
    return target;
  };
  return copy(value) as T;
}
