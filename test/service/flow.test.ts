// The whole system in one process: the SvelteKit API over real HTTP (PGlite, a private Redis, s3rver) and a
// render worker (worker/service) on this process's Dawn device. A browser-like client posts a render and a
// preview, follows them over SSE, and fetches the results; the database and storage are checked directly.
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acquireDevice, type GpuContext } from '../../gpu/host/device.ts';
import { getDb } from '../../src/lib/server/db/client.ts';
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

beforeAll(async () => {
  app = await startApp({ database: 'pglite' });
  // The first request migrates the database; the worker then shares this process's handle and object store.
  expect((await new ApiClient(app.baseUrl).json('GET', '/api/health')).status).toBe(200);
  gpu = await acquireDevice();
  worker = await startServiceWorker({
    gpu,
    store: getObjectStore(),
    renders: rendersIn(await getDb()),
    meshes: meshesIn(await getDb()),
    settings: readWorkerSettings({ PROGRESS_INTERVAL_MS: '50' }),
    redisUrl: app.redis.url,
    log: () => {}
  });
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
