// The AOV pass on tiny scenes with known answers: a plane filling the view (albedo of its colour, its normal
// turned toward the camera, depth d/cosθ), misses, specular and emitting materials, a glTF base colour, an edge
// averaged over jittered samples, and the same AOVs from a render as from renderAovs alone.
import { describe, expect, it } from 'vitest';
import { linearSrgbToXyzE, xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import type { SceneFile } from '../../../src/lib/scene/index.ts';
import { DEFAULT_GLTF_MATERIAL } from '../mesh/gltf-material.ts';
import type { TriangleMesh } from '../mesh/mesh.ts';
import { compileScene, type CompileAssets } from '../scene/compile.ts';
import { spectrumToXyzE } from '../spectrum/cmf.ts';
import { fitSigmoidSpectrum, sigmoidSpectrumEval } from '../spectrum/sigmoid.ts';
import { sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import { linkShader } from '../shader/linker.ts';
import { shaderSources } from '../shader/sources.ts';
import { AOV_FLOAT_OFFSET, AOV_MAX_SAMPLES, AOV_PIXEL_BYTES } from './aov.ts';
import { cameraFrame } from './camera.ts';
import { renderAovs, renderScene } from './render.ts';
import type { AovImages, RenderOptions } from './types.ts';

type V3 = [number, number, number];

/** Odd, so the centre pixel's ray runs straight along the view direction. */
const SIZE = 15;
const CENTRE = (SIZE * SIZE - 1) / 2;
const OPTIONS: RenderOptions = { ...SMALL, width: SIZE, height: SIZE, samples: 4, maxDepth: 4 };
/** Camera on the −z axis at distance D from the plane z = 0, looking along +z. */
const D = 4;
const CAMERA = { look_from: [0, 0, -D], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: D };

function sceneWith(objects: unknown[], extra: Record<string, unknown> = {}): SceneFile {
  return sceneOf({ time_0: 0, time_1: 1, background_color: [1, 1, 1], camera: CAMERA, objects, ...extra });
}

const lambertian = (color: unknown) => ({ kind: 'Lambertian', albedo: { kind: 'SolidColor', color } });

/** A rectangle in the plane z = 0 from (x0, y0) to (x1, y1), its front (u × v) toward the camera (−z). */
function quad(x0: number, y0: number, x1: number, y1: number, material: unknown) {
  return { kind: 'Quad', q: [x0, y0, 0], u: [0, y1 - y0, 0], v: [x1 - x0, 0, 0], material };
}

async function aovsOf(scene: SceneFile, options: Partial<RenderOptions> = {}, assets: CompileAssets = {}): Promise<AovImages> {
  return renderAovs(await testGpu(), scene, compileScene(scene, assets), { ...OPTIONS, ...options });
}

function pixel(data: Float32Array, p: number, channels = 3): number[] {
  return Array.from(data.subarray(p * channels, p * channels + channels));
}

function maxError(data: Float32Array, expected: readonly number[], pixels: Iterable<number> = range(SIZE * SIZE)): number {
  let error = 0;
  for (const p of pixels) expected.forEach((e, c) => (error = Math.max(error, Math.abs(data[p * expected.length + c] - e))));
  return error;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Linear sRGB of the spectrum the compiler fits to a colour (what the AOV integrates back). */
function fittedLinearSrgb(rgb: V3): V3 {
  const coeffs = fitSigmoidSpectrum(linearSrgbToXyzE(rgb));
  return xyzEToLinearSrgb(spectrumToXyzE((l) => sigmoidSpectrumEval(coeffs, l))) as V3;
}

describe('AOV pass output', () => {
  it('has the layout the host reads back', () => {
    const code = linkShader('integrator/aov', shaderSources()).code.replace('override WORKGROUP_SIZE: u32;', 'override WORKGROUP_SIZE: u32 = 8u;');
    const pixel = new WgslReflect(code).structs.find((s) => s.name === 'AovPixel');
    expect(pixel?.size).toBe(AOV_PIXEL_BYTES);
    for (const [name, offset] of Object.entries(AOV_FLOAT_OFFSET)) {
      expect(pixel?.members.find((m) => m.name === name)?.offset, name).toBe(offset * 4);
    }
  });
});

describe('AOV pass: a plane filling the view', () => {
  it('white Lambertian: albedo exactly 1, normal −z (toward the camera), depth d / cosθ', async () => {
    const aov = await aovsOf(sceneWith([quad(-10, -10, 10, 10, lambertian([1, 1, 1]))]));
    expect([aov.width, aov.height, aov.samples]).toEqual([SIZE, SIZE, OPTIONS.samples]);
    expect(maxError(aov.albedo!, [1, 1, 1])).toBeLessThan(1e-3);
    // Every sample sees the same plane: the mean of identical unit normals is exact.
    for (let p = 0; p < SIZE * SIZE; p++) expect(pixel(aov.normal!, p)).toEqual([0, 0, -1]);
    expect(aov.depth![CENTRE]).toBeCloseTo(D, 5);
    // Off axis: the distance along each pixel centre's ray is d over the cosine to the view direction.
    const frame = cameraFrame(sceneWith([]).camera, 1);
    for (const p of [0, SIZE - 1, 3 * SIZE + 11, SIZE * SIZE - 1]) {
      const s = ((p % SIZE) + 0.5) / SIZE;
      const t = (SIZE - 1 - Math.floor(p / SIZE) + 0.5) / SIZE;
      const dir = [0, 1, 2].map((c) => frame.lower_left[c] + s * frame.horizontal[c] + t * frame.vertical[c] - frame.origin[c]);
      const cos = dir[2] / Math.hypot(...dir);
      expect(cos).toBeLessThan(0.99);
      expect(aov.depth![p]).toBeCloseTo(D / cos, 4);
    }
  });

  it('red Lambertian: the red as linear Rec.709 RGB', async () => {
    const red: V3 = [0.8, 0.1, 0.1];
    const aov = await aovsOf(sceneWith([quad(-10, -10, 10, 10, lambertian({ lin_srgb: red }))]));
    // What the spectrum integrates to (f32 on the GPU), and the colour the scene gave (through the fit).
    expect(maxError(aov.albedo!, fittedLinearSrgb(red))).toBeLessThan(1e-4);
    expect(maxError(aov.albedo!, red)).toBeLessThan(1e-3);
  });

  it('the normal faces the camera whichever way the plane is wound', async () => {
    const flipped = { kind: 'Quad', q: [-10, -10, 0], u: [20, 0, 0], v: [0, 20, 0], material: lambertian([1, 1, 1]) };
    const aov = await aovsOf(sceneWith([flipped]), { aov: ['normal'] });
    for (let p = 0; p < SIZE * SIZE; p++) expect(pixel(aov.normal!, p)).toEqual([0, 0, -1]);
  });
});

describe('AOV pass: bands of rows', () => {
  it('renders a tall image in bands, each into its own range of the output', async () => {
    const [width, height] = [64, 600];
    const aov = await aovsOf(sceneWith([quad(-50, -50, 50, 50, lambertian([1, 1, 1]))], { camera: { ...CAMERA, vertical_fov: 120 } }), { width, height, samples: 16, aov: ['depth', 'albedo'] });
    // 2^18 pixel samples a dispatch: bands of 256 rows here.
    expect(width * 16 * 256).toBe(2 ** 18);
    const frame = cameraFrame(sceneWith([], { camera: { ...CAMERA, vertical_fov: 120 } }).camera, width / height);
    let worst = 0;
    for (let p = 0; p < width * height; p++) {
      const s = ((p % width) + 0.5) / width;
      const t = (height - 1 - Math.floor(p / width) + 0.5) / height;
      const dir = [0, 1, 2].map((c) => frame.lower_left[c] + s * frame.horizontal[c] + t * frame.vertical[c] - frame.origin[c]);
      worst = Math.max(worst, Math.abs(aov.depth![p] * (dir[2] / Math.hypot(...dir)) - D));
    }
    expect(worst).toBeLessThan(1e-4);
    expect(maxError(aov.albedo!, [1, 1, 1], range(width * height))).toBeLessThan(1e-3);
  });
});

describe('AOV pass: misses, edges and materials', () => {
  it('a miss has albedo 0, normal 0 and depth +∞; a sphere in the middle is hit at d − r', async () => {
    const aov = await aovsOf(sceneWith([{ kind: 'Sphere', center: [0, 0, 0], radius: 0.5, material: lambertian([1, 1, 1]) }]));
    for (const p of [0, SIZE - 1, SIZE * (SIZE - 1), SIZE * SIZE - 1]) {
      expect(pixel(aov.albedo!, p)).toEqual([0, 0, 0]);
      expect(pixel(aov.normal!, p)).toEqual([0, 0, 0]);
      expect(aov.depth![p]).toBe(Number.POSITIVE_INFINITY);
    }
    expect(aov.depth![CENTRE]).toBeCloseTo(D - 0.5, 4);
    // The mean of the normals over the pixel's footprint on the sphere: about −z, a little shorter than 1.
    const [nx, ny, nz] = pixel(aov.normal!, CENTRE);
    expect(nz).toBeLessThan(-0.95);
    expect(Math.hypot(nx, ny)).toBeLessThan(0.15);
    expect(maxError(aov.albedo!, [1, 1, 1], [CENTRE])).toBeLessThan(1e-3);
  });

  it('albedo and normal are means over jittered samples: an edge pixel lies between its two sides', async () => {
    // White for x < 0, on the image's right (the camera looks along +z with y up), red for x > 0.
    const scene = sceneWith([quad(-10, -10, 0, 10, lambertian([1, 1, 1])), quad(0, -10, 10, 10, lambertian({ lin_srgb: [0.8, 0.1, 0.1] }))]);
    const aov = await aovsOf(scene, { samples: 64 });
    expect(aov.samples).toBe(AOV_MAX_SAMPLES);
    const row = 7 * SIZE;
    const green = (x: number) => aov.albedo![(row + x) * 3 + 1];
    // The centre column straddles x = 0; its neighbours lie wholly on one side.
    expect(green(6)).toBeCloseTo(0.1, 3);
    expect(green(8)).toBeCloseTo(1, 3);
    expect(green(7)).toBeGreaterThan(0.25);
    expect(green(7)).toBeLessThan(0.85);
    // Its normal is still the plane's: both halves face the camera.
    expect(pixel(aov.normal!, row + 7)).toEqual([0, 0, -1]);
  });

  it('specular surfaces give their colour, lights their emission clamped to 1', async () => {
    const metal: V3 = [0.9, 0.6, 0.2];
    const light: V3 = [3, 0.6, 0.3];
    const scene = sceneWith([
      quad(-10, -10, 0, 0, { kind: 'Metal', albedo: { kind: 'SolidColor', color: { lin_srgb: metal } }, fuzz: 0 }),
      quad(0, -10, 10, 0, { kind: 'Dielectric', refractive_index: 1.5 }),
      quad(-10, 0, 0, 10, { kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: { lin_srgb: light } } }),
      // A light seen from behind (its front, u × v, faces away): one-sided, it sends nothing this way.
      { kind: 'Quad', q: [0, 0, 0], u: [10, 0, 0], v: [0, 10, 0], material: { kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: [1, 1, 1] } } }
    ]);
    const aov = await aovsOf(scene, { aov: ['albedo'] });
    expect(aov.normal).toBeUndefined();
    expect(aov.depth).toBeUndefined();
    // Quadrants seen from the camera (image x runs toward −x in the world): bottom right metal, bottom left glass.
    const at = (x: number, y: number) => y * SIZE + x;
    expect(maxError(aov.albedo!, fittedLinearSrgb(metal), [at(11, 11)])).toBeLessThan(1e-4);
    expect(maxError(aov.albedo!, metal, [at(11, 11)])).toBeLessThan(1e-3);
    expect(maxError(aov.albedo!, [1, 1, 1], [at(3, 11)])).toBeLessThan(1e-3);
    const emitted = fittedLinearSrgb(light);
    expect(maxError(aov.albedo!, [1, Math.min(emitted[1], 1), Math.min(emitted[2], 1)], [at(11, 3)])).toBeLessThan(1e-4);
    expect(maxError(aov.albedo!, [1, 0.6, 0.3], [at(11, 3)])).toBeLessThan(1e-2);
    expect(pixel(aov.albedo!, at(3, 3))).toEqual([0, 0, 0]);
  });

  it('glTF: the base colour times its factor', async () => {
    const corners: V3[] = [[-10, -10, 0], [10, -10, 0], [10, 10, 0], [-10, 10, 0]];
    const positions = new Float32Array(corners.flat());
    const mesh: TriangleMesh = {
      positions,
      indices: Uint32Array.of(0, 1, 2, 0, 2, 3),
      corners: { uvs: new Float32Array(8) },
      surface: { triangleMaterials: Uint32Array.of(0, 0), materials: [{ ...DEFAULT_GLTF_MATERIAL, baseColorFactor: [0.2, 0.5, 0.7, 1], metallicFactor: 1 }], images: [] }
    };
    const aov = await aovsOf(sceneWith([{ kind: 'GLTF', path: 'panel' }]), {}, { meshes: new Map([['panel', mesh]]) });
    expect(maxError(aov.albedo!, [0.2, 0.5, 0.7])).toBeLessThan(1e-6);
    expect(maxError(aov.normal!, [0, 0, -1])).toBeLessThan(1e-6);
    expect(aov.depth![CENTRE]).toBeCloseTo(D, 4);
  });
});

describe('AOVs of a render', () => {
  it('are rendered only when asked for, and equal renderAovs on the same scene', async () => {
    const scene = sceneWith([{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: lambertian({ lin_srgb: [0.3, 0.6, 0.2] }) }]);
    const gpu = await testGpu();
    const plain = await renderScene(gpu, scene, OPTIONS);
    expect(plain.aov).toBeUndefined();
    const rendered = await renderScene(gpu, scene, { ...OPTIONS, aov: ['depth', 'albedo'] });
    expect(rendered.xyz).toEqual(plain.xyz);
    const alone = await renderAovs(gpu, scene, compileScene(scene), OPTIONS);
    expect(rendered.aov?.albedo).toEqual(alone.albedo);
    expect(rendered.aov?.depth).toEqual(alone.depth);
    expect(rendered.aov?.normal).toBeUndefined();
    expect(alone.normal).toBeDefined();
  });
});
