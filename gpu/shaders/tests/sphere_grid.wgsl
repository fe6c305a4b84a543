// Test helper: the (cos θ, φ) grid over the sphere used by the chi-square tests (gpu/host/testing/
// direction-tests.ts bins samples the same way). Cells are equal in solid angle; cell = i_cos · n_phi + i_phi.
// The importing test kernel declares `fn grid_pdf(wi: vec3f) -> f32`.
// #import math/constants
// #import tests/io
// #import sampling/warp

/// Midpoint of sub-cell (j, k) of a sub × sub split of the cell.
fn sphere_grid_direction(cell: u32, j: u32, k: u32, n_cos: u32, n_phi: u32, sub: u32) -> vec3f {
  let ic = f32(cell / n_phi);
  let ip = f32(cell % n_phi);
  let z = -1.0 + (ic + (f32(j) + 0.5) / f32(sub)) * (2.0 / f32(n_cos));
  let turn = (ip + (f32(k) + 0.5) / f32(sub)) / f32(n_phi);
  let r = sqrt(max(0.0, 1.0 - z * z));
  // The warps' (cos, sin) of the turn: within WGSL's sin/cos bound on any adapter, unit length by construction.
  return vec3f(r * unit_circle_turn(turn), z);
}

fn sphere_grid_cell_solid_angle(n_cos: u32, n_phi: u32) -> f32 {
  return (2.0 / f32(n_cos)) * (TWO_PI / f32(n_phi));
}

/// Integral of grid_pdf over each cell (cfg[3] × cfg[4] cells, cfg[5]² midpoint sub-samples per cell).
@compute @workgroup_size(64)
fn pdf_bins(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[3] * cfg[4]) { return; }
  var sum = 0.0;
  for (var j = 0u; j < cfg[5]; j++) {
    for (var k = 0u; k < cfg[5]; k++) {
      sum += grid_pdf(sphere_grid_direction(id.x, j, k, cfg[3], cfg[4], cfg[5]));
    }
  }
  output[id.x] = sum / f32(cfg[5] * cfg[5]) * sphere_grid_cell_solid_angle(cfg[3], cfg[4]);
}
