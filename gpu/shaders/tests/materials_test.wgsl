// Test kernels for the material lobes. sample_records / pdf_bins follow the layout of tests/sampling_test
// (8 floats per sample: wi.xyz, pdf at the sample, pdf re-evaluated, then lobe-specific extras) for the
// Lambertian, isotropic and metal lobes; dielectric_cases, cauchy_cases and thin_film_cases evaluate one
// input row each.
// #import math/constants
// #import math/rng
// #import tests/io
// #import tests/sphere_grid
// #import materials/lambertian
// #import materials/isotropic
// #import materials/metal
// #import materials/dielectric
// #import materials/dispersive
// #import materials/thin_film

// cfg: [n, seed, lobe, n_cos, n_phi, sub].
/// par: n.xyz. Extras: min and max over the 4 channels of eval(albedo 1)/pdf (−1 when pdf is 0).
const LOBE_LAMBERTIAN: u32 = 0u;
/// Extras: eval(albedo 1)/pdf.
const LOBE_ISOTROPIC: u32 = 1u;
/// par: d.xyz, n.xyz, fuzz. No density (pdf written as 0). Extras: |wi| − 1, dot(wi, n).
const LOBE_METAL: u32 = 2u;

/// The density under test (sphere_grid's pdf_bins kernel integrates it).
fn grid_pdf(wi: vec3f) -> f32 {
  switch cfg[2] {
    case LOBE_LAMBERTIAN: { return lambertian_pdf(par3(0u), wi); }
    case LOBE_ISOTROPIC: { return isotropic_pdf(); }
    default: { return 0.0; }
  }
}

@compute @workgroup_size(64)
fn sample_records(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  var rng = rng_new(id.x, 0u, cfg[1]);
  let u = rng_next2(&rng);
  var wi: vec3f;
  var extra = vec3f(0.0);
  switch cfg[2] {
    case LOBE_LAMBERTIAN: {
      let n = par3(0u);
      wi = lambertian_sample(n, u);
      let pdf = lambertian_pdf(n, wi);
      let ratio = lambertian_eval(vec4f(1.0), n, wi) / pdf;
      extra = select(vec3f(-1.0), vec3f(min(min(ratio.x, ratio.y), min(ratio.z, ratio.w)),
        max(max(ratio.x, ratio.y), max(ratio.z, ratio.w)), 0.0), pdf > 0.0);
    }
    case LOBE_ISOTROPIC: {
      wi = isotropic_sample(u);
      extra = vec3f(isotropic_eval(vec4f(1.0)).x / isotropic_pdf(), 0.0, 0.0);
    }
    default: {
      wi = metal_scatter(par3(0u), par3(1u), par[6], u);
      extra = vec3f(length(wi) - 1.0, dot(wi, par3(1u)), 0.0);
    }
  }
  let pdf = grid_pdf(wi);
  write_sample_record(id.x, wi, pdf, pdf, extra);
}

// Rows of 8: d.xyz, n.xyz, eta, u. Output rows of 8: wi.xyz, reflected (0/1), schlick(cos, eta), 0, 0, 0.
@compute @workgroup_size(64)
fn dielectric_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  let i = id.x * 8u;
  let d = par_vec3(i);
  let n = par_vec3(i + 3u);
  let s = dielectric_scatter(d, n, par[i + 6u], par[i + 7u]);
  write4(i, vec4f(s.wi, select(0.0, 1.0, s.reflected)));
  write4(i + 4u, vec4f(schlick_reflectance(dot(-normalize(d), n), par[i + 6u]), 0.0, 0.0, 0.0));
}

// Rows of 8: cauchy A, B, λ nm, front face (0/1), d.xyz (n = +z). Output rows of 4: ior, wi.xyz of
// dispersive_scatter with u just below 1 (refracts unless totally reflected).
@compute @workgroup_size(64)
fn cauchy_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  let i = id.x * 8u;
  let d = par_vec3(i + 4u);
  let s = dispersive_scatter(d, vec3f(0.0, 0.0, 1.0), par[i + 3u] > 0.5, par[i], par[i + 1u], par[i + 2u], 0.99999);
  write4(id.x * 4u, vec4f(cauchy_ior(par[i], par[i + 1u], par[i + 2u]), s.wi));
}

// Rows of 8: cos θ₁, film index, thickness nm, λ0..λ3 nm, unused. Output rows of 4: F(λ0..λ3).
@compute @workgroup_size(64)
fn thin_film_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  let i = id.x * 8u;
  let f = thin_film_factor(par[i], par[i + 1u], par[i + 2u], vec4f(par[i + 3u], par[i + 4u], par[i + 5u], par[i + 6u]));
  write4(id.x * 4u, f);
}
