// The environment light in the path tracer, pbrt/Mitsuba style: furnace tests (a white Lambertian sphere under a
// constant map disappears; a plane of albedo a under an upper-hemisphere map L has radiance a·L), a constant map
// lights a scene exactly as the same background_color does, the map's orientation convention on a lit sphere at
// several rotations, and convergence: with a 1%-area sun, next-event estimation + MIS at 64 spp against BSDF
// sampling alone (both against a converged render; they must also agree in expectation, which is what MIS
// weights that sum to one give).
import { describe, expect, it } from 'vitest';
import { renderCompiled, renderScene } from '../render/render.ts';
import { compileScene } from '../scene/compile.ts';
import { sceneOf } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import type { RenderOptions, RenderResult } from '../render/types.ts';
import type { EnvironmentImage } from './image.ts';
import { expectedDirection } from '../testing/suites/environment.ts';

const TIMEOUT = 600_000;
const WHITE = { kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } };
const OPTIONS: RenderOptions = { width: 32, height: 32, samples: 64, maxDepth: 64, seed: 3, mode: 'path-tracing', sampler: 'random' };

/** A map of `width × width/2` texels whose radiance is `f(u, v)` (grey). */
function map(width: number, f: (u: number, v: number) => number): EnvironmentImage {
  const height = width / 2;
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgb.fill(f((x + 0.5) / width, (y + 0.5) / height), 3 * (y * width + x), 3 * (y * width + x) + 3);
  }
  return { width, height, rgb };
}

function scene(objects: unknown[], camera: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return sceneOf({
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    camera: { vertical_fov: 40, aperture: 0, focus_distance: 1, up: [0, 1, 0], ...camera },
    objects,
    environment: { kind: 'Hdri', path: 'test.hdr' },
    ...extra
  });
}

async function render(s: ReturnType<typeof scene>, environment: EnvironmentImage, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  return renderScene(await testGpu(), s, { ...OPTIONS, ...options }, {}, { environment });
}

const luminance = (r: RenderResult, i: number) => r.xyz[3 * i + 1];
function meanY(r: RenderResult, pixels?: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (pixels && !pixels(x, y)) continue;
      sum += luminance(r, y * r.width + x);
      n++;
    }
  }
  return sum / n;
}

const FRONT = { look_from: [0, 0, -6], look_at: [0, 0, 0] };
/** The sphere covers the centre of a 32² image seen from FRONT: pixels within 8 of the centre. */
const onSphere = (x: number, y: number) => Math.hypot(x + 0.5 - 16, y + 0.5 - 16) < 8;
const offSphere = (x: number, y: number) => Math.hypot(x + 0.5 - 16, y + 0.5 - 16) > 13;

describe('environment light', () => {
  for (const integrator of ['megakernel', 'wavefront'] as const) {
    it(`${integrator}: a white Lambertian sphere under a constant map disappears (furnace)`, async () => {
      const L = 0.5;
      const sphere = { kind: 'Sphere', center: [0, 0, 0], radius: 1, material: { kind: 'Lambertian', albedo: WHITE } };
      const r = await render(scene([sphere], FRONT), map(64, () => L), { integrator });
      const [on, off] = [meanY(r, onSphere), meanY(r, offSphere)];
      console.log(`furnace ${integrator}: sphere Y ${on.toFixed(5)}, background Y ${off.toFixed(5)}`);
      expect(Math.abs(on / off - 1)).toBeLessThan(0.01);
      expect(r.stats.droppedSamples).toBe(0);
    }, TIMEOUT);
  }

  it('lights a scene exactly as the same background_color does', async () => {
    const L = 0.5;
    const objects = [
      { kind: 'Sphere', center: [0, 0, 0], radius: 1, material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.8, 0.3, 0.2] } } },
      { kind: 'Sphere', center: [0, -101, 0], radius: 100, material: { kind: 'Metal', albedo: WHITE, fuzz: 0.4 } }
    ];
    const srgb = 1.055 * L ** (1 / 2.4) - 0.055;
    const lit = await render(scene(objects, FRONT), map(64, () => L), { samples: 256 });
    const { environment: _, ...plain } = scene(objects, FRONT, { background_color: [srgb, srgb, srgb] });
    const reference = await renderScene(await testGpu(), plain, { ...OPTIONS, samples: 256 });
    for (let c = 0; c < 3; c++) {
      let a = 0;
      let b = 0;
      for (let i = c; i < lit.xyz.length; i += 3) {
        a += lit.xyz[i];
        b += reference.xyz[i];
      }
      console.log(`constant map vs background_color, channel ${c}: ${a.toFixed(3)} vs ${b.toFixed(3)}`);
      expect(Math.abs(a / b - 1)).toBeLessThan(0.01);
    }
  }, TIMEOUT);

  it('a plane of albedo a under an upper-hemisphere map L has radiance a·L', async () => {
    const L = 2;
    const a = 0.6;
    const plane = { kind: 'Quad', q: [-500, 0, -500], u: [1000, 0, 0], v: [0, 0, 1000], material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { xyz_e: [a, a, a] } } } };
    // Looking down at the plane: every pixel sees it.
    const s = scene([plane], { look_from: [0, 5, 0], look_at: [0, 0, 0.001], up: [0, 0, -1] });
    const r = await render(s, map(256, (_u, v) => (v < 0.5 ? L : 0)));
    // A flat spectrum of radiance 1 gives Y ≈ 0.267 on the film (decision 8): compare with the map's own scale.
    const sky = await render(scene([], { look_from: [0, 0, 0], look_at: [0, 1, 0.001], up: [0, 0, -1] }), map(256, (_u, v) => (v < 0.5 ? L : 0)), { samples: 4 });
    const ratio = meanY(r) / meanY(sky);
    console.log(`half-bright map: plane / sky = ${ratio.toFixed(4)} (expected ${a})`);
    expect(Math.abs(ratio / a - 1)).toBeLessThan(0.01);
  }, TIMEOUT);

  it('lights the side of a sphere that faces the bright texel, at several rotations', async () => {
    const sphere = { kind: 'Sphere', center: [0, 0, 0], radius: 1, material: { kind: 'Lambertian', albedo: WHITE } };
    // Seen from above: image right is +X, image up is −Z.
    const camera = { look_from: [0, 8, 0], look_at: [0, 0, 0], up: [0, 0, -1] };
    const cases: Array<[u: number, rotation: number]> = [
      [0.75, 0],
      [0.75, 90],
      [0.3, 0],
      [0.3, -60],
      [0.55, 200]
    ];
    const v = 0.4;
    for (const [u, rotation] of cases) {
      const spot = map(64, (su, sv) => (Math.abs(su - u) < 1 / 64 && Math.abs(sv - v) < 1 / 64 ? 1000 : 0));
      const s = scene([sphere], camera, { environment: { kind: 'Hdri', path: 'test.hdr', rotation } });
      const r = await render(s, spot, { samples: 256 });
      let cx = 0;
      let cy = 0;
      for (let y = 0; y < r.height; y++) {
        for (let x = 0; x < r.width; x++) {
          const w = luminance(r, y * r.width + x);
          cx += w * (x + 0.5 - r.width / 2);
          cy += w * (r.height / 2 - y - 0.5);
        }
      }
      // The convention's direction (the kernel suite pins it); seen from above, image right is +X and up is −Z.
      const d = expectedDirection(u, 0.5, rotation);
      const expected = Math.atan2(-d[2], d[0]);
      const seen = Math.atan2(cy, cx);
      const error = Math.abs(((seen - expected + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
      console.log(`bright texel u ${u}, rotation ${rotation}: lit side at ${((seen * 180) / Math.PI).toFixed(1)}°, expected ${((expected * 180) / Math.PI).toFixed(1)}°`);
      expect(error).toBeLessThan((10 * Math.PI) / 180);
    }
  }, TIMEOUT);

  it('with a 1%-area sun, NEE + MIS at 64 spp has at least 10× lower relMSE than BSDF sampling alone', async () => {
    // A disk of 1% of the sphere's solid angle (half-angle 11.5°) 60° above the horizon, 2000× the sky.
    const sunCos = 1 - 2 * 0.01;
    const sunDir = [0, Math.sin(Math.PI / 3), -Math.cos(Math.PI / 3)];
    const sun = map(256, (u, v) => {
      const d = expectedDirection(u, v, 0);
      const c = d[0] * sunDir[0] + d[1] * sunDir[1] + d[2] * sunDir[2];
      return c > sunCos ? 20 : v < 0.5 ? 0.01 : 0;
    });
    const objects = [
      { kind: 'Sphere', center: [0, 1, 0], radius: 1, material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.7, 0.7, 0.7] } } },
      { kind: 'Quad', q: [-50, 0, -50], u: [100, 0, 0], v: [0, 0, 100], material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } } }
    ];
    const s = scene(objects, { look_from: [0, 3, 6], look_at: [0, 0.8, 0] });
    const gpu = await testGpu();
    const compiled = compileScene(s, { environment: sun });
    const bsdfOnly = { ...compiled, environmentLightProbability: 0 };
    const reference = await renderCompiled(gpu, s, compiled, { ...OPTIONS, samples: 2048, seed: 99 });
    const nee = await renderCompiled(gpu, s, compiled, OPTIONS);
    const bsdf = await renderCompiled(gpu, s, bsdfOnly, OPTIONS);
    const bsdfMany = await renderCompiled(gpu, s, bsdfOnly, { ...OPTIONS, samples: 1024, seed: 5 });
    const relMse = (r: RenderResult) => {
      let sum = 0;
      for (let i = 0; i < r.xyz.length; i++) sum += (r.xyz[i] - reference.xyz[i]) ** 2 / (reference.xyz[i] ** 2 + 1e-4);
      return sum / r.xyz.length;
    };
    const [a, b] = [relMse(nee), relMse(bsdf)];
    console.log(`1% sun, 64 spp, 32²: relMSE NEE+MIS ${a.toExponential(3)}, BSDF only ${b.toExponential(3)}, ratio ${(b / a).toFixed(1)}×`);
    expect(b / a).toBeGreaterThanOrEqual(10);
    // Both estimate the same image: BSDF sampling alone at 1024 spp against the NEE + MIS reference.
    const ratio = meanY(bsdfMany) / meanY(reference);
    console.log(`mean Y, BSDF only 1024 spp / NEE+MIS 2048 spp: ${ratio.toFixed(4)}`);
    expect(Math.abs(ratio - 1)).toBeLessThan(0.03);
  }, TIMEOUT);
});
