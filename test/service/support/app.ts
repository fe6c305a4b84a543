// The SvelteKit app under test, served over real HTTP by an in-process Vite dev server (no build step): requests
// go through hooks.server.ts, routing, the +server.ts handlers and node's HTTP stack exactly as in `vite dev`.
// Services come from the test: PostgreSQL or PGlite, a private redis-server, s3rver. The database and object
// store singletons live on globalThis, so `getDb()`/`getObjectStore()` in the test see what the app wrote.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { closeDb } from '../../../src/lib/server/db/client.ts';
import { resetConfigForTests } from '../../../src/lib/server/config.ts';
import { resetObjectStoreForTests } from '../../../src/lib/server/storage/index.ts';
import { closeEventHub } from '../../../src/lib/server/events/hub.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { startTestRedis, type TestRedis } from './redis-server.ts';
import { startTestS3, type TestS3 } from './s3.ts';

export interface TestApp {
  readonly baseUrl: string;
  readonly redis: TestRedis;
  readonly s3: TestS3;
  readonly dataDir: string;
  /** Loads a module in the app's own module graph (e.g. to call the queue as the app does). */
  load<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly database: 'postgres' | 'pglite';
  readonly env?: Record<string, string>;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export async function startApp(options: AppOptions): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clovers-app-'));
  const [redis, s3] = await Promise.all([startTestRedis(), startTestS3()]);
  let pg: TestDatabase | undefined;
  if (options.database === 'postgres') pg = await createTestDatabase();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    COOKIE_SECRET: 'test-cookie-secret-0123456789',
    ADMIN_TOKEN,
    ...s3.env,
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...options.env
  };
  const previous = { ...process.env };
  if (!pg) delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  resetConfigForTests();
  resetObjectStoreForTests();

  const vite: ViteDevServer = await createServer({
    configFile: join(import.meta.dirname, '../../../vite.config.ts'),
    root: join(import.meta.dirname, '../../..'),
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] }
  });
  await vite.listen();
  const address = vite.httpServer?.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl,
    redis,
    s3,
    dataDir,
    load: async <T>(path: string) => (await vite.ssrLoadModule(path)) as T,
    async close() {
      const queue = (await vite.ssrLoadModule('/src/lib/server/queue/index.ts')) as { closeQueues: () => Promise<void> };
      await queue.closeQueues();
      await vite.close();
      await closeEventHub();
      await closeDb();
      await Promise.all([redis.stop(), s3.close(), pg?.drop()]);
      await rm(dataDir, { recursive: true, force: true });
      process.env = previous;
      resetConfigForTests();
      resetObjectStoreForTests();
    }
  };
}

/** A tiny HTTP client that keeps one owner cookie, like a browser. */
export class ApiClient {
  private cookie: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    let payload: BodyInit | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) {
      payload = body as BodyInit;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const res = await this.request(method, path, body, headers);
    const text = await res.text();
    let data: unknown = undefined;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      data = text;
    }
    return { status: res.status, headers: res.headers, body: data as T };
  }
}
