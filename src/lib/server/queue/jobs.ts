// Every queue and job of the service, declared once: queue names (one per resource class), job names and their
// payloads (ids and sample ranges, never scenes or images), and the job options each kind runs with.
import { z } from 'zod';

export const QUEUES = {
  /** GPU batch renders: whole renders, sample-range chunks of large ones, and the merges of those chunks. */
  render: 'clovers-render',
  /** Low-limit server previews for browsers without WebGPU; results live in Redis with a TTL. */
  preview: 'clovers-preview'
} as const;
export type QueueKey = keyof typeof QUEUES;

const id = z.string().min(1).max(128);
const count = z.number().int().nonnegative();

export const renderJobSchema = z.object({ renderId: id });
export const chunkJobSchema = z.object({
  renderId: id,
  index: count,
  /** Sample range [sampleOffset, sampleOffset + samples) of the render's one seed. */
  sampleOffset: count,
  samples: z.number().int().positive()
});
export const mergeJobSchema = z.object({ renderId: id, chunks: z.number().int().positive() });
export const previewJobSchema = z.object({ previewId: id });

export type RenderJob = z.infer<typeof renderJobSchema>;
export type ChunkJob = z.infer<typeof chunkJobSchema>;
export type MergeJob = z.infer<typeof mergeJobSchema>;
export type PreviewJob = z.infer<typeof previewJobSchema>;

/** Job name → payload, per queue. The worker's handler map is typed from this, so a missing handler is a compile error. */
export interface QueueJobs {
  render: { render: RenderJob; 'render-chunk': ChunkJob; 'render-merge': MergeJob };
  preview: { preview: PreviewJob };
}
export type JobName<Q extends QueueKey> = keyof QueueJobs[Q] & string;
export type JobPayload<Q extends QueueKey, N extends JobName<Q>> = QueueJobs[Q][N];

export const JOB_SCHEMAS: { [Q in QueueKey]: { [N in JobName<Q>]: z.ZodType<QueueJobs[Q][N]> } } = {
  render: { render: renderJobSchema, 'render-chunk': chunkJobSchema, 'render-merge': mergeJobSchema },
  preview: { preview: previewJobSchema }
};

/** Job ids derived from the render id, so a render is queued at most once at a time (BullMQ dedupes by id). */
export const jobIds = {
  render: (renderId: string) => `render-${renderId}`,
  chunk: (renderId: string, index: number) => `render-${renderId}-chunk-${index}`,
  preview: (previewId: string) => `preview-${previewId}`
};

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  return value;
}

/** Queue tuning from the environment (read when first needed, so tests can set it). */
export function queueSettings() {
  return {
    /** Renders with more samples than this are split into chunks of this many samples. */
    chunkSamples: envInt('RENDER_CHUNK_SAMPLES', 256),
    /** Attempts per job (first run included) before it fails for good. */
    attempts: envInt('RENDER_ATTEMPTS', 3),
    /** First retry delay; doubles each attempt. */
    backoffMs: envInt('RENDER_BACKOFF_MS', 2_000, 0)
  };
}
