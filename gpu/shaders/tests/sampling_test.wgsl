// Test kernels for sampling/warp and sampling/frame. sample_records writes 8 floats per sample
// (wi.xyz, pdf at the sample, pdf re-evaluated from wi, 3 spare); pdf_bins integrates the pdf over each cell of
// a (cos θ, φ) grid on the sphere by the midpoint rule; frames checks Frame invariants per input normal.
// #import math/rng
// #import tests/io
// #import tests/sphere_grid
// #import sampling/warp
// #import sampling/frame

// cfg: [n, seed, distribution, n_cos, n_phi, sub]; par: distribution parameters.
const DIST_COSINE: u32 = 0u;
const DIST_SPHERE: u32 = 1u;
/// par[0] = cos θmax.
const DIST_CONE: u32 = 2u;

fn dist_sample(u: vec2f) -> vec3f {
  switch cfg[2] {
    case DIST_COSINE: { return sample_cosine_hemisphere(u); }
    case DIST_CONE: { return sample_uniform_cone(u, par[0]); }
    default: { return sample_uniform_sphere(u); }
  }
}

/// The density under test (sphere_grid's pdf_bins kernel integrates it).
fn grid_pdf(wi: vec3f) -> f32 {
  switch cfg[2] {
    case DIST_COSINE: { return cosine_hemisphere_pdf(wi.z); }
    case DIST_CONE: { return select(0.0, uniform_cone_pdf(par[0]), wi.z >= par[0]); }
    default: { return uniform_sphere_pdf(); }
  }
}

@compute @workgroup_size(64)
fn sample_records(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  var rng = rng_new(id.x, 0u, cfg[1]);
  let wi = dist_sample(rng_next2(&rng));
  let pdf = grid_pdf(wi);
  write_sample_record(id.x, wi, pdf, pdf, vec3f(0.0));
}

// par holds 3 floats per normal; output 16 floats per normal: t, b, n (3 each), |t×b − n|, |t|−1, |b|−1, t·b,
// t·n, b·n, |to_local(to_world(v)) − v| for v = (0.3, −0.5, 0.8).
@compute @workgroup_size(64)
fn frames(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  let f = frame_from_normal(par3(id.x));
  let v = vec3f(0.3, -0.5, 0.8);
  let o = id.x * 16u;
  write3(o, f.t);
  write3(o + 3u, f.b);
  write3(o + 6u, f.n);
  output[o + 9u] = length(cross(f.t, f.b) - f.n);
  output[o + 10u] = length(f.t) - 1.0;
  output[o + 11u] = length(f.b) - 1.0;
  output[o + 12u] = dot(f.t, f.b);
  output[o + 13u] = dot(f.t, f.n);
  output[o + 14u] = dot(f.b, f.n);
  output[o + 15u] = length(frame_to_local(f, frame_to_world(f, v)) - v);
}
