/** Start-up validation of the environment: a wrong setting stops the process with a clear message. */
import { temporalEnvProblems } from './temporal.config';
import { workerEnvProblems } from './worker.config';

export function validateEnv(env: Record<string, unknown>): Record<string, unknown> {
  const problems: string[] = [];
  const url = env.DATABASE_URL;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(String(url))) problems.push('DATABASE_URL must be a postgres:// URL');
  const address = env.TEMPORAL_ADDRESS;
  if (address !== undefined && !/^[\w.-]+:\d+$/.test(String(address))) problems.push('TEMPORAL_ADDRESS must be host:port');
  problems.push(...temporalEnvProblems(env));
  problems.push(...workerEnvProblems(env));
  const port = env.PORT;
  if (port !== undefined && !/^\d+$/.test(String(port))) problems.push('PORT must be a number');
  if (problems.length > 0) throw new Error(`invalid configuration: ${problems.join('; ')}`);
  return env;
}
