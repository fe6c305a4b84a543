// Storage leaks: what jobs leave when a render ends on any path (merge re-run on a done render, final failure of
// a chunked render, a delete racing the completion), one 'render.failed' per failed chunked render with the
// chunk's reason, and the reconciler (listing on s3rver and the disk store, its rules, its command, its periodic
// run in the workers) against real Redis, PostgreSQL and storage.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueRender } from '../../src/lib/server/queue/index.ts';
import { jobIds, QUEUES } from '../../src/lib/server/queue/jobs.ts';
import { CONTENT_TYPES, DiskObjectStore, environmentKey, meshKey, renderKeys, renderPrefix, S3ObjectStore, type ObjectStore } from '../../src/lib/server/storage/index.ts';
import { reconcileStorage } from '../../src/lib/server/storage/reconcile.ts';
import { startPagingS3 } from './support/s3-process.ts';
import { startServiceEnv, waitFor, type ServiceEnv } from './support/service-env.ts';

let env: ServiceEnv;
let s3: Awaited<ReturnType<typeof startPagingS3>>;
let connection: Redis;
let queue: Queue;
beforeAll(async () => {
  env = await startServiceEnv({ RENDER_ATTEMPTS: '2', UPLOAD_ATTEMPTS: '1' });
  s3 = await startPagingS3();
  connection = new Redis(env.redis.url, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUES.render, { connection });
});
afterAll(async () => {
  await queue?.close();
  connection?.disconnect();
  await s3?.close();
  await env?.close();
});

const tiny = { width: 8, height: 8, samples: 2, max_depth: 2, seed: 3 };
const bytes = new Uint8Array([1, 2, 3]);

async function keysUnder(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys.sort();
}

/** A store that runs `hook` before the puts it names (the rest passes through to the service's disk store). */
function hookedStore(hook: (key: string) => Promise<void>): ObjectStore {
  const store = env.store;
  return {
    put: async (key, body, type) => {
      await hook(key);
      await store.put(key, body, type);
    },
    get: (key) => store.get(key),
    delete: (key) => store.delete(key),
    deletePrefix: (prefix) => store.deletePrefix(prefix),
    list: (prefix) => store.list(prefix),
    ping: () => store.ping()
  };
}

async function withWorker<T>(body: () => Promise<T>, options: Parameters<ServiceEnv['startWorker']>[0] = {}): Promise<T> {
  const worker = await env.startWorker(options);
  try {
    return await body();
  } finally {
    await worker.close();
  }
}

async function jobState(jobId: string): Promise<string | undefined> {
  return (await queue.getJob(jobId))?.getState();
}

const finalFailures = (id: string) => env.events.filter((e) => e.type === 'render.failed' && e.renderId === id && !e.willRetry);

describe('objects a render leaves when it ends', () => {
  it('removes the chunk films when a merge job runs again after the render is done', async () => {
    await withWorker(async () => {
      const id = await env.createRender(tiny);
      await enqueueRender(id, { samples: 2, chunkSamples: 1 });
      await waitFor(async () => (await env.renders.getRender(id))?.status === 'done', 60_000, 'the render to be done');
      // What a merge killed after completing the render, before its cleanup, leaves; then its rerun.
      for (const key of [`${renderPrefix(id)}chunk-0.film`, `${renderPrefix(id)}chunk-1.film`, `${renderPrefix(id)}chunk-1.checkpoint`]) {
        await env.store.put(key, bytes, CONTENT_TYPES.bin);
      }
      await queue.add('render-merge', { renderId: id, chunks: 2 }, { jobId: `rerun-${id}` });
      await waitFor(async () => (await jobState(`rerun-${id}`)) === 'completed', 30_000, 'the merge rerun');
      expect((await queue.getJob(`rerun-${id}`))?.returnvalue).toEqual({ outcome: 'skipped', reason: 'done' });
      const keys = renderKeys(id);
      expect(await keysUnder(env.store, renderPrefix(id))).toEqual([keys.exr, keys.png, keys.thumb].sort());
    });
  });

  it('fails a chunked render once, with the failing chunk\'s reason, and removes its chunk films and checkpoints', async () => {
    const id = await env.createRender({ ...tiny, samples: 3 });
    // Chunk 1 cannot store its film (both attempts); the others can; a stray checkpoint of chunk 2.
    const store = hookedStore(async (key) => {
      if (key === `${renderPrefix(id)}chunk-1.film`) throw new Error('storage is on fire');
    });
    await env.store.put(`${renderPrefix(id)}chunk-2.checkpoint`, bytes, CONTENT_TYPES.bin);
    await withWorker(async () => {
      await enqueueRender(id, { samples: 3, chunkSamples: 1 });
      await waitFor(async () => (await jobState(jobIds.render(id))) === 'failed', 60_000, 'the merge job to fail');
      const failed = await waitFor(async () => {
        const render = await env.renders.getRender(id);
        return render?.status === 'failed' ? render : undefined;
      }, 10_000, 'the render to be failed');
      expect(failed?.error).toMatch(/cannot write .*chunk-1\.film: storage is on fire/);
      await waitFor(async () => (await keysUnder(env.store, renderPrefix(id))).length === 0, 10_000, 'the chunk films to go');
      expect(finalFailures(id)).toEqual([expect.objectContaining({ error: failed?.error, willRetry: false })]);
    }, { store });
  });

  it('announces a chunked render whose every chunk fails for good once, with the reason', async () => {
    await withWorker(async () => {
      const id = await env.createRender({ ...tiny, samples: 3 }, { camera: 'not a camera' });
      await enqueueRender(id, { samples: 3, chunkSamples: 1 });
      await waitFor(async () => (await jobState(jobIds.render(id))) === 'failed', 60_000, 'the merge job to fail');
      for (let index = 0; index < 3; index++) {
        await waitFor(async () => ['failed', 'completed'].includes((await jobState(jobIds.chunk(id, index))) ?? ''), 30_000, `chunk ${index} to end`);
      }
      // The failure bookkeeping runs after BullMQ records each failure: give the last one time to publish.
      await new Promise((r) => setTimeout(r, 1_000));
      const failures = env.events.filter((e) => e.type === 'render.failed' && e.renderId === id);
      expect(failures).toEqual([expect.objectContaining({ willRetry: false, error: expect.stringMatching(/^invalid scene/) })]);
      expect((await env.renders.getRender(id))?.error).toMatch(/^invalid scene/);
    });
  });

  it('leaves no images of a render deleted while its images upload, whichever order the deletion takes', async () => {
    const cancelledThenDeleted = await env.createRender(tiny);
    const deletedAtOnce = await env.createRender(tiny);
    // The API's DELETE of a running render: cancel it, empty its folder, delete the row. Here the upload of the
    // EXR lands after the folder was emptied; the row goes after the job ended (first render) or at once (second).
    const store = hookedStore(async (key) => {
      if (key === renderKeys(cancelledThenDeleted).exr) {
        await env.renders.markCancelled(cancelledThenDeleted);
        await env.store.deletePrefix(renderPrefix(cancelledThenDeleted));
      }
      if (key === renderKeys(deletedAtOnce).exr) {
        await env.renders.markCancelled(deletedAtOnce);
        await env.store.deletePrefix(renderPrefix(deletedAtOnce));
        await env.renders.deleteRender(deletedAtOnce);
      }
    });
    await withWorker(async () => {
      for (const id of [cancelledThenDeleted, deletedAtOnce]) {
        await enqueueRender(id, { samples: tiny.samples });
        await waitFor(async () => (await jobState(jobIds.render(id))) === 'completed', 60_000, `the job of ${id}`);
      }
      await env.renders.deleteRender(cancelledThenDeleted);
      for (const id of [cancelledThenDeleted, deletedAtOnce]) expect(await keysUnder(env.store, renderPrefix(id)), id).toEqual([]);
    }, { store });
  });
});

describe.each([
  { name: 's3rver', make: () => new S3ObjectStore({ endpoint: s3.endpoint, bucket: `list-${randomUUID().slice(0, 8)}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }, 2) },
  { name: 'disk', make: () => new DiskObjectStore(join(env.dataDir, `list-${randomUUID()}`)) }
])('listing and reconciling on $name', ({ make }) => {
  it('lists every object under a prefix, page by page, with size and time', async () => {
    const store = make();
    const id = randomUUID();
    const keys = [renderKeys(id).png, renderKeys(id).exr, `${renderPrefix(id)}chunk-0.film`, `${renderPrefix(id)}chunk-1.film`, `${renderPrefix(id)}chunk-10.checkpoint`];
    for (const key of [...keys, renderKeys(randomUUID()).png, meshKey(randomUUID())]) await store.put(key, bytes, CONTENT_TYPES.bin);
    const before = Date.now();
    const listed: { key: string; size: number; lastModified: Date }[] = [];
    for await (const object of store.list(renderPrefix(id))) listed.push(object);
    expect(listed.map((o) => o.key).sort()).toEqual([...keys].sort());
    for (const object of listed) {
      expect(object.size).toBe(3);
      expect(Math.abs(object.lastModified.getTime() - before)).toBeLessThan(60_000);
    }
    expect(await keysUnder(store, `${renderPrefix(id)}chunk-`)).toEqual(keys.filter((k) => k.includes('chunk-')).sort());
    expect(await keysUnder(store, '')).toHaveLength(keys.length + 2);
    expect(await keysUnder(store, `renders/${randomUUID()}/`)).toEqual([]);
  });

  it('removes objects no row accounts for once older than the grace period, and keeps the rest', async () => {
    const store = make();
    const [queued, done, failed, cancelled] = [await env.createRender(tiny), await env.createRender(tiny), await env.createRender(tiny), await env.createRender(tiny)];
    await env.renders.markRunning(done, { workerId: 'test', adapter: 'none' });
    const doneKeys = renderKeys(done);
    await env.renders.completeRender(done, { imageKey: doneKeys.png, thumbKey: doneKeys.thumb, exrKey: doneKeys.exr, width: 8, height: 8, samples: 2, renderMs: 1, adapter: 'none' });
    await env.renders.markCancelled(cancelled);
    await env.renders.markRunning(failed, { workerId: 'test', adapter: 'none' });
    await env.renders.failRender(failed, 'broken');
    const mesh = randomUUID();
    await env.meshes.createMesh({ id: mesh, owner: 'test', name: 'm.stl', format: 'stl', sizeBytes: 3, sha256: '0', storageKey: meshKey(mesh), contentType: 'model/stl' });
    const environment = randomUUID();
    await env.environments.createEnvironment({
      id: environment, owner: 'test', name: 'sky.hdr', format: 'hdr', width: 2, height: 1, sizeBytes: 3, sha256: '0', storageKey: environmentKey(environment), contentType: 'image/vnd.radiance'
    });
    const kept = [`${renderPrefix(queued)}chunk-0.film`, renderKeys(queued).checkpoint, doneKeys.png, doneKeys.thumb, doneKeys.exr, meshKey(mesh), environmentKey(environment), 'elsewhere/not-ours.bin'];
    const orphans: Record<string, string> = {
      [`${renderPrefix(done)}chunk-0.film`]: 'render done; not part of its result',
      [doneKeys.checkpoint]: 'render done; not part of its result',
      [renderKeys(failed).checkpoint]: 'render failed',
      [`${renderPrefix(cancelled)}chunk-3.checkpoint`]: 'render cancelled',
      [renderKeys(randomUUID()).exr]: 'render deleted',
      ['renders/not-a-uuid/image.png']: 'render deleted',
      [meshKey(randomUUID())]: 'mesh deleted',
      [environmentKey(randomUUID())]: 'environment map deleted',
      ['environments/not-a-uuid']: 'environment map deleted'
    };
    for (const key of [...kept, ...Object.keys(orphans)]) await store.put(key, bytes, CONTENT_TYPES.bin);
    const deps = { store, renders: env.renders, meshes: env.meshes, environments: env.environments };
    const later = () => Date.now() + 2 * 3_600_000;

    // Young: everything stays.
    expect((await reconcileStorage(deps, { graceMs: 3_600_000 })).orphans).toEqual([]);
    // A dry run names the orphans and removes nothing.
    const dry = await reconcileStorage(deps, { graceMs: 3_600_000, now: later, dryRun: true });
    expect(Object.fromEntries(dry.orphans.map((o) => [o.key, o.reason]))).toEqual(orphans);
    expect(await keysUnder(store, '')).toHaveLength(kept.length + Object.keys(orphans).length);
    const run = await reconcileStorage(deps, { graceMs: 3_600_000, now: later });
    expect(run.orphans.map((o) => o.key).sort()).toEqual(Object.keys(orphans).sort());
    expect(run.failures).toEqual([]);
    expect(await keysUnder(store, '')).toEqual([...kept].sort());
  });
});

describe('reconciler runs', () => {
  it('as `npm run storage:reconcile`, with --dry-run', async () => {
    const orphan = renderKeys(randomUUID()).png;
    const live = renderKeys(await env.createRender(tiny)).checkpoint;
    await env.store.put(orphan, bytes, CONTENT_TYPES.png);
    await env.store.put(live, bytes, CONTENT_TYPES.bin);
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', './scripts/register.mjs', 'scripts/storage-reconcile.ts', ...args], { env: { ...process.env, ...env.env } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
    const dry = await run('--dry-run', '--grace-minutes', '0');
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain(`would remove ${orphan} (3 bytes): render deleted`);
    expect(dry.out).not.toContain(live);
    expect(await env.store.get(orphan)).not.toBeNull();
    const real = await run('--grace-minutes', '0');
    expect(real.code, real.out).toBe(0);
    expect(real.out).toContain(`removed ${orphan} (3 bytes): render deleted`);
    expect(await env.store.get(orphan)).toBeNull();
    expect(await env.store.get(live)).not.toBeNull();
  });

  it('periodically in the workers', async () => {
    const orphan = renderKeys(randomUUID()).png;
    const live = renderKeys(await env.createRender(tiny)).checkpoint;
    await env.store.put(orphan, bytes, CONTENT_TYPES.png);
    await env.store.put(live, bytes, CONTENT_TYPES.bin);
    const log: string[] = [];
    await withWorker(async () => {
      await waitFor(async () => (await env.store.get(orphan)) === null, 10_000, 'the worker to remove the orphan');
      expect(await env.store.get(live)).not.toBeNull();
      await waitFor(async () => log.some((m) => /storage reconcile: removed \d+ orphaned objects/.test(m)), 5_000, 'the log line');
    }, { settings: { reconcileIntervalMs: 300, reconcileGraceMs: 0 }, log: (m) => log.push(m) });
  });
});

describe('disk store listing', () => {
  it('skips writes in progress', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clovers-list-'));
    try {
      const store = new DiskObjectStore(root);
      const id = randomUUID();
      await store.put(renderKeys(id).png, bytes, CONTENT_TYPES.png);
      await writeFile(join(root, `${renderKeys(id).exr}.123.abc.tmp`), bytes);
      expect(await keysUnder(store, '')).toEqual([renderKeys(id).png]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
