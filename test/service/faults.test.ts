// Fault tests: a worker process SIGKILLed mid-render (another process finishes the job from the checkpoint, one
// result row), Redis stopped and restarted during a render, object storage down while the images upload, a GPU
// that stalls (the watchdog fails the attempt, the worker process exits, a fresh one does the retry).
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { results } from '../../src/lib/server/db/schema.ts';
import type { ServiceEvent } from '../../src/lib/server/events/channels.ts';
import { listWorkerStatuses } from '../../src/lib/server/queue/workers.ts';
import { enqueuePreview, enqueueRender, getPreview } from '../../src/lib/server/queue/index.ts';
import { jobIds, QUEUES } from '../../src/lib/server/queue/jobs.ts';
import { renderKeys, S3ObjectStore } from '../../src/lib/server/storage/index.ts';
import { freePort } from './support/free-port.ts';
import { CORNELL, startServiceEnv, waitFor, type ServiceEnv } from './support/service-env.ts';

let env: ServiceEnv;
beforeAll(async () => {
  env = await startServiceEnv();
});
afterAll(async () => {
  await env?.close();
});

async function waitForStatus(id: string, status: string, timeoutMs = 90_000) {
  return waitFor(
    async () => {
      const render = await env.renders.getRender(id);
      if (render && render.status !== status && ['failed', 'cancelled', 'done'].includes(render.status)) {
        throw new Error(`render ${id} ended ${render.status}: ${render.error}`);
      }
      return render?.status === status ? render : undefined;
    },
    timeoutMs,
    `render ${id} to be ${status}`
  );
}

const resultRows = async (id: string) => (await env.db.db.select().from(results).where(eq(results.renderId, id))).length;

describe('faults', () => {
  it('finishes the job on another worker process after one is SIGKILLed mid-render, resuming its checkpoint', async () => {
    const a = env.spawnWorker('worker-a');
    const id = await env.createRender({ width: 32, height: 32, samples: 1000, max_depth: 6, seed: 3 });
    await enqueueRender(id, { samples: 1000, chunkSamples: 1_000_000 });
    await env.waitForEvent((e) => e.type === 'render.started' && e.renderId === id && e.workerId === 'worker-a', 60_000);
    await waitFor(() => env.store.get(renderKeys(id).checkpoint), 30_000, 'a checkpoint');
    const killedAt = performance.now();
    await a.kill('SIGKILL');
    expect((await env.renders.getRender(id))?.status).toBe('running');
    const b = env.spawnWorker('worker-b');
    const started = await env.waitForEvent((e) => e.type === 'render.started' && e.renderId === id && e.workerId === 'worker-b', 60_000);
    const pickedUpMs = performance.now() - killedAt;
    const done = await waitForStatus(id, 'done');
    console.log(`SIGKILL: job taken over ${pickedUpMs.toFixed(0)} ms after the kill (incl. worker start), resumed at sample ${started.type === 'render.started' ? started.resumedFrom : '?'}`);
    expect(started.type === 'render.started' && started.resumedFrom).toBeGreaterThan(0);
    expect(done.result?.samples).toBe(1000);
    expect(done.workerId).toBe('worker-b');
    expect(await resultRows(id)).toBe(1);
    await b.kill();
  });

  it('puts a render back in the queue when its worker is stopped with SIGTERM', async () => {
    const a = env.spawnWorker('worker-c');
    const id = await env.createRender({ width: 32, height: 32, samples: 600, max_depth: 6, seed: 6 });
    await enqueueRender(id, { samples: 600, chunkSamples: 1_000_000 });
    // A fresh worker process's first dispatch includes shader compilation (many seconds on a loaded CPU).
    await env.waitForEvent((e) => e.type === 'render.progress' && e.renderId === id, 90_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${a.output()}`);
    });
    const t0 = performance.now();
    await a.kill('SIGTERM');
    const exitMs = performance.now() - t0;
    const b = env.spawnWorker('worker-d');
    const done = await waitForStatus(id, 'done');
    console.log(`SIGTERM: worker exited ${exitMs.toFixed(0)} ms after the signal`);
    expect(exitMs).toBeLessThan(5_000);
    expect(done.workerId).toBe('worker-d');
    expect(await resultRows(id)).toBe(1);
    await b.kill();
  });

  it('completes a render while Redis is stopped and restarted under it', async () => {
    const worker = await env.startWorker();
    try {
      // Seconds of rendering, so that Redis goes down mid-render (800 samples now finish within the outage).
      const id = await env.createRender({ width: 32, height: 32, samples: 8000, max_depth: 6, seed: 4 });
      await enqueueRender(id, { samples: 8000, chunkSamples: 1_000_000 });
      await env.waitForEvent((e) => e.type === 'render.progress' && e.renderId === id, 60_000);
      await env.redis.stop();
      await new Promise((r) => setTimeout(r, 1_500));
      await env.redis.start();
      const done = await waitForStatus(id, 'done');
      expect(done.result?.samples).toBe(8000);
      expect(done.attempts).toBe(1);
      expect(await resultRows(id)).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('retries uploads while object storage is down, then completes', async () => {
    const port = await freePort();
    const directory = await mkdtemp(join(tmpdir(), 'clovers-s3-fault-'));
    const s3 = () => new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: 'fault' }] });
    let server = s3();
    await server.run();
    const store = new S3ObjectStore({ endpoint: `http://127.0.0.1:${port}`, bucket: 'fault', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
    const log: string[] = [];
    const worker = await env.startWorker({ store, log: (m) => log.push(m) });
    try {
      // Long enough (seconds) to stop the storage while it renders. Started is read from the row, not from the
      // events: the previous test restarted Redis and the event subscriber may still be reconnecting.
      const id = await env.createRender({ width: 32, height: 32, samples: 1000, max_depth: 6, seed: 5 });
      await enqueueRender(id, { samples: 1000, chunkSamples: 1_000_000 });
      await waitFor(async () => (await env.renders.getRender(id))?.status === 'running', 60_000, `render ${id} to start`);
      await server.close();
      await waitFor(async () => log.some((m) => m.includes('upload of')), 30_000, 'a failed upload');
      server = s3();
      await server.run();
      const done = await waitForStatus(id, 'done');
      expect(done.attempts).toBe(1);
      expect(await store.get(renderKeys(id).png)).not.toBeNull();
      console.log(`storage outage: ${log.filter((m) => m.includes('upload of')).length} upload retries before success`);
    } finally {
      await worker.close();
      await server.close().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('fails a render and a preview whose workers keep dying (stalled more than the limit), with the reason', async () => {
    const id = await env.createRender({ width: 16, height: 16, samples: 4, max_depth: 4, seed: 9 });
    await enqueueRender(id, { samples: 4 });
    const previewId = await enqueuePreview({ scene: CORNELL, options: { width: 16, height: 16, samples: 1, max_depth: 4, seed: 1, sampler: 'random', mode: 'path-tracing' } });
    // Stand-ins for worker processes that take a job and die: they never renew the lock nor finish the job, and
    // their stalled checker (maxStalledCount 1) puts it back each time; after the second stall, the next worker
    // to take the job fails it instead of running it.
    const connection = new Redis(env.redis.url, { maxRetriesPerRequest: null });
    const stall = async (queueName: string, jobId: string, onTaken: (worker: string) => Promise<unknown>) => {
      const queue = new Queue(queueName, { connection });
      const dying = new Worker(queueName, null, { connection, autorun: false, lockDuration: 1_000, stalledInterval: 300, maxStalledCount: 1 });
      try {
        void dying.startStalledCheckTimer();
        for (const name of ['dead-1', 'dead-2']) {
          await waitFor(() => dying.getNextJob(name, { block: false }), 30_000, `${name} to take ${jobId}`);
          await onTaken(name);
        }
        await waitFor(async () => {
          const job = await queue.getJob(jobId);
          return job && job.stalledCounter >= 2 && (await job.getState()) === 'waiting';
        }, 30_000, `${jobId} back in the queue after two stalls`);
      } finally {
        await dying.close();
        await queue.close();
      }
    };
    try {
      await stall(QUEUES.render, jobIds.render(id), (name) => env.renders.markRunning(id, { workerId: name, adapter: 'none' }));
      await stall(QUEUES.preview, jobIds.preview(previewId), async () => undefined);
    } finally {
      connection.disconnect();
    }
    const worker = await env.startWorker();
    try {
      const failed = await waitFor(async () => {
        const render = await env.renders.getRender(id);
        return render?.status === 'failed' ? render : undefined;
      }, 30_000, `render ${id} to fail`);
      expect(failed.error).toMatch(/stopped responding 2 times \(job stalled more than allowable limit\)/);
      expect(failed.result).toBeUndefined();
      const failures = env.events.filter((e) => e.type === 'render.failed' && e.renderId === id);
      expect(failures.map((e) => e.type === 'render.failed' && e.willRetry)).toEqual([false]);
      await env.waitForEvent((e) => e.type === 'preview.ready' && e.previewId === previewId, 30_000);
      const preview = await getPreview(previewId);
      expect(preview?.status === 'failed' && preview.error).toMatch(/stopped responding 2 times/);
    } finally {
      await worker.close();
    }
  });

  it('retries a job whose GPU stalled on a fresh worker process; the stalled worker takes no other job and exits', async () => {
    // With Mesa's shader cache off every compile is cold (seconds) and never meets a 1 ms watchdog: a stall.
    const stalling = { GPU_COMPILE_LIMIT_MS: '1', MESA_SHADER_CACHE_DISABLE: 'true' };
    const tiny = { width: 16, height: 16, samples: 4, max_depth: 4 };
    const first = await env.createRender({ ...tiny, seed: 21 });
    const second = await env.createRender({ ...tiny, seed: 22 });
    await enqueueRender(first, { samples: 4 });
    await enqueueRender(second, { samples: 4 });
    const startedBy = (worker: string) =>
      env.events.filter((e) => e.type === 'render.started' && e.workerId === worker).map((e) => e.type === 'render.started' && e.renderId);
    const redis = new Redis(env.redis.url, { maxRetriesPerRequest: null });
    try {
      // A stall during the warm-up: the worker exits before it takes any job.
      const cold = env.spawnWorker('worker-warm-stall', { ...stalling, WORKER_WARM_UP: '1' });
      const [coldCode] = await once(cold.child, 'exit');
      expect(coldCode, cold.output()).toBe(1);
      expect(cold.output()).toMatch(/the GPU made no progress on the shader compile/);
      expect(startedBy('worker-warm-stall')).toEqual([]);

      // A stall in a job: that attempt fails with the reason and is retried; the worker takes no other job on the
      // stalled device, leaves the worker list and exits with status 1 for its supervisor.
      const stalled = env.spawnWorker('worker-stall', { ...stalling, WORKER_WARM_UP: '0' });
      const exited = once(stalled.child, 'exit');
      const failed = (e: ServiceEvent) => e.type === 'render.failed' && e.renderId === first;
      // Recorded before the worker exits: a worker that died first would have lost the failure (and the reason).
      const failure = await Promise.race([env.waitForEvent(failed, 90_000), exited.then(() => env.waitForEvent(failed, 2_000))]).catch((err: Error) => {
        throw new Error(`${err.message}\n${stalled.output()}`);
      });
      expect(failure).toMatchObject({ willRetry: true, attempts: 1, error: expect.stringMatching(/^the GPU made no progress on the shader compile within \d+ (ms|s) \(watchdog\)$/) });
      const [code] = await exited;
      expect(code, stalled.output()).toBe(1);
      expect(stalled.output()).toMatch(/taking no more jobs on this device/);
      expect(startedBy('worker-stall')).toEqual([first]);
      expect((await listWorkerStatuses(redis)).map((w) => w.id)).not.toContain('worker-stall');

      const fresh = env.spawnWorker('worker-fresh');
      const done = await waitForStatus(first, 'done');
      expect(done).toMatchObject({ attempts: 2, workerId: 'worker-fresh', error: null });
      expect((await waitForStatus(second, 'done')).attempts).toBe(1);
      expect(await resultRows(first)).toBe(1);
      await fresh.kill();
    } finally {
      redis.disconnect();
    }
  }, 240_000);
});
