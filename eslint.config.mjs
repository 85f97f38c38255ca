// Lint: type-aware promise checks everywhere; workflows/ is a deterministic sandbox.
import tseslint from '@typescript-eslint/eslint-plugin';
import tsparser from '@typescript-eslint/parser';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'crypto', 'child_process', 'os', 'http', 'https', 'net', 'timers', 'util', 'events', 'worker_threads'];

export default [
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    ignores: ['apps/web/**'],
    languageOptions: { parser: tsparser, parserOptions: { project: './tsconfig.json' } },
    plugins: { '@typescript-eslint': tseslint },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The web app: its own tsconfig (DOM, JSX), React's hook rules; the console stays for warnings and errors.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: { parser: tsparser, parserOptions: { project: './apps/web/tsconfig.json', ecmaFeatures: { jsx: true } } },
    plugins: { '@typescript-eslint': tseslint, 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [name, `node:${name}`]).concat(['typeorm', 'pg', '@temporalio/worker', '@temporalio/client', '@temporalio/activity']),
          patterns: [
            { group: ['@nestjs/*'], message: 'workflow and domain code stay free of Nest' },
            { group: ['@app/*'], message: 'the workflow bundler does not resolve path aliases: import by relative path' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'require'],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value=/activities$/][importKind!='type']", message: 'import activities as types only' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'use the workflow’s deterministic random' },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The gate runs every test: no focused or skipped ones (scripts/check-jest-results.ts also fails on a skip).
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(describe|it|test)$/][property.name=/^(only|skip|todo)$/]",
          message: 'no focused or skipped tests: the gate runs them all',
        },
        {
          selector: "MemberExpression[object.object.name=/^(describe|it|test)$/][property.name=/^(only|skip|todo)$/]",
          message: 'no focused or skipped tests: the gate runs them all',
        },
        { selector: "CallExpression[callee.name=/^(fit|fdescribe|xit|xtest|xdescribe)$/]", message: 'no focused or skipped tests: the gate runs them all' },
      ],
    },
  },
];
