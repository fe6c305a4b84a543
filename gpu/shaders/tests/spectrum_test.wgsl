// Test kernels for gpu/shaders/spectrum. runKernel binds a kernel's inputs at 0..n−1 and its output at n, so
// each kernel uses its own set of the variables below (entry points never share a binding).
// #import spectrum/wavelengths
// #import spectrum/cmf
// #import spectrum/sigmoid
// #import spectrum/illuminant

@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(0) var<storage, read> spectra: array<vec4f>;
@group(0) @binding(1) var<storage, read> coeffs: array<vec4f>;
@group(0) @binding(1) var<storage, read> illuminant_table: array<f32>;
@group(0) @binding(1) var<storage, read_write> out1: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> out2: array<vec4f>;

// values[i] = λ → (x̄, ȳ, z̄, 0).
@compute @workgroup_size(64)
fn cmf(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&values)) { return; }
  out1[id.x] = vec4f(cmf_xyz(values[id.x]), 0.0);
}

// values[i] = u → the 4 wavelengths.
@compute @workgroup_size(64)
fn wavelengths(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&values)) { return; }
  out1[id.x] = sample_wavelengths(values[id.x]);
}

// terminate_secondaries(spectra[i]).
@compute @workgroup_size(64)
fn terminate(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&spectra)) { return; }
  out1[id.x] = terminate_secondaries(spectra[id.x]);
}

// Output i = k·n + j: colour coeffs[k] at the 4 wavelengths sampled from u = values[j] (n values).
@compute @workgroup_size(64)
fn sigmoid(@builtin(global_invocation_id) id: vec3u) {
  let n = arrayLength(&values);
  if (id.x >= n * arrayLength(&coeffs)) { return; }
  let lambda = sample_wavelengths(values[id.x % n]);
  out2[id.x] = sigmoid_spectrum_eval(coeffs[id.x / n], lambda);
}

// Film XYZ of colour coeffs[i] averaged over N = values[0] stratified heroes: (X, Y, Z, 0).
@compute @workgroup_size(64)
fn film_xyz(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&coeffs)) { return; }
  let n = u32(values[0]);
  var xyz = vec3f(0.0);
  for (var j = 0u; j < n; j++) {
    let lambda = sample_wavelengths((f32(j) + 0.5) / f32(n));
    xyz += spectrum_to_xyz(lambda, sigmoid_spectrum_eval(coeffs[id.x], lambda));
  }
  out2[id.x] = vec4f(xyz / f32(n), 0.0);
}

// values = [table offset, λ…]: output i is the table at values[1 + 4i .. 4 + 4i].
@compute @workgroup_size(64)
fn illuminant(@builtin(global_invocation_id) id: vec3u) {
  let base = 1u + 4u * id.x;
  if (base + 3u >= arrayLength(&values)) { return; }
  let lambda = vec4f(values[base], values[base + 1u], values[base + 2u], values[base + 3u]);
  out2[id.x] = illuminant_eval(u32(values[0]), lambda);
}
