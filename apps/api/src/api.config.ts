/** HTTP settings of the api, read from the environment once and validated at start-up. */
import { registerAs } from '@nestjs/config';
import { validateEnv } from '@app/config';
import { authEnvProblems } from './auth/auth.config';
import { webAuthEnvProblems } from './auth/web-auth.config';

export interface ApiConfig {
  port: number;
  host: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** How long a command may wait for its Temporal Update before the api answers 504. */
  commandTimeoutMs: number;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const apiConfig = registerAs(
  'api',
  (): ApiConfig => ({
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '0.0.0.0',
    bodyLimit: Number(process.env.API_BODY_LIMIT_BYTES ?? 1_048_576),
    commandTimeoutMs: Number(process.env.API_COMMAND_TIMEOUT_MS ?? 30_000),
    logLevel: process.env.LOG_LEVEL ?? 'info',
  }),
);

/** The shared validation of @app/config plus the api's own settings; a wrong setting stops the start. */
export function validateApiEnv(env: Record<string, unknown>): Record<string, unknown> {
  validateEnv(env);
  const problems: string[] = [...authEnvProblems(env), ...webAuthEnvProblems(env)];
  const positiveInt = (name: string) => {
    const value = env[name];
    if (value !== undefined && !/^[1-9]\d*$/.test(String(value))) problems.push(`${name} must be a positive integer`);
  };
  positiveInt('API_BODY_LIMIT_BYTES');
  positiveInt('API_COMMAND_TIMEOUT_MS');
  if (env.LOG_LEVEL !== undefined && !LOG_LEVELS.includes(String(env.LOG_LEVEL))) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`invalid configuration: ${problems.join('; ')}`);
  return env;
}
