// The path tracer's bind group, declared by generated/path_tracer_bindings and generated/scene_tables from the
// table of gpu/host/render/binding-table.ts. Scene tables are packed by gpu/host/scene/compile.ts and bound by
// gpu/host/render/bindings.ts; frame uniforms, film and counters belong to
// gpu/host/render/path-tracer.ts. Eight storage buffers, the per-stage number every WebGPU device grants, and three
// sampled textures (the image atlas, the environment's map and cdfs), which do not count against that budget; scenes whose primitives, BVH
// nodes or triangle shading records exceed one binding take more where the device allows (generated/scene_tables).
// #import generated/scene_records
// #import generated/path_tracer_bindings
// #import generated/scene_tables
// #import shapes/primitive
// #import bvh/bvh
// #import materials/alpha

/// Side of the megakernels' square workgroups (integrator/path, integrator/views): set by the pipeline
/// (WORKGROUP_SIZE in gpu/host/render/path-tracer.ts).
override WORKGROUP_SIZE: u32;

struct RenderCounters {
  /// Ray segments traced, as a 64-bit count (low word, high word).
  rays_lo: atomic<u32>,
  rays_hi: atomic<u32>,
  /// Samples whose radiance was not finite and non-negative, dropped before the film.
  dropped: atomic<u32>,
  pad: u32,
}

/// The film buffer: the counters in a 256-byte header (the storage offset alignment, so the resolve pass can
/// bind the pixels alone at offset 256), then per pixel, rows top to bottom, the sum of XYZ (white E) over the
/// samples taken.
struct Film {
  @size(256) counters: RenderCounters,
  pixels: array<vec4f>,
}

/// The frame values that steer branches and loops, as the kernels read them: copied by frame_control_load at the
/// start of each invocation, combined with a zero the compiler cannot prove (the invocation index shifted right by
/// 31: indices stay below 2^31). Read straight from the uniform buffer, Mesa's lavapipe specialises the kernel to
/// their values when it dispatches ("inlined uniforms"): a synchronous recompile of the whole kernel for every new
/// value, and the sample count changes between dispatches. The specialisation the kernels want is the scene's
/// feature set (generated/scene_features), fixed when the pipeline is created.
struct FrameControl {
  sample_offset: u32,
  sample_count: u32,
  row_offset: u32,
  max_depth: u32,
  mode: u32,
  emitter_count: u32,
  guide_count: u32,
  medium_count: u32,
  sampler: u32,
}

var<private> control: FrameControl;

fn frame_control_load(invocation: u32) {
  let zero = invocation >> 31u;
  control = FrameControl(
    frame.sample_offset | zero,
    frame.sample_count | zero,
    frame.row_offset | zero,
    frame.max_depth | zero,
    frame.mode | zero,
    frame.emitter_count | zero,
    frame.guide_count | zero,
    frame.medium_count | zero,
    frame.sampler | zero
  );
}
fn count_rays(n: u32) {
  let old = atomicAdd(&film.counters.rays_lo, n);
  if (old > 0xffffffffu - n) {
    atomicAdd(&film.counters.rays_hi, 1u);
  }
}

fn count_dropped(n: u32) {
  atomicAdd(&film.counters.dropped, n);
}

fn film_pixel(pixel: u32) -> vec4f {
  return film.pixels[pixel];
}

fn film_store(pixel: u32, value: vec4f) {
  film.pixels[pixel] = value;
}

/// Whether the hit at t on an alpha-tested primitive (PRIMITIVE_FLAG_ALPHA) is solid (materials/alpha).
fn bvh_alpha_passes(prim: Primitive, index: u32, ray: Ray, t: f32) -> bool {
  return material_alpha_passes(prim, index, ray, t);
}

/// Leaf slot → primitive: the compiler stores scene primitives in BVH leaf order, so slots are indices.
fn bvh_leaf_primitive(slot: u32) -> u32 {
  return slot;
}

/// The environment's tables as lights/environment reads them (gpu/host/render/bindings.ts uploads them).
fn environment_cdf_at(x: u32, y: u32) -> f32 {
  return textureLoad(environment_cdf, vec2u(x, y), 0).r;
}

fn environment_texel(x: u32, y: u32) -> vec3f {
  return textureLoad(environment_map, vec2u(x, y), 0).rgb;
}
