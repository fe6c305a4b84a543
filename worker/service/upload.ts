// Uploads that outlast a short storage outage: each put is retried with exponential backoff (capped at 5 s)
// before the job attempt fails (and BullMQ's own retries take over).
import type { ObjectStore } from '../../src/lib/server/storage/index.ts';

export interface RetryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly onRetry?: (key: string, attempt: number, error: Error) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function putWithRetry(
  store: ObjectStore,
  key: string,
  body: Uint8Array,
  contentType: string,
  policy: RetryPolicy
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.put(key, body, contentType);
      return;
    } catch (error) {
      if (attempt >= policy.attempts) throw new Error(`storage: cannot write ${key}: ${(error as Error).message}`, { cause: error });
      policy.onRetry?.(key, attempt, error as Error);
      await sleep(Math.min(5_000, policy.backoffMs * 2 ** (attempt - 1)));
    }
  }
}
