// Emissive glTF triangles are lights: they join the light table with probabilities ∝ area × power, next-event
// estimation toward them scores the textured glTF emission, and MIS weighs their emission found by BSDF sampling.
// The renders light a white floor from a glTF panel outside the camera's view. The BSDF-only estimate is the same
// compiled scene with the light table emptied (no next-event estimation; emission found by BSDF sampling weighs 1).
import { describe, expect, it } from 'vitest';
import { compileScene, emitterRecords, type CompiledScene } from '../scene/compile.ts';
import { LIGHT_RECORD } from '../scene/records.ts';
import { packPrimitives, primitiveArea } from '../scene/primitives.ts';
import { renderCompiled } from '../render/render.ts';
import type { IntegratorName, RenderResult } from '../render/types.ts';
import { sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import { srgbDecode } from '../../../src/lib/color/srgb.ts';
import { xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import type { SceneFile } from '../../../src/lib/scene/index.ts';
import { DEFAULT_GLTF_MATERIAL, type GltfMaterial } from './gltf-material.ts';
import type { TriangleMesh } from './mesh.ts';
import type { DecodedImage } from '../texture/image.ts';

type V3 = [number, number, number];

/** A glTF mesh of separate triangles (corners a, b, c), triangle t with material t's index in `materials`. */
function gltfTriangles(triangles: ReadonlyArray<{ corners: [V3, V3, V3]; uvs?: [number, number][]; material: number }>, materials: GltfMaterial[], images: DecodedImage[] = []): TriangleMesh {
  const positions = new Float32Array(triangles.flatMap((t) => t.corners.flat()));
  const uvs = new Float32Array(triangles.flatMap((t) => (t.uvs ?? [[0, 0], [0, 0], [0, 0]]).flat()));
  return {
    positions,
    indices: Uint32Array.from(positions.subarray(0, positions.length / 3), (_, i) => i),
    corners: { uvs },
    surface: { triangleMaterials: Uint32Array.from(triangles, (t) => t.material), materials, images }
  };
}

const emissive = (factor: V3, texture?: number): GltfMaterial => ({
  ...DEFAULT_GLTF_MATERIAL,
  baseColorFactor: [0, 0, 0, 1],
  metallicFactor: 0,
  emissiveFactor: factor,
  ...(texture !== undefined ? { emissiveTexture: { image: texture } } : {})
});

/** Scene fields the tests do not vary: shutter 0 → 1, black background. */
const CAMERA_FRAME = { time_0: 0, time_1: 1, background_color: [0, 0, 0] };

/** Light table entries of the compiled scene. */
function lightTable(c: CompiledScene): Array<{ prim: number; probability: number; cdf: number }> {
  const view = new DataView(c.lights);
  const at = (name: string) => LIGHT_RECORD.fields.find((f) => f.name === name)!.offset;
  return Array.from({ length: c.emitterCount + c.guideCount }, (_, k) => {
    const base = k * LIGHT_RECORD.size;
    return { prim: view.getUint32(base + at('prim'), true), probability: view.getFloat32(base + at('probability'), true), cdf: view.getFloat32(base + at('cdf'), true) };
  });
}

describe('emissive glTF triangles in the light table', () => {
  it('join automatically with probabilities ∝ area × power; non-emissive ones stay out', () => {
    // 8×1 grey emissive texture (sRGB 128): mean linear value srgbDecode(128/255).
    const grey: DecodedImage = { width: 8, height: 1, data: new Uint8Array(32).fill(128) };
    const mesh = gltfTriangles(
      [
        { corners: [[0, 0, 0], [1, 0, 0], [0, 1, 0]], material: 0 }, // area 0.5, power 2
        { corners: [[0, 0, 1], [2, 0, 1], [0, 2, 1]], material: 1 }, // area 2, power 1
        { corners: [[0, 0, 2], [1, 0, 2], [0, 1, 2]], material: 2 }, // not emissive
        { corners: [[0, 0, 3], [1, 0, 3], [0, 1, 3]], material: 3 } // area 0.5, power 3 × mean texel
      ],
      [emissive([2, 2, 2]), emissive([1, 1, 1]), emissive([0, 0, 0]), emissive([3, 3, 3], 0)],
      [grey]
    );
    const scene = sceneOf({ ...CAMERA_FRAME, camera: { look_from: [0, 0, 5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 }, objects: [{ kind: 'GLTF', path: 'm' }] });
    const c = compileScene(scene, { meshes: new Map([['m', mesh]]) });
    expect(c.emitterCount).toBe(3);
    expect(c.guideCount).toBe(0);
    const table = lightTable(c);
    // Light k's primitive carries flags k + 1; the non-emissive triangle none.
    table.forEach((l, k) => expect(c.primitives[l.prim].flags).toBe(k + 1));
    expect(c.primitives.filter((p) => p.flags === 0)).toHaveLength(1);
    // Greys are flat spectra, so power = factor × mean texel exactly (up to the rgb basis' rounding).
    const powerAtZ = new Map([[0, 2], [1, 1], [3, 3 * srgbDecode(128 / 255)]]);
    const expected = table.map((l) => {
      const p = c.primitives[l.prim];
      return primitiveArea(p) * (p.kind === 'triangle' ? (powerAtZ.get(p.q[2]) ?? NaN) : NaN);
    });
    const total = expected.reduce((a, b) => a + b, 0);
    table.forEach((l, k) => expect(l.probability).toBeCloseTo(expected[k] / total, 4));
    expect(table[table.length - 1].cdf).toBe(1);
  });

  it('probabilities are the widths of the f32 cdf intervals, even for a million lights', () => {
    const n = 1_000_000;
    const weights = Array.from({ length: n }, (_, i) => 1 + (i % 7));
    const records = emitterRecords(Array.from({ length: n }, (_, i) => i), weights);
    let previous = 0;
    let sum = 0;
    let error = 0;
    const total = weights.reduce((a, b) => a + b, 0);
    const bad: string[] = [];
    records.forEach((r, i) => {
      const cdf = r.cdf as number;
      const probability = r.probability as number;
      if (cdf !== Math.fround(cdf) || !(cdf >= previous) || probability !== Math.fround(cdf - previous)) bad.push(`light ${i}: cdf ${cdf} after ${previous}, probability ${probability}`);
      previous = cdf;
      sum += probability;
      error += Math.abs(probability - weights[i] / total);
    });
    expect(bad.slice(0, 3)).toEqual([]);
    expect(previous).toBe(1);
    expect(sum).toBeCloseTo(1, 6);
    // Close to the exact weights on average (f32 resolution near 1 is 6e-8; the mean probability is 1e-6).
    error /= n;
    expect(error / (1 / n)).toBeLessThan(0.1);
  });
});

// The floor seen from above: x ∈ [−½, ½] left to right, z ∈ [−½, ½] top to bottom. The panel hangs at y = 1 over
// x ∈ [−1, 1], z ∈ [0.7, 1.3], outside the view (which is 0.33 wide at that height).
const SIZE = 16;
const PANEL: [V3, V3, V3, V3] = [
  [-1, 1, 0.7],
  [1, 1, 0.7],
  [1, 1, 1.3],
  [-1, 1, 1.3]
];

/** The panel as two triangles; u runs from x = 1 (u = 0) to x = −1 (u = 1), the reverse of the triangles' own
 * barycentric coordinates, so reading the wrong UV would swap the texture's halves. */
function panel(material: GltfMaterial, images: DecodedImage[] = []): TriangleMesh {
  const uv = (p: V3): [number, number] => [(1 - p[0]) / 2, (p[2] - 0.7) / 0.6];
  const [a, b, c, d] = PANEL;
  return gltfTriangles(
    [
      { corners: [a, c, b], uvs: [uv(a), uv(c), uv(b)], material: 0 },
      { corners: [a, d, c], uvs: [uv(a), uv(d), uv(c)], material: 0 }
    ],
    [material],
    images
  );
}

function floorScene(): SceneFile {
  return sceneOf({
    ...CAMERA_FRAME,
    camera: { look_from: [0, 3, 0], look_at: [0, 0, 0], up: [0, 0, -1], vertical_fov: 2 * Math.atan(1 / 6) * (180 / Math.PI), aperture: 0, focus_distance: 3 },
    objects: [
      { kind: 'Quad', q: [-3, 0, -3], u: [0, 0, 6], v: [6, 0, 0], material: 'white' },
      { kind: 'GLTF', path: 'panel' }
    ],
    materials: [{ name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } } }]
  });
}

/** The same scene without next-event estimation: no emitters, no primitive marked as one. */
function bsdfOnly(c: CompiledScene): CompiledScene {
  const primitives = c.primitives.map((p) => ({ ...p, flags: 0 }));
  return { ...c, primitives, primitiveData: packPrimitives(primitives), emitterCount: 0 };
}

async function render(c: CompiledScene, samples: number, seed: number, integrator: IntegratorName = 'megakernel'): Promise<RenderResult> {
  return renderCompiled(await testGpu(), floorScene(), c, { ...SMALL, width: SIZE, height: SIZE, samples, maxDepth: 3, seed, integrator });
}

/** Linear sRGB of every pixel. */
function pixels(r: RenderResult): V3[] {
  return Array.from({ length: SIZE * SIZE }, (_, i) => xyzEToLinearSrgb(Array.from(r.xyz.subarray(3 * i, 3 * i + 3)) as V3) as V3);
}

/** Two independent renders (seeds 11 and 12) of one estimator, as linear sRGB pixels. */
async function renderPair(c: CompiledScene, samples: number): Promise<[V3[], V3[]]> {
  return [pixels(await render(c, samples, 11)), pixels(await render(c, samples, 12))];
}

/** Channel `k` over the `pick`ed pixels of a pair of renders: the mean, its standard error, and the per-pixel
 * variance of one render (from the two renders' differences). */
function estimate([a, b]: [V3[], V3[]], k: number, pick: (x: number) => boolean = () => true) {
  const chosen = a.map((_, i) => i).filter((i) => pick(i % SIZE));
  const mean = chosen.reduce((s, i) => s + (a[i][k] + b[i][k]) / 2, 0) / chosen.length;
  const variance = chosen.reduce((s, i) => s + (a[i][k] - b[i][k]) ** 2 / 2, 0) / chosen.length;
  // Pixels are independent: the mean of 2·n pixel values has variance variance / (2 n).
  return { mean, variance, error: Math.sqrt(variance / (2 * chosen.length)) };
}

describe('next-event estimation toward emissive glTF triangles', () => {
  it('agrees with BSDF sampling alone, with far lower variance at equal samples', async () => {
    const c = compileScene(floorScene(), { meshes: new Map([['panel', panel(emissive([3, 3, 3]))]]) });
    expect(c.emitterCount).toBe(2);
    const nee = estimate(await renderPair(c, 64), 1);
    const bsdfEqual = estimate(await renderPair(bsdfOnly(c), 64), 1);
    const bsdf = estimate(await renderPair(bsdfOnly(c), 1024), 1);
    const sigma = Math.hypot(nee.error, bsdf.error);
    const ratio = bsdfEqual.variance / nee.variance;
    console.log(
      `floor G (linear sRGB): NEE+MIS 64 spp ${nee.mean.toFixed(5)} ± ${nee.error.toFixed(5)}, BSDF-only 1024 spp ${bsdf.mean.toFixed(5)} ± ${bsdf.error.toFixed(5)} ` +
        `(difference ${((nee.mean - bsdf.mean) / sigma).toFixed(2)} σ); per-pixel variance at 64 spp: NEE+MIS ${nee.variance.toExponential(3)}, ` +
        `BSDF-only ${bsdfEqual.variance.toExponential(3)} (${ratio.toFixed(1)}× lower with NEE)`
    );
    expect(nee.mean).toBeGreaterThan(0.01);
    expect(Math.abs(nee.mean - bsdf.mean)).toBeLessThan(4 * sigma);
    expect(ratio).toBeGreaterThan(10);
  });

  it('scores the emissive texture at the light sample: the red half lights its side of the floor red', async () => {
    // 8×1 texture: u < ½ red, u > ½ blue, i.e. blue over x < 0 and red over x > 0 (see panel()).
    const data = new Uint8Array(32);
    for (let i = 0; i < 8; i++) data.set(i < 4 ? [255, 0, 0, 255] : [0, 0, 255, 255], 4 * i);
    const c = compileScene(floorScene(), { meshes: new Map([['panel', panel(emissive([3, 3, 3], 0), [{ width: 8, height: 1, data }])]]) });
    const left = (x: number) => x < SIZE / 3;
    const right = (x: number) => x >= SIZE - SIZE / 3;
    const nee = await renderPair(c, 64);
    const [leftRed, leftBlue, rightRed, rightBlue] = [estimate(nee, 0, left), estimate(nee, 2, left), estimate(nee, 0, right), estimate(nee, 2, right)];
    const bsdfRightRed = estimate(await renderPair(bsdfOnly(c), 1024), 0, right);
    console.log(
      `textured panel, floor linear sRGB: left (under blue) R ${leftRed.mean.toFixed(4)} B ${leftBlue.mean.toFixed(4)}, right (under red) R ${rightRed.mean.toFixed(4)} ` +
        `B ${rightBlue.mean.toFixed(4)}; right R by BSDF only ${bsdfRightRed.mean.toFixed(4)} ± ${bsdfRightRed.error.toFixed(4)}`
    );
    // Each side of the floor also sees the far half of the panel, obliquely: measured ratios are about 1.6.
    expect(leftBlue.mean).toBeGreaterThan(1.3 * leftRed.mean);
    expect(rightRed.mean).toBeGreaterThan(1.3 * rightBlue.mean);
    expect(Math.abs(rightRed.mean - bsdfRightRed.mean)).toBeLessThan(4 * Math.hypot(rightRed.error, bsdfRightRed.error));
    // Both integrators run the same path_step: the wavefront image is the megakernel's, bit for bit.
    const [mega, wave] = [await render(c, 8, 11), await render(c, 8, 11, 'wavefront')];
    expect(Buffer.from(wave.xyz.buffer).equals(Buffer.from(mega.xyz.buffer))).toBe(true);
  });
});
