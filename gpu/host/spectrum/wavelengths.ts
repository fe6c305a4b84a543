// Hero-wavelength sampling (Wilkie et al. 2014, "Hero Wavelength Spectral Sampling"): a uniform hero λ in
// [380, 780) and three more at +100, +200, +300 nm around the 400-nm ring, hero first. Host twin of
// gpu/shaders/spectrum/wavelengths.wgsl, used by tests and CPU references.
import { LAMBDA_MAX, LAMBDA_MIN, LAMBDA_RANGE } from './cmf.ts';

export type SampledWavelengths = [number, number, number, number];

/** Number of wavelengths a path carries. */
export const N_SPECTRUM_SAMPLES = 4;

/** Wraps λ onto [380, 780). */
function wrap(lambda: number): number {
  return lambda >= LAMBDA_MAX ? lambda - LAMBDA_RANGE : lambda;
}

/** Wavelengths for a hero λ in [380, 780), hero first. */
export function wavelengthsFromHero(hero: number): SampledWavelengths {
  const step = LAMBDA_RANGE / N_SPECTRUM_SAMPLES;
  const h = wrap(hero);
  return [h, wrap(h + step), wrap(h + 2 * step), wrap(h + 3 * step)];
}

/** u ∈ [0, 1) → hero 380 + 400·u and its three companions. */
export function sampleWavelengths(u: number): SampledWavelengths {
  return wavelengthsFromHero(LAMBDA_MIN + LAMBDA_RANGE * u);
}

/**
 * After a wavelength-dependent event (dispersion, thin film) only the hero survives, weighted ×4 so that the
 * film's mean over the 4 wavelengths stays unbiased.
 */
export function terminateSecondaries(s: readonly number[]): [number, number, number, number] {
  return [N_SPECTRUM_SAMPLES * s[0], 0, 0, 0];
}
