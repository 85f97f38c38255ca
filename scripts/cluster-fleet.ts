/**
 * Several workers and several apis, each its own process as deployed, against one running Temporal cluster and a
 * fresh event store database on its PostgreSQL; drives community conventions to in force over HTTP, every step of
 * each through the next api in turn, and checks through every api that each is in force since its decision. The
 * steps are back-dated (as in test/regulations.e2e-spec.ts) so that the 30-day consultation is long over and the
 * workflow's own timer closes it at once on the wall clock; recognized 45 days ago, no annual review is due yet.
 * Then the cluster's SQL visibility must find them all by the workflow's search attributes. Part of `npm run test:cluster` (scripts/test-cluster.ts).
 */
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { addCalendarDays, civilDateInVietnam } from '@app/domain';
import { migrateEventStore } from '@app/event-store';
import { createTestAuth } from '../apps/api/src/auth/testing';
import { getWorkflowBundle } from '../apps/worker/src/workflow-bundle';
import { startAppProcess, type AppProcess } from '../tools/dev-stack/app-processes';
import { provisionDatabase } from '../tools/dev-stack/database-roles';
import { freePort, sleep } from '../tools/dev-stack/servers';

export interface FleetOptions {
  temporalAddress: string;
  namespace: string;
  /** Superuser URL of the cluster's PostgreSQL: the fleet's database is created there. */
  databaseAdminUrl: string;
  workers: number;
  apis: number;
  /** How many conventions are driven to in force, all at once. */
  lifecycles: number;
  logDir: string;
  log: (message: string) => void;
}

export interface LifecycleOutcome {
  regulationId: string;
  /** The apis its steps went through, in order. */
  apis: string[];
  stage: string;
  /** Version right after the recognition (deadline timers may append task events afterwards). */
  version: number;
  firstInForceOn: string;
  durationMs: number;
}

export interface FleetResult {
  database: string;
  /** Distinct worker identities polling the workflow task queue. */
  workflowPollers: number;
  /** The visibility query that found every convention, by the search attributes the workflow upserts. */
  visibilityQuery: string;
  lifecycles: LifecycleOutcome[];
  durationMs: number;
}

interface Reply {
  status: number;
  body: Record<string, any>;
}

async function call(api: AppProcess, method: 'GET' | 'POST', route: string, auth: Record<string, string>, body?: object): Promise<Reply> {
  const res = await fetch(`${api.url}${route}`, {
    method,
    headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function expectStatus(reply: Promise<Reply>, status: number, what: string): Promise<Reply> {
  const got = await reply;
  if (got.status !== status) throw new Error(`${what}: HTTP ${got.status}, expected ${status}: ${JSON.stringify(got.body)}`);
  return got;
}

/** Distinct pollers of the workflow task queue, once at least `expected` of them poll (bounded). */
async function workflowPollers(connection: Connection, namespace: string, taskQueue: string, expected: number): Promise<number> {
  let identities = new Set<string>();
  for (let attempt = 0; attempt < 50 && identities.size < expected; attempt += 1) {
    if (attempt > 0) await sleep(200);
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: 1 }, // TASK_QUEUE_KIND_NORMAL
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    identities = new Set((pollers ?? []).map((poller) => poller.identity ?? ''));
  }
  return identities.size;
}

/** Visibility is written after the fact: waits (bounded) until the query counts `expected` workflows. */
async function visibilityCount(connection: Connection, namespace: string, query: string, expected: number): Promise<number> {
  let count = 0;
  for (let attempt = 0; attempt < 100 && count !== expected; attempt += 1) {
    if (attempt > 0) await sleep(300);
    count = Number((await connection.workflowService.countWorkflowExecutions({ namespace, query })).count ?? 0);
  }
  return count;
}

export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const { log } = options;
  const started = Date.now();
  const database = `reglife_fleet_${Date.now().toString(36)}`;
  const urls = await provisionDatabase(options.databaseAdminUrl, database);
  const migrated = await migrateEventStore(urls.migrationUrl);
  log(`database ${database}: ${migrated.length} event store migrations run`);
  const bundle = await getWorkflowBundle();
  log(`workflow bundle ${bundle.source} (${bundle.codePath ?? 'in memory'}, sources ${bundle.hash})`);

  const auth = await createTestAuth();
  const officer = await auth.bearer({ sub: 'officer-fleet', role: 'officer', wards: ['*'] });
  const chair = await auth.bearer({ sub: 'chair-fleet', role: 'ward_chair', wards: ['*'] });
  const taskQueue = `fleet-${randomUUID()}`;
  const { WORKFLOW_BUNDLE_PATH: _bundlePath, DATABASE_MIGRATION_URL: _owner, DATABASE_ADMIN_URL: _admin, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    DATABASE_URL: urls.url,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: options.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    AUTH_PUBLIC_KEY: auth.publicKeyPem,
    LOG_LEVEL: 'warn',
  };

  const apps: AppProcess[] = [];
  const connection = await Connection.connect({ address: options.temporalAddress });
  try {
    const t = Date.now();
    const starting = [
      ...Array.from({ length: options.workers }, (_, i) => startAppProcess({ kind: 'worker', name: `worker-${i + 1}`, env, logDir: options.logDir })),
      ...Array.from({ length: options.apis }, async (_, i) =>
        startAppProcess({ kind: 'api', name: `api-${i + 1}`, env: { ...env, HOST: '127.0.0.1', PORT: String(await freePort()) }, logDir: options.logDir }),
      ),
    ];
    const results = await Promise.allSettled(starting);
    for (const result of results) if (result.status === 'fulfilled') apps.push(result.value);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    const apis = apps.filter((app) => app.kind === 'api');
    log(`${options.workers} workers and ${options.apis} apis ready in ${Date.now() - t} ms (task queue ${taskQueue}; logs in ${options.logDir})`);

    const pollers = await workflowPollers(connection, options.namespace, taskQueue, options.workers);
    if (pollers < options.workers) throw new Error(`only ${pollers} of ${options.workers} workers poll the workflow task queue`);

    const lifecycles = await Promise.all(
      Array.from({ length: options.lifecycles }, (_, n) => driveToInForce(apis, n, { officer, chair })),
    );
    for (const outcome of lifecycles) {
      for (const api of apis) {
        const view = await expectStatus(call(api, 'GET', `/regulations/${outcome.regulationId}`, officer), 200, `${api.name} reads ${outcome.regulationId}`);
        const { stage, version, firstInForceOn } = view.body;
        if (stage !== 'in_force' || version < outcome.version || firstInForceOn !== outcome.firstInForceOn) {
          throw new Error(
            `${api.name} shows ${outcome.regulationId} ${stage} v${version} in force since ${firstInForceOn}, ` +
              `expected in_force since ${outcome.firstInForceOn}, v${outcome.version} or later`,
          );
        }
      }
    }
    const visibilityQuery =
      `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running' AND ` +
      `RegulationStage = 'in_force' AND RegulationKind = 'community_convention' AND WardCode = 'hang-bo'`;
    const found = await visibilityCount(connection, options.namespace, visibilityQuery, lifecycles.length);
    if (found !== lifecycles.length) throw new Error(`SQL visibility finds ${found} of the ${lifecycles.length} conventions in force: ${visibilityQuery}`);
    return { database, workflowPollers: pollers, visibilityQuery, lifecycles, durationMs: Date.now() - started };
  } finally {
    await connection.close();
    // The apis first, then the workers, as a rolling shutdown would.
    for (const app of [...apps].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'api' ? -1 : 1))) await app.stop();
  }
}

/** One community convention from draft to in force, each step through the next api (starting with api n). */
async function driveToInForce(apis: AppProcess[], n: number, as: { officer: Record<string, string>; chair: Record<string, string> }): Promise<LifecycleOutcome> {
  const started = Date.now();
  const id = `fleet-${n + 1}-${randomUUID().slice(0, 8)}`;
  const used: string[] = [];
  let step = 0;
  const next = (): AppProcess => {
    const api = apis[(n + step) % apis.length];
    step += 1;
    used.push(api.name);
    return api;
  };
  const today = civilDateInVietnam(Date.now());
  const daysAgo = (days: number): string => addCalendarDays(today, -days);
  const post = (route: string, body: object, auth = as.officer, status = 200): Promise<Reply> => {
    const api = next();
    return expectStatus(call(api, 'POST', route, auth, body), status, `${id} ${route} via ${api.name}`);
  };

  await post(
    '/regulations',
    {
      regulationId: id,
      wardCode: 'hang-bo',
      kind: 'community_convention',
      title: 'Quy ước nếp sống văn minh (cụm máy chủ)',
      text: 'Điều 1. Mọi hộ gia đình giữ gìn vệ sinh chung.',
      residentialGroup: `Tổ dân phố số ${n + 1}`,
      startedOn: daysAgo(100),
    },
    as.officer,
    201,
  );
  // Posted 90 days ago for 30 days: the workflow's timer closes the consultation at once.
  await post(`/regulations/${id}/open-consultation`, { openedOn: daysAgo(90), days: 30, channels: ['meeting'] });
  for (let attempt = 0; ; attempt += 1) {
    const view = await expectStatus(call(next(), 'GET', `/regulations/${id}`, as.officer), 200, `${id} read`);
    if (view.body.stage === 'revising') break;
    if (attempt >= 300) throw new Error(`${id}: the consultation was not closed by its timer: ${JSON.stringify(view.body)}`);
    await sleep(200);
  }
  await post(`/regulations/${id}/record-vote`, { method: 'meeting', heldOn: daysAgo(50), totalHouseholds: 90, present: 60, approving: 55 });
  await post(`/regulations/${id}/submit-dossier`, { submittedOn: daysAgo(48), documents: ['request_form_01', 'minutes_form_02', 'adopted_text'] });
  await post(`/regulations/${id}/start-review`, {}, as.chair);
  const decidedOn = daysAgo(45);
  const recognized = await post(`/regulations/${id}/recognize`, { decisionNo: `${n + 1}/QĐ-UBND`, decidedOn }, as.chair);
  return {
    regulationId: id,
    apis: [...new Set(used)],
    stage: recognized.body.stage,
    version: recognized.body.version,
    firstInForceOn: decidedOn,
    durationMs: Date.now() - started,
  };
}
