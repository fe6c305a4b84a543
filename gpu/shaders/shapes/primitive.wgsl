// World-space primitive records, packed by gpu/host/scene/primitives.ts (packPrimitives). Kind tags come from
// PRIMITIVE_KIND there, emitted as PRIMITIVE_SPHERE, PRIMITIVE_MOVING_SPHERE, ... in generated/primitive_kinds.
// #import generated/primitive_kinds

struct Primitive {
  kind: u32,
  /// Index into the material table.
  material: u32,
  /// Index into the medium table + 1 when this primitive bounds a medium, else 0.
  medium: u32,
  flags: u32,
  /// Sphere: center, radius (negative: inward normal). MovingSphere: center at t=0, radius. Quad/Triangle: corner q.
  a: vec4f,
  /// MovingSphere: center at t=1. Quad/Triangle: edge u.
  b: vec4f,
  /// Quad/Triangle: edge v.
  c: vec4f,
}

/// Geometry at a ray hit, computed once for the closest hit only.
struct SurfaceHit {
  p: vec3f,
  t: f32,
  /// Geometric normal pointing to the primitive's outside (sphere) or along u×v (quad, triangle); unit. Not
  /// flipped toward the ray.
  n: vec3f,
  /// Index into `primitives`; *_surface leaves 0xffffffff for the caller to fill in.
  prim: u32,
  uv: vec2f,
}
