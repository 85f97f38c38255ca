import { workerMetricsPort } from './worker-metrics.server';

describe('WORKER_METRICS_PORT', () => {
  it('is off when unset or empty', () => {
    expect(workerMetricsPort(undefined)).toBeNull();
    expect(workerMetricsPort('')).toBeNull();
  });

  it('takes a port number', () => {
    expect(workerMetricsPort('9464')).toBe(9464);
  });

  it.each(['0', '65536', '94.5', 'metrics', '-1'])('refuses %s, naming the variable', (value) => {
    expect(() => workerMetricsPort(value)).toThrow(`WORKER_METRICS_PORT must be a port number from 1 to 65535, not "${value}"`);
  });
});
