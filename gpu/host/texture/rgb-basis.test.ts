// The texel RGB → spectrum basis: round trip through the film's colour pipeline, bounds, greys.
import { describe, expect, it } from 'vitest';
import { rgbBasis, rgbSpectrum, spectrumToLinearSrgb } from './rgb-basis.ts';

const roundTrip = (rgb: [number, number, number]) => spectrumToLinearSrgb((l) => rgbSpectrum(rgb, l, true));

describe('rgb basis', () => {
  it('gives greys and white flat spectra (to f32-level rounding of the matrix)', () => {
    for (const g of [0, 0.18, 0.5, 1]) {
      for (let l = 380; l < 780; l += 7) expect(rgbSpectrum([g, g, g], l, true)).toBeCloseTo(g, 6);
    }
  });

  it('keeps reflectances in [0, 1] and round-trips in-gamut colours within 0.004 in linear sRGB', () => {
    let worst = 0;
    let worstPrimary = 0;
    for (let r = 0; r <= 1; r += 0.25) {
      for (let g = 0; g <= 1; g += 0.25) {
        for (let b = 0; b <= 1; b += 0.25) {
          const rgb: [number, number, number] = [r, g, b];
          for (let l = 380; l < 780; l += 13) {
            const s = rgbSpectrum(rgb, l, true);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
          }
          const error = Math.max(...roundTrip(rgb).map((x, k) => Math.abs(x - rgb[k])));
          const saturated = [r, g, b].filter((x) => x === 1).length === 1 && [r, g, b].filter((x) => x === 0).length === 2;
          if (saturated) worstPrimary = Math.max(worstPrimary, error);
          else worst = Math.max(worst, error);
        }
      }
    }
    console.log(`rgb basis round trip: worst ${worst.toExponential(2)}, primaries ${worstPrimary.toExponential(2)}`);
    expect(worst).toBeLessThan(0.004);
    expect(worstPrimary).toBeLessThan(0.004);
  });

  it('scales linearly for emission (no clamp above 1)', () => {
    expect(rgbSpectrum([4, 4, 4], 550, false)).toBeCloseTo(4, 6);
    expect(rgbBasis().matrix).toHaveLength(9);
  });
});
