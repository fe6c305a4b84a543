// The path tracer's bind group: the only place its @group/@binding lines appear. Scene tables are packed by
// gpu/host/scene/compile.ts; frame uniforms, film and counters belong to gpu/host/render/path-tracer.ts.
// #import generated/scene_records
// #import shapes/primitive
// #import bvh/bvh

struct RenderCounters {
  /// Ray segments traced, as a 64-bit count (low word, high word).
  rays_lo: atomic<u32>,
  rays_hi: atomic<u32>,
  /// Samples whose radiance was not finite and non-negative, dropped before the film.
  dropped: atomic<u32>,
  pad: u32,
}

@group(0) @binding(0) var<uniform> frame: FrameUniforms;
/// Scene primitives in BVH leaf order, then medium boundaries.
@group(0) @binding(1) var<storage, read> primitives: array<Primitive>;
@group(0) @binding(2) var<storage, read> bvh_nodes: array<BvhNode>;
@group(0) @binding(3) var<storage, read> materials: array<Material>;
@group(0) @binding(4) var<storage, read> textures: array<Texture>;
@group(0) @binding(5) var<storage, read> illuminant_table: array<f32>;
@group(0) @binding(6) var<storage, read> lights: array<Light>;
/// Per pixel, rows top to bottom: sum of XYZ (white E) over the samples taken.
@group(0) @binding(7) var<storage, read_write> film: array<vec4f>;
@group(0) @binding(8) var<storage, read_write> counters: RenderCounters;

fn count_rays(n: u32) {
  let old = atomicAdd(&counters.rays_lo, n);
  if (old > 0xffffffffu - n) {
    atomicAdd(&counters.rays_hi, 1u);
  }
}

/// Leaf slot → primitive: the compiler stores scene primitives in BVH leaf order, so slots are indices.
fn bvh_leaf_primitive(slot: u32) -> u32 {
  return slot;
}
