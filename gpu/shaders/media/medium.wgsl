// Homogeneous participating media inside convex boundaries ("Ray Tracing: The Next Week", Shirley, §9):
// extinction `density` per unit length, isotropic phase function coloured by the medium's texture.
// Boundary primitives sit outside the BVH (media are few); each query tests them directly.
// #import math/constants
// #import generated/scene_features
// #import shapes/shape

/// The part of the ray inside the medium, as (t_enter, t_exit); empty when x >= y. The ray must have a unit
/// direction. An origin inside the medium gives t_enter = 0.
fn medium_interval(m: Medium, ray: Ray) -> vec2f {
  let first = medium_boundary_hit(m, ray, T_MIN, F32_MAX);
  if (first.x < 0.0) {
    return vec2f(1.0, 0.0);
  }
  if (first.y > 0.0) {
    // The first boundary crossing leaves the medium: the origin is inside.
    return vec2f(0.0, first.x);
  }
  let second = medium_boundary_hit(m, ray, first.x + 1e-4, F32_MAX);
  if (second.x < 0.0) {
    return vec2f(1.0, 0.0);
  }
  return vec2f(first.x, second.x);
}

/// Nearest boundary hit in (t_min, t_max) as (t, dot(direction, outward normal)); t < 0 on a miss.
fn medium_boundary_hit(m: Medium, ray: Ray, t_min: f32, t_max: f32) -> vec2f {
  var best = vec2f(-1.0, 0.0);
  var limit = t_max;
  for (var i = 0u; i < m.prim_count; i++) {
    let prim = primitive_at(m.first_prim + i);
    let t = primitive_intersect(prim, ray, t_min, limit);
    if (t >= 0.0) {
      limit = t;
      let surface = primitive_surface(prim, ray, t);
      best = vec2f(t, dot(ray.direction, surface.n));
    }
  }
  return best;
}

/// Transmittance along [0, dist] of the ray through every medium (for shadow rays).
fn media_transmittance(ray: Ray, dist: f32) -> f32 {
  if (!SCENE_MEDIA) {
    return 1.0;
  }
  var optical_depth = 0.0;
  for (var i = 0u; i < control.medium_count; i++) {
    let m = frame.media[i];
    let span = medium_interval(m, ray);
    let overlap = min(span.y, dist) - max(span.x, 0.0);
    if (overlap > 0.0) {
      optical_depth += m.density * overlap;
    }
  }
  return exp(-optical_depth);
}
