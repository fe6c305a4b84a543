import { describe, expect, it } from 'vitest';
import { runKernel } from '../../host/testing/kernel.ts';
import { testDevice } from '../../host/testing/test-device.ts';
import { chiSquareTest } from '../../host/testing/chi-square.ts';
import {
  CHI_SQUARE_SIGNIFICANCE,
  DEFAULT_GRID,
  directionHistogram,
  RECORD,
  RECORD_STRIDE,
  directionChiSquare,
  recordStats,
  pdfCellIntegrals,
  sampleRecords,
  type DirectionDistribution
} from '../../host/testing/direction-tests.ts';

const MODULE = 'tests/sampling_test';
const cosine: DirectionDistribution = { module: MODULE, distribution: 0, params: [] };
const sphere: DirectionDistribution = { module: MODULE, distribution: 1, params: [] };
const cone = (cosThetaMax: number): DirectionDistribution => ({ module: MODULE, distribution: 2, params: [cosThetaMax] });

describe('sampling/warp', () => {
  it.each([
    ['cosine hemisphere', cosine, 1],
    ['uniform sphere', sphere, 2],
    ['uniform cone, cos θmax 0.8', cone(0.8), 3],
    ['uniform cone wider than a hemisphere, cos θmax −0.3', cone(-0.3), 4]
  ])('%s: histogram matches the pdf (chi-square) and the pdf integrates to 1', async (_, dist, seed) => {
    const device = await testDevice();
    const r = await directionChiSquare(device, dist, { samples: 500_000, seed });
    expect(r.integral).toBeCloseTo(1, 3);
    expect(r.used).toBeGreaterThan(0.9999 * 500_000);
    expect(r.chi2.stray).toBeLessThanOrEqual(5);
    expect(r.chi2.pValue).toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
    const stats = recordStats(r.records);
    expect(stats.allFinite).toBe(true);
    expect(stats.maxUnitError).toBeLessThan(1e-5);
  });

  it('has the power to reject a slightly wrong distribution (negative control)', async () => {
    const device = await testDevice();
    const records = await sampleRecords(device, cone(0.8), 200_000, 9);
    const { counts, used } = directionHistogram(records, DEFAULT_GRID);
    for (const wrong of [cone(0.78), sphere]) {
      const integrals = await pdfCellIntegrals(device, wrong, DEFAULT_GRID, 8);
      expect(chiSquareTest(counts, integrals.map((p) => p * used)).pValue).toBeLessThan(1e-12);
    }
  });

  it('gives cosine samples only above the horizon, cos θ/π at each, and ⟨cos θ⟩ = 2/3', async () => {
    const device = await testDevice();
    const records = await sampleRecords(device, cosine, 65_536, 11);
    let sum = 0;
    let minZ = 1;
    let maxPdfError = 0;
    for (let o = 0; o < records.length; o += RECORD_STRIDE) {
      const z = records[o + 2];
      minZ = Math.min(minZ, z);
      maxPdfError = Math.max(maxPdfError, Math.abs(records[o + RECORD.pdf] - z / Math.PI));
      sum += z;
    }
    expect(minZ).toBeGreaterThanOrEqual(0);
    expect(maxPdfError).toBeLessThan(1e-6);
    expect(sum / 65_536).toBeCloseTo(2 / 3, 2);
  });

  it('keeps cone samples inside the cone and gives a zero (not infinite) pdf for a degenerate cone', async () => {
    const device = await testDevice();
    const inside = await sampleRecords(device, cone(0.95), 8192, 5);
    let minZ = 1;
    let maxPdfError = 0;
    for (let o = 0; o < inside.length; o += RECORD_STRIDE) {
      minZ = Math.min(minZ, inside[o + 2]);
      maxPdfError = Math.max(maxPdfError, Math.abs(inside[o + RECORD.pdf] * 2 * Math.PI * 0.05 - 1));
    }
    expect(minZ).toBeGreaterThanOrEqual(0.95 - 1e-6);
    expect(maxPdfError).toBeLessThan(1e-4);
    const degenerate = await sampleRecords(device, cone(1), 256, 5);
    const zs = new Set<number>();
    const pdfs = new Set<number>();
    for (let o = 0; o < degenerate.length; o += RECORD_STRIDE) {
      zs.add(degenerate[o + 2]);
      pdfs.add(degenerate[o + RECORD.pdf]);
    }
    expect([...zs]).toEqual([1]);
    expect([...pdfs]).toEqual([0]);
    const integral = (await pdfCellIntegrals(device, cone(1), { nCos: 8, nPhi: 8 }, 4)).reduce((a, b) => a + b, 0);
    expect(integral).toBe(0);
  });
});

describe('sampling/frame', () => {
  it('builds right-handed orthonormal frames for any unit normal, poles and the z = 0 seam included', async () => {
    const device = await testDevice();
    const normals: number[][] = [
      [0, 0, 1],
      [0, 0, -1],
      [1, 0, 0],
      [0, -1, 0],
      [1e-8, 0, -1],
      [0.6, 0.8, 0],
      [0.6, 0.8, -0],
      [0.6, 0, -0.8]
    ];
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    for (let i = 0; i < 248; i++) {
      const v = [rand(), rand(), rand() * (i % 8 === 0 ? 1e-4 : 1)];
      const l = Math.hypot(v[0], v[1], v[2]);
      normals.push(v.map((c) => c / l));
    }
    const par = new Float32Array(normals.flat());
    const { data } = await runKernel(device, {
      module: 'tests/sampling_test',
      entryPoint: 'frames',
      inputs: [new Uint32Array([normals.length, 0, 0, 0, 0, 0]), par],
      output: { type: Float32Array, length: normals.length * 16 },
      workgroups: Math.ceil(normals.length / 64)
    });
    let worst = 0;
    for (let i = 0; i < normals.length; i++) {
      const o = i * 16;
      for (let k = 0; k < 3; k++) if (data[o + 6 + k] !== par[i * 3 + k]) worst = Infinity;
      for (let k = 9; k < 16; k++) worst = Math.max(worst, Math.abs(data[o + k]));
    }
    expect(worst).toBeLessThan(2e-6);
  });
});
