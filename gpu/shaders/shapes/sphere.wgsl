// Sphere: ray-sphere quadratic in the numerically robust form of Haines et al., "Precision Improvements for
// Ray/Sphere Intersection" (Ray Tracing Gems, ch. 7); UV mapping as in Shirley, "Ray Tracing in One Weekend".
// Primitive fields: a = (center, radius). A negative radius turns the normal inward (hollow-glass trick).
// #import math/constants
// #import shapes/common
// #import shapes/primitive
// #import shapes/ray

/// Nearest root in (t_min, t_max): the nearer one when it lies inside, else the farther; SHAPE_MISS otherwise.
/// Tangent rays (zero discriminant) miss.
fn sphere_intersect_at(center: vec3f, radius: f32, ray: Ray, t_min: f32, t_max: f32) -> f32 {
  let d = ray.direction;
  let f = ray.origin - center;
  let a = dot(d, d);
  if (!(a > 0.0)) {
    return SHAPE_MISS;
  }
  // Roots are (b ± √disc)/a with b = −f·d. disc = a·(r² − |f + (b/a)·d|²) (the centre's squared distance from
  // the ray's line) stays accurate for small or distant spheres, where b² − a·c cancels.
  let b = -dot(f, d);
  let r2 = radius * radius;
  let l = f + (b / a) * d;
  let disc = a * (r2 - dot(l, l));
  if (!(disc > 0.0)) {
    return SHAPE_MISS;
  }
  let c = dot(f, f) - r2;
  let q = b + select(-1.0, 1.0, b >= 0.0) * sqrt(disc);
  let t0 = c / q;
  let t1 = q / a;
  let t_near = min(t0, t1);
  let t_far = max(t0, t1);
  if (t_near > t_min && t_near < t_max) {
    return t_near;
  }
  if (t_far > t_min && t_far < t_max) {
    return t_far;
  }
  return SHAPE_MISS;
}

fn sphere_surface_at(center: vec3f, radius: f32, ray: Ray, t: f32) -> SurfaceHit {
  let p = ray_at(ray, t);
  let n = normalize((p - center) / radius);
  // asin(n.y) written as atan2(n.y, |n.xz|): same value for a unit n, and accurate near the poles where GPU asin
  // approximations drift (lavapipe's by ~3e-4 rad).
  let uv = vec2f(1.0 - (atan2(n.z, n.x) + PI) * INV_TWO_PI, (atan2(n.y, length(n.xz)) + 0.5 * PI) * INV_PI);
  return SurfaceHit(p, t, n, 0xffffffffu, uv);
}

fn sphere_intersect(prim: Primitive, ray: Ray, t_min: f32, t_max: f32) -> f32 {
  return sphere_intersect_at(prim.a.xyz, prim.a.w, ray, t_min, t_max);
}

fn sphere_surface(prim: Primitive, ray: Ray, t: f32) -> SurfaceHit {
  return sphere_surface_at(prim.a.xyz, prim.a.w, ray, t);
}
