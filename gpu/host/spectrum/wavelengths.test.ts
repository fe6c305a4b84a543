import { describe, expect, it } from 'vitest';
import { sampleWavelengths, terminateSecondaries, wavelengthsFromHero } from './wavelengths.ts';

describe('hero wavelengths', () => {
  it('rotates by 100 nm around [380, 780), hero first (Appendix B)', () => {
    expect(wavelengthsFromHero(380)).toEqual([380, 480, 580, 680]);
    expect(wavelengthsFromHero(500)).toEqual([500, 600, 700, 400]);
    expect(wavelengthsFromHero(779)).toEqual([779, 479, 579, 679]);
  });

  it('maps u ∈ [0,1) to a continuous hero 380 + 400u', () => {
    expect(sampleWavelengths(0)).toEqual([380, 480, 580, 680]);
    expect(sampleWavelengths(0.3)).toEqual([500, 600, 700, 400]);
    const w = sampleWavelengths(0.12345);
    expect(w[0]).toBeCloseTo(429.38, 10);
    for (const l of sampleWavelengths(1 - 2 ** -53)) {
      expect(l).toBeGreaterThanOrEqual(380);
      expect(l).toBeLessThan(780);
    }
  });

  it('terminates the secondaries keeping the 4-wavelength mean unbiased', () => {
    expect(terminateSecondaries([0.5, 1, 2, 3])).toEqual([2, 0, 0, 0]);
  });
});
