// Smooth dielectric of "Ray Tracing in One Weekend" (Shirley, "Dielectrics"): reflect on total internal
// reflection, otherwise reflect with Schlick's approximation of the Fresnel reflectance (Schlick 1994,
// "An Inexpensive BRDF Model for Physically-based Rendering") and refract by Snell's law otherwise.
// A specular lobe: no density; the throughput is the material colour whichever branch is taken.

struct DielectricScatter {
  /// Unit scattered direction.
  wi: vec3f,
  /// True for reflection (Schlick choice or total internal reflection), false for refraction.
  reflected: bool,
}

/// Ratio of indices η = n_incident / n_transmitted: 1/ior entering through the front face, ior leaving.
fn dielectric_eta(ior: f32, front_face: bool) -> f32 {
  return select(ior, 1.0 / ior, front_face);
}

/// Schlick's reflectance r0 + (1 − r0)(1 − cos)⁵ with r0 = ((1 − η)/(1 + η))².
fn schlick_reflectance(cos_theta: f32, eta: f32) -> f32 {
  let r = (1.0 - eta) / (1.0 + eta);
  let r0 = r * r;
  let m = 1.0 - clamp(cos_theta, 0.0, 1.0);
  let m2 = m * m;
  return r0 + (1.0 - r0) * m2 * m2 * m;
}

/// Refracted direction of unit d through unit n (facing against d), with cos_theta = −d·n: the perpendicular
/// part η(d + cos n) and the parallel part −√(1 − |perp|²) n.
fn dielectric_refract(d: vec3f, n: vec3f, eta: f32, cos_theta: f32) -> vec3f {
  let perp = eta * (d + cos_theta * n);
  let par = -sqrt(max(0.0, 1.0 - dot(perp, perp))) * n;
  return perp + par;
}

/// Scatters incoming direction d (any length) at unit normal n facing against d, with index ratio eta and a
/// uniform u in [0, 1): reflects with probability Schlick(cos, η) and always beyond the critical angle.
fn dielectric_scatter(d: vec3f, n: vec3f, eta: f32, u: f32) -> DielectricScatter {
  let dir = normalize(d);
  let cos_theta = min(dot(-dir, n), 1.0);
  let sin_theta = sqrt(max(0.0, 1.0 - cos_theta * cos_theta));
  if (eta * sin_theta > 1.0 || schlick_reflectance(cos_theta, eta) > u) {
    return DielectricScatter(reflect(dir, n), true);
  }
  return DielectricScatter(normalize(dielectric_refract(dir, n, eta, cos_theta)), false);
}
