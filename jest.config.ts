/**
 * Three jest projects:
 *   unit         **\/*.spec.ts          pure, no servers
 *   integration  **\/*.int-spec.ts      real PostgreSQL + Temporal (started by test/support/global-setup.ts)
 *   e2e          test/**\/*.e2e-spec.ts  the apps over HTTP, same servers
 * `npm run test:unit|test:int|test:e2e` select one; the servers start only when an integration or e2e
 * test is part of the run (jest runs a project's globalSetup only for projects with tests in the run,
 * and the same module once).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from 'jest';

const rootDir = __dirname;
const sourceRoots = ['apps', 'libs', 'workflows', 'test', 'scripts', 'bench', 'tools']
  .filter((dir) => fs.existsSync(path.join(rootDir, dir)))
  .map((dir) => `<rootDir>/${dir}`);

const shared = {
  rootDir,
  roots: sourceRoots,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // Transpile only (no type check per file): `tsc --noEmit` in scripts/test.sh checks types once.
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] as [string, Record<string, unknown>],
  },
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/'],
} satisfies Config;

const withServers = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-int-timeout.ts'],
} satisfies Config;

const config: Config = {
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, ...withServers, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...shared, ...withServers, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};

export default config;
