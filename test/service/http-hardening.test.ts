// HTTP hardening, over real HTTP against the app in the Vite dev server (real Redis, s3rver, PGlite or
// PostgreSQL): unknown paths are 404s (an HTML page, or JSON under /api) without logged stacks, the old
// clovers-service paths redirect, every response carries the security headers, state-changing requests from
// other origins are refused, every error body is `{error, details}`, and a database that goes away mid-run
// gives 503 with Retry-After (drizzle wraps the driver's error; the code is in its cause).
import { connect, createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/lib/server/db/client.ts';
import { errorToResponse } from '../../src/lib/server/http/errors.ts';
import { TINY_SCENE } from './api-suite.ts';
import { ApiClient, startApp, type TestApp } from './support/app.ts';
import { freePort } from './support/free-port.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

const RENDER_ID = '0b5c2a43-6a4e-4d7e-9c7f-3f1d2e4a5b6c';
const FOREIGN = 'http://evil.example';
const ALLOWED = 'https://editor.example.org';

function expectSecurityHeaders(res: { headers: Headers }) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
}

describe('HTTP hardening (PGlite)', () => {
  let app: TestApp;
  const client = () => new ApiClient(app.baseUrl);

  beforeAll(async () => {
    app = await startApp({ database: 'pglite', env: { ALLOWED_ORIGINS: ` ${ALLOWED}/ , ` } });
    expect((await client().json('GET', '/api/health')).status).toBe(200);
  });
  afterAll(async () => app?.close());

  it('answers unknown pages with the 404 page, logging no stack', async () => {
    const logged = vi.spyOn(console, 'error');
    const warned = vi.spyOn(console, 'warn');
    try {
      for (const path of ['/no/such/page', '/renders/x/y', '/render/not-a-uuid']) {
        const res = await fetch(app.baseUrl + path, { headers: { accept: 'text/html' } });
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type')).toContain('text/html');
        // The page itself renders in the browser (every page is client-only): e2e/not-found.spec.ts sees it.
        expect(await res.text()).toContain('kit.start');
        expectSecurityHeaders(res);
      }
      const lines = [...logged.mock.calls, ...warned.mock.calls].map((args) => args.map(String).join(' '));
      expect(lines.filter((l) => /Error|    at /.test(l))).toEqual([]);
    } finally {
      logged.mockRestore();
      warned.mockRestore();
    }
  });

  it('redirects the old clovers-service paths for good', async () => {
    const cases = {
      '/queue': '/renders',
      '/render': '/renders',
      [`/render/${RENDER_ID}`]: `/renders/${RENDER_ID}`,
      [`/queue/${RENDER_ID}?x=1`]: `/renders/${RENDER_ID}?x=1`,
      [`/thumb/${RENDER_ID}`]: `/api/renders/${RENDER_ID}/thumb.png`,
      '/healthz': '/api/health',
      '/favicon.ico': '/favicon.svg'
    };
    for (const [from, to] of Object.entries(cases)) {
      const res = await fetch(app.baseUrl + from, { redirect: 'manual' });
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe(to);
    }
  });

  it('answers unknown API paths with JSON 404 {error, details}', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await client().json(method, '/api/no/such/thing');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.body).toEqual({ error: 'no API route /api/no/such/thing', details: null });
      expectSecurityHeaders(res);
    }
  });

  it('gives every error body both error and details', async () => {
    const badToken = await new ApiClient(app.baseUrl, 'not-a-token').json('GET', '/api/renders');
    expect(badToken.status).toBe(401);
    expect(Object.keys(badToken.body).sort()).toEqual(['details', 'error']);
    const missing = await client().json('GET', `/api/renders/${RENDER_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: `no render with id ${RENDER_ID}`, details: null });
    const method = await client().json('PUT', '/api/health');
    expect(method.status).toBe(405);
    expect(method.body).toMatchObject({ details: null });
  });

  it('puts the security headers on pages and API responses', async () => {
    for (const path of ['/', '/renders', '/dev/shaders']) {
      const res = await fetch(app.baseUrl + path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
      // The theme script in app.html runs under the page's nonce.
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce, path).toBeTruthy();
      expect(await res.text()).toContain(`<script nonce="${nonce}">`);
    }
    for (const path of ['/api/health', '/api/renders']) expectSecurityHeaders(await client().json('GET', path));
  });

  describe('state-changing requests from other origins', () => {
    const post = (headers: Record<string, string>, body: unknown = { name: 'ball', scene: TINY_SCENE }) =>
      client().json('POST', '/api/scenes', body, headers);

    it('refuses a foreign Origin with JSON 403, and a cross-site or same-site fetch without one', async () => {
      const refused: Record<string, string>[] = [{ origin: FOREIGN }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
      for (const headers of refused) {
        const res = await post(headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(res.body).toEqual({ error: expect.stringContaining('not allowed'), details: null });
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      const del = await client().json('DELETE', `/api/renders/${RENDER_ID}`, undefined, { origin: FOREIGN });
      expect(del.status).toBe(403);
    });

    it('lets the own origin, allowed origins and clients without Origin through', async () => {
      expect((await post({ origin: app.baseUrl, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
      expect((await post({ origin: ALLOWED, 'sec-fetch-site': 'cross-site' })).status).toBe(201);
      expect((await post({})).status).toBe(201);
      // Reading is not changing: a foreign page may not read the answer anyway (no CORS headers).
      expect((await client().json('GET', '/api/health', undefined, { origin: FOREIGN })).status).toBe(200);
    });

    it('answers form posts in JSON: 403 cross-site, the handlers 415 same-origin', async () => {
      const form = (origin: string) =>
        client().json('POST', '/api/renders', 'scene=1', { origin, 'content-type': 'application/x-www-form-urlencoded' });
      const cross = await form(FOREIGN);
      expect(cross.status).toBe(403);
      expect(cross.body).toMatchObject({ details: null });
      const same = await form(app.baseUrl);
      expect(same.status).toBe(415);
      expect(same.headers.get('content-type')).toBe('application/json');
      expect(same.body).toMatchObject({ error: expect.stringContaining('content-type application/json'), details: null });
    });
  });

  it('maps text PostgreSQL cannot store (NUL) to 422, as a defence behind the body checks', async () => {
    const db = await getDb();
    for (const query of [sql`SELECT ${'"a\\u0000b"'}::jsonb`, sql`SELECT ${'a\u0000b'}::text`]) {
      const err = await db.execute(query).then(
        () => undefined,
        (e: unknown) => e
      );
      expect(err).toBeInstanceOf(Error);
      const res = errorToResponse(err, 'test');
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: expect.stringContaining('cannot be stored'), details: null });
    }
  });

  it('maps a closed PGlite to 503', async () => {
    const pglite = new PGlite();
    const db = drizzle(pglite);
    await db.execute(sql`SELECT 1`);
    await pglite.close();
    const err = await db.execute(sql`SELECT 1`).then(
      () => undefined,
      (e: unknown) => e
    );
    const res = errorToResponse(err, 'test');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

/** A TCP relay in front of PostgreSQL that can be cut (the database "goes away") and restored. */
async function startRelay(target: { hostname: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const restore = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((inbound) => {
        const outbound = connect(target.port, target.hostname);
        track(inbound);
        track(outbound);
        inbound.pipe(outbound).pipe(inbound);
        inbound.on('close', () => outbound.destroy());
        outbound.on('close', () => inbound.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const cut = async () => {
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await restore();
  return { port, cut, restore };
}

describe('PostgreSQL going away', () => {
  let app: TestApp;
  let database: TestDatabase;
  let relay: Awaited<ReturnType<typeof startRelay>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    relay = await startRelay({ hostname: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${relay.port}`;
    // startApp's PGlite mode leaves DATABASE_URL to us: the app reaches this test's database through the relay.
    app = await startApp({ database: 'pglite', env: { DATABASE_URL: url.toString() } });
    const health = await new ApiClient(app.baseUrl).json('GET', '/api/health');
    expect(health.status, JSON.stringify(health.body)).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await relay?.cut();
    await database?.drop();
  });

  it('answers 503 with Retry-After while the database is unreachable, and recovers', async () => {
    const c = new ApiClient(app.baseUrl);
    expect((await c.json('GET', '/api/renders')).status).toBe(200);
    expect((await c.json('POST', '/api/scenes', { name: 'ball', scene: TINY_SCENE })).status).toBe(201);
    await relay.cut();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const [method, body] of [['GET', undefined], ['POST', { name: 'ball', scene: TINY_SCENE }]] as const) {
        const path = method === 'GET' ? '/api/renders' : '/api/scenes';
        const res = await c.json(method, path, body);
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(res.body).toEqual({ error: expect.stringContaining('unavailable'), details: null });
      }
    } finally {
      logged.mockRestore();
    }
    await relay.restore();
    expect((await c.json('GET', '/api/renders')).status).toBe(200);
  });
});
