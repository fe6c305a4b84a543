import { describe, expect, it } from 'vitest';
import { runKernel } from '../../host/testing/kernel.ts';
import { testDevice } from '../../host/testing/test-device.ts';
import {
  CHI_SQUARE_SIGNIFICANCE,
  RECORD,
  RECORD_STRIDE,
  directionChiSquare,
  recordStats,
  sampleRecords,
  type DirectionDistribution
} from '../../host/testing/direction-tests.ts';

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
  expect(stats.allFinite).toBe(true);
  expect(stats.maxUnitError).toBeLessThan(1e-5);
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
  expect(negative).toBe(0);
  expect(mismatched).toBeLessThanOrEqual(Math.max(2, 1e-4 * n));
  expect(worstPoint).toBeLessThan(maxPointError);
  return usable / n;
}

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

describe('light-shape sampling', () => {
  it.each(configurations.map(([name, d], i) => [name, d, 100 + i] as const))(
    '%s: histogram matches the solid-angle pdf (chi-square), the pdf integrates to 1, samples agree with *_light_pdf',
    async (_, dist, seed) => {
      const device = await testDevice();
      const r = await directionChiSquare(device, dist, { samples: 500_000, seed });
      expect(r.integral).toBeCloseTo(1, 2);
      expect(Math.abs(r.integral - 1)).toBeLessThan(2e-3);
      expect(r.chi2.stray).toBeLessThanOrEqual(5);
      expect(r.chi2.pValue).toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
      expect(checkRecords(r.records)).toBeGreaterThan(0.9999);
    }
  );

  it('stays finite and consistent in degenerate and extreme configurations', async () => {
    const device = await testDevice();
    const run = (d: DirectionDistribution) => sampleRecords(device, d, 4096, 7);
    // Far, small sphere: a 0.03° cone where cos θmax rounds to 1 in f32, yet the density is kept.
    const far = await run(sphere([0, 0, 0], [3, 4, 1000], 0.5));
    expect(checkRecords(far, 1e-3)).toBe(1);
    const expected = 1 / (2 * Math.PI * (1 - Math.sqrt(1 - 0.25 / (1000 * 1000 + 25))));
    expect(far[RECORD.pdf] / expected).toBeCloseTo(1, 3);
    // Points just inside, just outside and on the sphere: no NaN, usable samples.
    for (const z of [0.9999999, 1, 1.0000001, 1.001]) {
      expect(checkRecords(await run(sphere([0, 0, z], [0, 0, 0], 1)), 1e-3)).toBeGreaterThan(0.99);
    }
    // Zero radius, zero-area quad and triangle, and a point in the light's plane: pdf 0 everywhere, no NaN in
    // the sample (the kernel's shape residual, extra2, is meaningless for a degenerate shape).
    const none: DirectionDistribution[] = [
      sphere([0, 0, 0], [0, 0, 2], 0),
      planar(QUAD, [0, 0, 0], [-1, -1, 1], [2, 0, 0], [4, 0, 0]),
      planar(TRIANGLE, [0, 0, 0], [-1, -1, 1], [2, 0, 0], [0, 0, 0]),
      planar(QUAD, [0, 0, 1], [-1, -1, 1], [2, 0, 0], [0, 2, 0])
    ];
    for (const d of none) {
      const records = await run(d);
      let maxPdf = 0;
      let finite = true;
      for (let o = 0; o < records.length; o += RECORD_STRIDE) {
        maxPdf = Math.max(maxPdf, records[o + RECORD.pdf], records[o + RECORD.pdfEval]);
        for (let k = 0; k < RECORD.extra2; k++) finite &&= Number.isFinite(records[o + k]);
      }
      expect(finite).toBe(true);
      expect(maxPdf).toBe(0);
    }
  });
});

describe('lights/cone', () => {
  it('emits within spread degrees of the normal and nowhere else', async () => {
    const device = await testDevice();
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
    expect(Array.from(data)).toEqual(cases.map(([, , e]) => e));
  });
});
