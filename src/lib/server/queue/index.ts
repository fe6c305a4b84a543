// Queue producers used by the API: enqueue a render (split into sample-range chunks above a threshold),
// request its cancellation, enqueue and read server previews. One Redis connection and one Queue per resource
// class per process, created on first use.
import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { publishEvent } from '../events/channels.ts';
import { createRedis } from './connection.ts';
import { QUEUES, jobIds, queueSettings, type ChunkJob, type QueueKey } from './jobs.ts';
import { CANCEL_CHANNEL, CANCEL_FLAG_TTL_S, redisKeys } from './keys.ts';
import { previewOptionsSchema } from '../../render-options.ts';
import {
  PREVIEW_REQUEST_TTL_S,
  previewVisibleTo,
  readPreview,
  readPreviewOwner,
  writePreviewState,
  type PreviewRequest,
  type PreviewState
} from './preview.ts';

export { QUEUES, type QueueJobs } from './jobs.ts';
export { previewVisibleTo, type PreviewRequest, type PreviewState } from './preview.ts';

interface Producers {
  readonly redis: Redis;
  readonly queues: { readonly [Q in QueueKey]: Queue };
  readonly flows: FlowProducer;
}

let producers: Producers | undefined;

function getProducers(): Producers {
  if (!producers) {
    const redis = createRedis('producer');
    producers = {
      redis,
      queues: {
        render: new Queue(QUEUES.render, { connection: redis }),
        preview: new Queue(QUEUES.preview, { connection: redis })
      },
      flows: new FlowProducer({ connection: redis })
    };
  }
  return producers;
}

/** The producers' Redis connection (also used to publish events from the API process). */
export function queueRedis(): Redis {
  return getProducers().redis;
}

/** Closes this process's queue connections (server shutdown, tests). */
export async function closeQueues(): Promise<void> {
  const p = producers;
  producers = undefined;
  if (!p) return;
  await Promise.all([p.queues.render.close(), p.queues.preview.close(), p.flows.close()]);
  p.redis.disconnect();
}

function renderJobOptions(): JobsOptions {
  const { attempts, backoffMs } = queueSettings();
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 }
  };
}

/** Sample ranges of one seed: [offset, offset + samples) for each chunk. */
export function planChunks(samples: number, chunkSamples: number): Pick<ChunkJob, 'index' | 'sampleOffset' | 'samples'>[] {
  if (samples <= chunkSamples) return [];
  const chunks: Pick<ChunkJob, 'index' | 'sampleOffset' | 'samples'>[] = [];
  for (let offset = 0; offset < samples; offset += chunkSamples) {
    chunks.push({ index: chunks.length, sampleOffset: offset, samples: Math.min(chunkSamples, samples - offset) });
  }
  return chunks;
}

const FINISHED_STATES = new Set(['completed', 'failed']);

/**
 * Queues a render that exists in the database (status queued). Renders above RENDER_CHUNK_SAMPLES become a flow:
 * one chunk job per sample range (any worker takes them) under a merge job that runs once all are done.
 * Queuing a render that is already queued or running changes nothing; a finished or failed one (retry) is
 * queued afresh. Publishes 'render.queued'.
 */
export async function enqueueRender(renderId: string, opts: { samples: number; chunkSamples?: number }): Promise<void> {
  const { redis, queues, flows } = getProducers();
  await redis.del(redisKeys.cancelled(renderId), redisKeys.chunkProgress(renderId));
  const jobId = jobIds.render(renderId);
  const existing = await queues.render.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (!FINISHED_STATES.has(state)) return;
    await existing.remove({ removeChildren: true });
  }
  const options = renderJobOptions();
  const chunks = planChunks(opts.samples, opts.chunkSamples ?? queueSettings().chunkSamples);
  if (chunks.length === 0) {
    await queues.render.add('render', { renderId }, { ...options, jobId });
  } else {
    await flows.add({
      name: 'render-merge',
      queueName: QUEUES.render,
      data: { renderId, chunks: chunks.length },
      opts: { ...options, jobId },
      children: chunks.map((chunk) => ({
        name: 'render-chunk',
        queueName: QUEUES.render,
        data: { renderId, ...chunk },
        // A chunk that fails for good fails the whole render (its merge job fails with it).
        opts: { ...options, jobId: jobIds.chunk(renderId, chunk.index), failParentOnFailure: true }
      }))
    });
  }
  await publishEvent(redis, { type: 'render.queued', renderId });
}

/**
 * Stops a render wherever it is: a flag that workers check before starting and before completing, and a
 * pub/sub signal that aborts a render in progress at its next dispatch (well within a second).
 * The caller marks the render cancelled in the database.
 */
export async function requestCancel(renderId: string): Promise<void> {
  const { redis } = getProducers();
  await redis.set(redisKeys.cancelled(renderId), '1', 'EX', CANCEL_FLAG_TTL_S);
  await redis.publish(CANCEL_CHANNEL, renderId);
}

/** Queues a server preview; its state is readable with getPreview until it expires. */
export async function enqueuePreview(request: PreviewRequest): Promise<string> {
  const options = previewOptionsSchema.parse(request.options);
  const { redis, queues } = getProducers();
  const previewId = randomUUID();
  await redis.set(redisKeys.previewRequest(previewId), JSON.stringify({ scene: request.scene, options, owner: request.owner }), 'EX', PREVIEW_REQUEST_TTL_S);
  await writePreviewState(redis, previewId, request.owner, { status: 'queued' }, PREVIEW_REQUEST_TTL_S);
  await queues.preview.add(
    'preview',
    { previewId },
    { jobId: jobIds.preview(previewId), attempts: 2, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: true, removeOnFail: { age: 3600 } }
  );
  return previewId;
}

/** A preview's state (with the PNG once done), or null when unknown or expired. */
export async function getPreview(previewId: string): Promise<PreviewState | null> {
  return readPreview(getProducers().redis, previewId);
}

/** The preview as `client` may see it: null when unknown, expired or another owner's (indistinguishable). */
export async function getPreviewFor(client: { readonly owner: string; readonly isAdmin: boolean }, previewId: string): Promise<PreviewState | null> {
  const state = await getPreview(previewId);
  return state !== null && previewVisibleTo(client, state.owner) ? state : null;
}

/** Who asked for a preview (see readPreviewOwner), without reading its image. */
export async function getPreviewOwner(previewId: string): Promise<string | null> {
  return (await readPreviewOwner(getProducers().redis, previewId)) ?? null;
}
