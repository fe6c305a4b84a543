// Image textures: rectangles of one rgba8unorm atlas (WebGPU has no bindless textures), filtered here texel by
// texel with textureLoad: bilinear between the 4 texels around the point, each coordinate wrapped inside its own
// rectangle (REPEAT), so neighbours in the atlas never bleed in. sRGB-encoded texels are decoded before
// filtering (colour textures); data textures are used as stored. The pipeline's bindings declare
//   var texture_atlas: texture_2d<f32>;
// this module only reads it. RGB → spectrum for texels: the fixed basis of generated/rgb_basis.
// #import generated/rgb_basis
// #import spectrum/sigmoid

fn srgb_decode(c: vec3f) -> vec3f {
  return select(pow((c + 0.055) / 1.055, vec3f(2.4)), c / 12.92, c <= vec3f(0.04045));
}

/// Texel (x, y) of the rectangle, both wrapped into it.
fn image_texel(rect: vec4u, x: i32, y: i32, srgb: bool) -> vec4f {
  let size = vec2i(rect.zw);
  let wrapped = ((vec2i(x, y) % size) + size) % size;
  let t = textureLoad(texture_atlas, vec2i(rect.xy) + wrapped, 0);
  return select(t, vec4f(srgb_decode(t.rgb), t.a), srgb);
}

/// Bilinear sample at uv (REPEAT; v = 0 is the image's top row, as in glTF).
fn image_sample(rect: vec4u, uv: vec2f, srgb: bool) -> vec4f {
  // fract keeps the texel arithmetic in a small range whatever the uv; texel centres sit at (i + ½)/size.
  let p = fract(uv) * vec2f(rect.zw) - 0.5;
  let base = floor(p);
  let f = p - base;
  let x = i32(base.x);
  let y = i32(base.y);
  let top = mix(image_texel(rect, x, y, srgb), image_texel(rect, x + 1, y, srgb), f.x);
  let bottom = mix(image_texel(rect, x, y + 1, srgb), image_texel(rect, x + 1, y + 1, srgb), f.x);
  return mix(top, bottom, f.y);
}

/// Linear RGB → spectrum at 4 wavelengths (gpu/host/texture/rgb-basis.ts): ≥ 0, and ≤ 1 for a reflectance.
fn rgb_spectrum(rgb: vec3f, lambda: vec4f, reflectance: bool) -> vec4f {
  let r = sigmoid_spectrum_eval(RGB_BASIS_R, lambda);
  let g = sigmoid_spectrum_eval(RGB_BASIS_G, lambda);
  let b = sigmoid_spectrum_eval(RGB_BASIS_B, lambda);
  let w = RGB_BASIS_MATRIX * rgb;
  let s = max((w.x * r + w.y * g + w.z * b) / max(r + g + b, vec4f(1e-30)), vec4f(0.0));
  return select(s, min(s, vec4f(1.0)), reflectance);
}
