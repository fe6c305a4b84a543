// Shape dispatcher: one switch over Primitive.kind (tags from generated/primitive).
// *_intersect returns the nearest t in the open interval (t_min, t_max), or SHAPE_MISS (below every interval).
// *_surface gives the hit's position, outward geometric normal and UV; its `prim` field is left as 0xffffffff for
// the caller, which knows the primitive's index, to fill in.
// #import generated/primitive
// #import shapes/common
// #import shapes/moving_sphere
// #import shapes/primitive
// #import shapes/quad
// #import shapes/ray
// #import shapes/sphere
// #import shapes/triangle

fn primitive_intersect(prim: Primitive, ray: Ray, t_min: f32, t_max: f32) -> f32 {
  switch prim.kind {
    case PRIMITIVE_SPHERE: { return sphere_intersect(prim, ray, t_min, t_max); }
    case PRIMITIVE_MOVING_SPHERE: { return moving_sphere_intersect(prim, ray, t_min, t_max); }
    case PRIMITIVE_QUAD: { return quad_intersect(prim, ray, t_min, t_max); }
    case PRIMITIVE_TRIANGLE: { return triangle_intersect(prim, ray, t_min, t_max); }
    default: { return SHAPE_MISS; }
  }
}

fn primitive_surface(prim: Primitive, ray: Ray, t: f32) -> SurfaceHit {
  switch prim.kind {
    case PRIMITIVE_SPHERE: { return sphere_surface(prim, ray, t); }
    case PRIMITIVE_MOVING_SPHERE: { return moving_sphere_surface(prim, ray, t); }
    case PRIMITIVE_QUAD: { return quad_surface(prim, ray, t); }
    case PRIMITIVE_TRIANGLE: { return triangle_surface(prim, ray, t); }
    default: { return SurfaceHit(ray_at(ray, t), t, vec3f(0.0, 0.0, 1.0), 0xffffffffu, vec2f(0.0)); }
  }
}
