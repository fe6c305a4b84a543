// Test kernels of the blue-noise sampler (sampling/blue_noise) over a frame.width × frame.height image, with the
// sampler kind cfg[3] and render seed cfg[2]. 13 words per draw: the 12 uniforms of block cfg[1] (f32 bits), then
// the pixel's rank in its tile. `pixels`: sample cfg[0] of every pixel; `samples`: samples 0 .. cfg[4] − 1 of
// pixel cfg[5].
// #import generated/scene_records
// #import sampling/sampler

@group(0) @binding(0) var<storage, read> frame: FrameUniforms;
@group(0) @binding(1) var<storage, read> cfg: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;

fn write_draw(slot: u32, pixel: u32, index: u32) {
  var s = sampler_new(cfg[3], pixel, index, cfg[2]);
  let b = sampler_block(&s, cfg[1]);
  let o = slot * 13u;
  for (var k = 0u; k < 4u; k++) {
    output[o + k] = bitcast<u32>(b.a[k]);
    output[o + 4u + k] = bitcast<u32>(b.b[k]);
    output[o + 8u + k] = bitcast<u32>(b.c[k]);
  }
  output[o + 12u] = blue_noise_rank(pixel, s.seed);
}

@compute @workgroup_size(64)
fn pixels(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < frame.width * frame.height) {
    write_draw(id.x, id.x, cfg[0]);
  }
}

@compute @workgroup_size(64)
fn samples(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < cfg[4]) {
    write_draw(id.x, cfg[5], id.x);
  }
}
