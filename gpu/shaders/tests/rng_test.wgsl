// Test kernel: fills output with uniforms from independent streams (one per invocation).
// #import math/rng

@group(0) @binding(0) var<storage, read> params: array<u32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(64)
fn uniforms(@builtin(global_invocation_id) id: vec3u) {
  let n = params[0];
  if (id.x >= n) { return; }
  var rng = rng_new(id.x, params[1], params[2]);
  for (var k = 0u; k < 4u; k++) {
    output[id.x * 4u + k] = rng_next(&rng);
  }
}
