// Shading data at a hit: the interpolated vertex normal (smooth shading), texture coordinates and tangent of a
// mesh triangle that has them (gpu/host/scene/compile.ts stores them in a table read by `triangle_shading_at`,
// defined by the pipeline's bindings); the geometric normal and the shape's own UV otherwise.
// #import generated/primitive
// #import generated/scene_features
// #import generated/scene_records
// #import shapes/primitive

struct SurfaceShading {
  /// Unit shading normal on the side of the facing geometric normal the caller passes.
  n: vec3f,
  uv: vec2f,
  /// Unit tangent (xyz) and bitangent sign (w); zero when there is none.
  tangent: vec4f,
}

/// `n` is the geometric normal turned toward the incoming ray.
fn surface_shading(prim: Primitive, surface: SurfaceHit, n: vec3f) -> SurfaceShading {
  if (!SCENE_SMOOTH_SHADING || prim.kind != PRIMITIVE_TRIANGLE || prim.a.w == 0.0) {
    return SurfaceShading(n, surface.uv, vec4f(0.0));
  }
  let s = triangle_shading_at(u32(prim.a.w) - 1u);
  // The triangle's (α, β) are the barycentric weights of corners 1 and 2.
  let w = vec3f(1.0 - surface.uv.x - surface.uv.y, surface.uv.x, surface.uv.y);
  let uv = vec2f(dot(w, vec3f(s.n0.w, s.n1.w, s.n2.w)), dot(w, s.v.xyz));
  var shading_n = n;
  let interpolated = w.x * s.n0.xyz + w.y * s.n1.xyz + w.z * s.n2.xyz;
  if (dot(interpolated, interpolated) > 0.0) {
    shading_n = normalize(interpolated);
    shading_n = select(shading_n, -shading_n, dot(shading_n, n) < 0.0);
  }
  var tangent = vec4f(0.0);
  let t = w.x * s.t0.xyz + w.y * s.t1.xyz + w.z * s.t2.xyz;
  if (dot(t, t) > 0.0) {
    tangent = vec4f(normalize(t), select(1.0, -1.0, s.t0.w < 0.0));
  }
  return SurfaceShading(shading_n, uv, tangent);
}
