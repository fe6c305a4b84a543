// Light from an environment at infinity: an equirectangular map of linear Rec.709 radiance (an HDR file or the
// baked sky, gpu/host/environment). Direction d, turned back by the map's rotation about +Y, reads
// u = 0.5 + atan2(d.x, −d.z)/(2π), v = acos(d.y)/π (v = 0 is the top row); radiance is the bilinear filter of
// the texels. Directions are sampled from a piecewise-constant distribution over (u, v) cells in proportion to
// luminance × sin θ, row by its cdf then column by the row's (pbrt-v4 §A.5 and §12.5): the density per steradian
// is p(u, v) / (2π² sin θ). The importer provides the tables:
//   fn environment_cdf_at(x: u32, y: u32) -> f32    // cdf texture (gpu/host/environment/distribution.ts)
//   fn environment_texel(x: u32, y: u32) -> vec3f   // map texel, before EnvironmentMap.radiance_scale
// #import generated/scene_records
// #import math/constants
// #import sampling/pdf
// #import sampling/warp

struct EnvironmentSample {
  wi: vec3f,
  /// Density of wi per steradian (0: drop the sample).
  pdf: f32,
}

/// World direction → the map's frame: the inverse of its turn by `rotation` = (cos α, sin α) about +Y.
fn environment_local(env: EnvironmentMap, d: vec3f) -> vec3f {
  let c = env.rotation.x;
  let s = env.rotation.y;
  return vec3f(c * d.x - s * d.z, d.y, s * d.x + c * d.z);
}

fn environment_world(env: EnvironmentMap, d: vec3f) -> vec3f {
  let c = env.rotation.x;
  let s = env.rotation.y;
  return vec3f(c * d.x + s * d.z, d.y, -s * d.x + c * d.z);
}

/// (u, v) of a direction in the map's frame.
fn environment_uv(d: vec3f) -> vec2f {
  return vec2f(0.5 + atan2(d.x, -d.z) * INV_TWO_PI, acos(clamp(d.y, -1.0, 1.0)) * INV_PI);
}

/// Direction in the map's frame of (u, v): φ = 2π(u − ½) from −Z toward +X, θ = πv from +Y.
fn environment_direction(uv: vec2f) -> vec3f {
  // (cos φ, sin φ) with φ = 2π(u − ½): unit_circle_turn(u) is (cos 2πu, sin 2πu) = −(cos φ, sin φ).
  let phi = -unit_circle_turn(uv.x);
  let theta = unit_circle(PI * uv.y);
  return vec3f(theta.y * phi.y, theta.x, -theta.y * phi.x);
}

/// Radiance (linear Rec.709) arriving from direction d (world space).
fn environment_radiance(env: EnvironmentMap, d: vec3f) -> vec3f {
  let uv = environment_uv(environment_local(env, d));
  // Texel centres sit at (i + ½)/size; u wraps around, v stops at the poles.
  let p = uv * vec2f(env.size) - 0.5;
  let base = floor(p);
  let f = p - base;
  let w = i32(env.size.x);
  let x0 = u32(((i32(base.x) % w) + w) % w);
  let x1 = (x0 + 1u) % env.size.x;
  let y0 = u32(clamp(i32(base.y), 0, i32(env.size.y) - 1));
  let y1 = u32(clamp(i32(base.y) + 1, 0, i32(env.size.y) - 1));
  let top = mix(environment_texel(x0, y0), environment_texel(x1, y0), f.x);
  let bottom = mix(environment_texel(x0, y1), environment_texel(x1, y1), f.x);
  return max(mix(top, bottom, f.y), vec3f(0.0)) * env.radiance_scale;
}

/// The interval of the cdf in row `row` of the cdf texture (n + 1 values) that u falls in: the last i < n with
/// cdf(i) <= u, which never has zero width.
fn environment_find(row: u32, n: u32, u: f32) -> u32 {
  var lo = 0u;
  var hi = n - 1u;
  while (lo < hi) {
    let mid = (lo + hi + 1u) / 2u;
    if (environment_cdf_at(mid, row) <= u) {
      lo = mid;
    } else {
      hi = mid - 1u;
    }
  }
  return lo;
}

/// Density over (u, v) of cell (i, j): its row's probability × its share of the row, × the cell count.
fn environment_cell_pdf(env: EnvironmentMap, i: u32, j: u32) -> f32 {
  let rows = env.cells.y;
  let row = environment_cdf_at(j + 1u, rows) - environment_cdf_at(j, rows);
  let cell = environment_cdf_at(i + 1u, j) - environment_cdf_at(i, j);
  return row * cell * f32(env.cells.x * rows);
}

/// Per-steradian density of a (u, v) density at a direction whose cos θ is `cos_theta`.
fn environment_solid_angle_pdf(pdf_uv: f32, cos_theta: f32) -> f32 {
  return pdf_div(pdf_uv, 2.0 * PI * PI * sqrt(max(0.0, 1.0 - cos_theta * cos_theta)));
}

fn environment_sample(env: EnvironmentMap, u: vec2f) -> EnvironmentSample {
  let cols = env.cells.x;
  let rows = env.cells.y;
  let uy = min(u.y, ONE_MINUS_EPSILON);
  let ux = min(u.x, ONE_MINUS_EPSILON);
  let j = environment_find(rows, rows, uy);
  let m0 = environment_cdf_at(j, rows);
  let m1 = environment_cdf_at(j + 1u, rows);
  let i = environment_find(j, cols, ux);
  let c0 = environment_cdf_at(i, j);
  let c1 = environment_cdf_at(i + 1u, j);
  // The chosen intervals have width > 0; the offsets inside them stay in [0, 1) against rounding.
  let dv = clamp((uy - m0) / (m1 - m0), 0.0, ONE_MINUS_EPSILON);
  let du = clamp((ux - c0) / (c1 - c0), 0.0, ONE_MINUS_EPSILON);
  let uv = vec2f((f32(i) + du) / f32(cols), (f32(j) + dv) / f32(rows));
  let local = environment_direction(uv);
  let pdf_uv = (m1 - m0) * (c1 - c0) * f32(cols * rows);
  return EnvironmentSample(environment_world(env, local), environment_solid_angle_pdf(pdf_uv, local.y));
}

/// Per-steradian density of environment_sample choosing world direction wi.
fn environment_pdf(env: EnvironmentMap, wi: vec3f) -> f32 {
  let local = environment_local(env, wi);
  let uv = environment_uv(local);
  let i = min(u32(max(uv.x, 0.0) * f32(env.cells.x)), env.cells.x - 1u);
  let j = min(u32(max(uv.y, 0.0) * f32(env.cells.y)), env.cells.y - 1u);
  return environment_solid_angle_pdf(environment_cell_pdf(env, i, j), local.y);
}
