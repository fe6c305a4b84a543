// Cancellation across processes: the API publishes a render id on CANCEL_CHANNEL; each worker process keeps one
// subscriber and aborts every job of that render it is running. The renderer checks its signal between
// dispatches (≤ ~100 ms), so a cancel lands well within a second. A flag in Redis covers jobs not yet started.
import type { Redis } from 'ioredis';
import { CANCEL_CHANNEL, redisKeys } from '../../src/lib/server/queue/keys.ts';

export class CancelWatcher {
  private readonly active = new Map<string, Set<AbortController>>();

  private constructor(private readonly subscriber: Redis) {
    subscriber.on('message', (channel: string, renderId: string) => {
      if (channel === CANCEL_CHANNEL) this.abort(renderId);
    });
  }

  /** Subscribes (the connection becomes subscriber-only; ioredis re-subscribes after a reconnect). */
  static async start(subscriber: Redis): Promise<CancelWatcher> {
    const watcher = new CancelWatcher(subscriber);
    await subscriber.subscribe(CANCEL_CHANNEL);
    return watcher;
  }

  /** A signal aborted when the render is cancelled; call release when the job ends. */
  track(renderId: string): { signal: AbortSignal; release(): void } {
    const controller = new AbortController();
    let set = this.active.get(renderId);
    if (!set) this.active.set(renderId, (set = new Set()));
    set.add(controller);
    return {
      signal: controller.signal,
      release: () => {
        set.delete(controller);
        if (set.size === 0 && this.active.get(renderId) === set) this.active.delete(renderId);
      }
    };
  }

  abort(renderId: string): void {
    for (const controller of this.active.get(renderId) ?? []) controller.abort(new Error('cancelled'));
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

export async function isCancelled(redis: Redis, renderId: string): Promise<boolean> {
  return (await redis.exists(redisKeys.cancelled(renderId))) === 1;
}
