import { describe, expect, it } from 'vitest';
import { linearSrgbToXyzE, srgbToXyzE, xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { spectrumToXyzE } from './cmf.ts';
import { fitSigmoidSpectrum, sigmoid, sigmoidSpectrumEval, type SigmoidCoefficients } from './sigmoid.ts';

const spectrumOf = (c: SigmoidCoefficients) => (lambda: number) => sigmoidSpectrumEval(c, lambda);
const SAMPLE_LAMBDAS = [380, 400, 450, 500, 550, 600, 650, 700, 750, 779.9];

describe('sigmoid-polynomial spectra', () => {
  it('evaluates S(x) = ½ + x / (2√(1+x²)) without overflow', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1)).toBeCloseTo(0.5 + 1 / (2 * Math.SQRT2), 15);
    expect(sigmoid(1e300)).toBeCloseTo(1, 9);
    expect(sigmoid(-Infinity)).toBeCloseTo(0, 9);
  });

  it('maps XYZ_E (1,1,1) to exactly 1.0 at every λ', () => {
    const c = fitSigmoidSpectrum([1, 1, 1]);
    expect(c.slice(0, 3)).toEqual([0, 0, 0]);
    for (const l of SAMPLE_LAMBDAS) expect(sigmoidSpectrumEval(c, l)).toBe(1);
  });

  it('maps greys to flat spectra: sRGB [0.73]×3 → 0.4919, [4,4,4] → 25.3147, [1,1,1] → 1.0', () => {
    for (const [srgb, flat] of [
      [0.73, 0.4919],
      [4, 25.3147],
      [1, 1]
    ]) {
      const c = fitSigmoidSpectrum(srgbToXyzE([srgb, srgb, srgb]));
      expect(c[0]).toBe(0);
      expect(c[1]).toBe(0);
      for (const l of SAMPLE_LAMBDAS) expect(sigmoidSpectrumEval(c, l)).toBeCloseTo(flat, 4);
    }
  });

  it('round-trips a grid of sRGB colours (RGB → spectrum → XYZ → RGB) within 1%, as reflectances in [0,1]', () => {
    const n = 6;
    let worst = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r <= n; r++) {
      for (let g = 0; g <= n; g++) {
        for (let b = 0; b <= n; b++) {
          const rgb: [number, number, number] = [r / n, g / n, b / n];
          const c = fitSigmoidSpectrum(linearSrgbToXyzE(rgb));
          const back = xyzEToLinearSrgb(spectrumToXyzE(spectrumOf(c)));
          for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(back[k] - rgb[k]));
          if (r !== g || g !== b) expect(c[3]).toBe(1);
          for (let l = 380; l < 780; l += 5) {
            const v = sigmoidSpectrumEval(c, l);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    // 1% is the bound (decision 12); in-gamut fits are in fact exact to ~1e-7.
    expect(worst).toBeLessThan(1e-4);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('fits a colour within a few ms (typically ~0.1 ms; the bound leaves room for a loaded machine)', () => {
    fitSigmoidSpectrum(linearSrgbToXyzE([0.9, 0.05, 0.6]));
    const t0 = performance.now();
    for (let k = 0; k < 20; k++) fitSigmoidSpectrum(linearSrgbToXyzE([0.05 + k * 0.045, 0.8 - k * 0.03, 0.31]));
    expect((performance.now() - t0) / 20).toBeLessThan(20);
  });

  it('shapes saturated primaries like the reference (red high at 650–750, low at 450, …)', () => {
    const red = spectrumOf(fitSigmoidSpectrum(srgbToXyzE([1, 0, 0])));
    const green = spectrumOf(fitSigmoidSpectrum(srgbToXyzE([0, 1, 0])));
    const blue = spectrumOf(fitSigmoidSpectrum(srgbToXyzE([0, 0, 1])));
    for (const l of [650, 700, 750]) expect(red(l)).toBeGreaterThan(0.8);
    for (const l of [450, 500]) expect(red(l)).toBeLessThan(0.1);
    for (const l of [500, 550]) expect(green(l)).toBeGreaterThan(0.5);
    for (const l of [400, 650, 750]) expect(green(l)).toBeLessThan(0.15);
    for (const l of [400, 450]) expect(blue(l)).toBeGreaterThan(0.8);
    for (const l of [550, 650, 750]) expect(blue(l)).toBeLessThan(0.1);
    const cornellRed = spectrumOf(fitSigmoidSpectrum(srgbToXyzE([0.65, 0.05, 0.05])));
    expect(cornellRed(700)).toBeGreaterThan(0.3);
    expect(cornellRed(450)).toBeLessThan(0.05);
  });

  it('fits bright emitters as unbounded spectra (scale 2·max) that keep their colour', () => {
    for (const rgb of [
      [4, 1, 0.5],
      [10, 10, 2],
      [0.5, 3, 25]
    ] as [number, number, number][]) {
      const xyz = linearSrgbToXyzE(rgb);
      const c = fitSigmoidSpectrum(xyz);
      expect(c[3]).toBeCloseTo(2 * Math.max(...xyz), 10);
      const back = xyzEToLinearSrgb(spectrumToXyzE(spectrumOf(c)));
      for (let k = 0; k < 3; k++) expect(Math.abs(back[k] - rgb[k])).toBeLessThan(0.01 * Math.max(...rgb));
    }
  });

  it('never returns NaN: negative, zero, non-finite and out-of-gamut inputs give finite spectra', () => {
    const inputs: [number, number, number][] = [
      [0, 0, 0],
      [-1, -1, -1],
      [NaN, 0.5, 0.5],
      [Infinity, 1, 1],
      [-0.1, 0.5, 0.2],
      [1, 0, 0],
      [0.2, 0.0001, 0],
      [1e30, 0, 1],
      [0.9, 0.1, 0.95]
    ];
    for (const xyz of inputs) {
      const c = fitSigmoidSpectrum(xyz);
      expect(c.every(Number.isFinite)).toBe(true);
      for (const l of SAMPLE_LAMBDAS) {
        const v = sigmoidSpectrumEval(c, l);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
    expect(fitSigmoidSpectrum([0, 0, 0])[3]).toBe(0);
    expect(fitSigmoidSpectrum([-1, -2, -3])[3]).toBe(0);
    // An unreachable green keeps its luminance and hue direction, desaturated toward grey.
    const clipped = spectrumToXyzE(spectrumOf(fitSigmoidSpectrum([0, 1, 0])));
    expect(clipped[1]).toBeCloseTo(1, 3);
    expect(clipped[0]).toBeLessThan(0.5);
  });

  it('caches fits by value', () => {
    const xyz = linearSrgbToXyzE([0.3, 0.6, 0.1]);
    expect(fitSigmoidSpectrum(xyz)).toBe(fitSigmoidSpectrum([...xyz]));
  });
});
