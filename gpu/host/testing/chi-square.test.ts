import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareTest, logGamma, regularizedGammaQ } from './chi-square.ts';

describe('chi-square helpers', () => {
  it('computes ln Γ', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(1000.5)).toBeCloseTo(5908.674175848678, 8);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 9);
  });

  it('matches chi-square table values and closed forms', () => {
    // dof 2: Q = exp(−x/2) exactly.
    expect(chiSquarePValue(10, 2)).toBeCloseTo(Math.exp(-5), 12);
    // Critical values from standard tables.
    expect(chiSquarePValue(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(23.20925, 10)).toBeCloseTo(0.01, 6);
    expect(chiSquarePValue(135.8067, 100)).toBeCloseTo(0.01, 5);
    expect(chiSquarePValue(1106.969, 1000)).toBeCloseTo(0.01, 4);
    // Near the median of a large-dof distribution (series branch and continued-fraction branch).
    const p = chiSquarePValue(4000, 4000);
    expect(p).toBeGreaterThan(0.49);
    expect(p).toBeLessThan(0.5);
    expect(regularizedGammaQ(3, 2.5) + regularizedGammaQ(3, 2.5)).toBeLessThan(2);
    expect(regularizedGammaQ(3, 0)).toBe(1);
  });

  it('accepts a fair histogram, rejects a biased one, pools low bins and counts strays', () => {
    const expected = [100, 100, 100, 100, 1, 2, 0];
    const fair = chiSquareTest([104, 95, 101, 97, 1, 2, 0], expected);
    expect(fair.pValue).toBeGreaterThan(0.5);
    expect(fair.pooledBins).toBe(3);
    expect(fair.dof).toBe(3);
    expect(fair.stray).toBe(0);
    const biased = chiSquareTest([160, 60, 100, 100, 1, 2, 0], expected);
    expect(biased.pValue).toBeLessThan(1e-6);
    expect(chiSquareTest([100, 100, 100, 100, 1, 2, 3], expected).stray).toBe(3);
  });
});
