/**
 * Per-client rates, keyed by token subject: a token bucket for commands and a separate, more generous one for reads
 * (views, lists, inbox, reports, exports, stream openings), each holding `limit` requests and refilling at
 * limit / window, so a client may burst up to the limit and then goes at the steady rate; and a cap on the inbox
 * streams one client holds open. In memory: one api process; behind several replicas each counts its own share.
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

/** What a client refused an extra stream is told to wait before it retries (streams end at token expiry, or when closed). */
const STREAM_RETRY_AFTER_SECONDS = 30;

class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly what: 'commands' | 'reads',
  ) {
    this.perMs = limit / (windowSeconds * 1000);
  }

  /** Takes one request from the client's bucket, or refuses with 429 and the seconds until one is back. */
  take(client: string, now = Date.now()): void {
    const bucket = this.buckets.get(client) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(client, bucket);
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
      throw new RateLimitedError(retryAfterSeconds, `at most ${this.limit} ${this.what} per ${this.windowSeconds} s per client`, {
        limit: this.limit,
        windowSeconds: this.windowSeconds,
      });
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

@Injectable()
export class CommandRateLimiter extends TokenBuckets {
  constructor(@Inject(authConfig.KEY) config: AuthConfig) {
    super(config.commandRateLimit, config.commandRateWindowSeconds, 'commands');
  }
}

@Injectable()
export class ReadRateLimiter extends TokenBuckets {
  constructor(@Inject(authConfig.KEY) config: AuthConfig) {
    super(config.readRateLimit, config.readRateWindowSeconds, 'reads');
  }
}

/** Open streams per client, capped. */
@Injectable()
export class StreamSlots {
  private readonly open = new Map<string, number>();
  private readonly limit: number;

  constructor(@Inject(authConfig.KEY) config: AuthConfig) {
    this.limit = config.streamsPerClient;
  }

  /** Takes a slot for the client's new stream, or refuses with 429; call the returned function once the stream ends. */
  acquire(client: string): () => void {
    const count = this.open.get(client) ?? 0;
    if (count >= this.limit) {
      throw new RateLimitedError(STREAM_RETRY_AFTER_SECONDS, `at most ${this.limit} open streams per client`, { streams: this.limit });
    }
    this.open.set(client, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(client) ?? 1) - 1;
      if (left === 0) this.open.delete(client);
      else this.open.set(client, left);
    };
  }
}
