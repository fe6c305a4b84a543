// Test kernel for shapes/shading: the shading data of a triangle (q = 0, u = x, v = y) at given barycentrics.
// #import shapes/shading

@group(0) @binding(0) var<storage, read> triangle_shading: array<TriangleShading>;

fn triangle_shading_at(i: u32) -> TriangleShading {
  return triangle_shading[i];
}
/// Per case: (α, β, side: +1 front / −1 back, shading record + 1).
@group(0) @binding(1) var<storage, read> cases: array<vec4f>;
/// Per case 3 vec4f: shading normal, (u, v, 0, 0), tangent.
@group(0) @binding(2) var<storage, read_write> output: array<vec4f>;

@compute @workgroup_size(64)
fn shading_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&cases)) {
    return;
  }
  let c = cases[id.x];
  let prim = Primitive(PRIMITIVE_TRIANGLE, 0u, 0u, 0u, vec4f(0.0, 0.0, 0.0, c.w), vec4f(1.0, 0.0, 0.0, 0.0), vec4f(0.0, 1.0, 0.0, 0.0));
  let n = vec3f(0.0, 0.0, 1.0);
  let hit = SurfaceHit(vec3f(c.x, c.y, 0.0), 1.0, n, 0u, c.xy);
  let s = surface_shading(prim, hit, n * c.z);
  output[3u * id.x] = vec4f(s.n, 0.0);
  output[3u * id.x + 1u] = vec4f(s.uv, 0.0, 0.0);
  output[3u * id.x + 2u] = s.tangent;
}
