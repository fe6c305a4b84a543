// The HTTP API end to end (real HTTP server, real PostgreSQL or PGlite, Redis, s3rver), run once per database
// by api.postgres.test.ts and api.pglite.test.ts. No worker runs here: where a test needs a finished render it
// plays the worker's part through the same data-layer and storage functions the worker uses.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { count } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/server/db/client.ts';
import { rendersIn } from '../../src/lib/server/db/renders.ts';
import { meshes, renders, results, scenes } from '../../src/lib/server/db/schema.ts';
import { publishEvent } from '../../src/lib/server/events/channels.ts';
import { makeThumbnail, renderKeys, S3ObjectStore } from '../../src/lib/server/storage/index.ts';
import { ADMIN_TOKEN, ApiClient, startApp, type TestApp } from './support/app.ts';
import { openSse } from './support/sse.ts';
import { Redis } from 'ioredis';

export const TINY_SCENE = {
  time_0: 0,
  time_1: 1,
  background_color: [0.5, 0.6, 0.7],
  camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 30, aperture: 0, focus_distance: 5 },
  objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: 'grey' }],
  materials: [{ name: 'grey', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }]
};
const OPTIONS = { width: 16, height: 16, samples: 2, max_depth: 4 };
const MAX_BODY_BYTES = 256 * 1024;
const MAX_MESH_BYTES = 4096;
const RATE = 12;

type Json = Record<string, unknown>;

export function apiSuite(database: 'postgres' | 'pglite') {
  let app: TestApp;
  let store: S3ObjectStore;
  let s3: S3Client;

  beforeAll(async () => {
    app = await startApp({
      database,
      env: {
        MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        MAX_MESH_BYTES: String(MAX_MESH_BYTES),
        RATE_LIMIT_PER_MINUTE: String(RATE),
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000'
      }
    });
    const s3config = {
      endpoint: app.s3.endpoint,
      bucket: app.s3.bucket,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true
    };
    store = new S3ObjectStore(s3config);
    s3 = store.client;
    // The first request runs the init hook: the database is migrated before any test starts.
    expect((await new ApiClient(app.baseUrl).json('GET', '/api/health')).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const newClient = () => new ApiClient(app.baseUrl);
  const admin = () => new ApiClient(app.baseUrl, ADMIN_TOKEN);

  async function tableCounts() {
    const db = await getDb();
    const n = async (t: typeof renders | typeof results | typeof scenes | typeof meshes) =>
      (await db.select({ n: count() }).from(t))[0].n;
    return { renders: await n(renders), results: await n(results), scenes: await n(scenes), meshes: await n(meshes) };
  }

  async function objectCount(): Promise<number> {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: app.s3.bucket }));
    return out.KeyCount ?? 0;
  }

  async function createRender(client: ApiClient, options: Json = OPTIONS): Promise<Json> {
    const res = await client.json<Json>('POST', '/api/renders', { scene: TINY_SCENE, options });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body;
  }

  /** Does what the worker does when a render finishes: files to storage, then the result row. */
  async function finishRender(id: string): Promise<void> {
    const repo = rendersIn(await getDb());
    expect(await repo.markRunning(id, { workerId: 'test-worker', adapter: 'test adapter' })).not.toBeNull();
    const png = new Uint8Array(
      await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer()
    );
    const keys = renderKeys(id);
    await store.put(keys.png, png, 'image/png');
    await store.put(keys.thumb, await makeThumbnail(png), 'image/png');
    await store.put(keys.exr, new Uint8Array([0x76, 0x2f, 0x31, 0x01]), 'image/x-exr');
    const done = await repo.completeRender(id, {
      imageKey: keys.png,
      thumbKey: keys.thumb,
      exrKey: keys.exr,
      width: 16,
      height: 16,
      samples: 2,
      renderMs: 5,
      adapter: 'test adapter'
    });
    expect(done).toBe(true);
  }

  describe('health and identity', () => {
    it('GET /api/health reports every dependency', async () => {
      const res = await newClient().json('GET', '/api/health');
      // No worker runs in these tests: the list is empty, and the API is healthy without one.
      expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', storage: 'ok' }, workers: [] });
    });

    it('sets a signed HttpOnly owner cookie; its token works as a bearer token', async () => {
      const browser = newClient();
      const res = await browser.request('GET', '/api/session');
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^clovers_owner=o_[^;]+; .*HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const session = (await res.json()) as { owner: string; token: string };
      const again = await browser.json<Json>('GET', '/api/session');
      expect(again.body.owner).toBe(session.owner);
      expect(again.headers.get('set-cookie')).toBeNull();
      const cli = new ApiClient(app.baseUrl, session.token);
      expect((await cli.json<Json>('GET', '/api/session')).body.owner).toBe(session.owner);
      const forged = await new ApiClient(app.baseUrl, `${session.owner}.forged`).json('GET', '/api/session');
      expect(forged).toMatchObject({ status: 401, body: { error: 'invalid bearer token' } });
    });
  });

  describe('renders', () => {
    it('POST validates, stores the snapshot and queues: 202 with the render', async () => {
      const client = newClient();
      const res = await client.json<Json>('POST', '/api/renders', { scene: TINY_SCENE, options: OPTIONS });
      expect(res.status).toBe(202);
      expect(res.headers.get('location')).toBe(`/api/renders/${res.body.id}`);
      expect(res.body).toMatchObject({
        status: 'queued',
        mine: true,
        options: { ...OPTIONS, seed: 0, sampler: 'random', mode: 'path-tracing' },
        progress: { samples_done: 0, samples_total: 2 },
        result: null
      });
      const got = await client.json<Json>('GET', `/api/renders/${res.body.id}`);
      expect(got.body).toMatchObject({ id: res.body.id, status: 'queued', scene: TINY_SCENE });
      // The queue has the job (BullMQ keeps its jobs under bull:<queue>:<jobId>).
      const redis = new Redis(app.redis.url);
      const keys = await redis.keys(`*${String(res.body.id)}*`);
      redis.disconnect();
      expect(keys.length).toBeGreaterThan(0);
    });

    it('GET lists the caller\'s renders newest first with cursor pages and filters', async () => {
      const client = newClient();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(String((await createRender(client)).id));
      const other = newClient();
      await createRender(other);
      const page1 = await client.json<{ items: Json[]; next_cursor: string }>('GET', '/api/renders?limit=2');
      expect(page1.body.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
      const page2 = await client.json<{ items: Json[]; next_cursor: string | null }>(
        'GET',
        `/api/renders?limit=2&cursor=${page1.body.next_cursor}`
      );
      expect(page2.body.items.map((r) => r.id)).toEqual([ids[0]]);
      expect(page2.body.next_cursor).toBeNull();
      await client.json('POST', `/api/renders/${ids[1]}/cancel`);
      const cancelled = await client.json<{ items: Json[] }>('GET', '/api/renders?status=cancelled');
      expect(cancelled.body.items.map((r) => r.id)).toEqual([ids[1]]);
      expect((await client.json('GET', '/api/renders?cursor=bogus')).status).toBe(400);
      expect((await client.json('GET', '/api/renders?limit=1000')).status).toBe(422);
      expect((await client.json('GET', '/api/renders?status=sleeping')).status).toBe(422);
      expect((await client.json('GET', '/api/renders?owner=someone')).status).toBe(403);
      const all = await admin().json<{ items: Json[] }>('GET', '/api/renders?limit=100');
      expect(all.body.items.length).toBeGreaterThanOrEqual(4);
    });

    it('cancel and retry: owner or admin only, 409 from the wrong state', async () => {
      const owner = newClient();
      const stranger = newClient();
      const id = String((await createRender(owner)).id);
      expect(await stranger.json('POST', `/api/renders/${id}/cancel`)).toMatchObject({
        status: 403,
        body: { error: expect.stringContaining('only the client that created') }
      });
      const cancelled = await owner.json<Json>('POST', `/api/renders/${id}/cancel`);
      expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
      expect((await owner.json('POST', `/api/renders/${id}/cancel`)).status).toBe(409);
      expect((await stranger.json('POST', `/api/renders/${id}/retry`)).status).toBe(403);
      const retried = await owner.json<Json>('POST', `/api/renders/${id}/retry`);
      expect(retried).toMatchObject({ status: 202, body: { status: 'queued', attempts: 0 } });
      expect((await owner.json('POST', `/api/renders/${id}/retry`)).status).toBe(409);
      expect((await admin().json<Json>('POST', `/api/renders/${id}/cancel`)).body.status).toBe('cancelled');
    });

    it('serves the result files with content types and caching; 404 when missing', async () => {
      const client = newClient();
      const id = String((await createRender(client)).id);
      for (const file of ['image.png', 'thumb.png', 'image.exr']) {
        const early = await client.json('GET', `/api/renders/${id}/${file}`);
        expect(early).toMatchObject({ status: 404, body: { error: expect.stringContaining('status queued') } });
      }
      await finishRender(id);
      const view = await client.json<Json>('GET', `/api/renders/${id}`);
      expect(view.body).toMatchObject({
        status: 'done',
        result: { width: 16, height: 16, samples: 2, image_url: `/api/renders/${id}/image.png` }
      });
      const png = await client.request('GET', `/api/renders/${id}/image.png`);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('cache-control')).toContain('immutable');
      const meta = await sharp(new Uint8Array(await png.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([16, 16]);
      const etag = png.headers.get('etag') ?? '';
      expect((await client.request('GET', `/api/renders/${id}/image.png`, undefined, { 'if-none-match': etag })).status).toBe(304);
      expect((await client.request('GET', `/api/renders/${id}/thumb.png`)).headers.get('content-type')).toBe('image/png');
      expect((await client.request('GET', `/api/renders/${id}/image.exr`)).headers.get('content-type')).toBe('image/x-exr');
      expect((await client.json('GET', `/api/renders/${id}/secrets.txt`)).status).toBe(404);
      // A file lost from storage is a 404, not a 500.
      await store.delete(renderKeys(id).exr);
      expect(await client.json('GET', `/api/renders/${id}/image.exr`)).toMatchObject({
        status: 404,
        body: { error: expect.stringContaining('missing from storage') }
      });
    });

    it('DELETE removes the row, the result and the files; only for the owner', async () => {
      const owner = newClient();
      const id = String((await createRender(owner)).id);
      await finishRender(id);
      expect(await store.get(renderKeys(id).png)).not.toBeNull();
      expect((await newClient().json('DELETE', `/api/renders/${id}`)).status).toBe(403);
      expect((await owner.request('DELETE', `/api/renders/${id}`)).status).toBe(204);
      expect((await owner.json('GET', `/api/renders/${id}`)).status).toBe(404);
      for (const key of Object.values(renderKeys(id))) expect(await store.get(key)).toBeNull();
      expect(await rendersIn(await getDb()).getRender(id)).toBeNull();
      expect((await owner.json('DELETE', `/api/renders/${id}`)).status).toBe(404);
    });

    it('rate-limits job creation per client with 429 and Retry-After', async () => {
      const client = newClient();
      for (let i = 0; i < RATE; i++) await createRender(client);
      const limited = await client.json('POST', '/api/renders', { scene: TINY_SCENE, options: OPTIONS });
      expect(limited).toMatchObject({ status: 429, body: { error: expect.stringContaining('too many jobs') } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      await createRender(newClient());
    });
  });

  describe('events over SSE', () => {
    it('delivers the caller\'s render events, not other clients\'', async () => {
      const client = newClient();
      await client.json('GET', '/api/session');
      const other = newClient();
      await other.json('GET', '/api/session');
      const cookieOf = async (c: ApiClient) => ({ authorization: `Bearer ${(await c.json<Json>('GET', '/api/session')).body.token}` });
      const mine = await openSse(`${app.baseUrl}/api/events`, await cookieOf(client));
      const theirs = await openSse(`${app.baseUrl}/api/events`, await cookieOf(other));
      try {
        await Promise.all([mine.subscribed, theirs.subscribed]);
        const id = String((await createRender(client)).id);
        await mine.waitFor((e) => e.event === 'render.queued' && e.data.renderId === id);
        const redis = new Redis(app.redis.url);
        await publishEvent(redis, { type: 'render.progress', renderId: id, samplesDone: 1, samplesTotal: 2, rate: 10, etaMs: 5 });
        redis.disconnect();
        const progress = await mine.waitFor((e) => e.event === 'render.progress');
        expect(progress.data).toMatchObject({ renderId: id, samplesDone: 1 });
        await client.json('POST', `/api/renders/${id}/cancel`);
        await mine.waitFor((e) => e.event === 'render.cancelled' && e.data.renderId === id);
        await new Promise((r) => setTimeout(r, 200));
        expect(theirs.events.filter((e) => e.event.startsWith('render.'))).toEqual([]);
      } finally {
        mine.close();
        theirs.close();
      }
    });
  });

  describe('scenes', () => {
    it('CRUD for the owner; others get 403; a render can start from a saved scene', async () => {
      const owner = newClient();
      const created = await owner.json<Json>('POST', '/api/scenes', { name: 'ball', scene: TINY_SCENE });
      expect(created).toMatchObject({ status: 201, body: { name: 'ball', scene: TINY_SCENE } });
      const id = String(created.body.id);
      expect((await owner.json<Json>('GET', `/api/scenes/${id}`)).body.scene).toEqual(TINY_SCENE);
      expect((await newClient().json('GET', `/api/scenes/${id}`)).status).toBe(403);
      const renamed = await owner.json<Json>('PATCH', `/api/scenes/${id}`, { name: 'ball 2' });
      expect(renamed.body.name).toBe('ball 2');
      const list = await owner.json<{ items: Json[] }>('GET', '/api/scenes');
      expect(list.body.items.map((s) => s.name)).toEqual(['ball 2']);
      expect(list.body.items[0].scene).toBeUndefined();
      const render = await owner.json<Json>('POST', '/api/renders', { scene_id: id, options: OPTIONS });
      expect(render).toMatchObject({ status: 202, body: { scene_id: id } });
      expect((await newClient().json('POST', '/api/renders', { scene_id: id })).status).toBe(404);
      const bad = await owner.json<Json>('PUT', `/api/scenes/${id}`, { scene: { ...TINY_SCENE, objects: [{ kind: 'Sphere' }] } });
      expect(bad.status).toBe(422);
      expect((await owner.request('DELETE', `/api/scenes/${id}`)).status).toBe(204);
      expect((await owner.json('GET', `/api/scenes/${id}`)).status).toBe(404);
      // The render keeps its snapshot after the scene is gone.
      expect((await owner.json<Json>('GET', `/api/renders/${render.body.id}`)).body).toMatchObject({ scene_id: null, scene: TINY_SCENE });
    });
  });

  describe('meshes', () => {
    it('stores an upload and its metadata', async () => {
      const client = newClient();
      // Uploads are parsed on arrival: a real mesh (the bundled prism, 484 bytes).
      const bytes = new Uint8Array(readFileSync(new URL('../../static/models/prism.stl', import.meta.url)));
      const res = await client.json<Json>('POST', '/api/meshes?name=prism.stl', bytes, { 'content-type': 'application/octet-stream' });
      expect(res).toMatchObject({ status: 201, body: { name: 'prism.stl', format: 'stl', size_bytes: 484 } });
      expect(String(res.body.sha256)).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.get(`meshes/${res.body.id}`)).toEqual(bytes);
      expect((await client.json<{ items: Json[] }>('GET', '/api/meshes')).body.items.map((m) => m.id)).toEqual([res.body.id]);
      const file = await client.request('GET', `/api/meshes/${res.body.id}/file`);
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
      expect((await newClient().request('GET', `/api/meshes/${res.body.id}/file`)).status).toBe(403);
      expect((await newClient().json('DELETE', `/api/meshes/${res.body.id}`)).status).toBe(403);
      expect((await client.request('DELETE', `/api/meshes/${res.body.id}`)).status).toBe(204);
      expect(await store.get(`meshes/${res.body.id}`)).toBeNull();
    });

    it('rejects bad names, extensions, forms, empty and oversized files, storing nothing', async () => {
      const client = newClient();
      const before = { ...(await tableCounts()), objects: await objectCount() };
      const octet = { 'content-type': 'application/octet-stream' };
      const cases: [string, Uint8Array, Record<string, string>, number][] = [
        ['/api/meshes?name=model.exe', new Uint8Array(8), octet, 422],
        ['/api/meshes?name=..%2F..%2Fetc%2Fpasswd.stl', new Uint8Array(8), octet, 422],
        ['/api/meshes', new Uint8Array(8), octet, 422],
        ['/api/meshes?name=a.stl', new Uint8Array(0), octet, 422],
        ['/api/meshes?name=a.stl', new Uint8Array(MAX_MESH_BYTES + 1), octet, 413],
        ['/api/meshes?name=a.stl', new Uint8Array(8), { 'content-type': 'multipart/form-data; boundary=x' }, 415]
      ];
      for (const [path, body, headers, status] of cases) {
        const res = await client.json<Json>('POST', path, body, headers);
        expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
        expect(typeof res.body.error).toBe('string');
      }
      expect({ ...(await tableCounts()), objects: await objectCount() }).toEqual(before);
    });
  });

  describe('previews', () => {
    it('queues a preview and reports its state; limits are tighter than renders', async () => {
      const client = newClient();
      const res = await client.json<Json>('POST', '/api/previews', { scene: TINY_SCENE, options: { width: 32, height: 32 } });
      expect(res).toMatchObject({ status: 202, body: { status: 'queued' } });
      const state = await client.json<Json>('GET', `/api/previews/${res.body.id}`);
      expect(state).toMatchObject({ status: 200, body: { id: res.body.id, status: 'queued' } });
      expect((await client.json('GET', `/api/previews/${res.body.id}/image.png`)).status).toBe(404);
      const tooMany = await client.json<{ details: { issues: { path: string }[] } }>('POST', '/api/previews', {
        scene: TINY_SCENE,
        options: { samples: 10_000 }
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.details.issues.map((i) => i.path)).toEqual(['options.samples']);
      expect((await client.json('GET', `/api/previews/${crypto.randomUUID()}`)).status).toBe(404);
    });
  });

  describe('bad input', () => {
    type ErrorJson = { error: string; details?: { issues: { path: string; message: string }[] } };

    async function post(body: string | Uint8Array | unknown, headers: Record<string, string> = {}) {
      const client = newClient();
      return client.json<ErrorJson>('POST', '/api/renders', body, { 'content-type': 'application/json', ...headers });
    }

    it('answers 4xx with a clear message and writes nothing', async () => {
      const before = { ...(await tableCounts()), objects: await objectCount() };
      const deep = `{"scene":${'['.repeat(1000)}${']'.repeat(1000)}}`;
      const cases: { name: string; body: unknown; headers?: Record<string, string>; status: number; error: RegExp; path?: string }[] = [
        { name: 'malformed JSON', body: '{"scene": {', status: 400, error: /malformed JSON/ },
        { name: 'NaN literal', body: '{"scene": {}, "options": {"width": NaN}}', status: 400, error: /malformed JSON/ },
        { name: 'empty body', body: '', status: 400, error: /empty/ },
        { name: 'not JSON content type', body: '{}', headers: { 'content-type': 'text/plain' }, status: 415, error: /application\/json/ },
        { name: 'JSON array', body: '[1,2]', status: 422, error: /invalid request body/ },
        { name: 'no scene', body: { options: OPTIONS }, status: 422, error: /exactly one of scene/ },
        { name: 'unknown field', body: { scene: TINY_SCENE, extra: 1 }, status: 422, error: /extra/ },
        { name: 'wrong type', body: { scene: TINY_SCENE, options: { width: '64' } }, status: 422, error: /options\.width/, path: 'options.width' },
        { name: 'huge number', body: { scene: TINY_SCENE, options: { width: 1e12 } }, status: 422, error: /options\.width/, path: 'options.width' },
        { name: '1e999 (Infinity)', body: `{"scene": ${JSON.stringify(TINY_SCENE)}, "options": {"height": 1e999}}`, status: 422, error: /options\.height/, path: 'options.height' },
        { name: 'NaN from a JS caller (null)', body: { scene: TINY_SCENE, options: { samples: Number.NaN } }, status: 422, error: /options\.samples/, path: 'options.samples' },
        { name: 'negative depth', body: { scene: TINY_SCENE, options: { max_depth: -1 } }, status: 422, error: /options\.max_depth/, path: 'options.max_depth' },
        { name: 'fractional samples', body: { scene: TINY_SCENE, options: { samples: 2.5 } }, status: 422, error: /options\.samples/, path: 'options.samples' },
        { name: 'too much work', body: { scene: TINY_SCENE, options: { width: 8192, height: 8192, samples: 1_000_000 } }, status: 422, error: /pixel samples/, path: 'options.samples' },
        { name: 'bad scene field', body: { scene: { ...TINY_SCENE, objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 'big' }] } }, status: 422, error: /scene\.objects\[0\]\.radius/, path: 'scene.objects[0].radius' },
        { name: 'scene not an object', body: { scene: 'cornell' }, status: 422, error: /scene/ },
        { name: '1000-deep nesting', body: deep, status: 400, error: /nested deeper/ },
        { name: 'oversized body', body: `{"scene": {"pad": "${'x'.repeat(MAX_BODY_BYTES)}"}}`, status: 413, error: /too large/ },
        { name: 'bad scene_id', body: { scene_id: 'not-a-uuid' }, status: 422, error: /scene_id/ },
        { name: 'unknown scene_id', body: { scene_id: crypto.randomUUID() }, status: 404, error: /no scene with id/ }
      ];
      for (const c of cases) {
        const res = await post(c.body, c.headers);
        expect(res.status, `${c.name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(c.status);
        expect(res.headers.get('content-type'), c.name).toContain('application/json');
        expect(res.body.error, c.name).toMatch(c.error);
        if (c.path) expect(res.body.details?.issues.map((i) => i.path), c.name).toContain(c.path);
      }
      expect({ ...(await tableCounts()), objects: await objectCount() }).toEqual(before);
    });

    it('limits bodies sent without Content-Length (chunked) too', async () => {
      const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > MAX_BODY_BYTES * 2) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      });
      const res = await fetch(`${app.baseUrl}/api/renders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half'
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: string }).error).toMatch(/too large/);
    });

    it('unknown and malformed ids, unknown routes and methods', async () => {
      const client = newClient();
      const unknown = crypto.randomUUID();
      for (const [method, path] of [
        ['GET', `/api/renders/${unknown}`],
        ['POST', `/api/renders/${unknown}/cancel`],
        ['POST', `/api/renders/${unknown}/retry`],
        ['DELETE', `/api/renders/${unknown}`],
        ['GET', `/api/renders/${unknown}/image.png`],
        ['GET', `/api/scenes/${unknown}`],
        ['GET', `/api/meshes/${unknown}`]
      ]) {
        const res = await client.json<ErrorJson>(method, path);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.error).toContain(unknown);
      }
      const malformed = await client.json<ErrorJson>('GET', '/api/renders/1%27%20OR%201=1');
      expect(malformed).toMatchObject({ status: 400, body: { error: expect.stringContaining('must be a UUID') } });
      expect((await client.json<ErrorJson>('GET', '/api/nothing/here')).status).toBe(404);
      const wrongMethod = await client.json<ErrorJson>('PUT', '/api/renders');
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.body.error).toMatch(/not allowed/);
    });
  });

  describe('health when a dependency is down', () => {
    it('503 naming Redis while it is stopped, 200 again after', async () => {
      await app.redis.stop();
      try {
        const res = await newClient().json<{ error: string; details: { checks: Record<string, string> } }>('GET', '/api/health');
        expect(res.status).toBe(503);
        expect(res.body.error).toBe('unavailable: redis');
        expect(res.body.details.checks.database).toBe('ok');
      } finally {
        await app.redis.start();
      }
      await expect
        .poll(async () => (await newClient().json('GET', '/api/health')).status, { timeout: 10_000, interval: 250 })
        .toBe(200);
    });
  });
}
