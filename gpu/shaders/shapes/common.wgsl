// Shared by the shape intersectors: the miss value and the ray/parallelogram plane test used by quads and
// triangles (Shirley, "Ray Tracing: The Next Week", quads chapter).
// #import math/constants
// #import shapes/ray
// #import shapes/primitive

/// Returned by every *_intersect on a miss: below any interval (t_min, t_max), even an unbounded one.
const SHAPE_MISS: f32 = -F32_MAX;
/// Rays with |n·d̂| below this count as parallel to a quad or triangle and miss (the reference's
/// EPSILON_RECT_THICKNESS).
const PLANAR_GRAZING_EPSILON: f32 = 1e-4;

/// Hit of the ray with the plane of q + α·u + β·v inside (t_min, t_max): (t, α, β), or t = SHAPE_MISS when the
/// ray is parallel to the plane, the plane hit is outside the interval or u and v are degenerate. α and β are not
/// range-checked here.
fn planar_intersect(q: vec3f, u: vec3f, v: vec3f, ray: Ray, t_min: f32, t_max: f32) -> vec3f {
  let uv_cross = cross(u, v);
  let len2 = dot(uv_cross, uv_cross);
  let d = ray.direction;
  // uv_cross·d = |u×v|·|d|·(n·d̂): comparing against |u×v|·|d|·ε keeps the grazing test independent of |d|.
  let denom = dot(uv_cross, d);
  if (!(len2 > 0.0) || !(abs(denom) >= PLANAR_GRAZING_EPSILON * sqrt(len2 * dot(d, d)))) {
    return vec3f(SHAPE_MISS, 0.0, 0.0);
  }
  let t = dot(uv_cross, q - ray.origin) / denom;
  if (!(t > t_min && t < t_max)) {
    return vec3f(SHAPE_MISS, 0.0, 0.0);
  }
  return vec3f(t, planar_coordinates(q, u, v, ray_at(ray, t)));
}

/// Surface data of a quad or triangle hit at t. On an axis-aligned plane the point is computed as the reference
/// engine computes it, o + t'·d with t' = (n·q − n·o)/(n·d) for the unit normal n, which puts it exactly in the
/// plane when the ray's rounding allows: a spatial checker whose cell boundary is that plane (a floor at y = 0)
/// then shows the cells the reference's images show. Elsewhere the point is o + t·d.
fn planar_surface(q: vec3f, u: vec3f, v: vec3f, ray: Ray, t: f32) -> SurfaceHit {
  let n = normalize(cross(u, v));
  var p = ray_at(ray, t);
  if (dot(vec3f(n != vec3f(0.0)), vec3f(1.0)) == 1.0) {
    p = ray.origin + ((dot(n, q) - dot(n, ray.origin)) / dot(n, ray.direction)) * ray.direction;
  }
  return SurfaceHit(p, t, n, 0xffffffffu, planar_coordinates(q, u, v, p));
}

/// (α, β) of point p (in the plane) with p = q + α·u + β·v.
fn planar_coordinates(q: vec3f, u: vec3f, v: vec3f, p: vec3f) -> vec2f {
  let uv_cross = cross(u, v);
  let w = uv_cross / dot(uv_cross, uv_cross);
  let pq = p - q;
  return vec2f(dot(w, cross(pq, v)), dot(w, cross(u, pq)));
}
