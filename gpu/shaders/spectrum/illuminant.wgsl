// CIE illuminant spectra (gpu/host/spectrum/illuminants.ts packs them): 1-nm tables over 380..780 nm inclusive
// (401 floats each) in one storage array, linearly interpolated. The pipeline's bindings module declares
//   var<storage, read> illuminant_table: array<f32>;
// this module only reads it.
// #import spectrum/wavelengths

const ILLUMINANT_TABLE_LENGTH: u32 = 401u;

// Table at element `offset` evaluated at 4 wavelengths; 0 outside [380, 780] nm.
fn illuminant_eval(offset: u32, lambda: SampledWavelengths) -> SampledSpectrum {
  var out = vec4f(0.0);
  for (var i = 0u; i < 4u; i++) {
    let x = lambda[i] - LAMBDA_MIN;
    if (x >= 0.0 && x <= f32(ILLUMINANT_TABLE_LENGTH - 1u)) {
      let i0 = min(u32(x), ILLUMINANT_TABLE_LENGTH - 2u);
      let f = x - f32(i0);
      out[i] = mix(illuminant_table[offset + i0], illuminant_table[offset + i0 + 1u], f);
    }
  }
  return out;
}
