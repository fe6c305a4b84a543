// BVH traversal (closest hit and any hit) over the 4-wide tree built by gpu/host/bvh/build.ts; node layout in
// gpu/host/bvh/layout.ts: a node stores its up to four children's boxes, one vec4f per coordinate, and per child a
// word, a node index or a leaf's slot range; unused slots hold inverted boxes. One node fetch tests four boxes. The
// hit children are sorted near to far, the nearest entered and the others pushed as one stack entry (so the stack
// holds at most one entry per level; layout.ts bounds it), taken in order while they can still hold a closer hit.
// Slab test with the outward rounding factor of Ize, "Robust BVH Ray Traversal" (JCGT 2013).
// Reads nodes and primitives through bvh_node_at(i) and primitive_at(i), and leaves through bvh_leaf_primitive,
// which the pipeline's bindings module defines (the path tracer's: generated/scene_tables), as it defines
// bvh_alpha_passes, asked before a hit on an alpha-tested triangle (PRIMITIVE_FLAG_ALPHA) is accepted when
// SCENE_ALPHA_TEST (a constant of the bindings module, false for scenes without such triangles) is set.
// #import generated/bvh_layout
// #import generated/scene_features
// #import math/constants
// #import shapes/ray
// #import shapes/shape

struct BvhHit {
  /// Distance of the closest hit; t_max on a miss.
  t: f32,
  /// Primitive index (primitive_at), or BVH_NO_HIT.
  prim: u32,
  /// Nodes and leaves entered, root included (the bvh-test-count debug view).
  node_tests: u32,
}

/// One of a node's children during the visit: the distance at which the ray enters its box (BVH_BOX_MISS when it
/// misses) and its lane in the node.
struct BvhLane {
  entry: f32,
  lane: u32,
}

/// A stack entry: the hit children of one node not entered yet, in near-to-far order. `entry` is the nearest one's
/// entry distance, a lower bound for the others; `packed` holds the node index << 8, their lanes from bit 2 (2 bits
/// each, nearest lowest) and their count − 1 in bits 0–1.
struct BvhPending {
  entry: f32,
  packed: u32,
}

/// Whether traversals count their primitive tests (bvh_primitive_tests): only in kernels that can render the
/// primitive-test-count view, so the path tracer's carries no counter.
const BVH_COUNT_PRIMITIVE_TESTS: bool = RENDER_MODE == MODE_PRIMITIVE_TEST_COUNT || RENDER_MODE == RENDER_MODE_ANY;

/// Primitive intersection tests of the last traversal, when BVH_COUNT_PRIMITIVE_TESTS. A private counter, not a
/// BvhHit field: hits are also rebuilt from stored (t, prim) pairs (the wavefront kernels).
var<private> bvh_primitive_tests: u32;

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

/// Distances at which the ray enters the node's four child boxes within (t_min, t_max), BVH_BOX_MISS where it
/// misses. Near and far planes are chosen by the direction's sign, so an inverted box (an unused slot, or the empty
/// BVH's root) is always missed.
fn bvh_box_entries(node: BvhNode, origin: vec3f, inv_dir: vec3f, t_min: f32, t_max: f32) -> vec4f {
  let x0 = (node.min_x - origin.x) * inv_dir.x;
  let x1 = (node.max_x - origin.x) * inv_dir.x;
  let y0 = (node.min_y - origin.y) * inv_dir.y;
  let y1 = (node.max_y - origin.y) * inv_dir.y;
  let z0 = (node.min_z - origin.z) * inv_dir.z;
  let z1 = (node.max_z - origin.z) * inv_dir.z;
  let enter = max(
    max(select(x0, x1, inv_dir.x < 0.0), select(y0, y1, inv_dir.y < 0.0)),
    max(select(z0, z1, inv_dir.z < 0.0), vec4f(t_min))
  );
  let exit = min(min(select(x1, x0, inv_dir.x < 0.0), select(y1, y0, inv_dir.y < 0.0)), select(z1, z0, inv_dir.z < 0.0));
  return select(vec4f(BVH_BOX_MISS), enter, enter <= min(exit * BVH_SLAB_GUARD, vec4f(t_max)));
}

/// Puts the nearer of two children first.
fn bvh_order(a: ptr<function, BvhLane>, b: ptr<function, BvhLane>) {
  if ((*b).entry < (*a).entry) {
    let t = *a;
    *a = *b;
    *b = t;
  }
}

/// Tests the children of node `index`; pushes the hit ones but the nearest as one stack entry, and returns the
/// nearest (entry BVH_BOX_MISS when none is hit).
fn bvh_visit(
  node: BvhNode,
  index: u32,
  origin: vec3f,
  inv_dir: vec3f,
  t_min: f32,
  t_max: f32,
  stack: ptr<function, array<BvhPending, BVH_STACK_SIZE>>,
  sp: ptr<function, u32>
) -> BvhLane {
  let entry = bvh_box_entries(node, origin, inv_dir, t_min, t_max);
  var c0 = BvhLane(entry.x, 0u);
  var c1 = BvhLane(entry.y, 1u);
  var c2 = BvhLane(entry.z, 2u);
  var c3 = BvhLane(entry.w, 3u);
  // Sorting network for four keys (Knuth, TAOCP vol. 3, 5.3.4): missed children end up last.
  bvh_order(&c0, &c1);
  bvh_order(&c2, &c3);
  bvh_order(&c0, &c2);
  bvh_order(&c1, &c3);
  bvh_order(&c1, &c2);
  let pending = u32(c1.entry != BVH_BOX_MISS) + u32(c2.entry != BVH_BOX_MISS) + u32(c3.entry != BVH_BOX_MISS);
  if (pending > 0u && *sp < BVH_STACK_SIZE) {
    let lanes = c1.lane | (c2.lane << 2u) | (c3.lane << 4u);
    (*stack)[*sp] = BvhPending(c1.entry, (index << 8u) | (lanes << 2u) | (pending - 1u));
    *sp += 1u;
  }
  return c0;
}

/// Closest hit within (t_min, t_max), or with `any` the first hit found (shadow rays).
fn bvh_traverse(ray: Ray, t_min: f32, t_max: f32, any: bool) -> BvhHit {
  var hit = BvhHit(t_max, BVH_NO_HIT, 0u);
  if (BVH_COUNT_PRIMITIVE_TESTS) {
    bvh_primitive_tests = 0u;
  }
  let inv_dir = bvh_inverse_direction(ray.direction);
  var stack: array<BvhPending, BVH_STACK_SIZE>;
  var sp = 0u;
  // The child word to enter next (BvhNode.child): the root first.
  var word = 0u;
  loop {
    hit.node_tests++;
    if ((word & BVH_LEAF) == 0u) {
      let node = bvh_node_at(word);
      let nearest = bvh_visit(node, word, ray.origin, inv_dir, t_min, hit.t, &stack, &sp);
      if (nearest.entry != BVH_BOX_MISS) {
        word = node.child[nearest.lane];
        continue;
      }
    } else {
      let first = word & ((1u << BVH_LEAF_COUNT_SHIFT) - 1u);
      let end = first + ((word & ~BVH_LEAF) >> BVH_LEAF_COUNT_SHIFT);
      for (var i = first; i < end; i++) {
        let p = bvh_leaf_primitive(i);
        let prim = primitive_at(p);
        if (BVH_COUNT_PRIMITIVE_TESTS) {
          bvh_primitive_tests++;
        }
        let t = primitive_intersect(prim, ray, t_min, hit.t);
        if (t > t_min && t < hit.t && (!SCENE_ALPHA_TEST || (prim.flags & PRIMITIVE_FLAG_ALPHA) == 0u || bvh_alpha_passes(prim, p, ray, t))) {
          hit.t = t;
          hit.prim = p;
          if (any) {
            return hit;
          }
        }
      }
    }
    // Resume with the nearest pending child that can still hold a closer hit (the entries' children are sorted, so
    // one beyond hit.t means all of them are).
    var resumed = false;
    while (sp > 0u) {
      let top = stack[sp - 1u];
      if (top.entry > hit.t) {
        sp--;
        continue;
      }
      if ((top.packed & 3u) == 0u) {
        sp--;
      } else {
        stack[sp - 1u].packed = (top.packed & ~0xffu) | ((top.packed >> 2u) & 0x3cu) | ((top.packed & 3u) - 1u);
      }
      word = bvh_node_at(top.packed >> 8u).child[(top.packed >> 2u) & 3u];
      resumed = true;
      break;
    }
    if (!resumed) {
      break;
    }
  }
  return hit;
}

fn bvh_closest_hit(ray: Ray, t_min: f32, t_max: f32) -> BvhHit {
  return bvh_traverse(ray, t_min, t_max, false);
}

/// Whether anything lies along the ray within (t_min, t_max) (shadow rays): stops at the first hit found.
fn bvh_any_hit(ray: Ray, t_min: f32, t_max: f32) -> bool {
  return bvh_traverse(ray, t_min, t_max, true).prim != BVH_NO_HIT;
}
