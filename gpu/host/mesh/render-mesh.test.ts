// GPU renders of meshes: the mesh example scenes, a generated sphere large enough to exercise the BVH at scale,
// and a grid of many small instances. Sizes are kept small for lavapipe; scripts/bench-mesh.ts measures 1M.
import { describe, expect, it } from 'vitest';
import { renderCompiled } from '../render/render.ts';
import { compileScene } from '../scene/compile.ts';
import { meanXyz, renderTest, sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import { icosphere, icosphereTriangles, instanceGridScene } from './generate.ts';
import type { RenderResult } from '../render/types.ts';

function expectClean(result: RenderResult): void {
  expect(result.xyz.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  expect(result.stats.droppedSamples).toBe(0);
}

/** Mean Y over a centred square of the image, `fraction` of its width. */
function centreY(result: RenderResult, fraction: number): number {
  const half = Math.floor((result.width * fraction) / 2);
  const [cx, cy] = [result.width / 2, result.height / 2];
  let sum = 0;
  let n = 0;
  for (let y = cy - half; y < cy + half; y++) {
    for (let x = cx - half; x < cx + half; x++) {
      sum += result.xyz[(y * result.width + x) * 3 + 1];
      n++;
    }
  }
  return sum / n;
}

describe('mesh renders', () => {
  it('teapot: the copper teapot renders without NaN and reflects light where it stands', async () => {
    const result = await renderTest('teapot', { width: 32, height: 32, samples: 8 });
    expectClean(result);
    expect(meanXyz(result)[1]).toBeGreaterThan(0.01);
    // Copper is red-orange: X (long wavelengths) dominates Z over the teapot.
    const teapot = (() => {
      let x = 0;
      let z = 0;
      for (let i = 12 * 32; i < 20 * 32; i++) {
        x += result.xyz[3 * i];
        z += result.xyz[3 * i + 2];
      }
      return x / z;
    })();
    expect(teapot).toBeGreaterThan(1.2);
  });

  it('dispersive: the prism scene renders without NaN', async () => {
    const result = await renderTest('dispersive', { width: 32, height: 24, samples: 8 });
    expectClean(result);
    expect(meanXyz(result)[1]).toBeGreaterThan(1e-3);
  });

  it('a 200k-triangle sphere compiles (BVH) and renders; timings are printed', async () => {
    const t0 = performance.now();
    const mesh = icosphere(100);
    const generateMs = performance.now() - t0;
    expect(mesh.indices.length / 3).toBe(icosphereTriangles(100));
    const scene = sceneOf({
      time_0: 0,
      time_1: 1,
      background_color: [0, 0, 0],
      camera: { look_from: [0, 0, -3], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 30, aperture: 0, focus_distance: 3 },
      objects: [
        { kind: 'STL', path: 'sphere', scale: 0.5, center: [0, 0, 0], rotation: [0, 0, 0], material: 'white' },
        { kind: 'Sphere', priority: true, center: [0, 0, -40], radius: 20, material: 'lamp' }
      ],
      materials: [
        { name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.8, 0.8, 0.8] } },
        { name: 'lamp', kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: [1, 1, 1] } }
      ]
    });
    const t1 = performance.now();
    const compiled = compileScene(scene, { meshes: new Map([['sphere', mesh]]) });
    const compileMs = performance.now() - t1;
    expect(compiled.sceneCount).toBe(200_000 + 1);
    const result = await renderCompiled(await testGpu(), scene, compiled, { ...SMALL, samples: 1 });
    expectClean(result);
    // The lamp sits behind the camera: the sphere is lit in the middle and the background is black.
    expect(centreY(result, 0.25)).toBeGreaterThan(0.02);
    expect(result.xyz[1]).toBe(0);
    console.log(
      `200k-triangle sphere: generate ${generateMs.toFixed(0)} ms, compile ${compileMs.toFixed(0)} ms ` +
        `(BVH ${compiled.bvhStats.buildMs.toFixed(0)} ms, ${compiled.bvhStats.nodeCount} nodes), ` +
        `buffers ${((compiled.primitiveData.byteLength + compiled.bvhNodes.byteLength) / 2 ** 20).toFixed(1)} MiB`
    );
  });

  it('a grid of 10,000 instances of a small mesh compiles and renders', async () => {
    const scene = sceneOf(instanceGridScene(10_000, 'ico'));
    const compiled = compileScene(scene, { meshes: new Map([['ico', icosphere(1, 0.8)]]) });
    expect(compiled.meshStats.triangles).toBe(200_000);
    const result = await renderCompiled(await testGpu(), scene, compiled, { ...SMALL, samples: 1 });
    expectClean(result);
    expect(meanXyz(result)[1]).toBeGreaterThan(1e-3);
  });
});
