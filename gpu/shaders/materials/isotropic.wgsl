// Isotropic phase function: scattering uniform over the sphere, p = 1/(4π) (pbrt-v4 §11.3, with g = 0).
// Used for participating media and, as in the reference, as a surface material. "eval" returns albedo · p, so
// eval / pdf is the albedo.
// #import math/constants
// #import spectrum/wavelengths
// #import sampling/warp

fn isotropic_sample(u: vec2f) -> vec3f {
  return sample_uniform_sphere(u);
}

fn isotropic_pdf() -> f32 {
  return INV_FOUR_PI;
}

fn isotropic_eval(albedo: SampledSpectrum) -> SampledSpectrum {
  return albedo * INV_FOUR_PI;
}
