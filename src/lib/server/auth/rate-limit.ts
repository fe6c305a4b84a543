// Per-client limit on job creation: a token bucket per key (owner id, and client address so that dropping the
// cookie does not reset the limit). In memory, per web process.
export interface RateLimitResult {
  readonly ok: boolean;
  /** Seconds until the next request would be allowed (0 when ok). */
  readonly retryAfterS: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** `capacity` requests at once, refilled at `perMinute` per minute. */
  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now
  ) {}

  /** Takes one token from every key's bucket, or none when any is empty. */
  take(keys: readonly string[]): RateLimitResult {
    const t = this.now();
    const refillPerMs = this.perMinute / 60_000;
    const buckets = keys.map((key) => {
      let b = this.buckets.get(key);
      if (!b) {
        b = { tokens: this.capacity, updatedMs: t };
        this.buckets.set(key, b);
      }
      b.tokens = Math.min(this.capacity, b.tokens + (t - b.updatedMs) * refillPerMs);
      b.updatedMs = t;
      return b;
    });
    const empty = buckets.filter((b) => b.tokens < 1);
    if (empty.length > 0) {
      const waitMs = Math.max(...empty.map((b) => (1 - b.tokens) / refillPerMs));
      return { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    for (const b of buckets) b.tokens -= 1;
    this.prune(t);
    return { ok: true, retryAfterS: 0 };
  }

  /** Full buckets carry no information: drop them so the map stays small. */
  private prune(t: number): void {
    if (this.buckets.size < 10_000) return;
    const fullAfterMs = (this.capacity * 60_000) / this.perMinute;
    for (const [key, b] of this.buckets) if (t - b.updatedMs > fullAfterMs) this.buckets.delete(key);
  }
}
