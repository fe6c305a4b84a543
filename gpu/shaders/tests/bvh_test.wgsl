// Test kernel: per ray, BVH closest hit, brute-force closest hit over every primitive and BVH any hit, all over
// (T_MIN, t_max). Writes 8 words per ray: bvh t (f32 bits), bvh prim, node_tests, brute t (f32 bits), brute prim,
// any hit (0/1), 0, 0.
// #import bvh/bvh
// #import math/constants

/// [ray count, primitive count]
@group(0) @binding(0) var<storage, read> params: array<u32>;
/// 2 per ray: (origin, time), (direction, t_max).
@group(0) @binding(1) var<storage, read> rays: array<vec4f>;
@group(0) @binding(2) var<storage, read> bvh_nodes: array<BvhNode>;
@group(0) @binding(3) var<storage, read> bvh_prim_indices: array<u32>;

/// Leaf slot → primitive (the path tracer stores primitives in leaf order and maps slots to themselves).
fn bvh_leaf_primitive(i: u32) -> u32 {
  return bvh_prim_indices[i];
}
@group(0) @binding(4) var<storage, read> primitives: array<Primitive>;

fn bvh_node_at(i: u32) -> BvhNode {
  return bvh_nodes[i];
}

fn primitive_at(i: u32) -> Primitive {
  return primitives[i];
}

/// The test scenes have no alpha-tested materials.
const SCENE_ALPHA_TEST: bool = false;

fn bvh_alpha_passes(prim: Primitive, index: u32, ray: Ray, t: f32) -> bool {
  return true;
}
@group(0) @binding(5) var<storage, read_write> output: array<u32>;

@compute @workgroup_size(64)
fn traverse(@builtin(global_invocation_id) id: vec3u) {
  let i = id.x;
  if (i >= params[0]) { return; }
  let r0 = rays[i * 2u];
  let r1 = rays[i * 2u + 1u];
  let ray = Ray(r0.xyz, r0.w, r1.xyz);
  let t_max = r1.w;
  let hit = bvh_closest_hit(ray, T_MIN, t_max);
  var brute_t = t_max;
  var brute_prim = BVH_NO_HIT;
  for (var p = 0u; p < params[1]; p++) {
    let t = primitive_intersect(primitive_at(p), ray, T_MIN, brute_t);
    if (t > T_MIN && t < brute_t) {
      brute_t = t;
      brute_prim = p;
    }
  }
  let o = i * 8u;
  output[o] = bitcast<u32>(hit.t);
  output[o + 1u] = hit.prim;
  output[o + 2u] = hit.node_tests;
  output[o + 3u] = bitcast<u32>(brute_t);
  output[o + 4u] = brute_prim;
  output[o + 5u] = select(0u, 1u, bvh_any_hit(ray, T_MIN, t_max));
}
