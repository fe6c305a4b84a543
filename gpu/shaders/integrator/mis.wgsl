// Multiple importance sampling weights (Veach & Guibas 1995, "Optimally Combining Sampling Techniques for
// Monte Carlo Rendering"; pbrt-v4 §2.2.3): the power heuristic with β = 2.
// #import math/constants

/// Weight of technique f (nf samples, density f_pdf) against g: (nf f)² / ((nf f)² + (ng g)²).
/// Always finite in [0, 1]: 0 when f's density is 0 (or not a number), 1 when g's is 0; infinite densities
/// are clamped, and the ratio is formed before squaring so large densities cannot overflow.
fn power_heuristic(nf: f32, f_pdf: f32, ng: f32, g_pdf: f32) -> f32 {
  let f = min(nf * f_pdf, F32_MAX);
  let g = min(ng * g_pdf, F32_MAX);
  if (!(f > 0.0)) {
    return 0.0;
  }
  if (!(g > 0.0)) {
    return 1.0;
  }
  if (f >= g) {
    let r = g / f;
    return 1.0 / (1.0 + r * r);
  }
  let r = f / g;
  let r2 = r * r;
  return r2 / (1.0 + r2);
}
