// End-to-end renders on the GPU (Dawn/lavapipe): energy conservation, the reference brightness scale,
// determinism, and every example scene free of NaN.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES } from '../../../src/lib/scene/examples/index.ts';
import { cmfMean } from '../spectrum/cmf.ts';
import { xyzToSrgb8 } from '../film/srgb8.ts';
import { xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { meanXyz, renderTest, sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import { renderScene } from './render.ts';

const WHITE_BACKGROUND = {
  time_0: 0,
  time_1: 1,
  background_color: [1, 1, 1],
  camera: { look_from: [0, 0, -6], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 6 },
  objects: [] as unknown[]
};

const white = (kind: string, extra: object = {}) => ({ kind, ...extra });
const WHITE_ALBEDO = { kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } };

describe('white furnace', () => {
  it('white Lambertian, metal, glass and a white medium in a uniform white background render exactly the background', async () => {
    const furnace = {
      ...WHITE_BACKGROUND,
      objects: [
        { kind: 'Sphere', center: [-1.2, 0, 0], radius: 1, material: white('Lambertian', { albedo: WHITE_ALBEDO }) },
        { kind: 'Boxy', corner_0: [0.2, -1, -0.5], corner_1: [1.4, 0.2, 0.7], material: white('Lambertian', { albedo: WHITE_ALBEDO }) },
        { kind: 'Sphere', center: [1.2, 1.1, 0], radius: 0.6, material: white('Metal', { albedo: WHITE_ALBEDO, fuzz: 0.3 }) },
        { kind: 'Sphere', center: [0, 1.3, -1], radius: 0.5, material: white('Dielectric', { refractive_index: 1.5 }) },
        { kind: 'ConstantMedium', density: 2, boundary: { kind: 'Sphere', center: [0, -1.3, -1], radius: 0.6 }, texture: WHITE_ALBEDO }
      ]
    };
    const options = { width: 24, height: 24, samples: 4, maxDepth: 256 };
    const lit = await renderTest(furnace, options);
    const empty = await renderTest(WHITE_BACKGROUND, options);
    // Same seed → same wavelengths per pixel sample; every path leaves with throughput 1, so each pixel equals
    // the empty scene's up to float rounding.
    let maxRel = 0;
    for (let i = 0; i < lit.xyz.length; i++) {
      maxRel = Math.max(maxRel, Math.abs(lit.xyz[i] - empty.xyz[i]) / Math.max(empty.xyz[i], 1e-6));
    }
    expect(maxRel).toBeLessThan(1e-4);
    expect(lit.stats.droppedSamples).toBe(0);
  });

  it('with next-event estimation and guides the furnace still converges to the background', async () => {
    const furnace = {
      ...WHITE_BACKGROUND,
      objects: [
        { kind: 'Sphere', priority: true, center: [0, 0, 0], radius: 1, material: white('Lambertian', { albedo: WHITE_ALBEDO }) },
        { kind: 'Quad', priority: true, q: [-3, -1, -1], u: [6, 0, 0], v: [0, 0, 3], material: white('Lambertian', { albedo: WHITE_ALBEDO }) }
      ]
    };
    const lit = meanXyz(await renderTest(furnace, { width: 32, height: 32, samples: 64 }));
    const empty = meanXyz(await renderTest(WHITE_BACKGROUND, { width: 32, height: 32, samples: 64 }));
    for (let c = 0; c < 3; c++) expect(Math.abs(lit[c] / empty[c] - 1)).toBeLessThan(0.02);
  });
});

describe('brightness scale (decision 8)', () => {
  it('a flat radiance of 1.0 gives XYZ ≈ mean CMF and 8-bit sRGB 141', async () => {
    const result = await renderTest(WHITE_BACKGROUND, { width: 16, height: 16, samples: 256 });
    const mean = meanXyz(result);
    const expected = cmfMean();
    for (let c = 0; c < 3; c++) expect(Math.abs(mean[c] / expected[c] - 1)).toBeLessThan(0.01);
    const image = xyzToSrgb8(new Float32Array(mean), { stride: 3 });
    expect(Array.from(image.slice(0, 3))).toEqual([141, 141, 141]);
  });
});

describe('determinism (decision 14)', () => {
  it('the same seed gives bit-identical images however the work is split; another seed differs', async () => {
    const a = await renderTest('cornell', { samples: 6, targetDispatchMs: 1 });
    const b = await renderTest('cornell', { samples: 6, targetDispatchMs: 1000 });
    const c = await renderTest('cornell', { samples: 6, seed: 8 });
    expect(b.stats.dispatches).toBeLessThan(a.stats.dispatches);
    expect(Buffer.from(a.xyz.buffer).equals(Buffer.from(b.xyz.buffer))).toBe(true);
    expect(Buffer.from(a.xyz.buffer).equals(Buffer.from(c.xyz.buffer))).toBe(false);
  });

  it('sample ranges rendered separately average to the whole render (chunks of one render)', async () => {
    const whole = await renderTest('smoke', { samples: 4 });
    const first = await renderTest('smoke', { samples: 2 });
    const second = await renderTest('smoke', { samples: 2, sampleOffset: 2 });
    let maxDiff = 0;
    for (let i = 0; i < whole.xyz.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((first.xyz[i] + second.xyz[i]) / 2 - whole.xyz[i]));
    }
    expect(maxDiff).toBeLessThan(1e-4);
  });
});

describe('example scenes', () => {
  for (const name of EXAMPLE_NAMES) {
    it(`${name} renders without NaN, infinity or dropped samples, and is not blank`, async () => {
      sceneOf(name);
      const result = await renderTest(name, { width: 24, height: 24, samples: 2 });
      expect(result.xyz.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      expect(result.stats.droppedSamples).toBe(0);
      expect(result.stats.raySegments).toBeGreaterThanOrEqual(24 * 24 * 2);
      const mean = meanXyz(result);
      expect(mean[1]).toBeGreaterThan(1e-3);
    });
  }
});

describe('checkpoints', () => {
  it('a render resumed from a checkpoint is bit-identical to one that never stopped', async () => {
    const whole = await renderTest('cornell', { samples: 6 });
    const checkpoints: { samplesDone: number; xyzSum: Float32Array }[] = [];
    const stopper = new AbortController();
    const partial = await renderScene(await testGpu(), sceneOf('cornell'), { ...SMALL, samples: 6, targetDispatchMs: 1 }, {
      signal: stopper.signal,
      checkpointIntervalMs: 0,
      onCheckpoint: (cp) => {
        checkpoints.push(cp);
        if (cp.samplesDone >= 2) stopper.abort();
      }
    });
    expect(partial.cancelled).toBe(true);
    const resumed = await renderTest('cornell', { samples: 6, resume: checkpoints[checkpoints.length - 1] });
    expect(resumed.samples).toBe(6);
    expect(Buffer.from(resumed.xyz.buffer).equals(Buffer.from(whole.xyz.buffer))).toBe(true);
  });
});

describe('debug views', () => {
  const pixel = (result: Awaited<ReturnType<typeof renderTest>>, fx: number, fy: number) => {
    const i = (Math.floor(fy * result.height) * result.width + Math.floor(fx * result.width)) * 3;
    return xyzEToLinearSrgb([result.xyz[i], result.xyz[i + 1], result.xyz[i + 2]]);
  };

  it('normal-map shows the reference colours: left wall (1, ½, 0), right wall (0, ½, 0), back wall (½, ½, 1), floor (½, 1, 0)', async () => {
    const result = await renderTest('cornell_classic', { mode: 'normal-map', samples: 1, width: 64, height: 64 });
    const near = (rgb: number[], expected: number[]) => rgb.forEach((c, k) => expect(c).toBeCloseTo(expected[k], 3));
    near(pixel(result, 0.1, 0.5), [1, 0.5, 0]);
    near(pixel(result, 0.9, 0.5), [0, 0.5, 0]);
    near(pixel(result, 0.5, 0.3), [0.5, 0.5, 1]);
    near(pixel(result, 0.5, 0.93), [0.5, 1, 0]);
  });

  it('bvh-test-count shows node visits on the grey ramp (count / 255)', async () => {
    const result = await renderTest('cornell_classic', { mode: 'bvh-test-count', samples: 1, width: 64, height: 64 });
    const wall = pixel(result, 0.5, 0.1);
    const block = pixel(result, 0.35, 0.6);
    for (const rgb of [wall, block]) {
      expect(rgb[0]).toBeCloseTo(rgb[1], 3);
      expect(rgb[1]).toBeCloseTo(rgb[2], 3);
      expect(rgb[0]).toBeGreaterThan(0);
      expect(rgb[0] * 255).toBeCloseTo(Math.round(rgb[0] * 255), 1);
    }
  });
});

describe('device limits', () => {
  it('a film over the storage binding limit is a clear error, not a WebGPU failure', async () => {
    const gpu = await testGpu();
    const limit = gpu.device.limits.maxStorageBufferBindingSize;
    const side = Math.ceil(Math.sqrt(limit / 16)) + 16;
    await expect(renderScene(gpu, sceneOf('cornell'), { ...SMALL, width: side, height: side, samples: 1 })).rejects.toThrow(
      /the film .*: .* MiB, over this device's .* storage binding limit/
    );
  });
});

describe('samplers', () => {
  it('Owen-scrambled Sobol lowers the error of a 16-spp render against a converged one', async () => {
    const options = { width: 48, height: 48, maxDepth: 64 };
    const reference = await renderTest('cornell_classic', { ...options, samples: 512, seed: 99 });
    const rmse = (xyz: Float32Array) => {
      let sum = 0;
      for (let i = 0; i < xyz.length; i++) sum += (xyz[i] - reference.xyz[i]) ** 2;
      return Math.sqrt(sum / xyz.length);
    };
    const random = rmse((await renderTest('cornell_classic', { ...options, samples: 16, sampler: 'random' })).xyz);
    const sobol = rmse((await renderTest('cornell_classic', { ...options, samples: 16, sampler: 'sobol' })).xyz);
    // Measured ≈ 0.7 (scripts/bench-samplers.ts); the margin keeps the test about the effect, not the noise.
    expect(sobol / random).toBeLessThan(0.85);
  });
});
