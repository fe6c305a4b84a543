// The environment light's sampler on the GPU (lights/environment): a chi-square test of environment_sample
// against environment_pdf on a map with a bright spot, a dark band and a rotation; sample and evaluated densities
// agree; and the (u, v) ↔ direction convention of the scene format, pinned with explicit directions.
import { runKernel } from '../kernel.ts';
import { CHI_SQUARE_SIGNIFICANCE, RECORD, RECORD_STRIDE, directionChiSquare } from '../direction-tests.ts';
import { buildDistribution } from '../../environment/distribution.ts';
import type { EnvironmentImage } from '../../environment/image.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

const MODULE = 'tests/environment_test';

/** par of the test kernels: the rotation, the cell counts and the cdf table of `image`'s distribution. */
export function environmentParams(image: EnvironmentImage, rotationDegrees: number): number[] {
  const d = buildDistribution(image);
  const a = (rotationDegrees * Math.PI) / 180;
  return [Math.cos(a), Math.sin(a), d.width, d.height, ...d.cdf];
}

/** 32 × 16: a smooth sky, a spot 400 times brighter at (u, v) = (0.7, 0.3), and black rows near the bottom. */
function testMap(): EnvironmentImage {
  const width = 32;
  const height = 16;
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const spot = Math.hypot((x + 0.5) / width - 0.7, (y + 0.5) / height - 0.3) < 0.05 ? 400 : 0;
      const sky = y >= 13 ? 0 : 0.5 + 0.5 * Math.cos((2 * Math.PI * x) / width);
      rgb.set([sky + spot, 0.8 * sky + spot, 0.3 + spot * (y < 13 ? 1 : 0)], 3 * (y * width + x));
    }
  }
  return { width, height, rgb };
}

/** The scene format's convention: u = 0.5 + atan2(x, −z)/(2π), v = acos(y)/π in the map's frame, which is turned
 * by α about +Y (counter-clockwise seen from above). */
export function expectedDirection(u: number, v: number, rotationDegrees: number): [number, number, number] {
  const phi = 2 * Math.PI * (u - 0.5);
  const theta = Math.PI * v;
  const local = [Math.sin(theta) * Math.sin(phi), Math.cos(theta), -Math.sin(theta) * Math.cos(phi)];
  const a = (rotationDegrees * Math.PI) / 180;
  return [Math.cos(a) * local[0] + Math.sin(a) * local[2], local[1], -Math.sin(a) * local[0] + Math.cos(a) * local[2]];
}

const sampling = kernelGroup('lights/environment', [MODULE], [
  [
    'the sampled directions follow environment_pdf (chi-square), which integrates to 1 and agrees with each sample',
    async (device) => {
      const params = environmentParams(testMap(), 30);
      const r = await directionChiSquare(device, { module: MODULE, distribution: 0, params }, { samples: 400_000, seed: 31 });
      expect(Math.abs(r.integral - 1), '|∫ pdf − 1|').toBeLessThan(2e-3);
      expect(r.chi2.stray, 'samples where the pdf is 0').toBeLessThanOrEqual(5);
      expect(r.chi2.pValue, 'chi-square p-value').toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
      let mismatched = 0;
      let dark = 0;
      const n = r.records.length / RECORD_STRIDE;
      for (let o = 0; o < r.records.length; o += RECORD_STRIDE) {
        const pdf = r.records[o + RECORD.pdf];
        // Directions on a cell's edge may map back into the neighbouring cell.
        if (!(Math.abs(pdf - r.records[o + RECORD.pdfEval]) <= 1e-3 * pdf)) mismatched++;
        if (r.records[o + RECORD.extra1] > 13 / 16 + 1e-4) dark++;
      }
      expect(mismatched, 'samples whose pdf differs from environment_pdf').toBeLessThanOrEqual(Math.max(2, 1e-3 * n));
      // The black band holds only the blue 0.3 (luminance 0.02) against the spot's hundreds.
      expect(dark / n, 'share of samples in the dark band').toBeLessThan(0.01);
    }
  ],
  [
    'maps (u, v) to the scene format\'s directions at several rotations, and back',
    async (device) => {
      const uvs = [
        [0.5, 0.5],
        [0.75, 0.5],
        [0.25, 0.25],
        [0.1, 0.9],
        [0.95, 0.05],
        [0.6, 0.7]
      ];
      for (const rotation of [0, 90, -135, 400]) {
        const params = [...environmentParams(testMap(), rotation), ...uvs.flat()];
        const { data } = await runKernel(device, {
          module: MODULE,
          entryPoint: 'uv_cases',
          inputs: [new Uint32Array([uvs.length, 0, 0, 0, 0, 0]), new Float32Array(params)],
          output: { type: Float32Array, length: uvs.length * 5 },
          workgroups: 1
        });
        uvs.forEach(([u, v], i) => {
          const expected = expectedDirection(u, v, rotation);
          for (let k = 0; k < 3; k++) expect(Math.abs(data[5 * i + k] - expected[k]), `rotation ${rotation}, uv (${u}, ${v}): direction[${k}]`).toBeLessThan(2e-5);
          // acos near ±1 amplifies f32 rounding of y (and WGSL allows acos some error of its own).
          expect(Math.abs(data[5 * i + 3] - u), `rotation ${rotation}: u back`).toBeLessThan(1e-4);
          expect(Math.abs(data[5 * i + 4] - v), `rotation ${rotation}: v back`).toBeLessThan(1e-4);
        });
      }
      // Pinned: the map's centre looks down −Z, u = 0.75 looks along +X; turned 90°, +X goes to −Z.
      const rounded = (d: readonly number[]) => d.map((c) => Math.round(c) + 0); // + 0 turns −0 into 0
      expect(rounded(expectedDirection(0.5, 0.5, 0)), 'centre').toEqual([0, 0, -1]);
      expect(rounded(expectedDirection(0.75, 0.5, 0)), 'u = 0.75').toEqual([1, 0, 0]);
      expect(rounded(expectedDirection(0.75, 0.5, 90)), 'u = 0.75 turned 90°').toEqual([0, 0, -1]);
    }
  ]
]);

export const environmentSuite: KernelSuite = { name: 'environment', cases: sampling };
