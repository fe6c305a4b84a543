// Film resolve kernel: the path tracer's film (sums of XYZ over `samples` samples) → 8-bit sRGB packed as
// RGBA8 (alpha 255) per pixel, ready for a canvas texture copy or a PNG readback.
// #import film/output

struct ResolveParams {
  pixels: u32,
  samples: u32,
  exposure: f32,
  pad: u32,
}

@group(0) @binding(0) var<uniform> resolve: ResolveParams;
@group(0) @binding(1) var<storage, read> film_sums: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> rgba8: array<u32>;

@compute @workgroup_size(64)
fn resolve_film(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= resolve.pixels) {
    return;
  }
  let mean = film_sums[id.x].xyz / f32(max(resolve.samples, 1u));
  rgba8[id.x] = pack4x8unorm(vec4f(vec3f(to_srgb8(mean, resolve.exposure)) / 255.0, 1.0));
}
