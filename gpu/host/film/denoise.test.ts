import { describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import { waitForQueue } from '../render/gpu-wait.ts';
import { linkShader } from '../shader/linker.ts';
import { shaderSources } from '../shader/sources.ts';
import { testDevice } from '../testing/test-device.ts';
import { createDenoiser, DENOISE_PARAMS_BYTES, type DenoiseInput, type Denoiser } from './denoise.ts';

const W = 64;
const H = 64;
/** The seam between the two albedos (first column of the right half), the first row of the wall's shadow and the
 * first row of the floor. */
const SEAM = 32;
const SHADOW = 24;
const FLOOR = 48;

let shared: Promise<Denoiser> | undefined;
async function denoiser(): Promise<Denoiser> {
  shared ??= testDevice().then(createDenoiser);
  return shared;
}

/** Deterministic uniform [0, 1) (mulberry32) and standard normals (Box–Muller). */
function random(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

interface Scene extends DenoiseInput {
  readonly clean: Float32Array;
}

/**
 * A wall (rows above FLOOR: slanted in depth, two albedos meeting at SEAM, a shadow from row SHADOW) and a floor
 * (another normal, nearer, dimmer): a piecewise-constant image. The albedo edge is weak next to the noise, so only
 * the albedo guide keeps it; the shadow's edge has no guide but the luminance edge-stop.
 */
function wallAndFloor(): Scene {
  const n = W * H;
  const [colour, albedo, normal, depth] = [new Float32Array(n * 3), new Float32Array(n * 3), new Float32Array(n * 3), new Float32Array(n)];
  const left = [0.6, 0.6, 0.55];
  const right = [0.45, 0.5, 0.4];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = y * W + x;
      const floor = y >= FLOOR;
      const a = x < SEAM ? left : right;
      const light = floor ? 0.8 : y >= SHADOW ? 0.5 : 1.2;
      for (let c = 0; c < 3; c++) {
        albedo[p * 3 + c] = a[c];
        colour[p * 3 + c] = a[c] * light;
      }
      normal.set(floor ? [0, 1, 0] : [0, 0, 1], p * 3);
      depth[p] = floor ? 3 + 0.05 * (H - y) : 5 + 0.01 * x + 0.005 * y;
    }
  }
  return { width: W, height: H, colour, albedo, normal, depth, clean: colour.slice() };
}

/** Adds N(0, σ²) to every channel; with equal luminance weights the luminance variance is σ²/3. */
function withNoise(scene: Scene, sigma: number, seed: number): Scene {
  const rng = random(seed);
  return { ...scene, colour: scene.clean.map((v) => v + sigma * rng.normal()) };
}

function mse(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum / a.length;
}

/** Mean luminance (equal weights) of column x over the wall's rows. */
function columnMean(image: Float32Array, x: number): number {
  let sum = 0;
  for (let y = 0; y < FLOOR; y++) {
    const p = (y * W + x) * 3;
    sum += (image[p] + image[p + 1] + image[p + 2]) / 3;
  }
  return sum / FLOOR;
}

/** Contrast across the seam: the luminance step between the columns either side of it. */
function seamStep(image: Float32Array): number {
  return columnMean(image, SEAM - 1) - columnMean(image, SEAM);
}

/** Mean luminance (equal weights) of row y. */
function rowMean(image: Float32Array, y: number): number {
  let sum = 0;
  for (let x = 0; x < W; x++) {
    const p = (y * W + x) * 3;
    sum += (image[p] + image[p + 1] + image[p + 2]) / 3;
  }
  return sum / W;
}

/** Contrast across the shadow's edge: the luminance step between the rows either side of it. */
function shadowStep(image: Float32Array): number {
  return rowMean(image, SHADOW - 1) - rowMean(image, SHADOW);
}

function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-6));
  return worst;
}

describe('à-trous denoiser', () => {
  it('packs DenoiseParams as the WGSL lays it out', () => {
    const params = new WgslReflect(linkShader('film/denoise', shaderSources()).code).structs.find((s) => s.name === 'DenoiseParams');
    const offset = (name: string) => params?.members.find((m) => m.name === name)?.offset;
    expect(params?.size).toBe(DENOISE_PARAMS_BYTES);
    // The float / u32 indices record() writes at, × 4.
    const written = { luminance: 0, colour_scale: 4, albedo_epsilon: 10, step: 11, width: 12, has_variance: 14, colour_view: 16, output_view: 26 };
    for (const [name, index] of Object.entries(written)) expect(offset(name), name).toBe(index * 4);
  });

  it('keeps a constant image constant, with the variance given or estimated, across normal and depth edges', async () => {
    const d = await denoiser();
    const rng = random(1);
    const n = W * H;
    const input: DenoiseInput = {
      width: W,
      height: H,
      colour: Float32Array.from({ length: n * 3 }, (_, i) => [0.4, 0.5, 0.3][i % 3]),
      albedo: Float32Array.from({ length: n * 3 }, (_, i) => [0.7, 0.6, 0.5][i % 3]),
      // Random unit normals and depths: the edge-stops differ per pixel, the colour must not.
      normal: Float32Array.from({ length: n * 3 }, () => rng.normal()),
      depth: Float32Array.from({ length: n }, () => 1 + 9 * rng.uniform())
    };
    for (const variance of [undefined, new Float32Array(n).fill(1)]) {
      const out = await d.denoise({ ...input, variance });
      expect(maxRelativeError(out, input.colour)).toBeLessThan(1e-5);
    }
  });

  it('leaves a noiseless image with zero variance unchanged', async () => {
    const d = await denoiser();
    const scene = wallAndFloor();
    const n = W * H;
    // Texture and shading inside the pieces: a 2-pixel albedo checker and a lighting ramp.
    const colour = scene.clean.map((v, i) => {
      const p = Math.floor(i / 3);
      const [x, y] = [p % W, Math.floor(p / W)];
      return v * ((Math.floor(x / 2) + Math.floor(y / 2)) % 2 ? 1 : 0.5) * (1 + x / W);
    });
    const albedo = scene.albedo.map((v, i) => {
      const p = Math.floor(i / 3);
      return v * ((Math.floor((p % W) / 2) + Math.floor(p / W / 2)) % 2 ? 1 : 0.5);
    });
    const out = await d.denoise({ ...scene, colour, albedo, variance: new Float32Array(n) });
    expect(maxRelativeError(out, colour)).toBeLessThan(1e-5);
  });

  for (const given of [true, false]) {
    it(`removes most of the noise and keeps the albedo edge (variance ${given ? 'given' : 'estimated'})`, async () => {
      const d = await denoiser();
      const sigma = 0.1;
      const scene = withNoise(wallAndFloor(), sigma, given ? 2 : 3);
      const variance = given ? new Float32Array(W * H).fill((sigma * sigma) / 3) : undefined;
      const out = await d.denoise({ ...scene, variance });
      const [noisy, denoised] = [mse(scene.colour, scene.clean), mse(out, scene.clean)];
      const [cleanSeam, denoisedSeam] = [seamStep(scene.clean), seamStep(out)];
      const [cleanShadow, denoisedShadow] = [shadowStep(scene.clean), shadowStep(out)];
      console.log(
        `denoise (variance ${given ? 'given' : 'estimated'}): MSE ${noisy.toExponential(3)} → ${denoised.toExponential(3)} (÷${(noisy / denoised).toFixed(1)}), ` +
          `seam step ${cleanSeam.toFixed(4)} → ${denoisedSeam.toFixed(4)}, shadow step ${cleanShadow.toFixed(4)} → ${denoisedShadow.toFixed(4)}`
      );
      expect(noisy / denoised).toBeGreaterThan(4);
      expect(Math.abs(denoisedSeam / cleanSeam - 1)).toBeLessThan(0.05);
      // A lighting edge of about 4σ has only the luminance edge-stop (σ_l = 4) to keep it: it softens, more so
      // with the estimated variance, which the edge itself inflates (SVGF's known weakness on short histories).
      expect(denoisedShadow / cleanShadow).toBeGreaterThan(given ? 0.8 : 0.5);
    });
  }

  it('never gives NaN or negatives: non-finite colours become 0, misses and out-of-range colours stay', async () => {
    const d = await denoiser();
    const scene = withNoise(wallAndFloor(), 0.3, 4);
    const n = W * H;
    const colour = scene.colour.slice();
    const albedo = scene.albedo.slice();
    const normal = scene.normal.slice();
    const depth = scene.depth.slice();
    const variance = new Float32Array(n).fill(0.03);
    const dropped = [5, 70, 300, 2000];
    colour.set([NaN, 0.5, 0.5], dropped[0] * 3);
    colour.set([Infinity, 0, 0], dropped[1] * 3);
    colour.set([0.2, -Infinity, 0.2], dropped[2] * 3);
    colour.set([NaN, NaN, NaN], dropped[3] * 3);
    const misses = [10, 11, 12, 400, 401];
    for (const p of misses) {
      depth[p] = Infinity;
      normal.set([0, 0, 0], p * 3);
    }
    depth[402] = NaN;
    depth[403] = -1;
    colour.set([3e30, 1, 1], 404 * 3); // beyond the range the filter takes: kept
    misses.push(402, 403, 404);
    for (let p = 600; p < 700; p++) albedo.set([0, 0, 0], p * 3);
    albedo.set([NaN, Infinity, -1], 800 * 3);
    normal.set([NaN, 0, 1], 801 * 3);
    normal.set([0, 0, 0], 802 * 3);
    colour.set([1e9, 1e9, 1e9], 803 * 3); // a firefly
    variance[900] = NaN;
    variance[901] = Infinity;
    variance[902] = -5;
    variance[903] = 3e38;
    for (const v of [variance, undefined]) {
      const out = await d.denoise({ ...scene, colour, albedo, normal, depth, variance: v });
      expect(out.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
      for (const p of dropped) expect(Array.from(out.subarray(p * 3, p * 3 + 3))).toEqual([0, 0, 0]);
      for (const p of misses) expect(Array.from(out.subarray(p * 3, p * 3 + 3))).toEqual(Array.from(colour.subarray(p * 3, p * 3 + 3)).map((x) => Math.max(x, 0)));
    }
  });

  it('reads strided GPU views (an interleaved AOV buffer, a film of sums) as it reads host arrays', async () => {
    const device = await testDevice();
    const d = await denoiser();
    const scene = withNoise(wallAndFloor(), 0.1, 5);
    const n = W * H;
    const variance = new Float32Array(n).fill(0.01 / 3);
    const expected = await d.denoise({ ...scene, variance });
    // Film: a 64-float header, then vec4f sums of 4 samples; AOVs: albedo.rgb, depth, normal.xyz, pad per pixel.
    const samples = 4;
    const film = new Float32Array(64 + n * 4);
    const aovs = new Float32Array(n * 8);
    for (let p = 0; p < n; p++) {
      for (let c = 0; c < 3; c++) {
        film[64 + p * 4 + c] = scene.colour[p * 3 + c] * samples;
        aovs[p * 8 + c] = scene.albedo[p * 3 + c];
        aovs[p * 8 + 4 + c] = scene.normal[p * 3 + c];
      }
      aovs[p * 8 + 3] = scene.depth[p];
    }
    const upload = (data: Float32Array, usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST) => {
      const buffer = device.createBuffer({ size: data.byteLength, usage });
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const filmBuffer = upload(film);
    const aovBuffer = upload(aovs);
    const varianceBuffer = upload(variance.map((v) => v * 2));
    const output = upload(new Float32Array(n * 4).fill(-7), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
    const encoder = device.createCommandEncoder();
    d.encode(
      encoder,
      {
        width: W,
        height: H,
        colour: { buffer: filmBuffer, offset: 64, stride: 4 },
        colourScale: 1 / samples,
        albedo: { buffer: aovBuffer, offset: 0, stride: 8 },
        depth: { buffer: aovBuffer, offset: 3, stride: 8 },
        normal: { buffer: aovBuffer, offset: 4, stride: 8 },
        variance: { buffer: varianceBuffer },
        varianceScale: 0.5
      },
      { buffer: output, stride: 4 }
    );
    const read = device.createBuffer({ size: n * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    encoder.copyBufferToBuffer(output, 0, read, 0, n * 16);
    device.queue.submit([encoder.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    const got = new Float32Array(read.getMappedRange().slice(0));
    read.unmap();
    for (const b of [filmBuffer, aovBuffer, varianceBuffer, output, read]) b.destroy();
    expect(Array.from({ length: n * 3 }, (_, i) => got[Math.floor(i / 3) * 4 + (i % 3)])).toEqual(Array.from(expected));
    // The fourth float of each output pixel is left alone.
    expect(Array.from({ length: n }, (_, p) => got[p * 4 + 3]).every((v) => v === -7)).toBe(true);
  });

  it('rejects inputs of the wrong size and bad options', async () => {
    const d = await denoiser();
    const scene = wallAndFloor();
    await expect(d.denoise({ ...scene, depth: new Float32Array(3) })).rejects.toThrow(/depth has 3 floats/);
    await expect(d.denoise(scene, { iterations: 1.5 })).rejects.toThrow(/iterations/);
    await expect(d.denoise(scene, { luminanceWeights: [0, 0, 0] })).rejects.toThrow(/luminanceWeights/);
    expect(await d.denoise({ ...scene, width: 0, height: 0, colour: new Float32Array(0), albedo: new Float32Array(0), normal: new Float32Array(0), depth: new Float32Array(0) })).toHaveLength(0);
  });

  it('measures its time per megapixel (logged, not asserted)', async () => {
    const device = await testDevice();
    const d = await denoiser();
    const [width, height] = [256, 256];
    const rng = random(6);
    const n = width * height;
    const input: DenoiseInput = {
      width,
      height,
      colour: Float32Array.from({ length: n * 3 }, () => 0.5 + 0.1 * rng.normal()),
      albedo: new Float32Array(n * 3).fill(0.5),
      normal: Float32Array.from({ length: n * 3 }, (_, i) => (i % 3 === 2 ? 1 : 0)),
      depth: Float32Array.from({ length: n }, (_, p) => 5 + (p % width) * 0.01)
    };
    await d.denoise(input); // compiles on drivers that compile at the first dispatch
    const runs = 3;
    let t0 = performance.now();
    for (let i = 0; i < runs; i++) await d.denoise(input);
    const hostMs = (performance.now() - t0) / runs;
    // GPU work alone: inputs already on the GPU, no readback.
    const buffers = (['colour', 'albedo', 'normal', 'depth'] as const).map((name) => {
      const buffer = device.createBuffer({ size: input[name].byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buffer, 0, input[name]);
      return buffer;
    });
    const [colour, albedo, normal, depth] = buffers.map((buffer) => ({ buffer }));
    // waitForQueue, not a bare await: dawn.node spins a core while awaiting, a core lavapipe needs.
    await waitForQueue(device, 'the uploads', 60_000);
    t0 = performance.now();
    for (let i = 0; i < runs; i++) d.denoiseBuffers({ width, height, colour, albedo, normal, depth }).destroy();
    await waitForQueue(device, 'the denoiser', 60_000);
    const gpuMs = (performance.now() - t0) / runs;
    for (const b of buffers) b.destroy();
    const mp = n / 1e6;
    console.log(`denoise ${width}×${height}, 5 levels, variance estimated: ${(gpuMs / mp).toFixed(0)} ms/MP on the GPU, ${(hostMs / mp).toFixed(0)} ms/MP with upload and readback`);
    expect(hostMs).toBeGreaterThan(0);
  });
});
