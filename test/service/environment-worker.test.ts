// The workers' environment maps against real PostgreSQL, Redis and object storage: worker/service/
// scene-environment.ts resolving an Hdri path (a bundled map, the owner's upload; anything else, another owner's
// upload or a map that does not decode fails for good naming `environment.path`, a storage outage is a plain error
// to retry), and render and preview jobs that give the map to the renderer or fail at once.
import { createHash, randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRadianceHdr } from '../../gpu/host/environment/radiance-hdr.ts';
import { enqueuePreview, enqueueRender, getPreview } from '../../src/lib/server/queue/index.ts';
import { environmentKey, S3ObjectStore } from '../../src/lib/server/storage/index.ts';
import { parseScene, type SceneFile } from '../../src/lib/scene/index.ts';
import { loadServiceEnvironment, type EnvironmentSources } from '../../worker/service/scene-environment.ts';
import { freePort } from './support/free-port.ts';
import { startServiceEnv, waitFor, type ServiceEnv } from './support/service-env.ts';

let env: ServiceEnv;
beforeAll(async () => {
  env = await startServiceEnv({ RENDER_ATTEMPTS: '3' });
});
afterAll(async () => {
  await env?.close();
});

/** A small scene: a grey ball on a floor, lit by `environment` only. */
function sceneWith(environment: unknown) {
  return {
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    environment,
    camera: { look_from: [0, 1, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [{ kind: 'Sphere', center: [0, -101, 0], radius: 100, material: 'grey' }, { kind: 'Sphere', center: [0, 0, 0], radius: 1, material: 'grey' }],
    materials: [{ name: 'grey', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }]
  };
}

const hdri = (path: string) => sceneWith({ kind: 'Hdri', path, intensity: 1, rotation: 45 });

function parsed(scene: unknown): SceneFile {
  const result = parseScene(scene);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scene;
}

/** A warm sky over a dark ground, 16×8. */
function smallMap(): Uint8Array {
  const width = 16;
  const height = 8;
  const rgb = Float32Array.from({ length: width * height * 3 }, (_, i) => (Math.floor(i / 3 / width) < height / 2 ? [1.5, 1.2, 0.9][i % 3] : 0.1));
  return encodeRadianceHdr({ width, height, rgb });
}

/** Stores a map the way POST /api/environments does: bytes under environmentKey(id), then the row. */
async function uploadEnvironment(bytes: Uint8Array, owner = 'test', name = 'sky.hdr', store = true): Promise<string> {
  const id = randomUUID();
  if (store) await env.store.put(environmentKey(id), bytes, 'image/vnd.radiance');
  await env.environments.createEnvironment({
    id,
    owner,
    name,
    format: 'hdr',
    width: 16,
    height: 8,
    sizeBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey: environmentKey(id),
    contentType: 'image/vnd.radiance'
  });
  return id;
}

const sources = (owner?: string): EnvironmentSources => ({ store: env.store, environments: env.environments, owner });

async function failure(scene: unknown, from: EnvironmentSources): Promise<Error> {
  return loadServiceEnvironment(parsed(scene), from).then(
    () => {
      throw new Error('expected the environment to fail to load');
    },
    (error: Error) => error
  );
}

describe('loadServiceEnvironment', () => {
  it('loads nothing for a scene without an environment or with a Sky', async () => {
    expect(await loadServiceEnvironment(parsed(sceneWith(undefined)), sources('test'))).toBeUndefined();
    expect(await loadServiceEnvironment(parsed(sceneWith({ kind: 'Sky', sun_direction: [0, 1, 1] })), sources('test'))).toBeUndefined();
  });

  it('decodes bundled maps by name or file name, and the owner’s uploads (any for the admin and for previews)', async () => {
    for (const path of ['studio', 'dusk.hdr']) {
      const image = await loadServiceEnvironment(parsed(hdri(path)), sources('test'));
      expect(image && [image.width, image.height], path).toEqual([1024, 512]);
    }
    const id = await uploadEnvironment(smallMap(), 'alice');
    for (const owner of ['alice', 'admin', undefined]) {
      const image = await loadServiceEnvironment(parsed(hdri(`upload:${id}`)), sources(owner));
      expect(image && [image.width, image.height, image.rgb.length], String(owner)).toEqual([16, 8, 16 * 8 * 3]);
    }
  });

  it('fails for good, naming environment.path, on anything else', async () => {
    const foreign = await uploadEnvironment(smallMap(), 'someone-else');
    const broken = await uploadEnvironment(new TextEncoder().encode('#?RADIANCE\n\n-Y 8 +X 16\nshort'), 'test', 'broken.hdr');
    const lost = await uploadEnvironment(smallMap(), 'test', 'lost.hdr', false);
    const cases: [string, RegExp][] = [
      ['/etc/hosts', /^environment\.path: environment "\/etc\/hosts" is neither a bundled environment/],
      ['../static/environments/studio.hdr', /^environment\.path: .* neither a bundled environment/],
      [`upload:${randomUUID()}`, /^environment\.path: uploaded environment map ".*" not found$/],
      ['upload:../../etc/passwd', /^environment\.path: uploaded environment map "\.\.\/\.\.\/etc\/passwd" not found$/],
      [`upload:${foreign}`, /^environment\.path: uploaded environment map ".*" not found$/],
      [`upload:${lost}`, /^environment\.path: uploaded environment map ".*" not found$/],
      [`upload:${broken}`, new RegExp(`^environment\\.path: uploaded environment map ${broken}: broken\\.hdr: `)]
    ];
    for (const [path, message] of cases) {
      const error = await failure(hdri(path), sources('test'));
      expect(error, path).toBeInstanceOf(UnrecoverableError);
      expect(error.message, path).toMatch(message);
    }
  });

  it('lets a storage outage through as a plain error, so the job is retried', async () => {
    const id = await uploadEnvironment(smallMap());
    const down = new S3ObjectStore({ endpoint: `http://127.0.0.1:${await freePort()}`, bucket: 'b', region: 'us-east-1', accessKeyId: 'x', secretAccessKey: 'x', forcePathStyle: true });
    const error = await failure(hdri(`upload:${id}`), { store: down, environments: env.environments, owner: 'test' });
    expect(error).not.toBeInstanceOf(UnrecoverableError);
  });
});

describe('render and preview jobs', () => {
  const tiny = { width: 8, height: 8, samples: 1, max_depth: 2, seed: 3 };

  async function waitForStatus(id: string, status: string) {
    return waitFor(async () => {
      const render = await env.renders.getRender(id);
      return render?.status === status ? render : undefined;
    }, 120_000, `render ${id} to be ${status}`);
  }

  it('fail at once, naming environment.path, when the map cannot be loaded', async () => {
    const worker = await env.startWorker();
    try {
      const id = await env.createRender(tiny, hdri(`upload:${randomUUID()}`));
      await enqueueRender(id, { samples: tiny.samples });
      const failed = await waitForStatus(id, 'failed');
      expect(failed.error).toMatch(/^environment\.path: uploaded environment map ".*" not found/);
      expect(failed.attempts).toBe(0);
      const previewId = await enqueuePreview({ scene: hdri('/etc/hosts'), options: { ...tiny, sampler: 'random', mode: 'path-tracing' }, owner: 'test' });
      await env.waitForEvent((e) => e.type === 'preview.ready' && e.previewId === previewId);
      const preview = await getPreview(previewId);
      expect(preview?.status).toBe('failed');
      if (preview?.status === 'failed') expect(preview.error).toMatch(/environment\.path: .* neither a bundled environment/);
    } finally {
      await worker.close();
    }
  });

  it("render with the owner's uploaded map as their only light", async () => {
    const worker = await env.startWorker();
    try {
      const id = await env.createRender(tiny, hdri(`upload:${await uploadEnvironment(smallMap())}`));
      await enqueueRender(id, { samples: tiny.samples });
      const done = await waitForStatus(id, 'done');
      expect(done.result?.samples).toBe(1);
      // The background is black and the scene has no lamps: only the map can have lit the image.
      const png = PNG.sync.read(Buffer.from((await env.store.get(done.result?.imageKey ?? ''))!));
      let sum = 0;
      for (let i = 0; i < png.data.length; i += 4) sum += png.data[i] + png.data[i + 1] + png.data[i + 2];
      expect(sum / (png.width * png.height * 3)).toBeGreaterThan(20);
    } finally {
      await worker.close();
    }
  });
});
