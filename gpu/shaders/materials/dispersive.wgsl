// Dispersive glass: a dielectric whose index follows Cauchy's equation n(λ) = A + B / λ² (λ in µm; A, B as in
// the reference's scene format, BK7 by default). Only the hero wavelength's index is used: the caller keeps the
// hero and zeroes the secondary wavelengths (hero-wavelength sampling, Wilkie et al. 2014; project decision 7).
// #import materials/dielectric

/// Cauchy index at wavelength lambda_nm (nanometres).
fn cauchy_ior(cauchy_a: f32, cauchy_b: f32, lambda_nm: f32) -> f32 {
  let l = max(lambda_nm, 1.0) * 1e-3;
  return cauchy_a + cauchy_b / (l * l);
}

/// dielectric_scatter with the Cauchy index at the hero wavelength.
fn dispersive_scatter(
  d: vec3f,
  n: vec3f,
  front_face: bool,
  cauchy_a: f32,
  cauchy_b: f32,
  hero_nm: f32,
  u: f32
) -> DielectricScatter {
  return dielectric_scatter(d, n, dielectric_eta(cauchy_ior(cauchy_a, cauchy_b, hero_nm), front_face), u);
}
