// The per-client limit on creating jobs (renders and previews), keyed by owner and by client address.
import type { RequestEvent } from '@sveltejs/kit';
import { RateLimiter } from '../auth/rate-limit.ts';
import type { Client } from '../auth/owner.ts';
import { config } from '../config.ts';
import { ApiError } from '../http/errors.ts';

let limiter: RateLimiter | undefined;

function clientAddress(event: RequestEvent): string {
  try {
    return event.getClientAddress();
  } catch {
    return 'unknown';
  }
}

export function limitJobCreation(event: RequestEvent, client: Client): void {
  if (client.isAdmin) return;
  const { rateLimitPerMinute: perMinute, rateLimitPerAddressPerMinute: perAddress } = config();
  limiter ??= new RateLimiter(perMinute, perMinute);
  // Dropping the cookie makes a new owner, so the client address is limited too (more loosely: a NAT).
  const byOwner = limiter.take([`owner:${client.owner}`]);
  const byAddress = byOwner.ok ? addressLimiter(perAddress).take([`ip:${clientAddress(event)}`]) : byOwner;
  const result = byOwner.ok ? byAddress : byOwner;
  if (!result.ok) {
    throw new ApiError(429, `too many jobs: at most ${perMinute} per minute per client; retry in ${result.retryAfterS} s`, undefined, {
      'retry-after': String(result.retryAfterS)
    });
  }
}

let byAddressLimiter: RateLimiter | undefined;
function addressLimiter(perMinute: number): RateLimiter {
  byAddressLimiter ??= new RateLimiter(perMinute, perMinute);
  return byAddressLimiter;
}

/** Tests change RATE_LIMIT_PER_MINUTE between suites. */
export function resetRateLimitsForTests(): void {
  limiter = undefined;
  byAddressLimiter = undefined;
}
