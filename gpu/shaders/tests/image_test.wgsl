// Test kernels for textures/image: bilinear REPEAT sampling of atlas rectangles with and without sRGB decoding,
// and the texel RGB → spectrum basis.
// #import textures/image

@group(0) @binding(0) var texture_atlas: texture_2d<f32>;
/// sample_cases: (u, v, rect index, srgb 0/1). spectrum_cases: (r, g, b, reflectance 0/1) then 4 wavelengths.
@group(0) @binding(1) var<storage, read> cases: array<vec4f>;
@group(0) @binding(2) var<storage, read> rects: array<vec4u>;
@group(0) @binding(3) var<storage, read_write> output: array<vec4f>;

@compute @workgroup_size(64)
fn sample_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&output)) {
    return;
  }
  let c = cases[id.x];
  output[id.x] = image_sample(rects[u32(c.z)], c.xy, c.w != 0.0);
}

@compute @workgroup_size(64)
fn spectrum_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&output)) {
    return;
  }
  let c = cases[2u * id.x];
  output[id.x] = rgb_spectrum(c.rgb, cases[2u * id.x + 1u], c.w != 0.0);
}
