// Test helper: the bindings the table-driven test kernels share and writers of their output rows. cfg holds the
// row count (cfg[0]) and the kernel's switches, par its input rows, output its result rows.

@group(0) @binding(0) var<storage, read> cfg: array<u32>;
@group(0) @binding(1) var<storage, read> par: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;

/// par[k .. k + 2].
fn par_vec3(k: u32) -> vec3f {
  return vec3f(par[k], par[k + 1u], par[k + 2u]);
}

/// The i-th vector of par read as packed vec3s.
fn par3(i: u32) -> vec3f {
  return par_vec3(i * 3u);
}

fn write3(o: u32, v: vec3f) {
  output[o] = v.x;
  output[o + 1u] = v.y;
  output[o + 2u] = v.z;
}

fn write4(o: u32, v: vec4f) {
  write3(o, v.xyz);
  output[o + 3u] = v.w;
}

/// Sample record `i` of the chi-square tests (gpu/host/testing/direction-tests.ts), 8 floats: the direction, its
/// pdf as the sampler reports it, the density re-evaluated from the direction, and 3 floats a test checks.
fn write_sample_record(i: u32, wi: vec3f, pdf: f32, density: f32, extra: vec3f) {
  write4(i * 8u, vec4f(wi, pdf));
  write4(i * 8u + 4u, vec4f(density, extra));
}
