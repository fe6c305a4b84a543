// Test kernels for gpu/shaders/film/output.wgsl. Inputs are vec4f rows; outputs vec4f rows.
// #import film/output
// #import spectrum/cmf

@group(0) @binding(0) var<storage, read> inputs: array<vec4f>;
@group(0) @binding(1) var<storage, read_write> output: array<vec4f>;

// inputs[i].xyz = XYZ_E → linear sRGB.
@compute @workgroup_size(64)
fn linear_srgb(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  output[id.x] = vec4f(xyz_e_to_linear_srgb(inputs[id.x].xyz), 0.0);
}

// inputs[i] = (X, Y, Z, exposure) → 8-bit sRGB.
@compute @workgroup_size(64)
fn srgb8(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  output[id.x] = vec4f(vec3f(to_srgb8(inputs[id.x].xyz, inputs[id.x].w)), 0.0);
}

// inputs[i] = (flat radiance, heroes N, exposure, _): the film XYZ of a flat spectrum over N stratified hero
// wavelengths, then to 8 bit. Output (r, g, b, Y).
@compute @workgroup_size(64)
fn flat_srgb8(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let p = inputs[id.x];
  let n = u32(p.y);
  var xyz = vec3f(0.0);
  for (var j = 0u; j < n; j++) {
    xyz += spectrum_to_xyz(sample_wavelengths((f32(j) + 0.5) / f32(n)), vec4f(p.x));
  }
  xyz /= f32(n);
  output[id.x] = vec4f(vec3f(to_srgb8(xyz, p.z)), xyz.y);
}
