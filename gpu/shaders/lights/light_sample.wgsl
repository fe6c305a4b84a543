// The record every light-shape sampler returns, and the area → solid-angle density conversion
// (pbrt-v4 §4.2.3 and §12.2: p_ω = p_A · dist² / |cos θ_light|).
// #import sampling/pdf

struct LightSample {
  /// Unit direction from the shading point toward p.
  wi: vec3f,
  /// Distance from the shading point to p (0 when the sample is unusable).
  dist: f32,
  /// Density of wi per steradian; 0 marks a sample the caller must drop.
  pdf: f32,
  /// Sampled point on the light.
  p: vec3f,
  /// The light's geometric (unflipped) unit normal at p; the caller decides which face was seen.
  n: vec3f,
}

/// A sample with no usable density: finite values, pdf 0.
fn light_sample_none(wi: vec3f, n: vec3f) -> LightSample {
  return LightSample(wi, 0.0, 0.0, vec3f(0.0), n);
}

/// Converts a density per unit area to one per steradian, 0 where the conversion is degenerate.
fn solid_angle_pdf_from_area(area_pdf: f32, dist: f32, cos_light: f32) -> f32 {
  return pdf_div(area_pdf * dist * dist, abs(cos_light));
}

/// Samples point p with normal n and area density area_pdf as seen from origin.
fn light_sample_toward(origin: vec3f, p: vec3f, n: vec3f, area_pdf: f32) -> LightSample {
  let d = p - origin;
  let dist = length(d);
  if (!(dist > 0.0)) {
    return light_sample_none(n, n);
  }
  let wi = d / dist;
  return LightSample(wi, dist, solid_angle_pdf_from_area(area_pdf, dist, dot(n, wi)), p, n);
}
