// Thin-film interference factor of the reference engine: F(λ) = 1 + cos(2π m), m = 2 n_f d cos θ₂ / λ, with
// θ₂ from Snell's law entering the film from air (n₁ = 1). Two-beam interference without the half-wave phase
// term or Fresnel amplitudes (see Born & Wolf, "Principles of Optics", §7.5 for the full model). F lies in
// [0, 2]; the material's reflectance is multiplied by it, and the caller keeps only the hero wavelength.
// #import math/constants
// #import spectrum/wavelengths

/// F at four wavelengths (nm) for cos θ₁ = −d·n (clamped to [0, 1]), film index and thickness in nm.
fn thin_film_factor(cos_incident: f32, film_ior: f32, thickness_nm: f32, lambda: SampledWavelengths) -> SampledSpectrum {
  let cos1 = clamp(cos_incident, 0.0, 1.0);
  let nf = max(film_ior, 1e-6);
  let sin2_sq = (1.0 - cos1 * cos1) / (nf * nf);
  let cos2 = sqrt(max(0.0, 1.0 - sin2_sq));
  let m = 2.0 * nf * thickness_nm * cos2 / max(lambda, vec4f(1.0));
  // cos is periodic: m − round(m) (exact) keeps the argument in [−π, π], the only range where WGSL bounds cos.
  return 1.0 + cos(TWO_PI * (m - round(m)));
}
