/**
 * Fuzzing of the api from its own OpenAPI document with schemathesis (PyPI, installed by ensure-schemathesis.sh
 * into the tool cache): the api runs as its own process (apps/api/src/main.ts) on a free port against the real
 * stack (Temporal dev server, PostgreSQL, a worker with the production workflows), and schemathesis sends
 * generated requests, valid and invalid, with a valid officer token of Hàng Bạc and with none, running every
 * check. Passes only with zero 5xx responses and no response that contradicts the document. The run's report
 * and the api's log go to test/artifacts/fuzz/. The fuzzer's thousands of commands go to a Temporal dev server of
 * this suite's own, not the one the suites running beside it share.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { EventStore } from '@app/event-store';
import { createTestAuth } from '../../apps/api/src/auth/testing';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createRegulationWorker } from '../support/regulation-worker';
import { freePort, projectRoot, RunningTemporalDevServer, startTemporalDevServer } from '../../tools/dev-stack/servers';

jest.setTimeout(600_000);

/** Generated cases per operation in the fuzzing phase: with ~36 operations, well over 1,000 requests in all. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const artifacts = path.join(projectRoot, 'test', 'artifacts', 'fuzz');

let db: TestDatabase;
let temporal: RunningTemporalDevServer;
let connection: NativeConnection;
let worker: Worker;
let workerRun: Promise<void>;
let api: ChildProcess | undefined;
let apiExited: Promise<void>;
let baseUrl: string;
let officerToken: string;
let chairToken: string;
let frontToken: string;
let supervisorToken: string;
let schemathesis: string;
const apiLog: string[] = [];

beforeAll(async () => {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  // Idempotent: prints the executable's path last, after its [setup] lines on stderr.
  schemathesis = execFileSync('bash', [path.join(__dirname, 'ensure-schemathesis.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .pop()!;

  db = await createTestDatabase();
  const taskQueue = `fuzz-${randomUUID()}`;
  temporal = await startTemporalDevServer({ port: await freePort(), headless: true });
  connection = await NativeConnection.connect({ address: temporal.address });
  worker = await createRegulationWorker({ connection, taskQueue, store: new EventStore(db.dataSource) });
  workerRun = worker.run();

  const auth = await createTestAuth();
  officerToken = await auth.token({ sub: 'officer-hoan-kiem', role: 'officer', wards: ['hoan-kiem-2025'] });
  chairToken = await auth.token({ sub: 'chair-hoan-kiem', role: 'ward_chair', wards: ['hoan-kiem-2025'] });
  frontToken = await auth.token({ sub: 'front-hoan-kiem', role: 'front', wards: ['hoan-kiem-2025'] });
  supervisorToken = await auth.token({ sub: 'bcd-hoan-kiem', role: 'supervisor', wards: ['*'] });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '-r', 'tsconfig-paths/register', '--transpile-only', 'apps/api/src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      AUTH_PUBLIC_KEY: auth.publicKeyPem,
      // warn: the audit lines and errors, not one line per request.
      LOG_LEVEL: 'warn',
      // The fuzzer's one client sends far more commands than an officer would.
      API_COMMAND_RATE_LIMIT: '1000000',
      API_READ_RATE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  apiExited = new Promise((resolve) => api!.once('exit', () => resolve()));
  for (const stream of [api.stdout!, api.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => apiLog.push(chunk));
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`the api exited at start: ${apiLog.join('')}`);
    const up = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the api did not answer /health in 60 s: ${apiLog.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

afterAll(async () => {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await apiExited;
  }
  fs.writeFileSync(path.join(artifacts, 'api.log'), apiLog.join(''));
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await connection?.close();
  await temporal?.stop();
  await db?.drop();
});

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number };
}

interface FuzzRun {
  exitCode: number;
  summary: string;
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: string[];
}

/**
 * One schemathesis run with every check, its report and output in test/artifacts/fuzz/<label>/. With `regulationId`
 * every `{id}` in a path is that regulation, so the commands reach a regulation in a known stage.
 */
function schemathesisRun(label: string, token: string, extra: string[], regulationId?: string): Promise<FuzzRun> {
  const dir = path.join(artifacts, label);
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'schemathesis.toml');
  fs.writeFileSync(
    config,
    `${fs.readFileSync(path.join(__dirname, 'schemathesis.toml'), 'utf8')}${regulationId ? `\n[parameters]\n"path.id" = "${regulationId}"\n` : ''}`,
  );
  const args = [
    '--config-file',
    config,
    '--no-color',
    'run',
    `${baseUrl}/docs-json`,
    '--checks',
    'all',
    '--header',
    `Authorization: Bearer ${token}`,
    '--seed',
    String(SEED),
    // One worker: hypothesis parses strategy lambdas with `ast`, which under CPython 3.11 fails at random when two
    // threads do it at once ("AST constructor recursion depth mismatch").
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--suppress-health-check',
    'all',
    '--report',
    'har,junit',
    '--report-dir',
    dir,
    ...extra,
  ];
  return new Promise((resolve) => {
    execFile(schemathesis, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      fs.writeFileSync(path.join(dir, 'schemathesis.txt'), output);
      const harFile = fs.readdirSync(dir).find((f) => f.startsWith('har-'));
      const entries = harFile ? (JSON.parse(fs.readFileSync(path.join(dir, harFile), 'utf8')) as { log: { entries: HarEntry[] } }).log.entries : [];
      const byStatus: Record<string, number> = {};
      for (const e of entries) byStatus[e.response.status] = (byStatus[e.response.status] ?? 0) + 1;
      const summary = output.slice(output.lastIndexOf('SUMMARY')).trim();
      // Without schemathesis's closing banner (`=== 3 warnings in 94.99s ===`): in the run's output it reads as a pytest
      // run that executed no test, and CI judges the whole run by such lines.
      const shown = summary
        .split('\n')
        .filter((line) => !/^=+ .* =+$/.test(line))
        .join('\n');
      process.stdout.write(`\n[fuzz] ${label}: ${entries.length} requests, by status ${JSON.stringify(byStatus)}\n[fuzz] ${label} summary (full output in test/artifacts/fuzz/${label}/schemathesis.txt):\n${shown}\n`);
      resolve({
        exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0,
        summary,
        requests: entries.length,
        byStatus,
        serverErrors: entries.filter((e) => e.response.status >= 500).map((e) => `${e.response.status} ${e.request.method} ${e.request.url}`),
      });
    });
  });
}

function expectClean(run: FuzzRun): void {
  expect(run.serverErrors).toEqual([]);
  expect({ exitCode: run.exitCode, failures: run.exitCode === 0 ? [] : run.summary.split('\n').filter(Boolean) }).toEqual({ exitCode: 0, failures: [] });
}

/**
 * GET /inbox/stream (StreamInbox) is left out of every run: a Server-Sent Events response never ends while the api runs,
 * so each generated request would wait for the request timeout. test/inbox/inbox.e2e-spec.ts and the access matrix
 * read it over HTTP instead.
 */
const NOT_FUZZED = ['--exclude-operation-id', 'StreamInbox'];

it('schemathesis with an officer token: over 1,000 generated requests to every operation, no 5xx, no response outside the documented schema', async () => {
  const run = await schemathesisRun('officer', officerToken, ['--max-examples', String(MAX_EXAMPLES), ...NOT_FUZZED]);
  expectClean(run);
  expect(run.requests).toBeGreaterThanOrEqual(1000);
});

/** Sends one command to the api as `token`; fails the test unless it is accepted. */
async function send(token: string, route: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** A convention of Hàng Bạc under review (back-dated steps; the workflow's timer closes its consultation). */
async function conventionUnderReview(): Promise<string> {
  const id = `fuzz-review-${randomUUID().slice(0, 8)}`;
  const daysAgo = (n: number) => addCalendarDays(civilDateInVietnam(Date.now()), -n);
  await send(officerToken, '/regulations', {
    regulationId: id,
    wardCode: 'hoan-kiem-2025',
    kind: 'community_convention',
    title: 'Quy ước tổ dân phố số 9',
    text: 'Điều 1. Giữ gìn vệ sinh chung.',
    startedOn: daysAgo(120),
  });
  await send(officerToken, `/regulations/${id}/open-consultation`, { openedOn: daysAgo(110), days: 30, channels: ['meeting'] });
  for (let attempt = 0; ; attempt += 1) {
    const view = (await (await fetch(`${baseUrl}/regulations/${id}`, { headers: { Authorization: `Bearer ${officerToken}` } })).json()) as { stage: string };
    if (view.stage === 'revising') break;
    if (attempt > 200) throw new Error(`${id} stays in ${view.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await send(officerToken, `/regulations/${id}/record-vote`, { method: 'meeting', heldOn: daysAgo(70), totalHouseholds: 80, present: 60, approving: 55 });
  await send(officerToken, `/regulations/${id}/submit-dossier`, { submittedOn: daysAgo(68), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
  await send(officerToken, `/regulations/${id}/start-review`, {});
  return id;
}

/** A ward democracy regulation of Hàng Bạc in consultation, which needs the Front's critique. */
async function regulationInConsultation(): Promise<string> {
  const id = `fuzz-consult-${randomUUID().slice(0, 8)}`;
  await send(officerToken, '/regulations', {
    regulationId: id,
    wardCode: 'hoan-kiem-2025',
    kind: 'democracy_regulation',
    title: 'Quy chế dân chủ ở cơ sở phường Hàng Bạc',
    text: 'Chương I. Quy định chung.',
    startedOn: civilDateInVietnam(Date.now()),
  });
  await send(officerToken, `/regulations/${id}/open-consultation`, { days: 30, channels: ['meeting'] });
  return id;
}

it('schemathesis with the ward chair’s and the Front’s tokens on their own commands, and a supervisor’s on the reports', async () => {
  const underReview = await conventionUnderReview();
  const inConsultation = await regulationInConsultation();
  const byRole: [string, string, string[], string?][] = [
    ['ward_chair', chairToken, ['--include-operation-id-regex', '^(StartReview|Recognize|ReturnDossier|Withdraw|RecordAnnualReview|DismissComplaint|Suspend|Repeal)$'], underReview],
    ['front', frontToken, ['--include-operation-id', 'SubmitCritique'], inConsultation],
    // Not StartRun: a run started here would wait for a summary worker this test does not run. The schedules do
    // not exist here, so their commands answer 404 and start nothing. The inbox: every ward, as the steering committee reads it.
    ['supervisor', supervisorToken, ['--include-path-regex', '^/(reports|inbox)', '--exclude-operation-id', 'StartRun', ...NOT_FUZZED]],
  ];
  for (const [label, token, filters, regulationId] of byRole) {
    const run = await schemathesisRun(label, token, ['--max-examples', String(Math.ceil(MAX_EXAMPLES / 2)), ...filters], regulationId);
    expectClean(run);
    expect(run.requests).toBeGreaterThan(0);
  }
});

it('the api logged no error, and its audit lines of refused requests carry actor, route and code but no body', () => {
  const lines = apiLog
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.filter((l) => Number(l.level) >= 50).map((l) => l.msg)).toEqual([]);
  const refusals = lines.filter((l) => l.event === 'request_refused');
  expect(refusals.length).toBeGreaterThan(100);
  for (const line of refusals) {
    expect(Object.keys(line)).not.toEqual(expect.arrayContaining(['body']));
    expect(line).toMatchObject({ route: expect.any(String), code: expect.any(String), status: expect.any(Number) });
  }
});
