// GPU test harness for direction samplers (pbrt/Mitsuba-style chi-square tests). A test kernel module exposes
// `sample_records` (RECORD_STRIDE floats per sample: wi.xyz, pdf at the sample, pdf re-evaluated from wi, three
// kernel-specific extras) and `pdf_bins` (the pdf integrated over each cell of an equal-solid-angle
// (cos θ, φ) grid, by the midpoint rule on sub × sub points; tests/sphere_grid.wgsl). Both take
// cfg = [n, seed, distribution, n_cos, n_phi, sub] and the distribution's float parameters.
import { runKernel } from './kernel.ts';
import { chiSquareTest, type ChiSquareResult } from './chi-square.ts';

export const RECORD_STRIDE = 8;
export const RECORD = { x: 0, y: 1, z: 2, pdf: 3, pdfEval: 4, extra0: 5, extra1: 6, extra2: 7 } as const;

/** At least the number of chi-square tests in the whole suite (about 20, the environment sampler's included); each
 * rejects at 0.01 / this (Bonferroni), so the suite's false-alarm rate stays below 1 %. Every test uses a fixed
 * seed, so a pass is repeatable. */
export const CHI_SQUARE_TEST_COUNT = 24;
export const CHI_SQUARE_SIGNIFICANCE = 0.01 / CHI_SQUARE_TEST_COUNT;

export interface DirectionDistribution {
  /** Test kernel module, e.g. "tests/lights_test". */
  readonly module: string;
  readonly distribution: number;
  readonly params: readonly number[];
}

export interface SphereGrid {
  readonly nCos: number;
  readonly nPhi: number;
}

/** 40 × 80 cells of 0.05 in cos θ: the rows' edges fall on cos θ = 0, ±0.3, 0.8, ... so that the
 * discontinuities of the analytic test distributions do not cut through cells (exact midpoint quadrature). */
export const DEFAULT_GRID: SphereGrid = { nCos: 40, nPhi: 80 };

function cfg(n: number, seed: number, d: DirectionDistribution, grid?: SphereGrid, sub = 0): Uint32Array {
  return new Uint32Array([n, seed, d.distribution, grid?.nCos ?? 0, grid?.nPhi ?? 0, sub]);
}

function params(d: DirectionDistribution): Float32Array {
  return new Float32Array(d.params.length > 0 ? d.params : [0]);
}

export async function sampleRecords(
  device: GPUDevice,
  d: DirectionDistribution,
  n: number,
  seed: number
): Promise<Float32Array> {
  const result = await runKernel(device, {
    module: d.module,
    entryPoint: 'sample_records',
    inputs: [cfg(n, seed, d), params(d)],
    output: { type: Float32Array, length: n * RECORD_STRIDE },
    workgroups: Math.ceil(n / 64)
  });
  return result.data;
}

/** ∫ pdf dω over each grid cell (index i_cos · nPhi + i_phi), in f64. */
export async function pdfCellIntegrals(
  device: GPUDevice,
  d: DirectionDistribution,
  grid: SphereGrid,
  sub: number
): Promise<Float64Array> {
  const cells = grid.nCos * grid.nPhi;
  const result = await runKernel(device, {
    module: d.module,
    entryPoint: 'pdf_bins',
    inputs: [cfg(0, 0, d, grid, sub), params(d)],
    output: { type: Float32Array, length: cells },
    workgroups: Math.ceil(cells / 64)
  });
  return Float64Array.from(result.data);
}

/** Grid cell of a direction, as tests/sphere_grid.wgsl lays them out. */
export function sphereCell(x: number, y: number, z: number, grid: SphereGrid): number {
  const ic = Math.min(grid.nCos - 1, Math.max(0, Math.floor(((z + 1) / 2) * grid.nCos)));
  let phi = Math.atan2(y, x);
  if (phi < 0) phi += 2 * Math.PI;
  const ip = Math.min(grid.nPhi - 1, Math.max(0, Math.floor((phi / (2 * Math.PI)) * grid.nPhi)));
  return ic * grid.nPhi + ip;
}

/** Largest deviation, over records, of |wi| from 1; and whether every float in the records is finite. */
export function recordStats(records: Float32Array): { maxUnitError: number; allFinite: boolean } {
  let maxUnitError = 0;
  let allFinite = true;
  for (let o = 0; o < records.length; o += RECORD_STRIDE) {
    const len = Math.hypot(records[o], records[o + 1], records[o + 2]);
    maxUnitError = Math.max(maxUnitError, Math.abs(len - 1));
    for (let k = 0; k < RECORD_STRIDE; k++) if (!Number.isFinite(records[o + k])) allFinite = false;
  }
  return { maxUnitError, allFinite };
}

/** Histogram of the sampled directions whose pdf is positive (a pdf of 0 marks a sample to drop). */
export function directionHistogram(records: Float32Array, grid: SphereGrid): { counts: Float64Array; used: number } {
  const counts = new Float64Array(grid.nCos * grid.nPhi);
  let used = 0;
  for (let o = 0; o < records.length; o += RECORD_STRIDE) {
    if (!(records[o + RECORD.pdf] > 0)) continue;
    counts[sphereCell(records[o], records[o + 1], records[o + 2], grid)]++;
    used++;
  }
  return { counts, used };
}

export interface DirectionTestOptions {
  readonly samples: number;
  readonly seed: number;
  readonly grid?: SphereGrid;
  /** Midpoint-rule points per cell side for the pdf integrals. */
  readonly sub?: number;
}

export interface DirectionTestResult {
  readonly chi2: ChiSquareResult;
  /** ∫ pdf over the whole sphere (should be 1). */
  readonly integral: number;
  /** Samples with a positive pdf (the ones binned). */
  readonly used: number;
  readonly records: Float32Array;
}

/** Samples the distribution on the GPU and compares the histogram with the integrated pdf. */
export async function directionChiSquare(
  device: GPUDevice,
  d: DirectionDistribution,
  options: DirectionTestOptions
): Promise<DirectionTestResult> {
  const grid = options.grid ?? DEFAULT_GRID;
  const [records, integrals] = await Promise.all([
    sampleRecords(device, d, options.samples, options.seed),
    pdfCellIntegrals(device, d, grid, options.sub ?? 32)
  ]);
  const { counts, used } = directionHistogram(records, grid);
  const integral = integrals.reduce((a, b) => a + b, 0);
  const expected = integrals.map((p) => p * used);
  return { chi2: chiSquareTest(counts, expected), integral, used, records };
}
