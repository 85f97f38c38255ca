/**
 * `npm run chaos`: N regulation lifecycles over HTTP while workers are SIGKILLed and restarted and PostgreSQL and the
 * Temporal dev server are frozen (SIGSTOP/SIGCONT) and restarted; then the invariant checks, each PASS or FAIL with
 * figures, exit code 1 on any failure (tools/chaos/run.ts, tools/chaos/checks.ts).
 *
 *   npm run chaos                                   6 lifecycles, 2 workers, 1 api, own servers, faults on
 *   npm run chaos -- --lifecycles 40 --apis 2 --seed 7
 *   npm run chaos -- --faults off                   the same run without faults (a baseline)
 *   npm run chaos -- --temporal-address H:P --database-url postgres://SUPERUSER@…   against running servers: a fresh
 *                                                   database is created there; those servers are not frozen or
 *                                                   restarted (only the workers are killed)
 *
 * The result goes to test/artifacts/chaos/result.json (or --result FILE), the logs to test/artifacts/chaos/logs/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../tools/dev-stack/tools';
import { formatResult, runChaos } from '../tools/chaos/run';

const log = (message: string): void => void process.stdout.write(`[chaos] ${new Date().toISOString().slice(11, 23)} ${message}\n`);

function count(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new Error(`--${name} takes a whole number from ${min} to ${max}, not "${value}"`);
  return Number(value);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      lifecycles: { type: 'string' },
      workers: { type: 'string' },
      apis: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      'temporal-address': { type: 'string' },
      'database-url': { type: 'string' },
      'command-deadline': { type: 'string' },
      result: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run chaos -- [--lifecycles 6] [--workers 2] [--apis 1|2] [--seed S] [--faults on|off]\n' +
        '                        [--temporal-address HOST:PORT] [--database-url postgres://SUPERUSER…]\n' +
        '                        [--command-deadline SECONDS (120: how long one command is retried)] [--result FILE]\n',
    );
    return 0;
  }
  if (values.faults !== undefined && !['on', 'off'].includes(values.faults)) throw new Error(`--faults takes on or off, not "${values.faults}"`);
  const artifacts = path.join(projectRoot, 'test', 'artifacts', 'chaos');
  // PostgreSQL runs as user postgres when we are root: its data directory lives in a temporary folder it can enter.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-chaos-'));
  fs.chmodSync(workDir, 0o755);
  try {
    const result = await runChaos({
      lifecycles: count('lifecycles', values.lifecycles, 6, 1, 10_000),
      workers: count('workers', values.workers, 2, 1, 16),
      apis: count('apis', values.apis, 1, 1, 2),
      seed: count('seed', values.seed, Date.now() % 1_000_000, 0, 2 ** 31),
      faults: values.faults !== 'off',
      temporalAddress: values['temporal-address'],
      databaseUrl: values['database-url'],
      commandDeadlineMs: count('command-deadline', values['command-deadline'], 120, 5, 3_600) * 1000,
      namespace: process.env.TEMPORAL_NAMESPACE || 'default',
      workDir,
      logDir: path.join(artifacts, 'logs'),
      log,
    });
    for (const line of formatResult(result)) process.stdout.write(`${line}\n`);
    const file = path.resolve(values.result ?? path.join(artifacts, 'result.json'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`result: ${path.relative(process.cwd(), file)}`);
    return result.passed ? 0 : 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[chaos] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
