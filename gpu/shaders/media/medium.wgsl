// Homogeneous participating media inside convex boundaries ("Ray Tracing: The Next Week", Shirley, §9):
// extinction `density` per unit length, isotropic phase function coloured by the medium's texture.
// Boundary primitives sit outside the BVH (media are few); each query tests them directly.
// #import math/constants
// #import generated/scene_features
// #import shapes/shape

/// The reference's second-crossing offset (its ConstantMedium re-entry epsilon), along a unit direction.
const MEDIUM_REENTRY_EPSILON: f32 = 1e-4;

/// The part of the ray's line inside the medium, as (t_enter, t_exit); empty when x >= y. As in the reference, the
/// boundary's first crossing anywhere on the line (behind the origin too) and the next one bound it: an origin
/// inside gives t_enter < 0, and the boundary's normals play no part (a negative-radius sphere bounds the same
/// volume as its |r| twin; a mesh's winding does not matter). The ray must have a unit direction.
fn medium_interval(m: Medium, ray: Ray) -> vec2f {
  let first = medium_boundary_hit(m, ray, -F32_MAX);
  if (first == SHAPE_MISS) {
    return vec2f(1.0, 0.0);
  }
  let second = medium_boundary_hit(m, ray, first + MEDIUM_REENTRY_EPSILON);
  if (second == SHAPE_MISS) {
    return vec2f(1.0, 0.0);
  }
  return vec2f(first, second);
}

/// Nearest boundary crossing after t_min, SHAPE_MISS when there is none.
fn medium_boundary_hit(m: Medium, ray: Ray, t_min: f32) -> f32 {
  var best = SHAPE_MISS;
  var limit = F32_MAX;
  for (var i = 0u; i < m.prim_count; i++) {
    let t = primitive_intersect(primitive_at(m.first_prim + i), ray, t_min, limit);
    if (t > t_min) {
      limit = t;
      best = t;
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
