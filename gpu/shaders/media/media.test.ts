// ConstantMedium scenes past the old limits (issue 12): many media, media inside other media's volumes, a
// negative-radius boundary around the camera. The render check is pbrt's transmittance test: with black albedo
// nothing scatters back, so a pixel is the background times exp(−Σ σ·d) along its ray.
import { describe, expect, it } from 'vitest';
import { compileScene, SceneCompileError } from '../../host/scene/compile.ts';
import { MAX_MEDIA } from '../../host/scene/kinds.ts';
import { renderTest, sceneOf } from '../../host/testing/render-scene.ts';
import type { RenderResult } from '../../host/render/types.ts';

const BLACK = { kind: 'SolidColor', color: { xyz_e: [0, 0, 0] } };
const CAMERA_Z = -10;

/** White background seen along +z through a 2° field, so every ray crosses z-slabs within 0.03% of normal. */
function scene(objects: unknown[]): unknown {
  return {
    time_0: 0,
    time_1: 1,
    background_color: [1, 1, 1],
    camera: { look_from: [0, 0, CAMERA_Z], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 2, aperture: 0, focus_distance: 10 },
    objects
  };
}

const medium = (density: number, boundary: unknown) => ({ kind: 'ConstantMedium', density, texture: BLACK, boundary });
const slab = (x0: number, x1: number, z0: number, z1: number) => ({ kind: 'Boxy', corner_0: [x0, -1, z0], corner_1: [x1, 1, z1] });

/** 20 thin slabs in front of the image's left half (world x > 0: the camera looks along +z), σ_i = 0.2 + 0.05 i,
 * 0.1 thick. */
const SLABS = Array.from({ length: 20 }, (_, i) => ({ density: 0.2 + 0.05 * i, z0: 0.2 * i, thickness: 0.1 }));
/** A fog box around all the slabs (they sit inside its volume) and a mist sphere of radius −50 centred on the camera. */
const FOG = { density: 0.1, z0: -0.5, z1: 4.5 };
const MIST = { density: 0.004, radius: -50 };

function mediaRow(): unknown {
  return scene([
    ...SLABS.map((s) => medium(s.density, slab(0, 1, s.z0, s.z0 + s.thickness))),
    medium(FOG.density, slab(-1, 1, FOG.z0, FOG.z1)),
    medium(MIST.density, { kind: 'Sphere', center: [0, 0, CAMERA_Z], radius: MIST.radius })
  ]);
}

/** Mean Y over the columns [x0, x1). */
function meanY(r: RenderResult, x0: number, x1: number): number {
  let sum = 0;
  for (let y = 0; y < r.height; y++) for (let x = x0; x < x1; x++) sum += r.xyz[(y * r.width + x) * 3 + 1];
  return sum / (r.height * (x1 - x0));
}

describe('ConstantMedium limits (decision 17)', () => {
  it('a scene with 20 media compiles; one over MAX_MEDIA is refused naming the limit', () => {
    expect(compileScene(sceneOf(mediaRow())).media).toHaveLength(22);
    const tooMany = scene(Array.from({ length: MAX_MEDIA + 1 }, (_, i) => medium(1, { kind: 'Sphere', center: [i, 0, 0], radius: 0.1 })));
    expect(() => compileScene(sceneOf(tooMany))).toThrow(`objects[${MAX_MEDIA}]: too many ConstantMedium objects: at most ${MAX_MEDIA} per scene (decision 17)`);
  });

  it('a medium as (part of) another medium\'s boundary is refused with the decision named', () => {
    const inner = medium(1, { kind: 'Sphere', center: [0, 0, 0], radius: 1 });
    const nested = scene([medium(1, { kind: 'Translate', offset: [0, 1, 0], object: { kind: 'ObjectList', objects: [inner] } })]);
    try {
      compileScene(sceneOf(nested));
      expect.unreachable('compiled');
    } catch (e) {
      expect(e).toBeInstanceOf(SceneCompileError);
      const issues = (e as SceneCompileError).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toBe('objects[0].boundary.object.objects[0]');
      expect(issues[0].message).toMatch(/boundary of another ConstantMedium \(decision 17\)/);
    }
  });

  it('transmittance through 20 slabs inside a fog box inside a negative-radius mist sphere is exp(−Σ σ·d)', async () => {
    const options = { width: 48, height: 48, samples: 64 };
    const [lit, empty] = await Promise.all([renderTest(mediaRow(), options), renderTest(scene([]), options)]);
    const half = options.width / 2;
    // Rays of the left half (x > 0 all along, the camera being at x = 0) cross every slab; the right half none.
    const left = meanY(lit, 0, half) / meanY(empty, 0, half);
    const right = meanY(lit, half, options.width) / meanY(empty, half, options.width);
    const around = FOG.density * (FOG.z1 - FOG.z0) + MIST.density * Math.abs(MIST.radius);
    const slabs = SLABS.reduce((sum, s) => sum + s.density * s.thickness, 0);
    const expectedRight = Math.exp(-around);
    const expectedLeft = Math.exp(-around - slabs);
    // Each sample passes (1) or is absorbed (0): the standard error of a half's mean is √(T(1 − T)/N), N = 73,728
    // (0.12% of 1 at T ≈ 0.13); wavelength noise mostly cancels in the ratio to the same-seed empty render.
    expect(Math.abs(right / expectedRight - 1), `right half ${right} vs ${expectedRight}`).toBeLessThan(0.02);
    expect(Math.abs(left / expectedLeft - 1), `left half ${left} vs ${expectedLeft}`).toBeLessThan(0.03);
    expect(lit.stats.droppedSamples).toBe(0);
  });

  it('next-event estimation through a medium (shadow-ray transmittance) agrees with free flights alone', async () => {
    // A floor lit through an absorbing slab (σ·d = 0.6 vertically), once with the light in the priority set (its
    // light arrives mostly by shadow rays weighted by media_transmittance) and once without (only by continuation
    // rays that sample free flights): both estimate the same image.
    const lit = (priority: boolean) => ({
      time_0: 0,
      time_1: 1,
      background_color: [0, 0, 0],
      camera: { look_from: [0, 1, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 30, aperture: 0, focus_distance: 5 },
      objects: [
        { kind: 'Quad', q: [-2, 0, -2], u: [0, 0, 4], v: [4, 0, 0], material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { xyz_e: [0.8, 0.8, 0.8] } } } },
        { kind: 'Quad', priority, q: [-1, 2, -1], u: [2, 0, 0], v: [0, 0, 2], material: { kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: { xyz_e: [2, 2, 2] } } } },
        medium(2, { kind: 'Boxy', corner_0: [-3, 1.2, -3], corner_1: [3, 1.5, 3] })
      ]
    });
    const options = { width: 32, height: 32, samples: 64, maxDepth: 8 };
    const [nee, free] = await Promise.all([renderTest(lit(true), options), renderTest(lit(false), options)]);
    const [y, yFree] = [meanY(nee, 0, 32), meanY(free, 0, 32)];
    expect(y, 'lit at all').toBeGreaterThan(0.005);
    expect(Math.abs(y / yFree - 1), `next-event ${y} vs free flights ${yFree}`).toBeLessThan(0.03);
  });
});
