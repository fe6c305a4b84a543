// The primitive-test-count debug view (debug/views.wgsl, counted by bvh/bvh.wgsl) on a scene of known structure:
// one sphere, so a camera ray tests its one primitive exactly when it enters the sphere's leaf box, and none when
// it misses the root's.
import { describe, expect, it } from 'vitest';
import { xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { renderTest } from '../../host/testing/render-scene.ts';
import type { RenderMode, RenderResult } from '../../host/render/types.ts';

const ONE_SPHERE = {
  time_0: 0,
  time_1: 1,
  background_color: [0, 0, 0],
  camera: { look_from: [0, 0, -6], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 6 },
  objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { xyz_e: [0.5, 0.5, 0.5] } } } }]
};

const SIZE = 32;

/** The heat ramp's count per pixel (grey = count / 255), or NaN where the pixel is not grey. */
function counts(result: RenderResult): number[] {
  return Array.from({ length: result.width * result.height }, (_, i) => {
    const [r, g, b] = xyzEToLinearSrgb([result.xyz[i * 3], result.xyz[i * 3 + 1], result.xyz[i * 3 + 2]]);
    const count = Math.round(g * 255);
    return Math.abs(r - g) < 1e-4 && Math.abs(b - g) < 1e-4 && Math.abs(g * 255 - count) < 1e-2 ? count : NaN;
  });
}

const view = (mode: RenderMode) => renderTest(ONE_SPHERE, { mode, samples: 1, width: SIZE, height: SIZE });

describe('primitive-test-count view', () => {
  it('one sphere: 1 test where rays enter its box (hit or not), 0 where they miss the root; unlike the node count', async () => {
    const primitives = counts(await view('primitive-test-count'));
    const nodes = counts(await view('bvh-test-count'));
    const normals = await view('normal-map');
    const hitsSphere = (p: number) => normals.xyz[p * 3 + 1] > 0;
    const pixels = primitives.map((_, p) => p);

    expect(primitives.every((c) => c === 0 || c === 1)).toBe(true);
    const sphere = pixels.filter(hitsSphere);
    expect(sphere.length).toBeGreaterThan(0);
    expect(sphere.every((p) => primitives[p] === 1)).toBe(true);
    // The box's corners: tested, missed (a count of tests, not of hits).
    expect(pixels.some((p) => !hitsSphere(p) && primitives[p] === 1)).toBe(true);
    // The image's corners miss every box: no primitive tested, but the root node was.
    for (const p of [0, SIZE - 1, SIZE * (SIZE - 1), SIZE * SIZE - 1]) {
      expect(primitives[p]).toBe(0);
      expect(nodes[p]).toBeGreaterThanOrEqual(1);
    }
    expect(nodes.every((c, p) => c > primitives[p])).toBe(true);
  });
});
