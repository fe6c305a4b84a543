// Fault tests: a worker process SIGKILLed mid-render (another process finishes the job from the checkpoint, one
// result row), Redis stopped and restarted during a render, object storage down while the images upload.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { results } from '../../src/lib/server/db/schema.ts';
import { enqueueRender } from '../../src/lib/server/queue/index.ts';
import { renderKeys, S3ObjectStore } from '../../src/lib/server/storage/index.ts';
import { freePort } from './support/free-port.ts';
import { startServiceEnv, waitFor, type ServiceEnv } from './support/service-env.ts';

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
      const id = await env.createRender({ width: 32, height: 32, samples: 800, max_depth: 6, seed: 4 });
      await enqueueRender(id, { samples: 800, chunkSamples: 1_000_000 });
      await env.waitForEvent((e) => e.type === 'render.progress' && e.renderId === id, 60_000);
      await env.redis.stop();
      await new Promise((r) => setTimeout(r, 1_500));
      await env.redis.start();
      const done = await waitForStatus(id, 'done');
      expect(done.result?.samples).toBe(800);
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
      const id = await env.createRender({ width: 32, height: 32, samples: 200, max_depth: 6, seed: 5 });
      await enqueueRender(id, { samples: 200 });
      await env.waitForEvent((e) => e.type === 'render.started' && e.renderId === id, 60_000);
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
});
