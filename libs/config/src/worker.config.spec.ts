import { validateEnv } from './validate-env';
import { DEFAULT_MAX_CACHED_WORKFLOWS, workerConfig, workerEnvProblems } from './worker.config';

describe('the worker sticky cache setting', () => {
  it('accepts 0 (no cache), 2 and up, and absence or an empty value (the default)', () => {
    for (const env of [{}, { WORKER_MAX_CACHED_WORKFLOWS: '' }, { WORKER_MAX_CACHED_WORKFLOWS: '0' }, { WORKER_MAX_CACHED_WORKFLOWS: '2' }, { WORKER_MAX_CACHED_WORKFLOWS: '1000000' }]) {
      expect({ env, problems: workerEnvProblems(env) }).toEqual({ env, problems: [] });
    }
  });

  it('refuses 1 (the SDK would quietly make it 2), negatives, fractions, words and sizes beyond a million, naming the variable', () => {
    for (const value of ['1', '-5', '2.5', '1e4', 'ten', ' 100', '1000001']) {
      expect(workerEnvProblems({ WORKER_MAX_CACHED_WORKFLOWS: value })).toEqual([
        `WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or a whole number from 2 to 1,000,000, not "${value}"`,
      ]);
    }
  });

  it('stops the start through validateEnv', () => {
    expect(() => validateEnv({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(
      'invalid configuration: WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or a whole number from 2 to 1,000,000, not "1"',
    );
  });

  it('reads the size into the worker namespace, the default when unset', () => {
    const saved = process.env.WORKER_MAX_CACHED_WORKFLOWS;
    try {
      process.env.WORKER_MAX_CACHED_WORKFLOWS = '250';
      expect(workerConfig()).toEqual({ maxCachedWorkflows: 250 });
      process.env.WORKER_MAX_CACHED_WORKFLOWS = '0';
      expect(workerConfig()).toEqual({ maxCachedWorkflows: 0 });
      delete process.env.WORKER_MAX_CACHED_WORKFLOWS;
      expect(workerConfig()).toEqual({ maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS });
      process.env.WORKER_MAX_CACHED_WORKFLOWS = 'lots';
      expect(() => workerConfig()).toThrow('WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or a whole number from 2 to 1,000,000, not "lots"');
    } finally {
      if (saved === undefined) delete process.env.WORKER_MAX_CACHED_WORKFLOWS;
      else process.env.WORKER_MAX_CACHED_WORKFLOWS = saved;
    }
  });
});
