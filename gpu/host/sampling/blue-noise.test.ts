// The blue-noise sampler (gpu/shaders/sampling/blue_noise.wgsl): its ranking matrix, and on the GPU the pixel
// ranks' hierarchy, the stratification of each tile's samples and of each pixel's, error pushed to high frequencies,
// and renders: the same mean as the random sampler, determinism over sample ranges.
import { describe, expect, it } from 'vitest';
import { sobolColumns } from './sobol.ts';
import { lowFrequencyFraction, whiteLowFrequencyFraction } from './error-spectrum.ts';
import { rankingColumns, rankingRows, windowsInvertible } from './blue-noise-ranking.ts';
import { SHADER_MODULES } from '../../shaders/index.ts';
import { FRAME_RECORD } from '../scene/records.ts';
import { SAMPLER_ID } from '../scene/kinds.ts';
import { writeStruct } from '../shader/struct-layout.ts';
import { runKernel } from '../testing/kernel.ts';
import { testDevice } from '../testing/test-device.ts';
import { renderTest } from '../testing/render-scene.ts';
import type { RenderOptions } from '../render/types.ts';

interface Draws {
  /** 12 uniforms per draw. */
  readonly u: Float32Array;
  /** The pixel's rank per draw. */
  readonly rank: Uint32Array;
}

interface DrawRequest {
  readonly width: number;
  readonly height: number;
  readonly kind?: number;
  readonly block?: number;
}

async function draws(entryPoint: 'pixels' | 'samples', count: number, r: DrawRequest, index: number, pixel = 0): Promise<Draws> {
  const frame = new ArrayBuffer(FRAME_RECORD.size);
  writeStruct(FRAME_RECORD, new DataView(frame), 0, { width: r.width, height: r.height, sobol: sobolColumns().map((dims) => ({ dims })) });
  const cfg = new Uint32Array([index, r.block ?? 0, 7, r.kind ?? SAMPLER_ID.blue, count, pixel]);
  const { data } = await runKernel(await testDevice(), {
    module: 'tests/blue_noise_test',
    entryPoint,
    inputs: [new Uint32Array(frame), cfg],
    output: { type: Uint32Array, length: count * 13 },
    workgroups: Math.ceil(count / 64)
  });
  const u = new Float32Array(count * 12);
  const rank = new Uint32Array(count);
  const floats = new Float32Array(data.buffer, data.byteOffset, data.length);
  for (let i = 0; i < count; i++) {
    u.set(floats.subarray(i * 13, i * 13 + 12), i * 12);
    rank[i] = data[i * 13 + 12];
  }
  return { u, rank };
}

/** Sample `index` of every pixel of the image. */
const pixelDraws = (r: DrawRequest, index: number) => draws('pixels', r.width * r.height, r, index);
/** Samples 0 .. count − 1 of one pixel. */
const sampleDraws = (r: DrawRequest, count: number, pixel: number) => draws('samples', count, r, 0, pixel);

/** Most points in one of the n equal intervals of [0, 1) (1: stratified). */
function maxPerInterval(values: readonly number[], n: number): number {
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.floor(v * n)]++;
  return Math.max(...counts);
}

/** Most points in one cell of the 2^a × 2^b grid over [0, 1)² (1 for every a + b = m: a (0, m, 2)-net). */
function maxPerCell(points: ReadonlyArray<readonly [number, number]>, a: number, b: number): number {
  const counts = new Map<number, number>();
  for (const [x, y] of points) {
    const cell = Math.floor(x * 2 ** a) * 2 ** b + Math.floor(y * 2 ** b);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return Math.max(...counts.values());
}

/** Pixel indices of the aligned side × side tiles of a width-wide image. */
function tiles(width: number, height: number, side: number): number[][] {
  const out: number[][] = [];
  for (let ty = 0; ty < height; ty += side) {
    for (let tx = 0; tx < width; tx += side) {
      const tile: number[] = [];
      for (let y = ty; y < ty + side; y++) for (let x = tx; x < tx + side; x++) tile.push(y * width + x);
      out.push(tile);
    }
  }
  return out;
}

describe('blue-noise ranking matrix', () => {
  it('has invertible windows, as the shader holds it (scripts/gen-blue-noise-ranking.ts)', () => {
    const rows = rankingRows();
    expect(windowsInvertible(rows)).toBe(true);
    // The identity fails: rows 2a .. 4a − 1 ignore rank bits 0 .. 2a − 1.
    expect(windowsInvertible(Array.from({ length: 32 }, (_, k) => 2 ** k))).toBe(false);
    const table = /BLUE_NOISE_KEY_COLUMNS = array<u32, 32>\(([^)]*)\)/.exec(SHADER_MODULES['sampling/blue_noise']);
    expect(table?.[1].match(/0x[0-9a-f]+/g)?.map(Number)).toEqual(rankingColumns(rows));
  });
});

describe('blue-noise sampler kernels', () => {
  const image = { width: 32, height: 32 };

  it("ranks a tile's pixels in a random hierarchical Z-order: aligned 2^a sub-tiles hold 4^a consecutive ranks", async () => {
    const { rank } = await pixelDraws(image, 0);
    const orders = tiles(32, 32, 16).map((tile) => tile.map((p) => rank[p]));
    for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 256 }, (_, i) => i));
    for (const side of [2, 4, 8]) {
      for (const tile of tiles(32, 32, side)) expect(new Set(tile.map((p) => rank[p] >> (2 * Math.log2(side)))).size).toBe(1);
    }
    // Child orders differ between quadtree nodes and between tiles.
    expect(new Set(tiles(32, 32, 2).map((tile) => tile.map((p) => rank[p] & 3).join())).size).toBeGreaterThan(1);
    expect(new Set(orders.map((o) => o.join())).size).toBe(orders.length);
  });

  it("a tile's first 2^j samples per pixel are stratified in every dimension, for every j; the Sobol sampler's are not", async () => {
    for (const block of [0, 2]) {
      const samples = await Promise.all([0, 1, 2, 3].map((i) => pixelDraws({ ...image, block }, i)));
      for (const spp of [1, 2, 4]) {
        for (const side of [4, 8, 16]) {
          for (const tile of tiles(32, 32, side)) {
            const n = tile.length * spp;
            for (let d = 0; d < 12; d++) {
              const values = samples.slice(0, spp).flatMap(({ u }) => tile.map((p) => u[p * 12 + d]));
              expect(maxPerInterval(values, n)).toBe(1);
            }
          }
        }
      }
    }
    const { u } = await pixelDraws({ ...image, kind: SAMPLER_ID.sobol }, 0);
    const worst = Math.max(...tiles(32, 32, 8).map((tile) => maxPerInterval(tile.map((p) => u[p * 12]), 64)));
    expect(worst).toBeGreaterThan(1);
  });

  it("each pixel's first 2^j samples are a net, and values lie in [0, 1)", async () => {
    for (const [pixel, block] of [[0, 0], [777, 3]]) {
      const { u } = await sampleDraws({ ...image, block }, 256, pixel);
      expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
      for (const n of [16, 256]) {
        const members = Array.from({ length: n }, (_, i) => i);
        for (let d = 0; d < 12; d++) expect(maxPerInterval(members.map((i) => u[i * 12 + d]), n)).toBe(1);
        for (const d of [0, 4, 8]) {
          const points = members.map((i) => [u[i * 12 + d], u[i * 12 + d + 1]] as const);
          for (let a = 0; a <= Math.log2(n); a++) expect(maxPerCell(points, a, Math.log2(n) - a)).toBe(1);
        }
      }
    }
  });

  it('pushes the error of low-dimensional integrands to high frequencies at 1, 4 and 16 spp; random error is white', async () => {
    const side = 64;
    // A step in one dimension (stratified at every depth), a disk in two (the pair is not guaranteed a net).
    // Measured on lavapipe: step 0.08–0.10, disk 0.07–0.13, random 0.19–0.21 (white: 0.194).
    const integrands: ReadonlyArray<{ f: (u: Float32Array, o: number) => number; exact: number; below: number }> = [
      { f: (u, o) => (u[o + 2] < 0.3 ? 1 : 0), exact: 0.3, below: 0.6 },
      { f: (u, o) => ((u[o] - 0.5) ** 2 + (u[o + 1] - 0.5) ** 2 < 0.16 ? 1 : 0), exact: Math.PI * 0.16, below: 0.75 }
    ];
    const white = whiteLowFrequencyFraction(side, side);
    for (const kind of [SAMPLER_ID.random, SAMPLER_ID.blue]) {
      const draws = await Promise.all(Array.from({ length: 16 }, (_, i) => pixelDraws({ width: side, height: side, kind, block: 1 }, i)));
      for (const spp of [1, 4, 16]) {
        for (const { f, exact, below } of integrands) {
          const error = Float64Array.from({ length: side * side }, (_, p) => draws.slice(0, spp).reduce((s, { u }) => s + f(u, p * 12), 0) / spp - exact);
          const low = lowFrequencyFraction(error, side, side);
          if (kind === SAMPLER_ID.random) expect(Math.abs(low / white - 1)).toBeLessThan(0.2);
          else expect(low).toBeLessThan(below * white);
        }
      }
    }
  });
});

describe('blue-noise sampler renders', () => {
  const options: Partial<RenderOptions> = { width: 32, height: 32, maxDepth: 16 };
  const luminance = (xyz: Float32Array) => Float64Array.from({ length: xyz.length / 3 }, (_, i) => xyz[i * 3 + 1]);

  it('converge to the random sampler’s image: the same mean over the image and its quadrants, within noise', async () => {
    const reference = luminance((await renderTest('cornell_classic', { ...options, samples: 512, seed: 99 })).xyz);
    const random = luminance((await renderTest('cornell_classic', { ...options, samples: 16, sampler: 'random', seed: 3 })).xyz);
    const blue = luminance((await renderTest('cornell_classic', { ...options, samples: 16, sampler: 'blue', seed: 3 })).xyz);
    for (const [x0, y0, side] of [[0, 0, 32], [0, 0, 16], [16, 0, 16], [0, 16, 16], [16, 16, 16]]) {
      const region: number[] = [];
      for (let y = y0; y < y0 + side; y++) for (let x = x0; x < x0 + side; x++) region.push(y * 32 + x);
      const mean = (img: Float64Array) => region.reduce((s, p) => s + img[p], 0) / region.length;
      // Standard error of a region mean of independent 16-spp pixels (the random sampler's, an upper bound for the
      // blue-noise sampler's whose pixel errors cancel), plus the reference's own (32 times fewer: 512 spp).
      const variance = region.reduce((s, p) => s + (random[p] - reference[p]) ** 2, 0) / region.length;
      const standardError = Math.sqrt((variance * (1 + 16 / 512)) / region.length);
      expect(Math.abs(mean(blue) - mean(reference))).toBeLessThan(4 * standardError);
      expect(Math.abs(mean(random) - mean(reference))).toBeLessThan(4 * standardError);
    }
  });

  it('are deterministic, and sample ranges rendered separately average to the whole render', async () => {
    const blue = { ...options, width: 16, height: 16, sampler: 'blue' as const };
    const whole = await renderTest('cornell_classic', { ...blue, samples: 4 });
    const again = await renderTest('cornell_classic', { ...blue, samples: 4 });
    const other = await renderTest('cornell_classic', { ...blue, samples: 4, seed: 8 });
    const first = await renderTest('cornell_classic', { ...blue, samples: 2 });
    const second = await renderTest('cornell_classic', { ...blue, samples: 2, sampleOffset: 2 });
    expect(Buffer.from(again.xyz.buffer).equals(Buffer.from(whole.xyz.buffer))).toBe(true);
    expect(Buffer.from(other.xyz.buffer).equals(Buffer.from(whole.xyz.buffer))).toBe(false);
    let maxDiff = 0;
    for (let i = 0; i < whole.xyz.length; i++) maxDiff = Math.max(maxDiff, Math.abs((first.xyz[i] + second.xyz[i]) / 2 - whole.xyz[i]));
    expect(maxDiff).toBeLessThan(1e-4);
  });
});
