// Lambertian (ideal diffuse) reflection: f = albedo / π, sampled by Malley's cosine-weighted method
// (pbrt-v4 §9.2 "Diffuse Reflection"). n is the shading normal on the side the ray came from; "eval" returns
// f·cos so that eval / pdf is the path throughput factor (exactly the albedo for sampled directions).
// #import math/constants
// #import spectrum/wavelengths
// #import sampling/warp
// #import sampling/frame

/// Cosine-distributed direction in the hemisphere around n.
fn lambertian_sample(n: vec3f, u: vec2f) -> vec3f {
  return frame_to_world(frame_from_normal(n), sample_cosine_hemisphere(u));
}

/// Density of lambertian_sample per steradian: cos/π, 0 below the surface.
fn lambertian_pdf(n: vec3f, wi: vec3f) -> f32 {
  return cosine_hemisphere_pdf(dot(n, wi));
}

/// f·cos = albedo·cos/π for wi above the surface, 0 below (the reference does not scatter there).
fn lambertian_eval(albedo: SampledSpectrum, n: vec3f, wi: vec3f) -> SampledSpectrum {
  return albedo * (max(dot(n, wi), 0.0) * INV_PI);
}
