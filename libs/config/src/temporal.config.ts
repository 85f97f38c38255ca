/** Temporal connection settings, read from the environment once and validated. */
import * as fs from 'node:fs';
import { registerAs } from '@nestjs/config';

/** TLS to the Temporal frontend: server verification, and mTLS when a client certificate is given. */
export interface TemporalTlsConfig {
  /** TEMPORAL_TLS_CA_FILE: PEM of the CA that signed the server's certificate; null: the system's trusted CAs. */
  caFile: string | null;
  /** TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE: the client's certificate and key (mTLS); both or neither. */
  certFile: string | null;
  keyFile: string | null;
  /** TEMPORAL_TLS_SERVER_NAME: the name the server's certificate is checked against; null: the host of the address. */
  serverName: string | null;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /**
   * WORKFLOW_BUNDLE_PATH: where the worker looks for the prebuilt workflow bundle and its .sha256 sidecar (and
   * saves one it had to build); null: dist/workflow-bundle.js. Used only when it matches the workflow sources.
   */
  workflowBundlePath: string | null;
  /** TEMPORAL_TLS=on; null: plaintext (the dev server, a frontend on a private network). */
  tls: TemporalTlsConfig | null;
  /** TEMPORAL_API_KEY: sent as `Authorization: Bearer …` on every call (e.g. Temporal Cloud); needs TLS. */
  apiKey: string | null;
}

const TLS_SWITCH: Record<string, boolean> = { on: true, true: true, off: false, false: false };
const TLS_SETTINGS = ['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'];
const TLS_FILES = ['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE'];

/** A setting's value, or null when absent or empty (compose passes `${X:-}` as an empty string). */
function setting(env: Record<string, unknown>, name: string): string | null {
  const value = env[name];
  return value === undefined || value === null || String(value) === '' ? null : String(value);
}

export const temporalConfig = registerAs('temporal', (): TemporalConfig => {
  const env = process.env;
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'regulations',
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH || null,
    tls: TLS_SWITCH[setting(env, 'TEMPORAL_TLS') ?? 'off']
      ? {
          caFile: setting(env, 'TEMPORAL_TLS_CA_FILE'),
          certFile: setting(env, 'TEMPORAL_TLS_CERT_FILE'),
          keyFile: setting(env, 'TEMPORAL_TLS_KEY_FILE'),
          serverName: setting(env, 'TEMPORAL_TLS_SERVER_NAME'),
        }
      : null,
    apiKey: setting(env, 'TEMPORAL_API_KEY'),
  };
});

/** What is wrong with the Temporal TLS and API-key settings, one sentence per problem naming the variable. */
export function temporalEnvProblems(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const tls = setting(env, 'TEMPORAL_TLS') ?? 'off';
  if (!Object.hasOwn(TLS_SWITCH, tls)) {
    problems.push('TEMPORAL_TLS must be on or off');
    return problems;
  }
  if (!TLS_SWITCH[tls]) {
    for (const name of TLS_SETTINGS) {
      if (setting(env, name) !== null) problems.push(`${name} is set but TEMPORAL_TLS is off: set TEMPORAL_TLS=on`);
    }
    return problems;
  }
  const cert = setting(env, 'TEMPORAL_TLS_CERT_FILE');
  const key = setting(env, 'TEMPORAL_TLS_KEY_FILE');
  if (cert !== null && key === null) problems.push('TEMPORAL_TLS_CERT_FILE is set without TEMPORAL_TLS_KEY_FILE: mTLS needs both');
  if (key !== null && cert === null) problems.push('TEMPORAL_TLS_KEY_FILE is set without TEMPORAL_TLS_CERT_FILE: mTLS needs both');
  for (const name of TLS_FILES) {
    const file = setting(env, name);
    if (file === null) continue;
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch {
      problems.push(`${name} names ${file}, which cannot be read`);
    }
  }
  const apiKey = setting(env, 'TEMPORAL_API_KEY');
  if (apiKey !== null && /\s/.test(apiKey)) problems.push('TEMPORAL_API_KEY must not contain whitespace');
  return problems;
}
