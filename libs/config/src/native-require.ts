/**
 * Loads an ES-module-only package (oidc-provider, openid-client) with Node's own `require` (Node ≥ 22.12 loads ES
 * modules synchronously). Going through `process.getBuiltinModule` keeps Jest's module registry out of it: Jest's
 * `require` cannot parse ES modules, while Node's can; under ts-node and in production it is the ordinary require.
 */
export function requireNative<T>(specifier: string): T {
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  return createRequire(__filename)(specifier) as T;
}
