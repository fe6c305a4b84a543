// The render worker against real Redis, PostgreSQL and the disk object store, rendering on this process's
// Dawn device: the happy path, chunked renders, cancellation latency, retries then failure, previews.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryStl } from '../../gpu/host/mesh/generate.ts';
import { enqueuePreview, enqueueRender, getPreview, requestCancel } from '../../src/lib/server/queue/index.ts';
import { jobIds, QUEUES } from '../../src/lib/server/queue/jobs.ts';
import { CONTENT_TYPES, meshKey, renderKeys, type ObjectStore } from '../../src/lib/server/storage/index.ts';
import type { ServiceWorker } from '../../worker/service/service-worker.ts';
import { readExrChannels } from '../../worker/image/test-readers.ts';
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

/** Runs `body` with an in-process worker; no job of it may fail to renew its lock (a lapsed lock is a false stall). */
async function withWorker<T>(body: (worker: ServiceWorker) => Promise<T>, store?: ObjectStore): Promise<T> {
  const log: string[] = [];
  const worker = await env.startWorker({ store, log: (m) => log.push(m) });
  let result: T;
  try {
    result = await body(worker);
  } finally {
    await worker.close();
  }
  expect(log.filter((m) => m.includes('lock renewal failed'))).toEqual([]);
  return result;
}

/** A scene of one STL object at the origin, seen from 5 units away. */
function meshScene(path: string) {
  return {
    time_0: 0,
    time_1: 1,
    background_color: [0.5, 0.6, 0.7],
    camera: { look_from: [0, 1, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [{ kind: 'Sphere', center: [0, -101, 0], radius: 100, material: 'grey' }, { kind: 'STL', path, scale: 1, center: [0, 0, 0], rotation: [0, 0, 0], material: 'grey' }],
    materials: [{ name: 'grey', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }]
  };
}

/** Stores a mesh the way POST /api/meshes does: bytes under meshKey(id), then the metadata row. */
async function uploadMesh(bytes: Uint8Array, owner = 'test', name = 'upload.stl'): Promise<string> {
  const id = randomUUID();
  await env.store.put(meshKey(id), bytes, CONTENT_TYPES.bin);
  await env.meshes.createMesh({
    id,
    owner,
    name,
    format: name.slice(name.lastIndexOf('.') + 1),
    sizeBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey: meshKey(id),
    contentType: name.endsWith('.stl') ? 'model/stl' : 'model/gltf+json'
  });
  return id;
}

/** The BullMQ job of a whole render once it has ended. */
async function finishedJob(queue: Queue, renderId: string) {
  return waitFor(
    async () => {
      const state = await (await queue.getJob(jobIds.render(renderId)))?.getState();
      // Fetched again once finished: a job object read before it finished has no return value yet.
      return state === 'completed' || state === 'failed' ? { job: await queue.getJob(jobIds.render(renderId)), state } : undefined;
    },
    60_000,
    `the job of render ${renderId} to end`
  );
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

  it('writes the AOVs options.aov asks for into the stored EXR, the same whole and chunked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clovers-worker-aov-'));
    try {
      await withWorker(async () => {
        const options = { width: 16, height: 16, samples: 3, max_depth: 4, seed: 5, aov: ['albedo', 'depth'] };
        const whole = await env.createRender(options);
        const chunked = await env.createRender(options);
        await enqueueRender(whole, { samples: 3 });
        await enqueueRender(chunked, { samples: 3, chunkSamples: 2 });
        await waitForStatus(whole, 'done');
        await waitForStatus(chunked, 'done');
        const channels = async (id: string) => {
          const path = join(dir, `${id}.exr`);
          await writeFile(path, (await env.store.get(renderKeys(id).exr))!);
          return readExrChannels(path);
        };
        const [a, b] = [await channels(whole), await channels(chunked)];
        expect([...a.keys()]).toEqual(['X', 'Y', 'Z', 'albedo.B', 'albedo.G', 'albedo.R', 'depth.Z']);
        for (const name of ['albedo.R', 'albedo.G', 'albedo.B', 'depth.Z']) expect(b.get(name), name).toEqual(a.get(name));
        // The Cornell box: the back wall straight ahead at a finite distance, +∞ where a ray leaves the box.
        expect(Number.isFinite(a.get('depth.Z')![8 * 16 + 8])).toBe(true);
        expect(a.get('depth.Z')!.every((d) => d > 0)).toBe(true);
        expect(a.get('albedo.R')!.every((r) => r >= 0 && r <= 1)).toBe(true);
        expect(a.get('albedo.R')!.some((r) => r > 0.3)).toBe(true);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
      list: (prefix) => env.store.list(prefix),
      ping: () => env.store.ping()
    };
    await withWorker(async () => {
      const id = await env.createRender(tiny);
      await enqueueRender(id, { samples: tiny.samples });
      const failed = await waitForStatus(id, 'failed');
      expect(failed.error).toContain('storage is on fire');
      expect(failed.attempts).toBe(3);
      // The final event follows the row's update: wait for it rather than race it.
      await env.waitForEvent((e) => e.type === 'render.failed' && e.renderId === id && !e.willRetry);
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

  it('drops the jobs of deleted renders as no-ops, without retries, and removes the files they left', async () => {
    const connection = new Redis(env.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.render, { connection });
    try {
      // Deleted before any worker took it (as after a failed enqueue), with a stray checkpoint in storage.
      const gone = await env.createRender(tiny);
      await enqueueRender(gone, { samples: tiny.samples });
      await env.store.put(renderKeys(gone).checkpoint, new Uint8Array([1, 2, 3, 4]), CONTENT_TYPES.bin);
      await env.renders.deleteRender(gone);
      await withWorker(async () => {
        // Deleted while rendering, after checkpoints reached storage.
        const running = await env.createRender({ width: 64, height: 64, samples: 100_000, max_depth: 8, seed: 2 });
        await enqueueRender(running, { samples: 100_000, chunkSamples: 1_000_000 });
        await waitFor(() => env.store.get(renderKeys(running).checkpoint), 60_000, 'a checkpoint');
        await env.renders.deleteRender(running);
        for (const id of [gone, running]) {
          const { job, state } = await finishedJob(queue, id);
          expect(state).toBe('completed');
          expect(job?.returnvalue).toEqual({ outcome: 'skipped', reason: 'deleted' });
          // One attempt, no failure to retry.
          expect(job?.attemptsMade).toBe(1);
          expect(job?.failedReason).toBeFalsy();
          for (const key of Object.values(renderKeys(id))) expect(await env.store.get(key), key).toBeNull();
          expect(env.events.filter((e) => e.type === 'render.failed' && e.renderId === id)).toEqual([]);
        }
      });
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('renders STL objects from the model library and from uploads (whole and chunked)', async () => {
    await withWorker(async () => {
      const tiny1 = { width: 16, height: 16, samples: 1, max_depth: 4, seed: 5 };
      const teapot = await env.createRender(tiny1, meshScene('stl/teapot.stl'));
      await enqueueRender(teapot, { samples: 1 });
      const tetrahedron = {
        positions: new Float32Array([0, 1, 0, -1, -0.5, -0.6, 1, -0.5, -0.6, 0, -0.5, 1]),
        indices: new Uint32Array([0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2])
      };
      const meshId = await uploadMesh(encodeBinaryStl(tetrahedron));
      const uploaded = await env.createRender({ ...tiny1, samples: 2 }, meshScene(`upload:${meshId}`));
      await enqueueRender(uploaded, { samples: 2, chunkSamples: 1 });
      expect((await waitForStatus(teapot, 'done')).result?.samples).toBe(1);
      expect((await waitForStatus(uploaded, 'done')).result?.samples).toBe(2);
    });
  });

  it("records what an uploaded glTF asks for that the renderer does not do as the render's warnings", async () => {
    const gltf = new Uint8Array(await readFile(new URL('../fixtures/clearcoat-pane.gltf', import.meta.url)));
    const meshId = await uploadMesh(gltf, 'test', 'pane.gltf');
    const scene = { ...meshScene('unused'), objects: [{ kind: 'GLTF', path: `upload:${meshId}` }] };
    await withWorker(async () => {
      const id = await env.createRender(tiny, scene);
      await enqueueRender(id, { samples: tiny.samples });
      const done = await waitForStatus(id, 'done');
      expect(done.warnings).toEqual(['pane.gltf: extension "KHR_materials_clearcoat" is not supported (ignored)']);
    });
  });

  it('fails a render at once when a mesh path is not a library model or a usable upload, naming the object', async () => {
    const garbage = await uploadMesh(new Uint8Array(100).fill(7), 'test', 'garbage.stl');
    const foreign = await uploadMesh(encodeBinaryStl({ positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]), indices: new Uint32Array([0, 1, 2]) }), 'someone-else');
    const cases: [string, RegExp][] = [
      ['../../etc/passwd', /objects\[1\]\.path: mesh "\.\.\/\.\.\/etc\/passwd" is neither a bundled model/],
      ['/etc/passwd', /objects\[1\]\.path: .* neither a bundled model/],
      ['no-such-model.stl', /objects\[1\]\.path: .* neither a bundled model/],
      [`upload:${randomUUID()}`, /objects\[1\]\.path: uploaded mesh .* not found/],
      ['upload:../../etc/passwd', /objects\[1\]\.path: uploaded mesh .* not found/],
      [`upload:${foreign}`, /objects\[1\]\.path: uploaded mesh .* not found/],
      [`upload:${garbage}`, /objects\[1\]\.path: uploaded mesh .*garbage\.stl/]
    ];
    await withWorker(async () => {
      const ids = [];
      for (const [path] of cases) {
        const id = await env.createRender(tiny, meshScene(path));
        await enqueueRender(id, { samples: tiny.samples });
        ids.push(id);
      }
      for (const [i, [, reason]] of cases.entries()) {
        const failed = await waitForStatus(ids[i], 'failed');
        expect(failed.error).toMatch(reason);
        expect(failed.attempts).toBe(0);
      }
      const previewId = await enqueuePreview({ scene: meshScene('../../etc/passwd'), options: { ...tiny, sampler: 'random', mode: 'path-tracing' } });
      await env.waitForEvent((e) => e.type === 'preview.ready' && e.previewId === previewId);
      const preview = await getPreview(previewId);
      expect(preview?.status).toBe('failed');
      if (preview?.status === 'failed') expect(preview.error).toMatch(/objects\[1\]\.path: .* neither a bundled model/);
    });
  });
});
