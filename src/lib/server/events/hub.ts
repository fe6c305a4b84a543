// SSE fan-out: ONE Redis subscriber per server process receives every ServiceEvent and hands it to the
// connected clients' listeners in memory. No per-client Redis connection and no polling (the reference polled
// Redis and Postgres every second per socket).
import type { Redis } from 'ioredis';
import { createRedis } from '../queue/connection.ts';
import { EVENTS_CHANNEL, parseServiceEvent, type ServiceEvent } from './channels.ts';

export type EventListener = (event: ServiceEvent) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private subscriber: Redis | undefined;
  private subscribed: Promise<void> | undefined;

  constructor(private readonly connect: () => Redis = () => createRedis('events')) {}

  /** Adds a listener; the subscriber connects on first use. Returns the unsubscribe function. */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    void this.start().catch((err: unknown) => console.error('event hub:', (err as Error).message));
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Resolves once the Redis subscription is active (tests wait on it before publishing). */
  start(): Promise<void> {
    if (!this.subscribed) {
      const redis = this.connect();
      this.subscriber = redis;
      redis.on('error', () => undefined); // reconnects on its own; `ready` resubscribes
      redis.on('message', (channel: string, message: string) => {
        if (channel !== EVENTS_CHANNEL) return;
        const event = parseServiceEvent(message);
        if (event) this.dispatch(event);
      });
      this.subscribed = redis.subscribe(EVENTS_CHANNEL).then(() => undefined);
      this.subscribed.catch(() => {
        this.subscribed = undefined;
        redis.disconnect();
      });
    }
    return this.subscribed;
  }

  dispatch(event: ServiceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('event listener:', (err as Error).message);
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const redis = this.subscriber;
    this.subscriber = undefined;
    this.subscribed = undefined;
    if (redis) redis.disconnect();
  }
}

const KEY = Symbol.for('clovers.eventHub');
type Holder = { [KEY]?: EventHub };

/** The process's hub (shared by every SSE stream of this process). */
export function eventHub(): EventHub {
  const holder = globalThis as Holder;
  holder[KEY] ??= new EventHub();
  return holder[KEY];
}

export async function closeEventHub(): Promise<void> {
  const holder = globalThis as Holder;
  const hub = holder[KEY];
  delete holder[KEY];
  await hub?.close();
}
