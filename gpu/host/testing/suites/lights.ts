// Light-shape sampling (sphere, quad, triangle) on the GPU: chi-square tests of the solid-angle samplers, sample
// pdfs against *_light_pdf, degenerate and extreme configurations; the cone light's spread.
import { runKernel } from '../kernel.ts';
import {
  CHI_SQUARE_SIGNIFICANCE,
  RECORD,
  RECORD_STRIDE,
  directionChiSquare,
  recordStats,
  sampleRecords,
  type DirectionDistribution
} from '../direction-tests.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

type V3 = readonly [number, number, number];
const MODULE = 'tests/lights_test';
const SPHERE = 0;
const QUAD = 1;
const TRIANGLE = 2;

const sphere = (origin: V3, center: V3, radius: number): DirectionDistribution => ({
  module: MODULE,
  distribution: SPHERE,
  params: [...origin, ...center, radius, 0, 0, 0, 0, 0]
});
const planar = (shape: number, origin: V3, q: V3, u: V3, v: V3): DirectionDistribution => ({
  module: MODULE,
  distribution: shape,
  params: [...origin, ...q, ...u, ...v]
});

/** Checks a light's records: finite, unit wi, the sample's pdf equal to *_light_pdf(wi), p on the shape at
 * origin + dist·wi. Returns the fraction of usable (pdf > 0) samples. */
function checkRecords(records: Float32Array, maxPointError = 1e-4): number {
  const stats = recordStats(records);
  expect(stats.allFinite, 'all records finite').toBe(true);
  expect(stats.maxUnitError, 'max ||wi| − 1|').toBeLessThan(1e-5);
  const n = records.length / RECORD_STRIDE;
  let usable = 0;
  let mismatched = 0;
  let negative = 0;
  let worstPoint = 0;
  for (let o = 0; o < records.length; o += RECORD_STRIDE) {
    const pdf = records[o + RECORD.pdf];
    const pdfEval = records[o + RECORD.pdfEval];
    if (pdf < 0 || pdfEval < 0) negative++;
    if (!(pdf > 0)) continue;
    usable++;
    // Samples on the shape's very edge may round to just outside it when re-evaluated.
    if (Math.abs(pdf - pdfEval) > 2e-3 * pdf) mismatched++;
    const scale = Math.max(1, records[o + RECORD.extra0]);
    worstPoint = Math.max(worstPoint, records[o + RECORD.extra1] / scale, records[o + RECORD.extra2] / scale);
  }
  expect(negative, 'negative pdfs').toBe(0);
  expect(mismatched, 'samples whose pdf differs from *_light_pdf').toBeLessThanOrEqual(Math.max(2, 1e-4 * n));
  expect(worstPoint, 'worst distance of p from the shape').toBeLessThan(maxPointError);
  return usable / n;
}

/** Configurations. Those sampled through a uniform sphere or cone keep their 1e-4 point residuals on any adapter:
 * the warps renormalise their (cos φ, sin φ). */
const configurations: [string, DirectionDistribution][] = [
  ['sphere ahead', sphere([0, 0, 0], [0.3, -0.2, 2], 1)],
  ['sphere oblique', sphere([1, 2, -1], [-2, 0.5, 1.5], 1.5)],
  ['sphere around the point (inside)', sphere([0.2, -0.3, 0.1], [0, 0, 0], 1)],
  ['point on the sphere', sphere([0, 0, 1], [0, 0, 0], 1)],
  ['quad overhead', planar(QUAD, [0, 0, 0], [-1, -1, 1], [2, 0, 0], [0, 2, 0])],
  ['quad skewed and oblique', planar(QUAD, [0.5, -0.3, 0.2], [1, 0.5, -1], [0, 1.5, 0.8], [-0.7, 0.3, 1.2])],
  ['quad large and close below', planar(QUAD, [0.2, 0.1, 0.3], [-1.5, -1, 0], [3, 0, 0], [0.4, 2, 0])],
  ['triangle overhead', planar(TRIANGLE, [0, 0, 0], [-1, -1, 1.5], [2, 0, 0], [0, 2, 0.5])],
  ['triangle skewed and oblique', planar(TRIANGLE, [0.2, 0.1, -0.3], [1, -1, 0.5], [-0.5, 2, 0.3], [0.8, 0.6, -1.5])],
  ['triangle large and close', planar(TRIANGLE, [0, 0, 0.3], [-2, -1, 0], [4, 0, 0], [0, 3, 0.2])]
];

const shapeSampling = kernelGroup('light-shape sampling', [MODULE], [
  ...configurations.map(
    ([name, dist], i) =>
      [
        `${name}: histogram matches the solid-angle pdf (chi-square), the pdf integrates to 1, samples agree with *_light_pdf`,
        async (device: GPUDevice) => {
          const r = await directionChiSquare(device, dist, { samples: 500_000, seed: 100 + i });
          expect(r.integral, '∫ pdf').toBeCloseTo(1, 2);
          expect(Math.abs(r.integral - 1), '|∫ pdf − 1|').toBeLessThan(2e-3);
          expect(r.chi2.stray, 'samples where the pdf is 0').toBeLessThanOrEqual(5);
          expect(r.chi2.pValue, 'chi-square p-value').toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
          expect(checkRecords(r.records), 'usable fraction').toBeGreaterThan(0.9999);
        }
      ] as const
  ),
  [
    'stays finite and consistent in degenerate and extreme configurations',
    async (device) => {
      const run = (d: DirectionDistribution) => sampleRecords(device, d, 4096, 7);
      // Far, small sphere: a 0.03° cone where cos θmax rounds to 1 in f32, yet the density is kept.
      const far = await run(sphere([0, 0, 0], [3, 4, 1000], 0.5));
      expect(checkRecords(far, 1e-3), 'far sphere: usable fraction').toBe(1);
      const expected = 1 / (2 * Math.PI * (1 - Math.sqrt(1 - 0.25 / (1000 * 1000 + 25))));
      expect(far[RECORD.pdf] / expected, 'far sphere: pdf / expected').toBeCloseTo(1, 3);
      // Points just inside, just outside and on the sphere: no NaN, usable samples.
      for (const z of [0.9999999, 1, 1.0000001, 1.001]) {
        expect(checkRecords(await run(sphere([0, 0, z], [0, 0, 0], 1)), 1e-3), `point at z ${z}: usable fraction`).toBeGreaterThan(0.99);
      }
      // Zero radius, zero-area quad and triangle, and a point in the light's plane: pdf 0 everywhere, no NaN in
      // the sample (the kernel's shape residual, extra2, is meaningless for a degenerate shape).
      const none: DirectionDistribution[] = [
        sphere([0, 0, 0], [0, 0, 2], 0),
        planar(QUAD, [0, 0, 0], [-1, -1, 1], [2, 0, 0], [4, 0, 0]),
        planar(TRIANGLE, [0, 0, 0], [-1, -1, 1], [2, 0, 0], [0, 0, 0]),
        planar(QUAD, [0, 0, 1], [-1, -1, 1], [2, 0, 0], [0, 2, 0])
      ];
      for (const [i, d] of none.entries()) {
        const records = await run(d);
        let maxPdf = 0;
        let finite = true;
        for (let o = 0; o < records.length; o += RECORD_STRIDE) {
          maxPdf = Math.max(maxPdf, records[o + RECORD.pdf], records[o + RECORD.pdfEval]);
          for (let k = 0; k < RECORD.extra2; k++) finite &&= Number.isFinite(records[o + k]);
        }
        expect(finite, `degenerate light ${i}: records finite`).toBe(true);
        expect(maxPdf, `degenerate light ${i}: max pdf`).toBe(0);
      }
    }
  ]
]);

const cone = kernelGroup('lights/cone', [MODULE], [
  [
    'emits within spread degrees of the normal and nowhere else',
    async (device) => {
      const deg = (a: number) => Math.cos((a * Math.PI) / 180);
      const cases: [number, number, number][] = [
        [1, 10, 1],
        [deg(9.9), 10, 1],
        [deg(10.1), 10, 0],
        [deg(1.9), 2, 1],
        [deg(2.1), 2, 0],
        [0.01, 90, 1],
        [-0.01, 90, 0],
        [1, 0, 1],
        [deg(0.1), 0, 0],
        [-1, 180, 1],
        [-0.5, 200, 1],
        [1, -5, 0]
      ];
      const { data } = await runKernel(device, {
        module: MODULE,
        entryPoint: 'cone_cases',
        inputs: [new Uint32Array([cases.length, 0, 0, 0, 0, 0]), new Float32Array(cases.flatMap(([c, s]) => [c, s]))],
        output: { type: Float32Array, length: cases.length },
        workgroups: 1
      });
      // Decides at 0.1° from the edge (cos 2° − cos 2.1° = 6e-5, below WGSL's sin/cos bound): the cut-off is
      // computed without the built-ins.
      expect(Array.from(data), 'emission per (cos, spread)').toEqual(cases.map(([, , e]) => e));
    }
  ]
]);

export const lightsSuite: KernelSuite = { name: 'lights', cases: [...shapeSampling, ...cone] };
