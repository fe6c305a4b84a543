// The environment as compiled for the GPU: big maps fit the texture limit at full resolution where they can and
// the sampling distribution stays bounded, bright maps keep their radiance through half floats, and the
// distribution's cdfs are monotone and end at 1.
import { describe, expect, it } from 'vitest';
import { compileEnvironment, MAX_ENVIRONMENT_TEXTURE_SIDE } from './environment.ts';
import { MAX_DISTRIBUTION_WIDTH, distributionPdfUv } from './distribution.ts';
import { halfValue } from './half.ts';
import type { EnvironmentImage } from './image.ts';

const HDRI = { kind: 'Hdri', path: 'x.hdr', intensity: 1, rotation: 0 } as const;

function constant(width: number, height: number, value: number): EnvironmentImage {
  return { width, height, rgb: new Float32Array(width * height * 3).fill(value) };
}

describe('compileEnvironment', () => {
  it('keeps a map within the texture limit at full resolution, with at most 2048 sampling cells across', () => {
    const env = compileEnvironment(HDRI, constant(4096, 2048, 0.5));
    expect([env?.width, env?.height]).toEqual([4096, 2048]);
    expect([env?.distribution.width, env?.distribution.height]).toEqual([MAX_DISTRIBUTION_WIDTH, MAX_DISTRIBUTION_WIDTH / 2]);
  });

  it('box-filters a map wider than 8192 texels to fit the texture limit, keeping its mean', () => {
    const width = 16384;
    const image = constant(width, 64, 0);
    for (let t = 0; t < width * 64; t++) image.rgb.fill(t % 2, 3 * t, 3 * t + 3);
    const env = compileEnvironment(HDRI, image);
    expect(env?.width).toBe(MAX_ENVIRONMENT_TEXTURE_SIDE);
    expect(env?.height).toBe(32);
    expect(halfValue(env?.texels[0] ?? 0) * (env?.radianceScale ?? 0)).toBe(0.5);
  });

  it('stores radiance beyond the half-float range scaled by a power of two, and applies the intensity', () => {
    const image = constant(8, 4, 1);
    image.rgb.fill(3e6, 0, 3);
    const env = compileEnvironment({ ...HDRI, intensity: 2 }, image);
    const scale = env?.radianceScale ?? 0;
    const sun = halfValue(env?.texels[0] ?? 0) * scale;
    const sky = halfValue(env?.texels[4] ?? 0) * scale;
    expect(Math.abs(sun / 6e6 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(sky / 2 - 1)).toBeLessThan(1e-3);
  });

  it('builds monotone cdfs ending at 1, and a density that integrates to 1 over (u, v)', () => {
    const image = constant(64, 32, 0.1);
    image.rgb.fill(500, 3 * (10 * 64 + 40), 3 * (10 * 64 + 40) + 3);
    const env = compileEnvironment(HDRI, image);
    const d = env!.distribution;
    const stride = d.width + 1;
    for (let j = 0; j <= d.height; j++) {
      const n = j < d.height ? d.width : d.height;
      for (let i = 0; i < n; i++) expect(d.cdf[j * stride + i + 1]).toBeGreaterThanOrEqual(d.cdf[j * stride + i]);
      expect(d.cdf[j * stride + n]).toBe(1);
    }
    let integral = 0;
    for (let j = 0; j < d.height; j++) for (let i = 0; i < d.width; i++) integral += distributionPdfUv(d, (i + 0.5) / d.width, (j + 0.5) / d.height) / (d.width * d.height);
    expect(Math.abs(integral - 1)).toBeLessThan(1e-5);
  });

  it('needs the decoded file of an Hdri environment; a Sky is baked', () => {
    expect(() => compileEnvironment(HDRI, undefined)).toThrow(/environment.path/);
    const sky = compileEnvironment({ kind: 'Sky', sun_direction: [0, 1, 0], turbidity: 3, intensity: 1, ground_albedo: 0.3 }, undefined);
    expect(sky?.width).toBe(2048);
    expect(compileEnvironment(undefined, undefined)).toBeUndefined();
  });
});
