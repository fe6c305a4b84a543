// Test kernels for the light-shape samplers. sample_records writes 8 floats per sample: wi.xyz, pdf of the
// sample, the *_light_pdf of wi, dist, |origin + dist·wi − p|, and a shape residual (how far p is off the
// shape plus how far n is from the shape's normal at p). pdf_bins integrates *_light_pdf over each cell of a
// (cos θ, φ) grid by the midpoint rule. cone_cases evaluates cone_light_emits on (cos, spread) pairs.
// #import math/rng
// #import tests/io
// #import tests/sphere_grid
// #import lights/sphere_light
// #import lights/quad_light
// #import lights/triangle_light
// #import lights/cone

// cfg: [n, seed, shape, n_cos, n_phi, sub]; par: origin.xyz, then a.xyz, b.xyz, c.xyz:
// sphere: a = centre, b.x = radius; quad and triangle: a = q, b = edge_u, c = edge_v.

const SHAPE_SPHERE: u32 = 0u;
const SHAPE_QUAD: u32 = 1u;
const SHAPE_TRIANGLE: u32 = 2u;

fn shape_sample(u: vec2f) -> LightSample {
  switch cfg[2] {
    case SHAPE_SPHERE: { return sphere_light_sample(par3(1u), par[6], par3(0u), u); }
    case SHAPE_QUAD: { return quad_light_sample(par3(1u), par3(2u), par3(3u), par3(0u), u); }
    default: { return triangle_light_sample(par3(1u), par3(2u), par3(3u), par3(0u), u); }
  }
}

/// The density under test (sphere_grid's pdf_bins kernel integrates it).
fn grid_pdf(wi: vec3f) -> f32 {
  switch cfg[2] {
    case SHAPE_SPHERE: { return sphere_light_pdf(par3(1u), par[6], par3(0u), wi); }
    case SHAPE_QUAD: { return quad_light_pdf(par3(1u), par3(2u), par3(3u), par3(0u), wi); }
    default: { return triangle_light_pdf(par3(1u), par3(2u), par3(3u), par3(0u), wi); }
  }
}

fn shape_residual(s: LightSample) -> f32 {
  if (cfg[2] == SHAPE_SPHERE) {
    let rel = s.p - par3(1u);
    return abs(length(rel) - par[6]) + length(s.n - rel / par[6]);
  }
  let q = par3(1u);
  let eu = par3(2u);
  let ev = par3(3u);
  let nv = cross(eu, ev);
  let w = nv / dot(nv, nv);
  let rel = s.p - q;
  let a = dot(w, cross(rel, ev));
  let b = dot(w, cross(eu, rel));
  var outside = max(0.0, -a) + max(0.0, -b);
  if (cfg[2] == SHAPE_QUAD) {
    outside += max(0.0, a - 1.0) + max(0.0, b - 1.0);
  } else {
    outside += max(0.0, a + b - 1.0);
  }
  return abs(dot(normalize(nv), rel)) + outside + length(s.n - normalize(nv));
}

@compute @workgroup_size(64)
fn sample_records(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  var rng = rng_new(id.x, 0u, cfg[1]);
  let s = shape_sample(rng_next2(&rng));
  write_sample_record(id.x, s.wi, s.pdf, grid_pdf(s.wi), vec3f(s.dist, length(par3(0u) + s.dist * s.wi - s.p), shape_residual(s)));
}

@compute @workgroup_size(64)
fn cone_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  output[id.x] = select(0.0, 1.0, cone_light_emits(par[id.x * 2u], par[id.x * 2u + 1u]));
}
