// spectrum WGSL on the GPU against the host implementations: CMFs, hero wavelength sampling, sigmoid spectra,
// spectrum → XYZ, illuminant tables.
import { srgbToXyzE } from '../../../../src/lib/color/convert.ts';
import { cmfMean, cmfXyz } from '../../spectrum/cmf.ts';
import { illuminantEval, illuminantTable, packIlluminants } from '../../spectrum/illuminants.ts';
import { fitSigmoidSpectrum, sigmoidSpectrumEval, type SigmoidCoefficients } from '../../spectrum/sigmoid.ts';
import { sampleWavelengths } from '../../spectrum/wavelengths.ts';
import { runKernel } from '../kernel.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

const MODULE = 'tests/spectrum_test';

const kernel = async (device: GPUDevice, entryPoint: string, inputs: (Float32Array | Uint32Array)[], rows: number) =>
  (
    await runKernel(device, {
      module: MODULE,
      entryPoint,
      inputs,
      output: { type: Float32Array, length: rows * 4 },
      workgroups: Math.ceil(rows / 64)
    })
  ).data;

export const spectrumSuite: KernelSuite = {
  name: 'spectrum',
  cases: kernelGroup('spectrum WGSL on the GPU', [MODULE], [
    [
      'cmf_xyz equals the host CMF to 1e-5 over [380, 780)',
      async (device) => {
        const lambdas = Float32Array.from({ length: 800 }, (_, i) => 380 + i * 0.5 + 0.123);
        lambdas[0] = 380;
        const out = await kernel(device, 'cmf', [lambdas], lambdas.length);
        lambdas.forEach((l, i) => {
          const host = cmfXyz(l);
          for (let k = 0; k < 3; k++) expect(Math.abs(out[4 * i + k] - host[k]), `λ ${l} [${k}]: |gpu − host|`).toBeLessThan(1e-5);
        });
      }
    ],
    [
      'sample_wavelengths gives the Appendix B rotation and matches the host',
      async (device) => {
        const us = Float32Array.from([0, 0.3, 399 / 400, 0.12345, 0.5, 0.75, 1 - 2 ** -24, 0.999]);
        const out = await kernel(device, 'wavelengths', [us], us.length);
        expect(Array.from(out.subarray(0, 12))).toEqual([380, 480, 580, 680, 500, 600, 700, 400, 779, 479, 579, 679]);
        us.forEach((u, i) => {
          const host = sampleWavelengths(u);
          for (let k = 0; k < 4; k++) {
            const gpu = out[4 * i + k];
            expect(gpu).toBeGreaterThanOrEqual(380);
            expect(gpu).toBeLessThan(780);
            expect(Math.abs(gpu - host[k]), `u ${u} [${k}]: |gpu − host|`).toBeLessThan(1e-3);
          }
        });
      }
    ],
    [
      'terminate_secondaries keeps 4× the hero',
      async (device) => {
        const out = await kernel(device, 'terminate', [Float32Array.from([0.5, 1, 2, 3])], 1);
        expect(Array.from(out)).toEqual([2, 0, 0, 0]);
      }
    ],
    [
      'sigmoid_spectrum_eval equals the host evaluation',
      async (device) => {
        const colours: SigmoidCoefficients[] = [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
          [0.65, 0.05, 0.05],
          [0.12, 0.45, 0.15],
          [0.73, 0.73, 0.73],
          [4, 4, 4],
          [4, 1, 0.2]
        ].map((srgb) => fitSigmoidSpectrum(srgbToXyzE(srgb as [number, number, number])));
        const us = Float32Array.from({ length: 64 }, (_, i) => (i + 0.37) / 64);
        const out = await kernel(device, 'sigmoid', [us, new Float32Array(colours.flat())], colours.length * us.length);
        colours.forEach((c, k) => {
          us.forEach((u, j) => {
            const lambdas = sampleWavelengths(u);
            for (let i = 0; i < 4; i++) {
              const host = sigmoidSpectrumEval(c.map(Math.fround) as unknown as SigmoidCoefficients, Math.fround(lambdas[i]));
              expect(Math.abs(out[4 * (k * us.length + j) + i] - host), `colour ${k}, u ${u} [${i}]: |gpu − host|`).toBeLessThan(
                1e-4 * Math.max(1, c[3])
              );
            }
          });
        });
      }
    ],
    [
      'spectrum_to_xyz: flat 1.0 averages to the CMF mean, XYZ_E (1,1,1) and sRGB colours keep their colour',
      async (device) => {
        const colours: SigmoidCoefficients[] = [
          [0, 0, 0, 2],
          fitSigmoidSpectrum([1, 1, 1]),
          fitSigmoidSpectrum(srgbToXyzE([1, 0, 0])),
          fitSigmoidSpectrum(srgbToXyzE([0.12, 0.45, 0.15]))
        ];
        const heroes = 4000;
        const out = await kernel(device, 'film_xyz', [Float32Array.from([heroes]), new Float32Array(colours.flat())], colours.length);
        const mean = cmfMean();
        for (let k = 0; k < 3; k++) {
          expect(out[k], `flat 1.0 [${k}]`).toBeCloseTo(mean[k], 4);
          expect(out[4 + k] / mean[k], `XYZ_E (1,1,1) [${k}] / CMF mean`).toBeCloseTo(1, 4);
        }
        // Film XYZ / CMF mean is the colour's XYZ_E (the fit's definition).
        [srgbToXyzE([1, 0, 0]), srgbToXyzE([0.12, 0.45, 0.15])].forEach((xyz, j) => {
          for (let k = 0; k < 3; k++) {
            expect(Math.abs(out[4 * (j + 2) + k] / mean[k] - xyz[k]), `colour ${j} [${k}]`).toBeLessThan(1e-3);
          }
        });
      }
    ],
    [
      'illuminant_eval interpolates the packed tables like the host',
      async (device) => {
        const packed = packIlluminants(['IlluminantD65', 'IlluminantFL3_15']);
        const offset = packed.offsetOf.get('IlluminantFL3_15')!;
        const table = illuminantTable('IlluminantFL3_15');
        const lambdas = [375, 380, 380.5, 455.25, 560, 611.7, 779.99, 780, 780.5, 0, 1000, 512.5];
        const out = await kernel(device, 'illuminant', [Float32Array.from([offset, ...lambdas]), packed.data], lambdas.length / 4);
        lambdas.forEach((l, i) => {
          const host = illuminantEval(table, Math.fround(l));
          expect(Math.abs(out[i] - host), `λ ${l}: |gpu − host|`).toBeLessThan(1e-5 * Math.max(1, host));
        });
        expect(out[0]).toBe(0);
        expect(out[8]).toBe(0);
      }
    ]
  ])
};
