/** The per-client token buckets (a burst up to the limit, then the steady rate, each client on its own) and the stream cap. */
import type { AuthConfig } from './auth.config';
import { RateLimitedError } from './auth.errors';
import { CommandRateLimiter, ReadRateLimiter, StreamSlots } from './rate-limits';

const limiter = (limit: number, windowSeconds: number) => new CommandRateLimiter({ commandRateLimit: limit, commandRateWindowSeconds: windowSeconds } as AuthConfig);

function refusal(take: () => void): RateLimitedError | null {
  try {
    take();
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

it('allows a burst of `limit` commands, then refuses with the seconds until the next one', () => {
  const bucket = limiter(3, 60);
  for (let i = 0; i < 3; i += 1) expect(refusal(() => bucket.take('a', 1_000))).toBeNull();
  const refused = refusal(() => bucket.take('a', 1_000));
  expect(refused?.getStatus()).toBe(429);
  expect(refused?.headers['Retry-After']).toBe('20');
  expect(refusal(() => bucket.take('b', 1_000))).toBeNull();
});

it('refills continuously: one command every window / limit', () => {
  const bucket = limiter(2, 10);
  bucket.take('a', 0);
  bucket.take('a', 0);
  expect(refusal(() => bucket.take('a', 4_000))).not.toBeNull();
  expect(refusal(() => bucket.take('a', 5_000))).toBeNull();
  expect(refusal(() => bucket.take('a', 5_000))?.headers['Retry-After']).toBe('5');
  expect(refusal(() => bucket.take('a', 60_000))).toBeNull();
});

it('counts reads in their own bucket, with their own limit', () => {
  const reads = new ReadRateLimiter({ readRateLimit: 2, readRateWindowSeconds: 30 } as AuthConfig);
  reads.take('a', 0);
  reads.take('a', 0);
  const refused = refusal(() => reads.take('a', 0));
  expect({ status: refused?.getStatus(), retryAfter: refused?.headers['Retry-After'], message: refused?.message }).toEqual({
    status: 429,
    retryAfter: '15',
    message: 'at most 2 reads per 30 s per client; retry after 15 s',
  });
});

it('caps the streams a client holds open, and frees a slot once, when its stream ends', () => {
  const slots = new StreamSlots({ streamsPerClient: 2 } as AuthConfig);
  const first = slots.acquire('a');
  slots.acquire('a');
  expect(refusal(() => slots.acquire('a'))?.getStatus()).toBe(429);
  expect(refusal(() => slots.acquire('b'))).toBeNull();
  first();
  first();
  expect(refusal(() => slots.acquire('a'))).toBeNull();
  expect(refusal(() => slots.acquire('a'))?.headers['Retry-After']).toBe('30');
});
