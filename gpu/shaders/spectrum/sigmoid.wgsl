// Spectra of RGB/XYZ colours by the sigmoid-polynomial of Jakob & Hanika 2019 ("A Low-Dimensional Function
// Space for Efficient Spectral Upsampling"). Coefficients are fitted on the host (gpu/host/spectrum/sigmoid.ts,
// same formula): s(λ) = scale · S(c0·t² + c1·t + c2), t = (λ − 380)/400, S(x) = ½ + x / (2√(1 + x²)).
// #import spectrum/wavelengths

// Keeps x² finite in f32 (the host clamps the same way).
const SIGMOID_X_MAX: f32 = 1e6;

fn sigmoid4(x: vec4f) -> vec4f {
  let c = clamp(x, vec4f(-SIGMOID_X_MAX), vec4f(SIGMOID_X_MAX));
  return 0.5 + 0.5 * c * inverseSqrt(1.0 + c * c);
}

// coeffs = (c0, c1, c2, scale) as packed by the scene compiler.
fn sigmoid_spectrum_eval(coeffs: vec4f, lambda: SampledWavelengths) -> SampledSpectrum {
  let t = (lambda - LAMBDA_MIN) / LAMBDA_RANGE;
  return coeffs.w * sigmoid4((coeffs.x * t + coeffs.y) * t + coeffs.z);
}
