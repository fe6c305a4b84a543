// BVH traversal (closest hit and any hit) over the tree built by gpu/host/bvh/build.ts; node layout in
// gpu/host/bvh/layout.ts: depth-first order, an interior node's left child follows it and its right child is at
// left_or_first; a leaf lists `count` indices from bvh_prim_indices[left_or_first]. Ordered traversal with a fixed
// stack (Wald et al., "Ray Tracing Deformable Scenes Using Dynamic BVHs", 2007); slab test with the outward
// rounding factor of Ize, "Robust BVH Ray Traversal" (JCGT 2013).
// Reads nodes and primitives through bvh_node_at(i) and primitive_at(i), and leaves through bvh_leaf_primitive,
// which the pipeline's bindings module defines (the path tracer's: generated/scene_tables).
// #import generated/bvh_layout
// #import math/constants
// #import shapes/ray
// #import shapes/shape

struct BvhHit {
  /// Distance of the closest hit; t_max on a miss.
  t: f32,
  /// Primitive index (primitive_at), or BVH_NO_HIT.
  prim: u32,
  /// Nodes entered, root included (the bvh-test-count debug view).
  node_tests: u32,
}

const BVH_NO_HIT: u32 = 0xffffffffu;
/// Entry distance reported for a missed box (greater than any interval end).
const BVH_BOX_MISS: f32 = F32_MAX;
/// 1 + 2γ₃: widens the slab's exit distance by the worst-case rounding of its computation.
const BVH_SLAB_GUARD: f32 = 1.0000004;
/// Direction components smaller than this are replaced by it (with their sign), so 1/d stays finite and slab
/// distances are never NaN (0·∞).
const BVH_MIN_DIRECTION: f32 = 1e-30;

fn bvh_inverse_direction(d: vec3f) -> vec3f {
  let tiny = select(vec3f(BVH_MIN_DIRECTION), vec3f(-BVH_MIN_DIRECTION), d < vec3f(0.0));
  return 1.0 / select(d, tiny, abs(d) < vec3f(BVH_MIN_DIRECTION));
}

/// Distance at which the ray enters the box within (t_min, t_max), or BVH_BOX_MISS. Near and far planes are
/// chosen by the direction's sign, so an inverted box (min > max, the empty BVH's root) is always missed.
fn bvh_box_entry(box_min: vec3f, box_max: vec3f, origin: vec3f, inv_dir: vec3f, t_min: f32, t_max: f32) -> f32 {
  let t_lo = (box_min - origin) * inv_dir;
  let t_hi = (box_max - origin) * inv_dir;
  let negative = inv_dir < vec3f(0.0);
  let t_near = select(t_lo, t_hi, negative);
  let t_far = select(t_hi, t_lo, negative);
  let enter = max(max(t_near.x, t_near.y), max(t_near.z, t_min));
  let exit = min(min(t_far.x, t_far.y), t_far.z) * BVH_SLAB_GUARD;
  return select(BVH_BOX_MISS, enter, enter <= min(exit, t_max));
}

fn bvh_closest_hit(ray: Ray, t_min: f32, t_max: f32) -> BvhHit {
  var hit = BvhHit(t_max, BVH_NO_HIT, 1u);
  let inv_dir = bvh_inverse_direction(ray.direction);
  let root = bvh_node_at(0);
  if (bvh_box_entry(root.min, root.max, ray.origin, inv_dir, t_min, t_max) == BVH_BOX_MISS) {
    return hit;
  }
  var stack_node: array<u32, BVH_STACK_SIZE>;
  var stack_entry: array<f32, BVH_STACK_SIZE>;
  var sp = 0u;
  var index = 0u;
  loop {
    let node = bvh_node_at(index);
    if (node.count > 0u) {
      for (var i = node.left_or_first; i < node.left_or_first + node.count; i++) {
        let p = bvh_leaf_primitive(i);
        let t = primitive_intersect(primitive_at(p), ray, t_min, hit.t);
        if (t > t_min && t < hit.t) {
          hit.t = t;
          hit.prim = p;
        }
      }
    } else {
      let left = index + 1u;
      let right = node.left_or_first;
      let left_node = bvh_node_at(left);
      let right_node = bvh_node_at(right);
      let t_left = bvh_box_entry(left_node.min, left_node.max, ray.origin, inv_dir, t_min, hit.t);
      let t_right = bvh_box_entry(right_node.min, right_node.max, ray.origin, inv_dir, t_min, hit.t);
      if (t_left != BVH_BOX_MISS || t_right != BVH_BOX_MISS) {
        let left_first = t_left <= t_right;
        let far_entry = select(t_left, t_right, left_first);
        if (far_entry != BVH_BOX_MISS && sp < BVH_STACK_SIZE) {
          stack_node[sp] = select(left, right, left_first);
          stack_entry[sp] = far_entry;
          sp++;
        }
        index = select(right, left, left_first);
        hit.node_tests++;
        continue;
      }
    }
    // Resume with the nearest pending subtree that can still hold a closer hit.
    var resumed = false;
    while (sp > 0u) {
      sp--;
      if (stack_entry[sp] <= hit.t) {
        index = stack_node[sp];
        resumed = true;
        break;
      }
    }
    if (!resumed) {
      break;
    }
    hit.node_tests++;
  }
  return hit;
}

/// Whether anything lies along the ray within (t_min, t_max) (shadow rays): stops at the first hit found.
fn bvh_any_hit(ray: Ray, t_min: f32, t_max: f32) -> bool {
  let inv_dir = bvh_inverse_direction(ray.direction);
  let root = bvh_node_at(0);
  if (bvh_box_entry(root.min, root.max, ray.origin, inv_dir, t_min, t_max) == BVH_BOX_MISS) {
    return false;
  }
  var stack_node: array<u32, BVH_STACK_SIZE>;
  var sp = 0u;
  var index = 0u;
  loop {
    let node = bvh_node_at(index);
    if (node.count > 0u) {
      for (var i = node.left_or_first; i < node.left_or_first + node.count; i++) {
        let t = primitive_intersect(primitive_at(bvh_leaf_primitive(i)), ray, t_min, t_max);
        if (t > t_min && t < t_max) {
          return true;
        }
      }
    } else {
      let left = index + 1u;
      let right = node.left_or_first;
      let left_node = bvh_node_at(left);
      let right_node = bvh_node_at(right);
      let hit_left = bvh_box_entry(left_node.min, left_node.max, ray.origin, inv_dir, t_min, t_max) != BVH_BOX_MISS;
      let hit_right = bvh_box_entry(right_node.min, right_node.max, ray.origin, inv_dir, t_min, t_max) != BVH_BOX_MISS;
      if (hit_left || hit_right) {
        if (hit_left && hit_right && sp < BVH_STACK_SIZE) {
          stack_node[sp] = right;
          sp++;
        }
        index = select(right, left, hit_left);
        continue;
      }
    }
    if (sp == 0u) {
      break;
    }
    sp--;
    index = stack_node[sp];
  }
  return false;
}
