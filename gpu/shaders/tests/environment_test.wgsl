// Test kernels for the environment light (lights/environment). The map's placement and its sampling tables come
// in par: [cos α, sin α, cells across, cells down, then the cdf table ((across + 1) × (down + 1) values)].
// sample_records writes the chi-square records of environment_sample (extras: the direction's (u, v) in the
// map's frame, and 0); uv_cases maps the (u, v) pairs after the table to directions and back.
// #import math/rng
// #import tests/io
// #import tests/sphere_grid
// #import lights/environment

const TABLE_START: u32 = 4u;

fn test_environment() -> EnvironmentMap {
  return EnvironmentMap(vec2f(par[0], par[1]), 1.0, 1.0, vec2u(1u), vec2u(u32(par[2]), u32(par[3])));
}

fn table_length() -> u32 {
  return (u32(par[2]) + 1u) * (u32(par[3]) + 1u);
}

fn environment_cdf_at(x: u32, y: u32) -> f32 {
  return par[TABLE_START + y * (u32(par[2]) + 1u) + x];
}

fn environment_texel(x: u32, y: u32) -> vec3f {
  return vec3f(0.0);
}

fn grid_pdf(wi: vec3f) -> f32 {
  return environment_pdf(test_environment(), wi);
}

@compute @workgroup_size(64)
fn sample_records(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  var rng = rng_new(id.x, 0u, cfg[1]);
  let env = test_environment();
  let s = environment_sample(env, rng_next2(&rng));
  let uv = environment_uv(environment_local(env, s.wi));
  write_sample_record(id.x, s.wi, s.pdf, grid_pdf(s.wi), vec3f(uv, 0.0));
}

/// Case i: (u, v) = par[start + 2i ..]; output 5 floats: the world direction, then its (u, v) mapped back.
@compute @workgroup_size(64)
fn uv_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  let env = test_environment();
  let at = TABLE_START + table_length() + 2u * id.x;
  let d = environment_world(env, environment_direction(vec2f(par[at], par[at + 1u])));
  write3(5u * id.x, d);
  let back = environment_uv(environment_local(env, d));
  output[5u * id.x + 3u] = back.x;
  output[5u * id.x + 4u] = back.y;
}
