// Triangle q, q + u, q + v: the quad's plane test (Shirley, "Ray Tracing: The Next Week") with α + β ≤ 1.
// Primitive fields: a.xyz = q, b.xyz = u, c.xyz = v. Normal normalize(u×v); UV (α, β).
// #import shapes/common
// #import shapes/primitive
// #import shapes/ray

fn triangle_intersect(prim: Primitive, ray: Ray, t_min: f32, t_max: f32) -> f32 {
  let h = planar_intersect(prim.a.xyz, prim.b.xyz, prim.c.xyz, ray, t_min, t_max);
  if (h.x == SHAPE_MISS || h.y < 0.0 || h.z < 0.0 || h.y + h.z > 1.0) {
    return SHAPE_MISS;
  }
  return h.x;
}

fn triangle_surface(prim: Primitive, ray: Ray, t: f32) -> SurfaceHit {
  return planar_surface(prim.a.xyz, prim.b.xyz, prim.c.xyz, ray, t);
}
