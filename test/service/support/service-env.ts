// A complete service back end for worker tests: private Redis (persistent, restartable), a fresh PostgreSQL
// database, a temporary data directory (disk object store), the environment pointing at them (for this process
// and for worker processes), a record of every published ServiceEvent, and worker processes to start and kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { acquireDevice, type GpuContext } from '../../../gpu/host/device.ts';
import { resetConfigForTests } from '../../../src/lib/server/config.ts';
import { openDatabase, type DbHandle } from '../../../src/lib/server/db/client.ts';
import { environmentsIn, type EnvironmentRepository } from '../../../src/lib/server/db/environments.ts';
import { meshesIn, type MeshRepository } from '../../../src/lib/server/db/meshes.ts';
import { rendersIn, type RenderRepository } from '../../../src/lib/server/db/renders.ts';
import { EVENTS_CHANNEL, parseServiceEvent, type ServiceEvent } from '../../../src/lib/server/events/channels.ts';
import { closeQueues } from '../../../src/lib/server/queue/index.ts';
import { DiskObjectStore, resetObjectStoreForTests, type ObjectStore } from '../../../src/lib/server/storage/index.ts';
import { renderOptionsSchema } from '../../../src/lib/render-options.ts';
import { readWorkerSettings, type WorkerSettings } from '../../../worker/service/settings.ts';
import { startServiceWorker, type ServiceWorker } from '../../../worker/service/service-worker.ts';
import { startTestRedis, type TestRedis } from './persistent-redis.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';

/** Short locks so that a dead worker's job moves on within seconds; still far longer than one dispatch. */
export const FAST_FAILOVER_ENV = {
  WORKER_LOCK_MS: '3000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  CHECKPOINT_INTERVAL_MS: '300',
  PROGRESS_INTERVAL_MS: '100',
  RENDER_BACKOFF_MS: '200',
  UPLOAD_BACKOFF_MS: '100'
};

/** The worker settings' defaults for the keys FAST_FAILOVER_ENV sets (an empty value means the default). */
export const DEFAULT_FAILOVER_ENV: Record<keyof typeof FAST_FAILOVER_ENV, string> = {
  WORKER_LOCK_MS: '',
  WORKER_STALLED_INTERVAL_MS: '',
  CHECKPOINT_INTERVAL_MS: '',
  PROGRESS_INTERVAL_MS: '',
  RENDER_BACKOFF_MS: '',
  UPLOAD_BACKOFF_MS: ''
};

export const CORNELL = JSON.parse(readFileSync(new URL('../../fixtures/reference/scenes/cornell_classic.json', import.meta.url), 'utf8')) as unknown;

export interface ServiceEnv {
  readonly redis: TestRedis;
  readonly db: DbHandle;
  readonly renders: RenderRepository;
  readonly meshes: MeshRepository;
  readonly environments: EnvironmentRepository;
  readonly store: ObjectStore;
  readonly dataDir: string;
  /** Environment for worker processes. */
  readonly env: Record<string, string>;
  readonly events: ServiceEvent[];
  /** A render row with these options (scene: the Cornell box). */
  createRender(options: Record<string, unknown>, scene?: unknown): Promise<string>;
  waitForEvent(match: (e: ServiceEvent) => boolean, timeoutMs?: number): Promise<ServiceEvent>;
  /** An in-process worker on this process's GPU device. */
  startWorker(options?: { store?: ObjectStore; log?: (m: string) => void; settings?: Partial<WorkerSettings> }): Promise<ServiceWorker>;
  /** A worker process (`npm run worker`) with the service's environment and `extraEnv`. */
  spawnWorker(name: string, extraEnv?: Record<string, string>): WorkerProcess;
  close(): Promise<void>;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let gpu: GpuContext | undefined;

export async function startServiceEnv(extraEnv: Record<string, string> = {}): Promise<ServiceEnv> {
  const redis = await startTestRedis();
  const database: TestDatabase = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'clovers-service-'));
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    // Tests start many workers; each warm-up would add a kernel compile. The warm-up has tests of its own.
    WORKER_WARM_UP: '0',
    // The hourly storage reconciler of the workers: off unless a test turns it on (its grace would spare test objects anyway).
    STORAGE_RECONCILE_INTERVAL_MS: '0',
    ...FAST_FAILOVER_ENV,
    ...extraEnv
  };
  Object.assign(process.env, env);
  for (const key of ['S3_ENDPOINT']) delete process.env[key];
  resetConfigForTests();
  resetObjectStoreForTests();
  const db = await openDatabase({ databaseUrl: database.url });
  const renders = rendersIn(db.db);
  const meshes = meshesIn(db.db);
  const environments = environmentsIn(db.db);
  const store = new DiskObjectStore(join(dataDir, 'objects'));
  const events: ServiceEvent[] = [];
  const waiters = new Set<() => void>();
  const subscriber = new Redis(redis.url, { maxRetriesPerRequest: null });
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => {
    const event = parseServiceEvent(message);
    if (event) events.push(event);
    for (const wake of waiters) wake();
  });
  await subscriber.subscribe(EVENTS_CHANNEL);
  const workers: ServiceWorker[] = [];
  const processes: WorkerProcess[] = [];

  return {
    redis,
    db,
    renders,
    meshes,
    environments,
    store,
    dataDir,
    env,
    events,
    async createRender(options, scene = CORNELL) {
      const render = await renders.createRender({ sceneId: null, scene, options: renderOptionsSchema.parse(options), owner: 'test' });
      return render.id;
    },
    waitForEvent(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.slice(-5))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async startWorker(options = {}) {
      gpu ??= await acquireDevice();
      const worker = await startServiceWorker({
        gpu,
        store: options.store ?? store,
        renders,
        meshes,
        environments,
        settings: { ...readWorkerSettings(), ...options.settings },
        redisUrl: redis.url,
        log: options.log ?? (() => undefined)
      });
      workers.push(worker);
      return worker;
    },
    spawnWorker(name, extraEnv = {}) {
      let output = '';
      const child = spawn(process.execPath, ['--import', './scripts/register.mjs', 'worker/service/main.ts'], {
        env: { ...process.env, ...env, WORKER_ID: name, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe']
      });
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const proc: WorkerProcess = {
        child,
        output: () => output,
        async kill(signal = 'SIGTERM') {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const gone = new Promise((resolve) => child.once('exit', resolve));
          child.kill(signal);
          await gone;
        }
      };
      processes.push(proc);
      return proc;
    },
    async close() {
      for (const w of workers) await w.close();
      for (const p of processes) await p.kill('SIGKILL');
      await closeQueues();
      subscriber.disconnect();
      await db.close();
      await database.drop();
      await redis.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}
