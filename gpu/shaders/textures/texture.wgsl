// Texture dispatcher: evaluates a texture's spectrum at the 4 path wavelengths. Illuminant tables are used
// as stored for emission and clamped to [0, 1] when used as a reflectance (as the reference does).
// #import generated/scene_kinds
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
  switch tex.kind {
    case TEXTURE_SOLID: {
      return sigmoid_spectrum_eval(tex.even, lambda);
    }
    case TEXTURE_SPATIAL_CHECKER: {
      return sigmoid_spectrum_eval(select(tex.even, tex.odd, spatial_checker_is_odd(p, tex.params.x)), lambda);
    }
    case TEXTURE_SURFACE_CHECKER: {
      return sigmoid_spectrum_eval(select(tex.even, tex.odd, surface_checker_is_odd(uv, tex.params.x)), lambda);
    }
    case TEXTURE_IMAGE: {
      return rgb_spectrum(texture_rgba(index, uv).rgb, lambda, !emission);
    }
    default: {
      let value = illuminant_eval(tex.table_offset, lambda) * tex.params.y;
      return select(clamp(value, vec4f(0.0), vec4f(1.0)), value, emission);
    }
  }
}
