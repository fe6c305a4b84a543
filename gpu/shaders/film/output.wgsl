// Film output conversion (spec §2.2, decision 8): XYZ (white E) → Bradford E→D65 → linear sRGB → sRGB curve
// → 8 bit. Host twin for readback and PNG: gpu/host/film/srgb8.ts.
// #import generated/color_matrices

fn xyz_e_to_linear_srgb(xyz: vec3f) -> vec3f {
  return XYZ_E_TO_LINEAR_SRGB * xyz;
}

// sRGB transfer curve (IEC 61966-2-1), unclamped above 1; negatives → 0.
fn srgb_encode(c: vec3f) -> vec3f {
  let x = max(c, vec3f(0.0));
  return select(1.055 * pow(x, vec3f(1.0 / 2.4)) - 0.055, 12.92 * x, x <= vec3f(0.0031308));
}

// XYZ_E scaled by `exposure` → 8-bit sRGB: ×255, capped at 255, rounded half to even (WGSL round).
fn to_srgb8(xyz: vec3f, exposure: f32) -> vec3u {
  let encoded = srgb_encode(xyz_e_to_linear_srgb(xyz * exposure));
  return vec3u(round(clamp(encoded * 255.0, vec3f(0.0), vec3f(255.0))));
}
