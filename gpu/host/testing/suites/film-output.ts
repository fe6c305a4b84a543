// film/output WGSL on the GPU against the host: spectrum → XYZ → linear sRGB → 8-bit sRGB with exposure.
import { xyzEToLinearSrgb } from '../../../../src/lib/color/convert.ts';
import { xyzToSrgb8 } from '../../film/srgb8.ts';
import { cmfMean } from '../../spectrum/cmf.ts';
import { runKernel } from '../kernel.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

const MODULE = 'tests/film_test';

const kernel = async (device: GPUDevice, entryPoint: string, rows: Float32Array) =>
  (
    await runKernel(device, {
      module: MODULE,
      entryPoint,
      inputs: [rows],
      output: { type: Float32Array, length: rows.length },
      workgroups: Math.ceil(rows.length / 4 / 64)
    })
  ).data;

/** Deterministic XYZ test colours: a range of brightness, with negatives and values past white. */
function testColours(n: number): Float32Array {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 1.4 - 0.1;
  return Float32Array.from({ length: 4 * n }, (_, i) => (i % 4 === 3 ? 1 : next()));
}

export const filmOutputSuite: KernelSuite = {
  name: 'film/output',
  cases: kernelGroup('film output WGSL on the GPU', [MODULE], [
    [
      'a flat radiance 1.0 through spectrum_to_xyz and to_srgb8 gives (141, 141, 141)',
      async (device) => {
        const out = await kernel(device, 'flat_srgb8', Float32Array.from([1, 4000, 1, 0, 25.3147, 4000, 1, 0, 1, 4000, 0.5, 0]));
        expect(Array.from(out.subarray(0, 3))).toEqual([141, 141, 141]);
        expect(out[3]).toBeCloseTo(0.2673, 4);
        expect(Array.from(out.subarray(4, 7))).toEqual([255, 255, 255]);
        expect(out[8]).toBeLessThan(141);
      }
    ],
    [
      'xyz_e_to_linear_srgb uses the colour module matrix: XYZ_E (1,1,1) → white, CMF mean → Appendix B',
      async (device) => {
        const rows = testColours(64);
        rows.set([1, 1, 1, 1, ...cmfMean(), 1], 0);
        const out = await kernel(device, 'linear_srgb', rows);
        for (let i = 0; i < 64; i++) {
          const host = xyzEToLinearSrgb([rows[4 * i], rows[4 * i + 1], rows[4 * i + 2]]);
          for (let k = 0; k < 3; k++) expect(Math.abs(out[4 * i + k] - host[k]), `row ${i}[${k}] − host`).toBeLessThan(1e-5);
        }
        for (let k = 0; k < 3; k++) expect(out[k]).toBeCloseTo(1, 5);
        [0.2662, 0.2677, 0.267].forEach((v, k) => expect(Math.abs(out[4 + k] - v), `CMF mean [${k}]`).toBeLessThan(6e-5));
      }
    ],
    [
      'to_srgb8 agrees with the host xyzToSrgb8 (exposure included)',
      async (device) => {
        const n = 1024;
        const rows = testColours(n);
        for (let i = 0; i < n; i += 3) rows[4 * i + 3] = 0.5 + (i % 7);
        rows.set([NaN, 0, 0, 1], 4 * (n - 1));
        const out = await kernel(device, 'srgb8', rows);
        let differing = 0;
        for (let i = 0; i < n - 1; i++) {
          const exposure = rows[4 * i + 3];
          const host = xyzToSrgb8(rows.subarray(4 * i, 4 * i + 3), { stride: 3, exposure });
          for (let k = 0; k < 3; k++) {
            const d = Math.abs(out[4 * i + k] - host[k]);
            expect(d, `row ${i}[${k}]: |gpu − host|`).toBeLessThanOrEqual(1);
            if (d) differing++;
          }
        }
        // f32 (GPU) vs f64 (host) can only disagree where a value sits on a rounding boundary.
        expect(differing, 'values differing by one').toBeLessThan(10);
        for (let k = 0; k < 3; k++) expect(out[4 * (n - 1) + k], 'NaN input').toBeLessThanOrEqual(255);
      }
    ]
  ])
};
