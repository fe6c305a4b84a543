// Sampling a spherical light from a shading point (pbrt-v4 §6.2.4 "Sampling"; Shirley, "Ray Tracing: The Rest
// of Your Life", "Sampling a Sphere").
// From outside the sphere: directions uniform in the cone the sphere subtends, p_ω = 1 / (2π (1 − cos θmax)),
// with 1 − cos θmax = sin²θmax / (1 + cos θmax) so small, far spheres keep their density.
// From inside or on the sphere (|origin − centre| <= r), where that cone does not exist: a uniform point on the
// whole sphere, converted to solid angle at the one forward hit (p_ω = dist² / (cos · 4π r²)). From inside, every
// direction hits the sphere once; from a point on it, the inward hemisphere does (density cos θ / π). Both
// branches are decided by the same test in sample and pdf, so they stay consistent and never give NaN.
// #import math/constants
// #import sampling/pdf
// #import sampling/warp
// #import sampling/frame
// #import lights/light_sample

/// 1 − cos θmax of the cone subtended by a sphere at squared distance dist2 > r2 from its centre.
fn sphere_light_one_minus_cos_max(dist2: f32, r2: f32) -> f32 {
  let sin2_max = r2 / dist2;
  let cos_max = sqrt(max(0.0, 1.0 - sin2_max));
  return sin2_max / (1.0 + cos_max);
}

fn sphere_light_sample(center: vec3f, radius: f32, origin: vec3f, u: vec2f) -> LightSample {
  let to_center = center - origin;
  let dist2 = dot(to_center, to_center);
  let r2 = radius * radius;
  // A negative radius (inward normal) samples the same surface: geometry and densities depend on r² only.
  if (!(r2 > 0.0)) {
    return light_sample_none(vec3f(0.0, 0.0, 1.0), vec3f(0.0, 0.0, 1.0));
  }
  if (dist2 <= r2) {
    let n = sample_uniform_sphere(u);
    return light_sample_toward(origin, center + radius * n, n, 1.0 / (4.0 * PI * r2));
  }
  let dc = sqrt(dist2);
  let axis = to_center / dc;
  let one_minus_cos_max = sphere_light_one_minus_cos_max(dist2, r2);
  let local = sample_cone_one_minus_cos(u, one_minus_cos_max);
  let wi = normalize(frame_to_world(frame_from_normal(axis), local));
  // Nearer root of |origin + t wi − centre| = r, with the chord half-length from the sampled angle.
  let sin2 = dot(local.xy, local.xy);
  let t = max(0.0, dc * local.z - sqrt(max(0.0, r2 - dist2 * sin2)));
  let p = origin + t * wi;
  let n = normalize(p - center) * sign(radius);
  return LightSample(wi, t, pdf_div(1.0, TWO_PI * one_minus_cos_max), p, n);
}

/// Solid-angle density with which sphere_light_sample yields the unit direction wi from origin.
fn sphere_light_pdf(center: vec3f, radius: f32, origin: vec3f, wi: vec3f) -> f32 {
  let oc = origin - center;
  let dist2 = dot(oc, oc);
  let r2 = radius * radius;
  if (!(r2 > 0.0)) {
    return 0.0;
  }
  if (dist2 <= r2) {
    // The only forward hit from inside (or on) the sphere is the far root.
    let h = dot(wi, oc);
    let t = -h + sqrt(max(0.0, h * h - (dist2 - r2)));
    if (!(t > 0.0)) {
      return 0.0;
    }
    let n = (oc + t * wi) / radius;
    return solid_angle_pdf_from_area(1.0 / (4.0 * PI * r2), t, dot(n, wi));
  }
  let one_minus_cos_max = sphere_light_one_minus_cos_max(dist2, r2);
  // 1 − cos between wi and the axis as |wi − axis|² / 2, accurate for narrow cones.
  let e = wi + oc * inverseSqrt(dist2);
  if (0.5 * dot(e, e) > one_minus_cos_max) {
    return 0.0;
  }
  return pdf_div(1.0, TWO_PI * one_minus_cos_max);
}
