// The per-client limit on creating jobs (renders and previews), keyed by owner and by client address. The 429
// names the limit that was hit, so a client behind a busy NAT learns that dropping its cookie will not help.
import type { RequestEvent } from '@sveltejs/kit';
import { RateLimiter, type RateLimitResult } from '../auth/rate-limit.ts';
import type { Client } from '../auth/owner.ts';
import { config } from '../config.ts';
import { ApiError } from '../http/errors.ts';

let byOwnerLimiter: RateLimiter | undefined;
let byAddressLimiter: RateLimiter | undefined;

/** The caller's address ('unknown' where the platform cannot tell). */
export function clientAddress(event: RequestEvent): string {
  try {
    return event.getClientAddress();
  } catch {
    return 'unknown';
  }
}

function refuse(result: RateLimitResult, limit: string): never {
  throw new ApiError(429, `too many jobs: at most ${limit}; retry in ${result.retryAfterS} s`, undefined, {
    'retry-after': String(result.retryAfterS)
  });
}

export function limitJobCreation(event: RequestEvent, client: Client): void {
  if (client.isAdmin) return;
  const { rateLimitPerMinute: perOwner, rateLimitPerAddressPerMinute: perAddress } = config();
  byOwnerLimiter ??= new RateLimiter(perOwner, perOwner);
  byAddressLimiter ??= new RateLimiter(perAddress, perAddress);
  const byOwner = byOwnerLimiter.take([`owner:${client.owner}`]);
  if (!byOwner.ok) refuse(byOwner, `${perOwner} per minute per client`);
  // Dropping the cookie makes a new owner, so the client address is limited too (more loosely: a NAT).
  const byAddress = byAddressLimiter.take([`ip:${clientAddress(event)}`]);
  if (!byAddress.ok) refuse(byAddress, `${perAddress} per minute per client address (shared by every client behind it)`);
}

/** Tests change RATE_LIMIT_PER_MINUTE between suites. */
export function resetRateLimitsForTests(): void {
  byOwnerLimiter = undefined;
  byAddressLimiter = undefined;
}
