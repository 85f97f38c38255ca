/**
 * Keycloak without a container: the distribution `scripts/ensure-tools.sh --for keycloak` caches, started through its
 * wrapper (`$CACHE/bin/keycloak <home> <kc.sh arguments>`) with a throw-away home of its own, so the realms it imports
 * (data/import) and its development database (data/h2) go away with the run. Spawned in its own process group and
 * resolved once the realm's discovery document answers: Keycloak imports the realms before it listens. Used by
 * `npm run check:keycloak` (scripts/keycloak-check.ts).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OutputTail, processGroupStop, sleep } from './servers';
import { toolCacheDir } from './tools';

export interface KeycloakOptions {
  /** Keycloak's home for this run; created, and deleted by stop(). */
  home: string;
  /** The kc.sh arguments, e.g. `start-dev --import-realm --http-port=8081`. */
  args: string[];
  /** Keycloak's environment on top of this process's (KC_HOSTNAME, KC_BOOTSTRAP_ADMIN_*…). */
  env: Record<string, string>;
  /** Realm files to import, by file name: written to <home>/data/import/. */
  imports: Record<string, string>;
  /** Its base URL as this process reaches it, e.g. `http://127.0.0.1:8081`. */
  url: string;
  /** The realm whose discovery document means "ready". */
  realm: string;
  /** Receives every line Keycloak prints. */
  onLog?: (line: string) => void;
  /** Default 240 s: the first start on 2 busy cores also re-augments the distribution for development mode. */
  startTimeoutMs?: number;
}

export interface RunningKeycloak {
  pid: number;
  /** The realm's discovery document, as Keycloak answered it. */
  discovery: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startKeycloak(options: KeycloakOptions): Promise<RunningKeycloak> {
  const wrapper = path.join(toolCacheDir(), 'bin', 'keycloak');
  if (!fs.existsSync(wrapper)) throw new Error(`${wrapper} is missing: run \`bash scripts/ensure-tools.sh --for keycloak\``);
  const importDir = path.join(options.home, 'data', 'import');
  fs.mkdirSync(importDir, { recursive: true });
  for (const [name, content] of Object.entries(options.imports)) fs.writeFileSync(path.join(importDir, name), content);

  const output = new OutputTail(80, options.onLog);
  const child = spawn(wrapper, [options.home, ...options.args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => output.push(chunk));
  }
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => (exitReason = signal ? `signal ${signal}` : `code ${code}`));
  const pid = child.pid;
  if (pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new Error(`could not spawn ${wrapper}`);
  }
  // kc.sh runs Java as its child (and again after a re-augmentation): the whole group is signalled.
  const stopGroup = processGroupStop(child, pid, 30_000, 'SIGKILL');
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= stopGroup().then(() => fs.rmSync(options.home, { recursive: true, force: true }));
    return stopping;
  };

  const discoveryUrl = `${options.url}/realms/${options.realm}/.well-known/openid-configuration`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 240_000);
  try {
    for (;;) {
      if (exitReason) throw new Error(`Keycloak exited (${exitReason}) before it was ready`);
      if (Date.now() > deadline) throw new Error(`Keycloak did not answer ${discoveryUrl} in time`);
      const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (response?.ok) return { pid, discovery: (await response.json()) as Record<string, unknown>, stop };
      await sleep(1_000);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.text()}`);
  }
}
