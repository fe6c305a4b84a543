import { describe, expect, it } from 'vitest';
import { cmfMean, cmfXyz, QUADRATURE_LAMBDAS, spectrumFilmXyz, spectrumToXyzE } from './cmf.ts';

// Spec Appendix B.
const TABLE: readonly [number, number, number, number][] = [
  [380, 0.0002, 0.00025, 0.00675],
  [450, 0.34372, 0.03319, 1.78158],
  [500, 0.00225, 0.32736, 0.27144],
  [550, 0.43411, 0.99446, 0.00883],
  [600, 1.05593, 0.63443, 0.00004],
  [650, 0.2846, 0.1102, 0],
  [700, 0.00569, 0.00432, 0]
];

describe('analytic CMF', () => {
  it('matches the Appendix B table to 5 decimals', () => {
    for (const [lambda, x, y, z] of TABLE) {
      const c = cmfXyz(lambda);
      expect(c[0]).toBeCloseTo(x, 5);
      expect(c[1]).toBeCloseTo(y, 5);
      expect(c[2]).toBeCloseTo(z, 5);
    }
  });

  it('sums to (106.765, 106.920, 106.829) over 380..779 and has mean (0.26691, 0.26730, 0.26707)', () => {
    expect(QUADRATURE_LAMBDAS.length).toBe(400);
    const sum = [0, 0, 0];
    for (const l of QUADRATURE_LAMBDAS) cmfXyz(l).forEach((v, k) => (sum[k] += v));
    expect(sum[0]).toBeCloseTo(106.765, 3);
    expect(sum[1]).toBeCloseTo(106.92, 3);
    expect(sum[2]).toBeCloseTo(106.829, 3);
    const mean = cmfMean();
    expect(mean[0]).toBeCloseTo(0.26691, 5);
    expect(mean[1]).toBeCloseTo(0.2673, 5);
    expect(mean[2]).toBeCloseTo(0.26707, 5);
  });

  it('gives film XYZ ≈ (0.2669, 0.2673, 0.2671) for a flat 1.0 and exactly (1,1,1) once normalised', () => {
    const film = spectrumFilmXyz(() => 1);
    expect(film[0]).toBeCloseTo(0.2669, 4);
    expect(film[1]).toBeCloseTo(0.2673, 4);
    expect(film[2]).toBeCloseTo(0.2671, 4);
    for (const v of spectrumToXyzE(() => 1)) expect(v).toBeCloseTo(1, 12);
    for (const v of spectrumToXyzE(() => 0.25)) expect(v).toBeCloseTo(0.25, 12);
  });
});
