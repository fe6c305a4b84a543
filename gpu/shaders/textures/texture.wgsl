// Texture dispatcher: evaluates a texture's spectrum at the 4 path wavelengths (kinds the scene lacks compiled out:
// generated/scene_features). Illuminant tables are used
// as stored for emission and clamped to [0, 1] when used as a reflectance (as the reference does).
// #import generated/scene_kinds
// #import generated/scene_features
// #import generated/scene_records
// #import spectrum/sigmoid
// #import spectrum/illuminant
// #import textures/checker
// #import textures/image

/// Linear RGBA of an image texture: the factor times the filtered texel (the factor alone without an image).
fn texture_rgba(index: u32, uv: vec2f) -> vec4f {
  let tex = textures[index];
  let rect = vec4u(tex.params);
  if (rect.z == 0u) {
    return tex.even;
  }
  return tex.even * image_sample(rect, uv, (tex.flags & TEXTURE_FLAG_SRGB) != 0u);
}

fn texture_eval(index: u32, p: vec3f, uv: vec2f, lambda: vec4f, emission: bool) -> vec4f {
  let tex = textures[index];
  if (SCENE_IMAGE && tex.kind == TEXTURE_IMAGE) {
    return rgb_spectrum(texture_rgba(index, uv).rgb, lambda, !emission);
  }
  if (SCENE_ILLUMINANT && tex.kind == TEXTURE_ILLUMINANT) {
    let value = illuminant_eval(tex.table_offset, lambda) * tex.params.y;
    return select(clamp(value, vec4f(0.0), vec4f(1.0)), value, emission);
  }
  // Solid colours and checkers: one sigmoid spectrum, the checkers choosing between two.
  var odd = false;
  if (SCENE_SPATIAL_CHECKER && tex.kind == TEXTURE_SPATIAL_CHECKER) {
    odd = spatial_checker_is_odd(p, tex.params.x);
  }
  if (SCENE_SURFACE_CHECKER && tex.kind == TEXTURE_SURFACE_CHECKER) {
    odd = surface_checker_is_odd(uv, tex.params.x);
  }
  return sigmoid_spectrum_eval(select(tex.even, tex.odd, odd), lambda);
}
