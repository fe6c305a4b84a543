// Debug views (the reference's --mode): one unjittered camera ray per pixel sample.
// Normal map: the first hit's ray-facing normal n as linear sRGB (0.5 + 0.5·(−nx), 0.5 + 0.5·ny, max(−nz, 0));
// a miss is black. BVH heat map: nodes visited by the closest-hit query, on the reference's colour ramp
// (grey up to 255, then yellow, orange, red). Primitive heat map: the shapes that query tested for intersection
// (bvh_primitive_tests), on the same ramp.
// #import generated/scene_kinds
// #import generated/color_matrices
// #import bvh/bvh
// #import shapes/shape

struct DebugView {
  xyz: vec3f,
  rays: u32,
}

fn heat_ramp(count: u32) -> vec3f {
  if (count < 256u) {
    return vec3f(f32(count) / 255.0);
  }
  if (count < 512u) {
    return vec3f(1.0, 1.0, 0.0);
  }
  if (count < 1024u) {
    return vec3f(1.0, 0.5, 0.0);
  }
  return vec3f(1.0, 0.0, 0.0);
}

fn debug_view(mode: u32, ray: Ray) -> DebugView {
  let hit = bvh_closest_hit(ray, T_MIN, F32_MAX);
  var rgb = vec3f(0.0);
  if (mode == MODE_BVH_TEST_COUNT) {
    rgb = heat_ramp(hit.node_tests);
  } else if (mode == MODE_PRIMITIVE_TEST_COUNT) {
    rgb = heat_ramp(bvh_primitive_tests);
  } else if (hit.prim != BVH_NO_HIT) {
    let surface = primitive_surface(primitive_at(hit.prim), ray, hit.t);
    let n = select(-surface.n, surface.n, dot(ray.direction, surface.n) < 0.0);
    rgb = vec3f(0.5 - 0.5 * n.x, 0.5 + 0.5 * n.y, max(-n.z, 0.0));
  }
  return DebugView(LINEAR_SRGB_TO_XYZ_E * rgb, 1u);
}
