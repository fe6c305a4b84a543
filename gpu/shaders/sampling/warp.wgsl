// Warps from [0,1)² to points on the disk and directions on the sphere (pbrt-v4, "Sampling Algorithms" A.5;
// Shirley & Chiu 1997, "A Low Distortion Map Between Disk and Square"; Malley's method for the cosine
// hemisphere). Directions are in a local frame with z up; sampling/frame maps them to world space.
// The random numbers are arguments: these functions never draw them.
// WGSL only bounds sin/cos (absolute 2^-11) on [−π, π], and some adapters (SwiftShader, many mobile GPUs) use
// all of it: angles are kept in that range and (cos, sin) pairs renormalised, so directions are unit length to
// rounding on any adapter; only their angle carries the built-ins' error.
// #import math/constants
// #import sampling/pdf

/// Concentric map of u ∈ [0,1)² onto the unit disk; uniform in area.
fn sample_uniform_disk(u: vec2f) -> vec2f {
  let o = 2.0 * u - 1.0;
  if (o.x == 0.0 && o.y == 0.0) {
    return vec2f(0.0);
  }
  var r: f32;
  var theta: f32;
  if (abs(o.x) > abs(o.y)) {
    r = o.x;
    theta = 0.25 * PI * (o.y / o.x);
  } else {
    r = o.y;
    theta = 0.5 * PI - 0.25 * PI * (o.x / o.y);
  }
  return r * unit_circle(theta);
}

/// (cos θ, sin θ) for θ ∈ [−π, π], unit length to rounding even where sin/cos carry WGSL's allowed error.
fn unit_circle(theta: f32) -> vec2f {
  return normalize(vec2f(cos(theta), sin(theta)));
}

/// (cos 2πt, sin 2πt) for t ∈ [0, 1): the angle is taken in [−π, π) and the point reflected through the origin.
fn unit_circle_turn(t: f32) -> vec2f {
  return -unit_circle(TWO_PI * t - PI);
}

/// Cosine-weighted direction on the z-up hemisphere (a uniform disk point lifted onto it).
fn sample_cosine_hemisphere(u: vec2f) -> vec3f {
  let d = sample_uniform_disk(u);
  return vec3f(d, sqrt(max(0.0, 1.0 - dot(d, d))));
}

/// Density of sample_cosine_hemisphere per steradian: cos θ / π, 0 below the horizon.
fn cosine_hemisphere_pdf(cos_theta: f32) -> f32 {
  return max(cos_theta, 0.0) * INV_PI;
}

/// Uniform direction on the unit sphere (Archimedes: z uniform in [-1, 1]).
fn sample_uniform_sphere(u: vec2f) -> vec3f {
  let z = 1.0 - 2.0 * u.x;
  let r = sqrt(max(0.0, 1.0 - z * z));
  return vec3f(r * unit_circle_turn(u.y), z);
}

fn uniform_sphere_pdf() -> f32 {
  return INV_FOUR_PI;
}

/// Uniform direction inside the cone of half-angle θmax about +z, given 1 − cos θmax. Taking 1 − cos θmax
/// directly keeps narrow cones (far, small lights) exact where cos θmax itself rounds to 1.
fn sample_cone_one_minus_cos(u: vec2f, one_minus_cos_max: f32) -> vec3f {
  let x = u.x * one_minus_cos_max;
  let cos_theta = 1.0 - x;
  let sin_theta = sqrt(max(0.0, x * (2.0 - x)));
  return vec3f(sin_theta * unit_circle_turn(u.y), cos_theta);
}

/// Uniform direction inside the cone cos θ >= cos_theta_max about +z.
fn sample_uniform_cone(u: vec2f, cos_theta_max: f32) -> vec3f {
  return sample_cone_one_minus_cos(u, 1.0 - cos_theta_max);
}

/// 1 / (2π (1 − cos θmax)) for directions inside the cone; 0 for a degenerate (zero solid angle) cone.
fn uniform_cone_pdf(cos_theta_max: f32) -> f32 {
  return pdf_div(1.0, TWO_PI * (1.0 - cos_theta_max));
}
