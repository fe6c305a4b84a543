// Test kernel for integrator/mis: power_heuristic on rows (nf, f_pdf, ng, g_pdf), one weight per row.
// #import integrator/mis
// #import tests/io

// cfg: [n].
@compute @workgroup_size(64)
fn power_heuristic_cases(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= cfg[0]) { return; }
  let i = id.x * 4u;
  output[id.x] = power_heuristic(par[i], par[i + 1u], par[i + 2u], par[i + 3u]);
}
