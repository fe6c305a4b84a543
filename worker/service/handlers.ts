// The job handlers, one per job name of every queue, in one typed map: a job name without a handler (or a
// handler for a payload that does not exist) is a compile error.
import { UnrecoverableError } from 'bullmq';
import type { RenderProgress, RenderResult } from '../../gpu/host/render/types.ts';
import { toRenderOptions } from '../../src/lib/render-options.ts';
import type { Render } from '../../src/lib/server/db/renders.ts';
import { publishEvent } from '../../src/lib/server/events/channels.ts';
import type { JobName, QueueJobs, QueueKey } from '../../src/lib/server/queue/jobs.ts';
import { redisKeys } from '../../src/lib/server/queue/keys.ts';
import { renderKeys, makeThumbnail } from '../../src/lib/server/storage/index.ts';
import { renderToExr, renderToPng } from '../image/render-images.ts';
import { isCancelled } from './cancel.ts';
import type { JobOutcome, JobRef, WorkerContext } from './context.ts';
import { decodeFilm, encodeFilm, filmFromResult, mergeFilms, type Film } from './film.ts';
import { runPreview } from './preview-job.ts';
import { loadRenderScene, renderRange, uploadAndComplete } from './render-job.ts';
import { mergeAovs } from './render-aovs.ts';
import { putWithRetry } from './upload.ts';
import { CONTENT_TYPES } from '../../src/lib/server/storage/index.ts';
import { chunkKeys, discardLeftovers } from './leftovers.ts';

export type Handler<P> = (ctx: WorkerContext, job: JobRef, data: P) => Promise<JobOutcome>;
export type HandlerMap = { [Q in QueueKey]: { [N in JobName<Q>]: Handler<QueueJobs[Q][N]> } };

/** The render if it is still to be rendered; otherwise why not (deleted, finished, cancelled). */
async function loadRunnable(ctx: WorkerContext, renderId: string): Promise<Render | string> {
  if (await isCancelled(ctx.redis, renderId)) return 'cancelled';
  const render = await ctx.renders.getRender(renderId);
  if (!render) return 'deleted';
  if (render.status !== 'queued' && render.status !== 'running') return render.status;
  return render;
}

/** Claims the render; `warnings` (the loaded scene's) are recorded with it when given. */
async function start(ctx: WorkerContext, render: Render, resumedFrom = 0, warnings?: readonly string[]): Promise<boolean> {
  const claimed = await ctx.renders.markRunning(render.id, { workerId: ctx.workerId, adapter: ctx.gpu.adapterName, warnings });
  if (!claimed) return false;
  await publishEvent(ctx.redis, { type: 'render.started', renderId: render.id, workerId: ctx.workerId, adapter: ctx.gpu.adapterName, resumedFrom });
  return true;
}

async function reportProgress(ctx: WorkerContext, renderId: string, p: { samplesDone: number; samplesTotal: number; rate: number; etaMs: number }) {
  const etaMs = Number.isFinite(p.etaMs) ? Math.max(0, p.etaMs) : null;
  const running = await ctx.renders.updateProgress(renderId, { ...p, etaMs });
  // The row left 'running' (cancelled or deleted through the API): stop even if the signal was missed.
  if (!running) ctx.cancels.abort(renderId);
  else await publishEvent(ctx.redis, { type: 'render.progress', renderId, samplesDone: p.samplesDone, samplesTotal: p.samplesTotal, rate: p.rate, etaMs });
}

/**
 * Encoding blocks the event loop (measured ~0.6 s per megapixel for PNG and EXR together on a CPU core), so
 * BullMQ cannot renew the job's lock meanwhile: it is renewed first for a generous estimate of the time, so
 * that even an 8192² image is not taken for a dead worker's job.
 */
const ENCODE_LOCK_MS_PER_MEGAPIXEL = 2_000;

async function encodeImages(ctx: WorkerContext, job: JobRef, render: Render, result: RenderResult) {
  const megapixels = (result.width * result.height) / 1e6;
  await job.extendLock(ctx.settings.lockMs + megapixels * ENCODE_LOCK_MS_PER_MEGAPIXEL).catch((err: Error) => ctx.log(`render ${render.id}: lock renewal failed: ${err.message}`));
  const record = { scene: `render ${render.id}`, options: toRenderOptions(render.options), result, date: new Date() };
  const png = new Uint8Array(renderToPng(record));
  return { png, thumb: await makeThumbnail(png), exr: new Uint8Array(renderToExr(record)) };
}

/** Runs `body` with a signal aborted when the render is cancelled. */
async function withCancel<T>(ctx: WorkerContext, renderId: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const tracked = ctx.cancels.track(renderId);
  try {
    return await body(tracked.signal);
  } finally {
    tracked.release();
  }
}

/**
 * Leaves storage as the render's row says once a job of it ends, whatever the job's outcome: a delete or a cancel
 * can come at any moment of it, and another job may have failed the render meanwhile. Checked after the job, on
 * the row as it is then (a completion that lost to a cancel finds a cancelled row, or none):
 * - no row (deleted through the API, or removed after its enqueue failed): the job ends as a no-op, never as an
 *   error that would retry it, and takes along everything under the render's prefix (checkpoints, chunk films,
 *   images that landed after the API emptied it);
 * - an ended render: what it no longer needs goes (leftovers.ts), e.g. after a merge re-run on a done render.
 * A job that fails leaves the cleanup to the final-failure bookkeeping (service-worker.ts), as retries need it.
 */
function settleStorage<P extends { renderId: string }>(handler: Handler<P>): Handler<P> {
  return async (ctx, job, data) => {
    let outcome: JobOutcome;
    try {
      outcome = await handler(ctx, job, data);
    } catch (error) {
      const gone = await ctx.renders.getRender(data.renderId).then((render) => render === null, () => false);
      if (!gone) throw error;
      return drop(ctx, data.renderId);
    }
    const render = await ctx.renders.getRender(data.renderId);
    if (render === null) return drop(ctx, data.renderId);
    await discardLeftovers(ctx, data.renderId);
    return outcome;
  };
}

async function drop(ctx: WorkerContext, renderId: string): Promise<JobOutcome> {
  await discardLeftovers(ctx, renderId);
  return { outcome: 'skipped', reason: 'deleted' };
}

export const handlers: HandlerMap = {
  render: {
    /** A whole render on this worker. */
    render: settleStorage(async (ctx, job, { renderId }) => {
      const render = await loadRunnable(ctx, renderId);
      if (typeof render === 'string') return { outcome: 'skipped', reason: render };
      const scene = await loadRenderScene(ctx, render);
      const keys = renderKeys(renderId);
      return withCancel(ctx, renderId, async (cancel) => {
        const outcome = await renderRange(ctx, job, render, scene, {
          sampleOffset: 0,
          samples: render.samplesTotal,
          checkpointKey: keys.checkpoint,
          onStart: (resumedFrom) => start(ctx, render, resumedFrom, scene.warnings),
          onProgress: (p) => reportProgress(ctx, renderId, { samplesDone: p.samplesDone, samplesTotal: p.samplesTotal, rate: p.pixelSamplesPerSecond, etaMs: p.etaMs }),
          withAov: true
        }, cancel);
        if (outcome.kind === 'not-runnable') return { outcome: 'skipped', reason: 'no longer runnable' };
        if (outcome.kind === 'cancelled' || (await isCancelled(ctx.redis, renderId))) return { outcome: 'cancelled' };
        const completed = await uploadAndComplete(ctx, render, keys, await encodeImages(ctx, job, render, outcome.result), outcome.result);
        // Not completed: cancelled or deleted meanwhile; settleStorage removes the images.
        if (!completed) return { outcome: 'skipped', reason: 'no longer runnable' };
        return { outcome: 'done', samples: outcome.result.samples };
      });
    }),

    /** One sample range of a chunked render; its film goes to storage for the merge job. */
    'render-chunk': settleStorage(async (ctx, job, chunk) => {
      const { renderId } = chunk;
      const render = await loadRunnable(ctx, renderId);
      if (typeof render === 'string') return { outcome: 'skipped', reason: render };
      const keys = chunkKeys(renderId, chunk.index);
      const existing = await ctx.store.get(keys.film);
      if (existing && decodeFilm(existing)?.samplesDone === chunk.samples) return { outcome: 'done', samples: chunk.samples };
      const scene = await loadRenderScene(ctx, render);
      return withCancel(ctx, renderId, async (cancel) => {
        const outcome = await renderRange(ctx, job, render, scene, {
          sampleOffset: chunk.sampleOffset,
          samples: chunk.samples,
          checkpointKey: keys.checkpoint,
          // The first chunk to start moves the render to running; the others only report progress.
          onStart: async (resumedFrom) => render.status !== 'queued' || (await start(ctx, render, resumedFrom, scene.warnings)),
          onProgress: (p) => chunkProgress(ctx, render, chunk.index, p)
        }, cancel);
        if (outcome.kind === 'not-runnable') return { outcome: 'skipped', reason: 'no longer runnable' };
        if (outcome.kind === 'cancelled') return { outcome: 'cancelled' };
        const film = encodeFilm(filmFromResult(outcome.result, chunk.sampleOffset));
        await putWithRetry(ctx.store, keys.film, film, CONTENT_TYPES.bin, { attempts: ctx.settings.uploadAttempts, backoffMs: ctx.settings.uploadBackoffMs });
        await ctx.store.delete(keys.checkpoint).catch(() => undefined);
        return { outcome: 'done', samples: outcome.result.samples };
      });
    }),

    /** Runs once every chunk is done: merges the chunk films and finishes the render. */
    'render-merge': settleStorage(async (ctx, job, { renderId, chunks }) => {
      const render = await loadRunnable(ctx, renderId);
      if (typeof render === 'string') return { outcome: 'skipped', reason: render };
      const films: Film[] = [];
      for (let index = 0; index < chunks; index++) {
        const bytes = await ctx.store.get(chunkKeys(renderId, index).film);
        const film = bytes ? decodeFilm(bytes) : null;
        if (!film) throw new Error(`chunk ${index} of ${chunks} has no film in storage`);
        films.push(film);
      }
      const merged = mergeFilms(films);
      if (merged.samples !== render.samplesTotal) {
        throw new UnrecoverableError(`chunks hold ${merged.samples} samples, the render asked for ${render.samplesTotal}`);
      }
      if (render.status === 'queued') await start(ctx, render);
      const aov = await mergeAovs(ctx, job, render);
      const result = aov ? { ...merged, aov } : merged;
      // The chunk films go with the render's other leftovers once it is done (settleStorage).
      const completed = await uploadAndComplete(ctx, render, renderKeys(renderId), await encodeImages(ctx, job, render, result), result);
      await ctx.redis.del(redisKeys.chunkProgress(renderId));
      return completed ? { outcome: 'done', samples: result.samples } : { outcome: 'skipped', reason: 'no longer runnable' };
    })
  },
  preview: {
    preview: (ctx, _job, { previewId }) => runPreview(ctx, previewId)
  }
};

/** A chunk's progress as the render's: samples done summed over chunks (in Redis), this chunk's rate. */
async function chunkProgress(ctx: WorkerContext, render: Render, index: number, p: RenderProgress): Promise<void> {
  const key = redisKeys.chunkProgress(render.id);
  await ctx.redis.hset(key, String(index), String(p.samplesDone));
  await ctx.redis.expire(key, 7 * 24 * 3600);
  const done = (await ctx.redis.hvals(key)).reduce((sum, v) => sum + Number(v), 0);
  const pixels = render.options.width * render.options.height;
  const rate = p.pixelSamplesPerSecond;
  const remaining = Math.max(0, render.samplesTotal - done);
  await reportProgress(ctx, render.id, {
    samplesDone: Math.min(done, render.samplesTotal),
    samplesTotal: render.samplesTotal,
    rate,
    etaMs: rate > 0 ? (remaining * pixels * 1000) / rate : Number.POSITIVE_INFINITY
  });
}
