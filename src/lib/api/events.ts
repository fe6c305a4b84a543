// Events of the service as GET /api/events sends them (`event: <type>`, `data: <JSON>`): one typed union shared
// by the producers (API, workers, via Redis) and the browser's SSE client. Payloads are small facts with ids;
// clients fetch details over the API.
import { z } from 'zod';

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
