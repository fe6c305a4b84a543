// Test kernel: sample blocks of the sampler for cfg[0] sample indices (kind cfg[1], pixel cfg[2], block cfg[3]).
// #import generated/scene_records
// #import sampling/sampler

@group(0) @binding(0) var<storage, read> frame: FrameUniforms;
@group(0) @binding(1) var<storage, read> cfg: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(64)
fn blocks(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  var s = sampler_new(cfg[1], cfg[2], id.x, 7u);
  let b = sampler_block(&s, cfg[3]);
  let o = id.x * 12u;
  for (var k = 0u; k < 4u; k++) {
    output[o + k] = b.a[k];
    output[o + 4u + k] = b.b[k];
    output[o + 8u + k] = b.c[k];
  }
}
