// Service events: the one typed union every producer (API, workers) publishes on one Redis pub/sub channel and
// the SSE fan-out forwards to browsers. Payloads are small facts with ids; clients fetch details over the API.
import { z } from 'zod';

/** The Redis pub/sub channel that carries every ServiceEvent as JSON. */
export const EVENTS_CHANNEL = 'clovers:events';

const renderId = z.string().min(1).max(128);

export const serviceEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('render.queued'), renderId }),
  z.object({
    type: z.literal('render.started'),
    renderId,
    workerId: z.string(),
    adapter: z.string(),
    /** Samples already in the film when this attempt started (resumed from a checkpoint). */
    resumedFrom: z.number().int().nonnegative()
  }),
  z.object({
    type: z.literal('render.progress'),
    renderId,
    samplesDone: z.number().int().nonnegative(),
    samplesTotal: z.number().int().nonnegative(),
    /** Pixel samples per second. */
    rate: z.number().nonnegative(),
    /** Estimated time to completion; null when unknown. */
    etaMs: z.number().nonnegative().nullable()
  }),
  z.object({ type: z.literal('render.done'), renderId }),
  z.object({
    type: z.literal('render.failed'),
    renderId,
    error: z.string(),
    /** Attempts made so far; the job is retried when willRetry. */
    attempts: z.number().int().nonnegative(),
    willRetry: z.boolean()
  }),
  z.object({ type: z.literal('render.cancelled'), renderId }),
  z.object({ type: z.literal('preview.ready'), previewId: z.string().min(1).max(128) })
]);

export type ServiceEvent = z.infer<typeof serviceEventSchema>;
export type ServiceEventType = ServiceEvent['type'];
export type RenderEvent = Extract<ServiceEvent, { renderId: string }>;

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
