// Redis connections for the queue. BullMQ needs maxRetriesPerRequest: null (commands wait through a Redis
// restart instead of failing); ioredis reconnects on its own and re-subscribes subscribers.
import { Redis } from 'ioredis';
import { config } from '../config.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function redisUrl(): string {
  return config().redisUrl ?? DEFAULT_REDIS_URL;
}

/** A new connection; `name` shows in CLIENT LIST. */
export function createRedis(name: string, url = redisUrl()): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: `clovers-${name}`,
    // Reconnect quickly and keep trying: a Redis restart must not end a long render.
    retryStrategy: (times) => Math.min(100 * times, 2_000)
  });
  // Connection errors repeat on every reconnect attempt: say it once per outage, not hundreds of times.
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    console.error(`redis (${name}): ${err.message}; reconnecting`);
  });
  client.on('ready', () => {
    down = false;
  });
  return client;
}
