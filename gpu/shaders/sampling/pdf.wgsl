// Guarded density arithmetic (project decision 6: no NaN or infinity ever reaches the image).
// A density that would be infinite or undefined (zero area, grazing angle, coincident points) is reported as 0,
// which every caller reads as "this sample carries no usable density" and drops.
// #import math/constants

/// Largest density a sampling routine reports; a larger ratio means a degenerate configuration.
const PDF_MAX: f32 = 1e30;

/// num / den for densities: 0 when den <= 0, when either input is NaN or infinite, or when the ratio would
/// exceed PDF_MAX. The result is always finite and >= 0.
fn pdf_div(num: f32, den: f32) -> f32 {
  if (!(den > 0.0) || !(den <= F32_MAX) || !(num >= 0.0) || !(num <= F32_MAX) || num > den * PDF_MAX) {
    return 0.0;
  }
  return num / den;
}
