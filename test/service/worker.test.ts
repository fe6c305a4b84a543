// The render worker against real Redis, PostgreSQL and the disk object store, rendering on this process's
// Dawn device: the happy path, chunked renders, cancellation latency, retries then failure, previews.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePreview, enqueueRender, getPreview, requestCancel } from '../../src/lib/server/queue/index.ts';
import { renderKeys, type ObjectStore } from '../../src/lib/server/storage/index.ts';
import type { ServiceWorker } from '../../worker/service/service-worker.ts';
import { CORNELL, startServiceEnv, waitFor, type ServiceEnv } from './support/service-env.ts';

let env: ServiceEnv;
beforeAll(async () => {
  env = await startServiceEnv({ RENDER_ATTEMPTS: '3', UPLOAD_ATTEMPTS: '2' });
});
afterAll(async () => {
  await env?.close();
});

const tiny = { width: 16, height: 16, samples: 4, max_depth: 4, seed: 7 };

async function waitForStatus(id: string, status: string, timeoutMs = 60_000) {
  return waitFor(
    async () => {
      const render = await env.renders.getRender(id);
      return render?.status === status ? render : undefined;
    },
    timeoutMs,
    `render ${id} to be ${status}`
  );
}

async function withWorker<T>(body: (worker: ServiceWorker) => Promise<T>, store?: ObjectStore): Promise<T> {
  const worker = await env.startWorker({ store });
  try {
    return await body(worker);
  } finally {
    await worker.close();
  }
}

function pngPixels(bytes: Uint8Array | null): Buffer {
  if (!bytes) throw new Error('no PNG in storage');
  return PNG.sync.read(Buffer.from(bytes)).data;
}

describe('render worker', () => {
  it('renders a queued job: progress, images in storage, one result row, events in order', async () => {
    await withWorker(async () => {
      const id = await env.createRender(tiny);
      await enqueueRender(id, { samples: tiny.samples });
      const done = await waitForStatus(id, 'done');
      expect(done.result).toMatchObject({ width: 16, height: 16, samples: 4 });
      expect(done.samplesDone).toBe(4);
      expect(done.attempts).toBe(1);
      const keys = renderKeys(id);
      expect(pngPixels(await env.store.get(keys.png)).length).toBe(16 * 16 * 4);
      expect(await env.store.get(keys.thumb)).not.toBeNull();
      expect((await env.store.get(keys.exr))?.subarray(0, 4)).toEqual(new Uint8Array([0x76, 0x2f, 0x31, 0x01]));
      expect(await env.store.get(keys.checkpoint)).toBeNull();
      await env.waitForEvent((e) => e.type === 'render.done' && e.renderId === id);
      const types = env.events.filter((e) => 'renderId' in e && e.renderId === id).map((e) => e.type);
      expect(types[0]).toBe('render.queued');
      expect(types[1]).toBe('render.started');
      expect(types).toContain('render.progress');
      expect(types.at(-1)).toBe('render.done');
    });
  });

  it('splits a large render into sample-range chunks and merges them into the unchunked image', async () => {
    await withWorker(async () => {
      const options = { width: 16, height: 16, samples: 7, max_depth: 4, seed: 11 };
      const whole = await env.createRender(options);
      const chunked = await env.createRender(options);
      await enqueueRender(whole, { samples: 7 });
      await enqueueRender(chunked, { samples: 7, chunkSamples: 3 });
      await waitForStatus(whole, 'done');
      const merged = await waitForStatus(chunked, 'done');
      expect(merged.result?.samples).toBe(7);
      const a = pngPixels(await env.store.get(renderKeys(whole).png));
      const b = pngPixels(await env.store.get(renderKeys(chunked).png));
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      // Means agree within 1e-6 (worker/service/film.test.ts); 8-bit values within one rounding step.
      expect(maxDiff).toBeLessThanOrEqual(1);
      expect(await env.store.get(`renders/${chunked}/chunk-0.film`)).toBeNull();
    });
  });

  it('stops a running render within 2 s of a cancel request', async () => {
    await withWorker(async () => {
      const id = await env.createRender({ width: 64, height: 64, samples: 100_000, max_depth: 8, seed: 1 });
      await enqueueRender(id, { samples: 100_000, chunkSamples: 1_000_000 });
      await env.waitForEvent((e) => e.type === 'render.progress' && e.renderId === id);
      const probe = await env.createRender(tiny);
      await enqueueRender(probe, { samples: tiny.samples });
      const t0 = performance.now();
      await env.renders.markCancelled(id);
      await requestCancel(id);
      // The worker (concurrency 1) starts the next job only once the cancelled one has ended.
      await env.waitForEvent((e) => e.type === 'render.started' && e.renderId === probe, 10_000);
      const latency = performance.now() - t0;
      console.log(`cancellation latency (cancel request → worker free): ${latency.toFixed(0)} ms`);
      expect(latency).toBeLessThan(2_000);
      expect((await env.renders.getRender(id))?.status).toBe('cancelled');
      expect((await env.renders.getRender(id))?.result).toBeUndefined();
      await waitForStatus(probe, 'done');
    });
  });

  it('retries a failing job with backoff, then marks it failed with the reason', async () => {
    const failing: ObjectStore = {
      put: () => Promise.reject(new Error('storage is on fire')),
      get: (key) => env.store.get(key),
      delete: (key) => env.store.delete(key),
      deletePrefix: (prefix) => env.store.deletePrefix(prefix),
      ping: () => env.store.ping()
    };
    await withWorker(async () => {
      const id = await env.createRender(tiny);
      await enqueueRender(id, { samples: tiny.samples });
      const failed = await waitForStatus(id, 'failed');
      expect(failed.error).toContain('storage is on fire');
      expect(failed.attempts).toBe(3);
      const failures = env.events.filter((e) => e.type === 'render.failed' && e.renderId === id);
      expect(failures.map((e) => e.type === 'render.failed' && e.willRetry)).toEqual([true, true, false]);
    }, failing);
  });

  it('fails a job whose scene cannot be rendered at once, without retrying', async () => {
    await withWorker(async () => {
      const id = await env.createRender(tiny, { camera: 'not a camera' });
      await enqueueRender(id, { samples: tiny.samples });
      const failed = await waitForStatus(id, 'failed');
      expect(failed.error).toMatch(/invalid scene/);
      expect(failed.attempts).toBe(0);
    });
  });

  it('renders a server preview into Redis and announces it', async () => {
    await withWorker(async () => {
      const previewId = await enqueuePreview({ scene: CORNELL, options: { ...tiny, sampler: 'random', mode: 'path-tracing' } });
      await env.waitForEvent((e) => e.type === 'preview.ready' && e.previewId === previewId);
      const preview = await getPreview(previewId);
      expect(preview?.status).toBe('done');
      if (preview?.status === 'done') expect(PNG.sync.read(Buffer.from(preview.png)).width).toBe(16);
    });
  });
});
