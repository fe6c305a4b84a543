// A texture decompression bomb uploaded as a mesh: the in-process worker refuses it from the image headers on the
// job's first attempt (no retries, no decoding), with an error naming the object, the file and the budget.
import { createHash, randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textureBombGlb } from '../../gpu/host/testing/textured-glb.ts';
import { AtlasTooLargeError } from '../../gpu/host/texture/atlas.ts';
import { SceneTooLargeError } from '../../gpu/host/render/scene-tables.ts';
import { enqueueRender } from '../../src/lib/server/queue/index.ts';
import { jobIds, QUEUES } from '../../src/lib/server/queue/jobs.ts';
import { CONTENT_TYPES, meshKey } from '../../src/lib/server/storage/index.ts';
import { permanentRenderError } from '../../worker/service/render-job.ts';
import { startServiceEnv, waitFor, type ServiceEnv } from './support/service-env.ts';

let env: ServiceEnv;
beforeAll(async () => {
  env = await startServiceEnv({ RENDER_ATTEMPTS: '3' });
});
afterAll(async () => {
  await env?.close();
});

const SCENE = {
  time_0: 0,
  time_1: 1,
  background_color: [0.5, 0.6, 0.7],
  camera: { look_from: [0, 1, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
  objects: [] as unknown[],
  materials: [{ name: 'grey', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }]
};

describe('texture budget in the worker', () => {
  it('fails a render of a texture bomb upload on its first attempt, within seconds', async () => {
    const bytes = await textureBombGlb();
    const meshId = randomUUID();
    await env.store.put(meshKey(meshId), bytes, CONTENT_TYPES.bin);
    await env.meshes.createMesh({
      id: meshId,
      owner: 'test',
      name: 'bomb.glb',
      format: 'glb',
      sizeBytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey: meshKey(meshId),
      contentType: 'model/gltf-binary'
    });
    const worker = await env.startWorker();
    const connection = new Redis(env.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.render, { connection });
    try {
      const id = await env.createRender({ width: 16, height: 16, samples: 4, max_depth: 4 }, { ...SCENE, objects: [{ kind: 'GLTF', path: `upload:${meshId}` }] });
      const start = performance.now();
      await enqueueRender(id, { samples: 4 });
      const failed = await waitFor(async () => {
        const render = await env.renders.getRender(id);
        return render?.status === 'failed' ? render : undefined;
      }, 20_000, 'the render to fail');
      expect(performance.now() - start).toBeLessThan(10_000);
      expect(failed.error).toMatch(/objects\[0\]\.path: uploaded mesh .*bomb\.glb: glTF: 16 distinct texture images of 268,435,456 texels in all are over the texture budget of 16,777,216 texels/);
      const job = await queue.getJob(jobIds.render(id));
      expect(job?.attemptsMade).toBe(1);
      expect(await job?.getState()).toBe('failed');
    } finally {
      await queue.close();
      connection.disconnect();
      await worker.close();
    }
  });

  it("fails scenes the renderer refuses (atlas, bindings) for good; other errors stay retryable", () => {
    const atlas = permanentRenderError(new AtlasTooLargeError('the scene\'s 5 texture images do not fit'));
    expect(atlas).toBeInstanceOf(UnrecoverableError);
    expect((atlas as Error).message).toMatch(/do not fit/);
    expect(permanentRenderError(new SceneTooLargeError('too big'))).toBeInstanceOf(UnrecoverableError);
    const transient = new Error('device lost');
    expect(permanentRenderError(transient)).toBe(transient);
  });
});
