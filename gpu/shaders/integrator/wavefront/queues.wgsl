// Wavefront path tracing state (Laine, Karras & Aila 2013, "Megakernels Considered Harmful: Wavefront Path
// Tracing on GPUs"): the paths of one wave (a few consecutive samples of a band of pixels; path j·wave_pixels + i
// is sample sample_index + j of the band's pixel i) live in `paths` between kernels;
// `queues` holds the indices of the paths each stage works on, filled with atomic counters; `dispatch_sizes`
// the indirect dispatch sizes of the next stages (a buffer of its own: a dispatch may not write the buffer its
// size comes from, so only the advance kernel binds it). Layout owned by gpu/host/render/wavefront.ts (sizes checked
// by gpu/host/render/gpu-sizes.test.ts). Group 1; group 0 is integrator/bindings.
// #import integrator/path_step
// #import generated/wavefront_state

/// Threads per workgroup of every wavefront kernel (1-D) but advance: set by the pipelines (GROUP in
/// gpu/host/render/wavefront.ts).
override WAVEFRONT_GROUP: u32;

struct WavefrontPath {
  state: PathState,
  /// The NEE request of the last bounce, tested by the shadow kernel.
  shadow: ShadowRay,
  /// The closest hit of state.ray (extend kernel → shade kernel).
  hit_t: f32,
  hit_prim: u32,
  pad0: u32,
  pad1: u32,
}

struct QueueControl {
  /// Paths in the input queue, shadow rays in the shadow queue (what the current stages work on).
  paths_in: u32,
  shadows_in: u32,
  /// Pushed by the shade kernel: paths that go on (the next input queue), shadow rays.
  paths_out: atomic<u32>,
  shadows_out: atomic<u32>,
  /// Which half of the path queue area is the input (0 or 1).
  parity: u32,
  /// Paths of this wave (wave_pixels × the samples it takes), film index of its first pixel, first sample index.
  wave_paths: u32,
  pixel_base: u32,
  sample_index: u32,
  /// Queue capacity the buffer was made for: the path queues are [0, capacity) and [capacity, 2·capacity),
  /// the shadow queue [2·capacity, 3·capacity).
  capacity: u32,
  /// Pixels of the band.
  wave_pixels: u32,
  /// To 48 bytes, as the host writes it (CONTROL_BYTES in gpu/host/render/wavefront.ts).
  pad0: u32,
  pad1: u32,
}

/// Indirect dispatch sizes (x, y, z) of the extend and shade kernels, then of the shadow kernel.
struct DispatchSizes {
  extend: array<u32, 3>,
  shadow: array<u32, 3>,
}

struct Queues {
  control: QueueControl,
  items: array<u32>,
}

// paths, queues and dispatch_sizes: declared by generated/wavefront_state (gpu/host/render/binding-table.ts).

fn input_path(i: u32) -> u32 {
  return queues.items[queues.control.parity * queues.control.capacity + i];
}

fn push_path(p: u32) {
  let slot = atomicAdd(&queues.control.paths_out, 1u);
  queues.items[(1u - queues.control.parity) * queues.control.capacity + slot] = p;
}

fn push_shadow(p: u32) {
  let slot = atomicAdd(&queues.control.shadows_out, 1u);
  queues.items[2u * queues.control.capacity + slot] = p;
}

fn shadow_path(i: u32) -> u32 {
  return queues.items[2u * queues.control.capacity + i];
}

fn groups_for(n: u32) -> u32 {
  return (n + WAVEFRONT_GROUP - 1u) / WAVEFRONT_GROUP;
}
