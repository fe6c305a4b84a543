// Shape dispatcher: one test per Primitive.kind (tags from generated/primitive), for the kinds the scene has
// (generated/scene_features).
// *_intersect returns the nearest t in the open interval (t_min, t_max), or SHAPE_MISS (below every interval).
// *_surface gives the hit's position, outward geometric normal and UV; its `prim` field is left as 0xffffffff for
// the caller, which knows the primitive's index, to fill in.
// #import generated/primitive
// #import generated/scene_features
// #import shapes/common
// #import shapes/moving_sphere
// #import shapes/primitive
// #import shapes/quad
// #import shapes/ray
// #import shapes/sphere
// #import shapes/triangle

fn primitive_intersect(prim: Primitive, ray: Ray, t_min: f32, t_max: f32) -> f32 {
  if (SCENE_TRIANGLE && prim.kind == PRIMITIVE_TRIANGLE) { return triangle_intersect(prim, ray, t_min, t_max); }
  if (SCENE_QUAD && prim.kind == PRIMITIVE_QUAD) { return quad_intersect(prim, ray, t_min, t_max); }
  if (SCENE_SPHERE && prim.kind == PRIMITIVE_SPHERE) { return sphere_intersect(prim, ray, t_min, t_max); }
  if (SCENE_MOVING_SPHERE && prim.kind == PRIMITIVE_MOVING_SPHERE) { return moving_sphere_intersect(prim, ray, t_min, t_max); }
  return SHAPE_MISS;
}

fn primitive_surface(prim: Primitive, ray: Ray, t: f32) -> SurfaceHit {
  if (SCENE_TRIANGLE && prim.kind == PRIMITIVE_TRIANGLE) { return triangle_surface(prim, ray, t); }
  if (SCENE_QUAD && prim.kind == PRIMITIVE_QUAD) { return quad_surface(prim, ray, t); }
  if (SCENE_SPHERE && prim.kind == PRIMITIVE_SPHERE) { return sphere_surface(prim, ray, t); }
  if (SCENE_MOVING_SPHERE && prim.kind == PRIMITIVE_MOVING_SPHERE) { return moving_sphere_surface(prim, ray, t); }
  return SurfaceHit(ray_at(ray, t), t, vec3f(0.0, 0.0, 1.0), 0xffffffffu, vec2f(0.0));
}
