// World-space primitive records, packed by gpu/host/scene/primitives.ts (packPrimitives). Kind tags come from
// PRIMITIVE_KIND there, emitted as PRIMITIVE_SPHERE, PRIMITIVE_MOVING_SPHERE, ... in generated/primitive.
// #import generated/primitive

/// Geometry at a ray hit, computed once for the closest hit only.
struct SurfaceHit {
  p: vec3f,
  t: f32,
  /// Geometric normal pointing to the primitive's outside (sphere) or along u×v (quad, triangle); unit. Not
  /// flipped toward the ray.
  n: vec3f,
  /// Primitive index (primitive_at); *_surface leaves 0xffffffff for the caller to fill in.
  prim: u32,
  uv: vec2f,
}

/// Whether a ray along `d` meets the surface from the side its geometric normal points to (the reference's
/// front_face): from outside a sphere, from inside a negative-radius one.
fn surface_front_face(surface: SurfaceHit, d: vec3f) -> bool {
  return dot(d, surface.n) < 0.0;
}
