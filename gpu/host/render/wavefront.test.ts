// The wavefront integrator against the megakernel: the same paths, scheduled differently, give the same image
// (each path draws the same random numbers in both), the same ray count, and the white furnace's known value.
import { describe, expect, it } from 'vitest';
import { meanXyz, renderTest, sceneOf } from '../testing/render-scene.ts';

/** Two path tracer programs compile cold (the megakernel and six wavefront kernels): minutes on a busy CPU. */
const COMPILE_TIMEOUT = 600_000;
const WHITE_ALBEDO = { kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } };

describe('wavefront integrator', () => {
  it('renders the same image and ray count as the megakernel (NEE, glass, fog)', async () => {
    // Cornell box with a glass sphere and a fog ball: surfaces, specular chains and media in one small scene.
    const cornell = sceneOf('cornell') as unknown as { objects: unknown[]; materials: unknown[] };
    const scene = {
      ...cornell,
      objects: [
        ...cornell.objects,
        { kind: 'Sphere', center: [190, 90, 190], radius: 90, material: { kind: 'Dielectric', refractive_index: 1.5 } },
        { kind: 'ConstantMedium', density: 0.01, boundary: { kind: 'Sphere', center: [370, 120, 370], radius: 100 }, texture: WHITE_ALBEDO }
      ]
    };
    const options = { width: 32, height: 32, samples: 64, maxDepth: 64 };
    const mega = await renderTest(scene, { ...options, integrator: 'megakernel' });
    const wave = await renderTest(scene, { ...options, integrator: 'wavefront' });
    const [a, b] = [meanXyz(mega), meanXyz(wave)];
    for (let c = 0; c < 3; c++) expect(Math.abs(b[c] / a[c] - 1)).toBeLessThan(0.01);
    // Per pixel: equal up to float rounding (a compiler may contract differently in the two programs).
    let close = 0;
    for (let i = 0; i < mega.xyz.length; i++) if (Math.abs(mega.xyz[i] - wave.xyz[i]) <= 1e-4 * Math.max(1, Math.abs(mega.xyz[i]))) close++;
    expect(close / mega.xyz.length).toBeGreaterThan(0.98);
    expect(Math.abs(wave.stats.raySegments / mega.stats.raySegments - 1)).toBeLessThan(0.01);
    expect(wave.stats.droppedSamples).toBe(mega.stats.droppedSamples);
  }, COMPILE_TIMEOUT);

  it('keeps the white furnace invisible, bands and several samples per dispatch included', async () => {
    const background = {
      time_0: 0,
      time_1: 1,
      background_color: [1, 1, 1],
      camera: { look_from: [0, 0, -6], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 6 },
      objects: [] as unknown[]
    };
    const furnace = {
      ...background,
      objects: [
        { kind: 'Sphere', priority: true, center: [0, 0, 0], radius: 1, material: { kind: 'Lambertian', albedo: WHITE_ALBEDO } },
        { kind: 'Sphere', center: [1.2, 1.1, 0], radius: 0.6, material: { kind: 'Metal', albedo: WHITE_ALBEDO, fuzz: 0.3 } }
      ]
    };
    // A tiny dispatch budget makes the planner go band by band at first, then several samples at once.
    const options = { width: 24, height: 20, samples: 32, maxDepth: 256, integrator: 'wavefront', targetDispatchMs: 1 } as const;
    const lit = meanXyz(await renderTest(furnace, options));
    const empty = meanXyz(await renderTest(background, options));
    for (let c = 0; c < 3; c++) expect(Math.abs(lit[c] / empty[c] - 1)).toBeLessThan(0.02);
  }, COMPILE_TIMEOUT);
});
