// Moving sphere (motion blur, Shirley, "Ray Tracing: The Next Week"): the centre moves linearly from center0 at
// time 0 to center1 at time 1; each ray sees it where it is at ray.time.
// Primitive fields: a = (center0, radius), b.xyz = center1.
// #import shapes/primitive
// #import shapes/ray
// #import shapes/sphere

fn moving_sphere_center(prim: Primitive, time: f32) -> vec3f {
  return mix(prim.a.xyz, prim.b.xyz, time);
}

fn moving_sphere_intersect(prim: Primitive, ray: Ray, t_min: f32, t_max: f32) -> f32 {
  return sphere_intersect_at(moving_sphere_center(prim, ray.time), prim.a.w, ray, t_min, t_max);
}

fn moving_sphere_surface(prim: Primitive, ray: Ray, t: f32) -> SurfaceHit {
  return sphere_surface_at(moving_sphere_center(prim, ray.time), prim.a.w, ray, t);
}
