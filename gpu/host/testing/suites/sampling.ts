// sampling/warp and sampling/frame on the GPU: chi-square tests of the direction samplers against their pdfs
// (with a negative control), support and pdf checks, orthonormal frames.
import { runKernel } from '../kernel.ts';
import { chiSquareTest } from '../chi-square.ts';
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
} from '../direction-tests.ts';
import { expect } from './assert.ts';
import { kernelGroup, type CaseBody, type KernelSuite } from './suite.ts';

const MODULE = 'tests/sampling_test';
const cosine: DirectionDistribution = { module: MODULE, distribution: 0, params: [] };
const sphere: DirectionDistribution = { module: MODULE, distribution: 1, params: [] };
const cone = (cosThetaMax: number): DirectionDistribution => ({ module: MODULE, distribution: 2, params: [cosThetaMax] });

// |wi| within 1e-5 of 1 on any adapter: the warps renormalise (cos φ, sin φ), whatever error sin/cos carry.
const chiSquareCase = (title: string, dist: DirectionDistribution, seed: number): [string, CaseBody] => [
  `${title}: histogram matches the pdf (chi-square) and the pdf integrates to 1`,
  async (device) => {
    const r = await directionChiSquare(device, dist, { samples: 500_000, seed });
    expect(r.integral, '∫ pdf').toBeCloseTo(1, 3);
    expect(r.used, 'samples with pdf > 0').toBeGreaterThan(0.9999 * 500_000);
    expect(r.chi2.stray, 'samples where the pdf is 0').toBeLessThanOrEqual(5);
    expect(r.chi2.pValue, 'chi-square p-value').toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
    const stats = recordStats(r.records);
    expect(stats.allFinite, 'all records finite').toBe(true);
    expect(stats.maxUnitError, 'max ||wi| − 1|').toBeLessThan(1e-5);
  }
];

const warp = kernelGroup('sampling/warp', [MODULE], [
  chiSquareCase('cosine hemisphere', cosine, 1),
  chiSquareCase('uniform sphere', sphere, 2),
  chiSquareCase('uniform cone, cos θmax 0.8', cone(0.8), 3),
  chiSquareCase('uniform cone wider than a hemisphere, cos θmax −0.3', cone(-0.3), 4),
  [
    'has the power to reject a slightly wrong distribution (negative control)',
    async (device) => {
      const records = await sampleRecords(device, cone(0.8), 200_000, 9);
      const { counts, used } = directionHistogram(records, DEFAULT_GRID);
      for (const wrong of [cone(0.78), sphere]) {
        const integrals = await pdfCellIntegrals(device, wrong, DEFAULT_GRID, 8);
        expect(chiSquareTest(counts, integrals.map((p) => p * used)).pValue, 'p-value against a wrong pdf').toBeLessThan(1e-12);
      }
    }
  ],
  [
    'gives cosine samples only above the horizon, cos θ/π at each, and ⟨cos θ⟩ = 2/3',
    async (device) => {
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
      expect(minZ, 'min cos θ').toBeGreaterThanOrEqual(0);
      expect(maxPdfError, 'max |pdf − cos θ/π|').toBeLessThan(1e-6);
      expect(sum / 65_536, '⟨cos θ⟩').toBeCloseTo(2 / 3, 2);
    }
  ],
  [
    'keeps cone samples inside the cone and gives a zero (not infinite) pdf for a degenerate cone',
    async (device) => {
      const inside = await sampleRecords(device, cone(0.95), 8192, 5);
      let minZ = 1;
      let maxPdfError = 0;
      for (let o = 0; o < inside.length; o += RECORD_STRIDE) {
        minZ = Math.min(minZ, inside[o + 2]);
        maxPdfError = Math.max(maxPdfError, Math.abs(inside[o + RECORD.pdf] * 2 * Math.PI * 0.05 - 1));
      }
      expect(minZ, 'min cos θ').toBeGreaterThanOrEqual(0.95 - 1e-6);
      expect(maxPdfError, 'max relative pdf error').toBeLessThan(1e-4);
      const degenerate = await sampleRecords(device, cone(1), 256, 5);
      const zs = new Set<number>();
      const pdfs = new Set<number>();
      for (let o = 0; o < degenerate.length; o += RECORD_STRIDE) {
        zs.add(degenerate[o + 2]);
        pdfs.add(degenerate[o + RECORD.pdf]);
      }
      expect([...zs], 'degenerate cone: cos θ values').toEqual([1]);
      expect([...pdfs], 'degenerate cone: pdf values').toEqual([0]);
      const integral = (await pdfCellIntegrals(device, cone(1), { nCos: 8, nPhi: 8 }, 4)).reduce((a, b) => a + b, 0);
      expect(integral, 'degenerate cone: ∫ pdf').toBe(0);
    }
  ]
]);

const frame = kernelGroup('sampling/frame', [MODULE], [
  [
    'builds right-handed orthonormal frames for any unit normal, poles and the z = 0 seam included',
    async (device) => {
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
        module: MODULE,
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
      expect(worst, 'worst frame residual').toBeLessThan(2e-6);
    }
  ]
]);

export const samplingSuite: KernelSuite = { name: 'sampling', cases: [...warp, ...frame] };
