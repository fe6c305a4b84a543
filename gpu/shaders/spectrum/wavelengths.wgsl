// Hero-wavelength spectral sampling (Wilkie, Nawaz, Droske, Weidlich & Hanika 2014, "Hero Wavelength Spectral
// Sampling"; pbrt-v4's SampledWavelengths): every path carries 4 wavelengths, a uniform hero in [380, 780) nm
// first and the others at +100, +200, +300 nm around the 400-nm ring. Host twin: gpu/host/spectrum/wavelengths.ts.

alias SampledWavelengths = vec4f;
alias SampledSpectrum = vec4f;

const LAMBDA_MIN: f32 = 380.0;
const LAMBDA_MAX: f32 = 780.0;
const LAMBDA_RANGE: f32 = 400.0;
const N_SPECTRUM_SAMPLES: u32 = 4u;
// The largest f32 below 780.
const LAMBDA_BELOW_MAX: f32 = 779.99993896484375;

// λ ≥ 780 wraps to the start of the ring.
fn wrap_wavelengths(lambda: vec4f) -> vec4f {
  return select(lambda, lambda - LAMBDA_RANGE, lambda >= vec4f(LAMBDA_MAX));
}

// Wavelengths for a hero λ in [380, 780), hero first. Exact for integer heroes.
fn wavelengths_from_hero(hero: f32) -> SampledWavelengths {
  let h = wrap_wavelengths(vec4f(hero)).x;
  return wrap_wavelengths(vec4f(h) + vec4f(0.0, 100.0, 200.0, 300.0));
}

// u ∈ [0, 1) → hero 380 + 400·u and its companions. 380 + 400·u can round up to 780 in f32, and a compiler
// may contract it into an fma in one use and not in another; min() makes every use < 780.
fn sample_wavelengths(u: f32) -> SampledWavelengths {
  return wavelengths_from_hero(min(LAMBDA_MIN + LAMBDA_RANGE * u, LAMBDA_BELOW_MAX));
}

// After a wavelength-dependent event (dispersion, thin film) only the hero survives, weighted ×4 so that the
// film's mean over the 4 wavelengths stays unbiased.
fn terminate_secondaries(s: SampledSpectrum) -> SampledSpectrum {
  return vec4f(4.0 * s.x, 0.0, 0.0, 0.0);
}

