// Service events: the one typed union every producer (API, workers) publishes on one Redis pub/sub channel and
// the SSE fan-out forwards to browsers. Payloads are small facts with ids; clients fetch details over the API.
// The union itself is shared with browsers (the editor's SSE client), so it lives with the API schemas.
import { serviceEventSchema, type ServiceEvent } from '../../api/events.ts';

/** The Redis pub/sub channel that carries every ServiceEvent as JSON. */
export const EVENTS_CHANNEL = 'clovers:events';

export { serviceEventSchema, type RenderEvent, type ServiceEvent, type ServiceEventType } from '../../api/events.ts';

/** Anything that can PUBLISH (an ioredis client or a test double). */
export interface EventPublisher {
  publish(channel: string, message: string): Promise<number>;
}

export async function publishEvent(redis: EventPublisher, event: ServiceEvent): Promise<void> {
  await redis.publish(EVENTS_CHANNEL, JSON.stringify(event));
}

/** A message read from EVENTS_CHANNEL, or null when it is not a valid event (never throws). */
export function parseServiceEvent(message: string): ServiceEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = serviceEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
