// API hardening end to end (issue 11): previews are private to their owner, NUL and lone surrogates in JSON
// strings are a 422 naming the field, per-owner quotas (saved scenes, event streams), clean 413s for bodies a
// little over the limit, 429 messages that name the limit hit, and JSON 415s for same-origin form posts.
// Limits that key on the client address use their own loopback source address (127.0.0.x) per test, so the
// tests do not share buckets.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { getDb } from '../../src/lib/server/db/client.ts';
import { renders, scenes } from '../../src/lib/server/db/schema.ts';
import { publishEvent } from '../../src/lib/server/events/channels.ts';
import { redisKeys } from '../../src/lib/server/queue/keys.ts';
import { PREVIEW_RESULT_TTL_S, writePreviewState } from '../../src/lib/server/queue/preview.ts';
import { TINY_SCENE } from './api-suite.ts';
import { ADMIN_TOKEN, ApiClient, startApp, type TestApp } from './support/app.ts';
import { openSse } from './support/sse.ts';

const MAX_BODY_BYTES = 256 * 1024;
const RATE = 3;
const RATE_PER_ADDRESS = 6;
const SCENES_PER_OWNER = 3;
const STREAMS_PER_OWNER = 2;
const STREAMS_PER_ADDRESS = 4;
const MiB = 1024 * 1024;

type Json = Record<string, unknown>;
type ErrorJson = { error: string; details?: { issues: { path: string; message: string }[] } };

let app: TestApp;

beforeAll(async () => {
  app = await startApp({
    database: 'pglite',
    env: {
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      RATE_LIMIT_PER_MINUTE: String(RATE),
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(RATE_PER_ADDRESS),
      MAX_SCENES_PER_OWNER: String(SCENES_PER_OWNER),
      MAX_EVENT_STREAMS_PER_OWNER: String(STREAMS_PER_OWNER),
      MAX_EVENT_STREAMS_PER_ADDRESS: String(STREAMS_PER_ADDRESS)
    }
  });
  expect((await new ApiClient(app.baseUrl).json('GET', '/api/health')).status).toBe(200);
});
afterAll(async () => app?.close());

const newClient = () => new ApiClient(app.baseUrl);

async function bearer(client: ApiClient): Promise<Record<string, string>> {
  return { authorization: `Bearer ${(await client.json<Json>('GET', '/api/session')).body.token}` };
}

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

interface RawOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Loopback source address, so that per-address limits see a client of their own. */
  readonly from?: string;
  readonly text?: string;
  /** `bytes` spaces sent in pieces with backpressure; with `contentLength` declared, else chunked. */
  readonly filler?: { readonly bytes: number; readonly contentLength?: number };
}

/** node's HTTP client (fetch cannot pick the source address, and hides a reset behind a generic error). */
function raw(path: string, options: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        localAddress: options.from,
        headers: {
          ...options.headers,
          ...(options.filler?.contentLength === undefined ? {} : { 'content-length': String(options.filler.contentLength) })
        }
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        // A server that answers early and then resets the connection fails the upload: that counts as a failure.
        res.on('end', () => sent.then(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }), reject));
        res.on('error', reject);
      }
    );
    const sent = new Promise<void>((ok, fail) => {
      req.on('finish', ok);
      req.on('error', fail);
    });
    sent.catch(reject);
    if (!options.filler) return void req.end(options.text);
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let left = options.filler.bytes;
    const write = () => {
      while (left > 0) {
        const n = Math.min(left, piece.byteLength);
        left -= n;
        if (!req.write(piece.subarray(0, n))) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

/** An event stream held open over node's HTTP client: the status at once, closed by `close`. */
function openStream(headers: Record<string, string>, from: string): Promise<{ status: number; headers: IncomingHttpHeaders; text: Promise<string>; close: () => void }> {
  const url = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: '/api/events', localAddress: from, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      const done = new Promise<string>((r) => {
        res.on('end', () => r(text));
        res.on('close', () => r(text));
      });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: done, close: () => req.destroy() });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end();
  });
}

async function tableCounts() {
  const db = await getDb();
  return {
    scenes: (await db.select({ n: count() }).from(scenes))[0].n,
    renders: (await db.select({ n: count() }).from(renders))[0].n
  };
}

describe('previews are private to their owner', () => {
  it("B never sees A's preview.ready and gets 404 for A's preview; A and the admin read it", async () => {
    const a = newClient();
    const b = newClient();
    const aStream = await openSse(`${app.baseUrl}/api/events`, await bearer(a));
    const bStreams = [await openSse(`${app.baseUrl}/api/events`, await bearer(b))];
    try {
      const created = await a.json<Json>('POST', '/api/previews', { scene: TINY_SCENE, options: { width: 8, height: 8 } });
      expect(created.status).toBe(202);
      const id = String(created.body.id);
      // B asks for exactly this preview: still not B's to see.
      bStreams.push(await openSse(`${app.baseUrl}/api/events?preview=${id}`, await bearer(b)));
      await Promise.all([aStream.subscribed, ...bStreams.map((s) => s.subscribed)]);

      const unknown = { status: 404, body: { error: `no preview (unknown or expired) with id ${id}` } };
      expect(await b.json('GET', `/api/previews/${id}`)).toMatchObject(unknown);

      // The worker's part (worker/service/preview-job.ts): PNG, state 'done' with the requester, the event.
      const redis = new Redis(app.redis.url);
      try {
        const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
        const owner = String((await a.json<Json>('GET', '/api/session')).body.owner);
        await redis.set(redisKeys.previewPng(id), png, 'EX', PREVIEW_RESULT_TTL_S);
        await writePreviewState(redis, id, owner, { status: 'done', width: 8, height: 8, samples: 1 }, PREVIEW_RESULT_TTL_S);
        await publishEvent(redis, { type: 'preview.ready', previewId: id });
      } finally {
        redis.disconnect();
      }
      await aStream.waitFor((e) => e.event === 'preview.ready' && e.data.previewId === id);
      await new Promise((r) => setTimeout(r, 300));
      for (const s of bStreams) expect(s.events.filter((e) => e.event === 'preview.ready')).toEqual([]);

      expect(await b.json('GET', `/api/previews/${id}`)).toMatchObject(unknown);
      expect(await b.json('GET', `/api/previews/${id}/image.png`)).toMatchObject(unknown);
      const mine = await a.json<Json>('GET', `/api/previews/${id}`);
      expect(mine).toMatchObject({ status: 200, body: { id, status: 'done', image_url: `/api/previews/${id}/image.png` } });
      expect(mine.body.owner).toBeUndefined();
      const image = await a.request('GET', `/api/previews/${id}/image.png`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect((await new ApiClient(app.baseUrl, ADMIN_TOKEN).json('GET', `/api/previews/${id}`)).status).toBe(200);
    } finally {
      aStream.close();
      for (const s of bStreams) s.close();
    }
  });
});

describe('NUL and lone surrogates in JSON strings', () => {
  const NUL = '\\u0000';
  const LONE = '\\ud800';
  /** TINY_SCENE as JSON text with its material's name replaced by raw JSON string content. */
  const sceneWithMaterialName = (escaped: string) =>
    JSON.stringify({ ...TINY_SCENE, materials: [{ ...TINY_SCENE.materials[0], name: '@@' }] }).replace('@@', escaped);
  const scene = JSON.stringify(TINY_SCENE);

  async function expect422(client: ApiClient, method: string, path: string, text: string, field: string) {
    const res = await client.json<ErrorJson>(method, path, text, { 'content-type': 'application/json' });
    expect(res.status, `${method} ${path} ${text.slice(0, 80)}: ${JSON.stringify(res.body)}`).toBe(422);
    expect(res.body.details?.issues.map((i) => i.path)).toEqual([field]);
    expect(res.body.error).toContain(field);
  }

  it('422 naming the field for renders, scenes, previews and mesh names; nothing is stored', async () => {
    const client = newClient();
    const saved = await client.json<Json>('POST', '/api/scenes', { name: 'ok', scene: TINY_SCENE });
    expect(saved.status).toBe(201);
    const before = await tableCounts();
    for (const bad of [NUL, LONE, `x${LONE}y`, '\\udc00']) {
      await expect422(client, 'POST', '/api/renders', `{"scene": ${sceneWithMaterialName(bad)}}`, 'scene.materials[0].name');
      await expect422(client, 'POST', '/api/renders', `{"scene": ${scene}, "name": "a${bad}"}`, 'name');
      await expect422(client, 'POST', '/api/previews', `{"scene": ${sceneWithMaterialName(bad)}}`, 'scene.materials[0].name');
      await expect422(client, 'POST', '/api/scenes', `{"name": "a${bad}", "scene": ${scene}}`, 'name');
      await expect422(client, 'POST', '/api/scenes', `{"name": "ok", "scene": ${sceneWithMaterialName(bad)}}`, 'scene.materials[0].name');
      for (const method of ['PUT', 'PATCH']) {
        await expect422(client, method, `/api/scenes/${saved.body.id}`, `{"name": "b${bad}"}`, 'name');
        await expect422(client, method, `/api/scenes/${saved.body.id}`, `{"scene": ${sceneWithMaterialName(bad)}}`, 'scene.materials[0].name');
      }
    }
    // Keys too: the issue names the key itself.
    const key = await client.json<ErrorJson>('POST', '/api/scenes', `{"name": "ok", "scene": {"k${NUL}": 1}}`, { 'content-type': 'application/json' });
    expect(key.status).toBe(422);
    expect(key.body.details?.issues[0].path).toBe('scene["k\\u0000"]');
    const mesh = await client.json<ErrorJson>('POST', '/api/meshes?name=a%00.stl', new Uint8Array(8), { 'content-type': 'application/octet-stream' });
    expect(mesh.status).toBe(422);
    expect(mesh.body.details?.issues.map((i) => i.path)).toEqual(['name']);
    expect(await tableCounts()).toEqual(before);
    expect((await client.json<Json>('GET', `/api/scenes/${saved.body.id}`)).body.name).toBe('ok');
    // A surrogate pair is an ordinary character.
    const emoji = await client.json<Json>('POST', '/api/scenes', `{"name": "ball \\ud83d\\ude00", "scene": ${scene}}`, { 'content-type': 'application/json' });
    expect(emoji).toMatchObject({ status: 201, body: { name: 'ball 😀' } });
  });
});

describe('per-owner quotas', () => {
  it(`saved scenes: at most ${SCENES_PER_OWNER} per owner, then 409 naming the limit`, async () => {
    const owner = newClient();
    const ids: string[] = [];
    for (let i = 0; i < SCENES_PER_OWNER; i++) {
      const res = await owner.json<Json>('POST', '/api/scenes', { name: `s${i}`, scene: TINY_SCENE });
      expect(res.status).toBe(201);
      ids.push(String(res.body.id));
    }
    const full = await owner.json<ErrorJson>('POST', '/api/scenes', { name: 'one more', scene: TINY_SCENE });
    expect(full.status).toBe(409);
    expect(full.body.error).toContain(`at most ${SCENES_PER_OWNER} saved scenes`);
    // Updating is not saving another.
    expect((await owner.json('PATCH', `/api/scenes/${ids[0]}`, { name: 'renamed' })).status).toBe(200);
    expect((await newClient().json('POST', '/api/scenes', { name: 'other owner', scene: TINY_SCENE })).status).toBe(201);
    expect((await owner.request('DELETE', `/api/scenes/${ids[0]}`)).status).toBe(204);
    expect((await owner.json('POST', '/api/scenes', { name: 'after delete', scene: TINY_SCENE })).status).toBe(201);
  });

  it(`event streams: at most ${STREAMS_PER_OWNER} per owner, then 429 with Retry-After; a closed one frees its slot`, async () => {
    const from = '127.0.0.4';
    const auth = await bearer(newClient());
    const open = [await openStream(auth, from), await openStream(auth, from)];
    try {
      expect(open.map((s) => s.status)).toEqual([200, 200]);
      const refused = await openStream(auth, from);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(await refused.text)).toMatchObject({ error: expect.stringContaining(`at most ${STREAMS_PER_OWNER} per client`) });
      open.shift()?.close();
      await expect
        .poll(
          async () => {
            const s = await openStream(auth, from);
            if (s.status === 200) open.push(s);
            else s.close();
            return s.status;
          },
          { timeout: 5000, interval: 100 }
        )
        .toBe(200);
    } finally {
      for (const s of open) s.close();
    }
  });

  it(`event streams: at most ${STREAMS_PER_ADDRESS} per client address, however many owners`, async () => {
    const from = '127.0.0.5';
    const open: Awaited<ReturnType<typeof openStream>>[] = [];
    try {
      // No credentials: every request is a new owner.
      for (let i = 0; i < STREAMS_PER_ADDRESS; i++) open.push(await openStream({}, from));
      expect(open.map((s) => s.status)).toEqual(Array(STREAMS_PER_ADDRESS).fill(200));
      const refused = await openStream({}, from);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(await refused.text)).toMatchObject({ error: expect.stringContaining(`at most ${STREAMS_PER_ADDRESS} per client address`) });
    } finally {
      for (const s of open) s.close();
    }
  });
});

describe('job rate limits name the limit hit', () => {
  const preview = JSON.stringify({ scene: TINY_SCENE, options: { width: 8, height: 8 } });
  const postJson = (from: string, headers: Record<string, string>) =>
    raw('/api/previews', { method: 'POST', from, headers: { 'content-type': 'application/json', ...headers }, text: preview });

  it('per owner', async () => {
    const from = '127.0.0.6';
    const auth = await bearer(newClient());
    for (let i = 0; i < RATE; i++) expect((await postJson(from, auth)).status).toBe(202);
    const limited = await postJson(from, auth);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const error = (JSON.parse(limited.text) as ErrorJson).error;
    expect(error).toContain(`at most ${RATE} per minute per client`);
    expect(error).not.toContain('address');
  });

  it('per client address, with fresh owners', async () => {
    const from = '127.0.0.7';
    for (let i = 0; i < RATE_PER_ADDRESS; i++) expect((await postJson(from, {})).status).toBe(202);
    const limited = await postJson(from, {});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((JSON.parse(limited.text) as ErrorJson).error).toContain(`at most ${RATE_PER_ADDRESS} per minute per client address`);
  });
});

describe('request body contract', () => {
  const overBy20MiB = MAX_BODY_BYTES + 20 * MiB;

  it('a body declared 20 MiB over the limit gets a clean JSON 413, not a reset', async () => {
    const res = await raw('/api/scenes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      filler: { bytes: overBy20MiB, contentLength: overBy20MiB }
    });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/json');
    expect((JSON.parse(res.text) as ErrorJson).error).toMatch(/too large/);
  });

  it('so does a chunked body (no Content-Length) 20 MiB over the limit', async () => {
    const res = await raw('/api/renders', { method: 'POST', headers: { 'content-type': 'application/json' }, filler: { bytes: overBy20MiB } });
    expect(res.status).toBe(413);
    expect((JSON.parse(res.text) as ErrorJson).error).toMatch(/more than/);
  });

  it('same-origin form posts to JSON routes get a JSON 415', async () => {
    const client = newClient();
    const saved = await client.json<Json>('POST', '/api/scenes', { name: 'form target', scene: TINY_SCENE });
    const types = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'];
    for (const [method, path] of [
      ['POST', '/api/renders'],
      ['POST', '/api/scenes'],
      ['POST', '/api/previews'],
      ['PUT', `/api/scenes/${saved.body.id}`]
    ]) {
      for (const type of types) {
        const res = await client.json<ErrorJson>(method, path, 'scene=x', { 'content-type': type, origin: app.baseUrl });
        expect(res.status, `${method} ${path} as ${type}: ${JSON.stringify(res.body)}`).toBe(415);
        expect(res.headers.get('content-type')).toContain('application/json');
        expect(res.body.error).toContain('application/json');
      }
    }
  });
});
