// The live preview's progressive session on the GPU (Dawn/lavapipe): the same image as renderScene for the same
// seed and sample count however the steps split the work, restarts that drop work in flight, convergence.
import { describe, expect, it } from 'vitest';
import { compileScene } from '../scene/compile.ts';
import { renderTest, sceneOf, SMALL } from '../testing/render-scene.ts';
import { testDevice } from '../testing/test-device.ts';
import { cameraFrame } from './camera.ts';
import { kernelVariantKey, ProgressiveSession, type ProgressiveSettings } from './progressive.ts';
import type { SceneFile } from '../../../src/lib/scene/index.ts';

const [WIDTH, HEIGHT] = [32, 24];

function settings(scene: SceneFile, extra: Partial<ProgressiveSettings> = {}): ProgressiveSettings {
  return {
    width: WIDTH,
    height: HEIGHT,
    maxDepth: SMALL.maxDepth,
    seed: SMALL.seed,
    mode: 'path-tracing',
    sampler: 'random',
    camera: cameraFrame(scene.camera, WIDTH / HEIGHT),
    time0: scene.time_0,
    time1: scene.time_1,
    maxSamples: 6,
    ...extra
  };
}

async function runToEnd(session: ProgressiveSession): Promise<{ steps: number; presentable: boolean[] }> {
  const presentable: boolean[] = [];
  while (!session.converged) presentable.push((await session.step()).presentable);
  return { steps: presentable.length, presentable };
}

async function meanFilm(session: ProgressiveSession): Promise<Float32Array> {
  const { xyzSum } = await session.readFilm();
  return xyzSum.map((v) => v / session.samples);
}

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

describe('ProgressiveSession', () => {
  it('reaches exactly the image renderScene gives for the same seed and samples, in whole-image steps or in bands', async () => {
    const device = await testDevice();
    const scene = sceneOf('cornell');
    const compiled = compileScene(scene);
    const reference = await renderTest('cornell', { width: WIDTH, height: HEIGHT, samples: 6 });
    for (const targetMs of [1000, 0.001]) {
      const session = await ProgressiveSession.create(device, compiled, settings(scene, { targetMs }));
      try {
        const { steps, presentable } = await runToEnd(session);
        expect(session.samples).toBe(6);
        if (targetMs < 1) {
          // After the first (unmeasured) step, 8-row bands: three steps a sample, presentable when a pass is whole.
          expect(presentable.slice(1)).toEqual([false, false, true]);
        } else {
          expect(steps).toBeLessThan(6);
        }
        expect(same(await meanFilm(session), reference.xyz)).toBe(true);
        expect(session.samplesPerSecond).toBeGreaterThan(0);
        // Converged: a further step adds nothing.
        expect(await session.step()).toEqual({ samples: 6, presentable: true });
      } finally {
        session.destroy();
      }
    }
  });

  it('a restart with a moved camera drops the step in flight and renders the moved view from sample 0', async () => {
    const device = await testDevice();
    const scene = sceneOf('cornell');
    const moved = { ...scene, camera: { ...scene.camera, look_from: [400, 300, -700] as [number, number, number] } };
    const session = await ProgressiveSession.create(device, compileScene(scene), settings(scene, { maxSamples: 8 }));
    try {
      await session.step();
      expect(session.samples).toBeGreaterThan(0);
      const inFlight = session.step();
      session.restart(cameraFrame(moved.camera, WIDTH / HEIGHT));
      expect((await inFlight).samples).toBe(0);
      expect(session.samples).toBe(0);
      await runToEnd(session);
      const reference = await renderTest(moved, { width: WIDTH, height: HEIGHT, samples: 8 });
      expect(same(await meanFilm(session), reference.xyz)).toBe(true);
    } finally {
      session.destroy();
    }
  });

  it('compile() adds nothing to the film: the image after it is the one without it', async () => {
    const device = await testDevice();
    const scene = sceneOf('cornell');
    const session = await ProgressiveSession.create(device, compileScene(scene), settings(scene, { maxSamples: 3 }));
    try {
      await session.compile();
      expect(session.samples).toBe(0);
      await runToEnd(session);
      const reference = await renderTest('cornell', { width: WIDTH, height: HEIGHT, samples: 3 });
      expect(same(await meanFilm(session), reference.xyz)).toBe(true);
    } finally {
      session.destroy();
    }
  });

  it('names one kernel variant per feature set and view: an edit that keeps the features keeps the key', async () => {
    const device = await testDevice();
    const scene = sceneOf('cornell');
    const key = (s: SceneFile, mode: ProgressiveSettings['mode'] = 'path-tracing') => kernelVariantKey(device, compileScene(s), mode);
    const recoloured = { ...scene, materials: scene.materials.map((m, i) => (i === 0 ? { ...m, albedo: { kind: 'SolidColor', color: [0.1, 0.2, 0.7] } } : m)) };
    expect(key(sceneOf(recoloured))).toBe(key(scene));
    expect(key(scene, 'normal-map')).not.toBe(key(scene));
    const metal = { ...scene, materials: [...scene.materials.slice(0, 1), { name: 'white', kind: 'Metal', albedo: { kind: 'SolidColor', color: [0.7, 0.7, 0.7] }, fuzz: 0.2 }, ...scene.materials.slice(2)] };
    expect(key(sceneOf(metal))).not.toBe(key(scene));
  });

  it('rejects a sample cap that is not a positive integer', async () => {
    const scene = sceneOf('cornell');
    await expect(ProgressiveSession.create(await testDevice(), compileScene(scene), settings(scene, { maxSamples: 0 }))).rejects.toThrow(/maxSamples/);
  });
});
