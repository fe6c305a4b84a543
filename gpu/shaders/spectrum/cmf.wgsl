// CIE 1931 2° colour-matching functions, the analytic multi-lobe piecewise-Gaussian fit of Wyman, Sloan &
// Shirley 2013 ("Simple Analytic Approximations to the CIE XYZ Color Matching Functions"), lobes as in the
// reference engine. Host twin with the same lobes: gpu/host/spectrum/cmf.ts (tests hold them equal).
// #import spectrum/wavelengths

// α·exp(−½((λ−μ)/σ)²) with σ = σ₁ below μ and σ₂ above, at 4 wavelengths.
fn cmf_lobe(lambda: vec4f, alpha: f32, mu: f32, sigma1: f32, sigma2: f32) -> vec4f {
  let d = (lambda - mu) / select(vec4f(sigma2), vec4f(sigma1), lambda < vec4f(mu));
  return alpha * exp(-0.5 * d * d);
}

fn cmf_x4(lambda: vec4f) -> vec4f {
  return cmf_lobe(lambda, 1.056, 599.8, 37.9, 31.0) + cmf_lobe(lambda, 0.362, 442.0, 16.0, 26.7)
    + cmf_lobe(lambda, -0.065, 501.1, 20.4, 26.2);
}

fn cmf_y4(lambda: vec4f) -> vec4f {
  return cmf_lobe(lambda, 0.821, 568.8, 46.9, 40.5) + cmf_lobe(lambda, 0.286, 530.9, 16.3, 31.1);
}

fn cmf_z4(lambda: vec4f) -> vec4f {
  return cmf_lobe(lambda, 1.217, 437.0, 11.8, 36.0) + cmf_lobe(lambda, 0.681, 459.0, 26.0, 13.8);
}

// (x̄, ȳ, z̄) at λ nm.
fn cmf_xyz(lambda: f32) -> vec3f {
  let l = vec4f(lambda);
  return vec3f(cmf_x4(l).x, cmf_y4(l).x, cmf_z4(l).x);
}

// Film XYZ (white E) of one path sample: the mean over its 4 wavelengths of CMF(λ_i)·s_i. Averaged over
// uniform heroes this is the mean of CMF·s over [380, 780): a flat 1.0 gives ≈ (0.2669, 0.2673, 0.2671).
fn spectrum_to_xyz(lambda: SampledWavelengths, s: SampledSpectrum) -> vec3f {
  return vec3f(dot(cmf_x4(lambda), s), dot(cmf_y4(lambda), s), dot(cmf_z4(lambda), s)) * 0.25;
}
