// The whole system in one process: the SvelteKit API over real HTTP (PGlite, a private Redis, s3rver) and a
// render worker (worker/service) on this process's Dawn device. The worker warms up while GET /api/health
// watches; then a browser-like client posts a render and a preview, follows them over SSE, and fetches the
// results; the database and storage are checked directly.
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acquireDevice, type GpuContext } from '../../gpu/host/device.ts';
import { getDb } from '../../src/lib/server/db/client.ts';
import { environmentsIn } from '../../src/lib/server/db/environments.ts';
import { meshesIn } from '../../src/lib/server/db/meshes.ts';
import { rendersIn } from '../../src/lib/server/db/renders.ts';
import { results } from '../../src/lib/server/db/schema.ts';
import { getObjectStore, renderKeys } from '../../src/lib/server/storage/index.ts';
import { readWorkerSettings } from '../../worker/service/settings.ts';
import { startServiceWorker, type ServiceWorker } from '../../worker/service/service-worker.ts';
import { TINY_SCENE } from './api-suite.ts';
import { ApiClient, startApp, type TestApp } from './support/app.ts';
import { openSse, type SseStream } from './support/sse.ts';

// The first render of a process compiles the path tracer; on lavapipe with a cold Mesa shader cache on a busy
// 2-core machine that alone took 100 s (about 5 s once cached).
const COLD_COMPILE_MS = 240_000;

let app: TestApp;
let gpu: GpuContext;
let worker: ServiceWorker;
const workerLog: string[] = [];

interface WorkerView {
  id: string;
  status: string;
  adapter: string;
}
const healthWorkers = async () => (await new ApiClient(app.baseUrl).json<{ workers: WorkerView[] }>('GET', '/api/health')).body.workers;
/** What GET /api/health said about workers while the worker started (its warm-up included), in order. */
const startStatuses: string[] = [];

beforeAll(async () => {
  app = await startApp({ database: 'pglite' });
  // The first request migrates the database; the worker then shares this process's handle and object store.
  expect((await new ApiClient(app.baseUrl).json('GET', '/api/health')).status).toBe(200);
  gpu = await acquireDevice();
  let started = false;
  const starting = startServiceWorker({
    gpu,
    store: getObjectStore(),
    renders: rendersIn(await getDb()),
    meshes: meshesIn(await getDb()),
    environments: environmentsIn(await getDb()),
    // The warm-up is on by default; said here because the first test is about it.
    settings: readWorkerSettings({ PROGRESS_INTERVAL_MS: '50', WORKER_WARM_UP: '1' }),
    redisUrl: app.redis.url,
    workerId: 'flow-worker',
    log: (message) => workerLog.push(message)
  }).finally(() => (started = true));
  while (!started) {
    const status = (await healthWorkers()).map((w) => w.status).join(',') || 'none';
    if (startStatuses.at(-1) !== status) startStatuses.push(status);
  }
  worker = await starting;
});

afterAll(async () => {
  await worker?.close();
  gpu?.destroy();
  await app?.close();
});

async function events(client: ApiClient): Promise<SseStream> {
  const { body } = await client.json<{ token: string }>('GET', '/api/session');
  const stream = await openSse(`${app.baseUrl}/api/events`, { authorization: `Bearer ${body.token}` });
  await stream.subscribed;
  return stream;
}

it('GET /api/health shows the worker warming up its kernels before it takes jobs, then ready', async () => {
  // 'none' may come first (the status is written once the worker's Redis connection is up), and 'ready' last (a
  // poll may see it just before startServiceWorker returns); never 'ready' before the warm-up, nor anything else.
  const seen = startStatuses.filter((s) => s !== 'none');
  expect(seen[0]).toBe('warming');
  expect(seen).toEqual(['warming', 'ready'].slice(0, seen.length));
  expect(await healthWorkers()).toEqual([expect.objectContaining({ id: 'flow-worker', status: 'ready', adapter: gpu.adapterName })]);
  // The editor's default scene (path tracing, megakernel): one variant, logged with its compile time.
  expect(workerLog.filter((m) => m.startsWith('warm-up:'))).toEqual([
    expect.stringMatching(/^warm-up: path-tracing\+\S+\/megakernel compiled in \d+\.\d s$/),
    expect.stringMatching(/^warm-up: 1 kernel variant\(s\) in \d+\.\d s$/)
  ]);
  const readyAt = workerLog.findIndex((m) => m.startsWith('ready on'));
  expect(readyAt).toBeGreaterThan(workerLog.findIndex((m) => m.startsWith('warm-up: 1 kernel')));
});

it('POST /api/renders → the worker renders → result in db and storage → events over SSE', async () => {
  const client = new ApiClient(app.baseUrl);
  const sse = await events(client);
  try {
    const posted = await client.json<{ id: string }>('POST', '/api/renders', {
      scene: TINY_SCENE,
      options: { width: 24, height: 16, samples: 4, max_depth: 4, seed: 3 }
    });
    expect(posted.status).toBe(202);
    const id = posted.body.id;
    await sse.waitFor((e) => e.event === 'render.done' && e.data.renderId === id, COLD_COMPILE_MS);
    const order = sse.events.filter((e) => e.data.renderId === id).map((e) => e.event);
    expect(order[0]).toBe('render.queued');
    expect(order).toContain('render.started');
    expect(order.at(-1)).toBe('render.done');

    const view = await client.json<{ status: string; attempts: number; result: Record<string, unknown>; progress: Record<string, number> }>(
      'GET',
      `/api/renders/${id}`
    );
    expect(view.body).toMatchObject({ status: 'done', attempts: 1, result: { width: 24, height: 16, samples: 4 } });
    expect(view.body.progress.samples_done).toBe(4);

    const png = await client.request('GET', `/api/renders/${id}/image.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(new Uint8Array(await png.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([24, 16]);
    expect((await client.request('GET', `/api/renders/${id}/thumb.png`)).status).toBe(200);
    const exr = new Uint8Array(await (await client.request('GET', `/api/renders/${id}/image.exr`)).arrayBuffer());
    expect([...exr.subarray(0, 4)]).toEqual([0x76, 0x2f, 0x31, 0x01]);

    // One result row, linked to its render; every file in storage under the render's keys.
    const db = await getDb();
    const rows = await db.select({ n: count() }).from(results).where(eq(results.renderId, id));
    expect(rows[0].n).toBe(1);
    const keys = renderKeys(id);
    for (const key of [keys.png, keys.thumb, keys.exr]) expect(await getObjectStore().get(key)).not.toBeNull();
  } finally {
    sse.close();
  }
}, COLD_COMPILE_MS + 30_000);

it('POST /api/previews → preview.ready over SSE → the PNG', async () => {
  const client = new ApiClient(app.baseUrl);
  const sse = await events(client);
  try {
    const posted = await client.json<{ id: string }>('POST', '/api/previews', {
      scene: TINY_SCENE,
      options: { width: 16, height: 16, samples: 1 }
    });
    expect(posted.status).toBe(202);
    await sse.waitFor((e) => e.event === 'preview.ready' && e.data.previewId === posted.body.id, COLD_COMPILE_MS);
    const state = await client.json<{ status: string; image_url: string }>('GET', `/api/previews/${posted.body.id}`);
    expect(state.body.status).toBe('done');
    const png = await client.request('GET', state.body.image_url);
    expect(png.status).toBe(200);
    expect((await sharp(new Uint8Array(await png.arrayBuffer())).metadata()).width).toBe(16);
  } finally {
    sse.close();
  }
}, COLD_COMPILE_MS + 30_000);

it('a closed worker leaves GET /api/health at once, not only when its status expires', async () => {
  await worker.close();
  expect(await healthWorkers()).toEqual([]);
});
