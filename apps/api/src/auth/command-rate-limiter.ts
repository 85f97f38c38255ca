/**
 * Per-client command rate: a token bucket per token subject holding `limit` commands and refilling at
 * limit / window, so a client may burst up to the limit and then goes at the steady rate. In memory: one api
 * process; behind several replicas each counts its own share.
 */
import { Inject, Injectable } from '@nestjs/common';
import { AuthConfig, authConfig } from './auth.config';
import { RateLimitedError } from './auth.errors';

interface Bucket {
  tokens: number;
  at: number;
}

/** Past this many clients, buckets that have refilled completely are dropped (they equal a new bucket). */
const PRUNE_ABOVE = 10_000;

@Injectable()
export class CommandRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limit: number;
  private readonly windowSeconds: number;
  private readonly perMs: number;

  constructor(@Inject(authConfig.KEY) config: AuthConfig) {
    this.limit = config.commandRateLimit;
    this.windowSeconds = config.commandRateWindowSeconds;
    this.perMs = config.commandRateLimit / (config.commandRateWindowSeconds * 1000);
  }

  /** Takes one command from the client's bucket, or refuses with 429 and the seconds until one is back. */
  take(client: string, now = Date.now()): void {
    const bucket = this.buckets.get(client) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(client, bucket);
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)), this.limit, this.windowSeconds);
    }
    bucket.tokens -= 1;
    this.buckets.set(client, bucket);
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
  }

  private prune(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.limit) this.buckets.delete(client);
    }
  }
}
