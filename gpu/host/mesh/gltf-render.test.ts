// The bundled glTF example rendered end to end (loader → compile → atlas → GPU): the red half of the panel's
// texture shows red and its blue half blue, and the emissive sign (placed by a matrix) outshines the lit panel.
// A white glTF sphere in a furnace never gains energy.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { compileScene } from '../scene/compile.ts';
import { renderScene } from '../render/render.ts';
import { renderTest, sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import { loadSceneMeshes } from '../../../worker/mesh-files.ts';
import { icosphere } from './generate.ts';
import { DEFAULT_GLTF_MATERIAL, type GltfMaterial } from './gltf-material.ts';
import type { TriangleMesh } from './mesh.ts';

/** A smooth unit sphere (vertex normals = positions) with one glTF material, as the loader would hand it over. */
function gltfBall(material: GltfMaterial): TriangleMesh {
  const sphere = icosphere(6);
  const triangles = sphere.indices.length / 3;
  const normals = new Float32Array(9 * triangles);
  sphere.indices.forEach((v, corner) => normals.set(sphere.positions.subarray(3 * v, 3 * v + 3), 3 * corner));
  return {
    ...sphere,
    corners: { normals },
    surface: { triangleMaterials: new Uint32Array(triangles), materials: [material], images: [] }
  };
}

const SIZE = 32;

describe('glTF material furnace', () => {
  // A white sphere in a uniform white environment: the white Lambertian sphere of the furnace example renders at
  // the environment's level; the glTF lobe mixture may lose energy (single-scattering GGX) but never gain any.
  it('a white non-metal and a white metal never gain energy', async () => {
    const centreY = async (objects: unknown[], mesh?: TriangleMesh) => {
      const scene = sceneOf({ ...(sceneOf('furnace') as object), objects });
      const meshes = new Map(mesh ? [['ball', mesh]] : []);
      const result = await renderScene(await testGpu(), scene, { ...SMALL, width: 16, height: 16, samples: 64, maxDepth: 32 }, {}, { meshes });
      // Y of the centre 8×8 pixels (all on the sphere at fov 30°).
      let sum = 0;
      for (let y = 4; y < 12; y++) for (let x = 4; x < 12; x++) sum += result.xyz[3 * (y * 16 + x) + 1];
      return sum / 64;
    };
    const environment = await centreY((sceneOf('furnace') as { objects: unknown[] }).objects);
    const ratios: string[] = [];
    for (const [metallicFactor, roughnessFactor, lowest] of [[0, 0.5, 0.97], [0, 1, 0.9], [1, 0.5, 0.8], [1, 0.2, 0.9]]) {
      const material = { ...DEFAULT_GLTF_MATERIAL, metallicFactor, roughnessFactor };
      const ratio = (await centreY([{ kind: 'GLTF', path: 'ball' }], gltfBall(material))) / environment;
      ratios.push(`metallic ${metallicFactor} roughness ${roughnessFactor}: ${ratio.toFixed(4)}`);
      expect(ratio).toBeLessThan(1.01);
      expect(ratio).toBeGreaterThan(lowest);
    }
    console.log(`furnace (glTF / environment): ${ratios.join(', ')}`);
  });
});

describe('glTF example render', () => {
  it('compiles the sample: 16 triangles with shading data, 4 images in a small atlas', async () => {
    const scene = sceneOf('gltf');
    const started = performance.now();
    const meshes = await loadSceneMeshes(scene);
    const loadMs = performance.now() - started;
    const c = compileScene(scene, { meshes });
    expect(c.meshStats.triangles).toBe(16);
    expect(c.triangleShading.byteLength).toBe(16 * 112);
    expect([c.atlas.width, c.atlas.height]).toEqual([32, 32]);
    console.log(`gltf-sample: load ${loadMs.toFixed(1)} ms, atlas ${c.atlas.width}×${c.atlas.height}`);
  });

  it('shows the texture colours and the emission where the node transforms put them', async () => {
    const result = await renderTest('gltf', { width: SIZE, height: SIZE, samples: 16, maxDepth: 8 });
    const rgb = (x: number, y: number) => xyzEToLinearSrgb(Array.from(result.xyz.subarray(3 * (y * SIZE + x), 3 * (y * SIZE + x) + 3)) as [number, number, number]);
    if (process.env.CLOVERS_DUMP) {
      const bytes = Buffer.alloc(SIZE * SIZE * 3);
      for (let i = 0; i < SIZE * SIZE; i++) {
        const c = rgb(i % SIZE, Math.floor(i / SIZE));
        for (let k = 0; k < 3; k++) bytes[3 * i + k] = Math.round(255 * Math.min(1, Math.max(0, c[k])) ** (1 / 2.2));
      }
      await writeFile(process.env.CLOVERS_DUMP, await sharp(bytes, { raw: { width: SIZE, height: SIZE, channels: 3 } }).resize(256, 256, { kernel: 'nearest' }).png().toBuffer());
    }
    const mean = (x0: number, x1: number, y0: number, y1: number) => {
      const m = [0, 0, 0];
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) rgb(x, y).forEach((v, k) => (m[k] += v / ((x1 - x0) * (y1 - y0))));
      return m;
    };
    const red = mean(3, 8, 10, 17);
    const blue = mean(10, 14, 10, 17);
    // The emissive sign (warm bars, factors 4, 3, 2) above the cube.
    const sign = mean(19, 28, 9, 11);
    const luminance = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    console.log(`glTF render (linear sRGB): red half ${red.map((x) => x.toFixed(3))}, blue half ${blue.map((x) => x.toFixed(3))}, sign ${sign.map((x) => x.toFixed(3))}`);
    expect(red[0]).toBeGreaterThan(5 * Math.max(red[1], red[2]));
    expect(blue[2]).toBeGreaterThan(5 * Math.max(blue[0], blue[1]));
    expect(luminance(sign)).toBeGreaterThan(2 * Math.max(luminance(red), luminance(blue)));
    // Warm: red over green over blue, as the texture and factors make it.
    expect(sign[0]).toBeGreaterThan(sign[1]);
    expect(sign[1]).toBeGreaterThan(sign[2]);
  });
});
