// Material dispatcher: one switch over Material.kind (kinds from gpu/host/scene/kinds.ts). Diffuse lobes
// (Lambertian, Isotropic) take part in multiple importance sampling; Metal, Dielectric and Dispersive are
// specular (no density); lights emit and never scatter. A thin film multiplies any material's reflectance.
// glTF materials choose one of their lobes per bounce (materials/gltf). Kinds the scene lacks are compiled out
// (generated/scene_features).
// #import generated/scene_kinds
// #import generated/scene_features
// #import generated/scene_records
// #import textures/texture
// #import materials/lambertian
// #import materials/isotropic
// #import materials/metal
// #import materials/dielectric
// #import materials/dispersive
// #import materials/thin_film
// #import lights/cone
// #import materials/lobe
// #import materials/gltf
// #import materials/ggx
// #import sampling/frame
// #import shapes/shading

fn material_is_emitter(kind: u32) -> bool {
  return kind == MATERIAL_DIFFUSE_LIGHT || kind == MATERIAL_CONE_LIGHT;
}

fn material_is_diffuse(kind: u32) -> bool {
  return kind == MATERIAL_LAMBERTIAN || kind == MATERIAL_ISOTROPIC;
}

/// Dispersion and thin-film interference depend on the wavelength: only the hero survives them.
fn material_wavelength_dependent(mat: Material) -> bool {
  return (SCENE_DISPERSIVE && mat.kind == MATERIAL_DISPERSIVE) || (SCENE_THIN_FILM && (mat.flags & MATERIAL_FLAG_THIN_FILM) != 0u);
}

/// Radiance leaving a surface toward the viewer (0 for materials that do not emit); `uv` is the shading UV
/// (surface_shading). Lights are one-sided: only the front face (the side the geometric normal points to)
/// emits, a ConeLight only within `spread` of the normal (cos_out = cosine between the outgoing direction and
/// the normal). glTF emission is two-sided (materials/gltf).
fn material_emission(mat: Material, front: bool, cos_out: f32, p: vec3f, uv: vec2f, lambda: SampledWavelengths) -> SampledSpectrum {
  if (SCENE_GLTF && mat.kind == MATERIAL_GLTF) {
    return gltf_emission(mat, uv, lambda);
  }
  if (!material_is_emitter(mat.kind) || !front || (SCENE_CONE_LIGHT && mat.kind == MATERIAL_CONE_LIGHT && !cone_light_emits(cos_out, mat.params.x))) {
    return SampledSpectrum(0.0);
  }
  return texture_eval(mat.texture, p, uv, lambda, true);
}

/// The throughput factor of a scattering event before the lobe: the albedo (or glass colour) times the
/// thin-film factor. d is the incoming direction, n the normal facing it.
fn material_reflectance(mat: Material, d: vec3f, n: vec3f, p: vec3f, uv: vec2f, lambda: SampledWavelengths) -> SampledSpectrum {
  var r = texture_eval(mat.texture, p, uv, lambda, false);
  if (SCENE_THIN_FILM && (mat.flags & MATERIAL_FLAG_THIN_FILM) != 0u) {
    r *= thin_film_factor(dot(-normalize(d), n), mat.film.x, mat.film.y, lambda);
  }
  return r;
}

/// f·cos of a diffuse lobe for unit albedo (the phase function for Isotropic; n is unused there).
fn diffuse_eval(kind: u32, n: vec3f, wi: vec3f) -> f32 {
  if (SCENE_ISOTROPIC_LOBE && kind == MATERIAL_ISOTROPIC) {
    return isotropic_eval(SampledSpectrum(1.0)).x;
  }
  return lambertian_eval(SampledSpectrum(1.0), n, wi).x;
}

fn diffuse_pdf(kind: u32, n: vec3f, wi: vec3f) -> f32 {
  if (SCENE_ISOTROPIC_LOBE && kind == MATERIAL_ISOTROPIC) {
    return isotropic_pdf();
  }
  return lambertian_pdf(n, wi);
}

fn diffuse_sample(kind: u32, n: vec3f, u: vec2f) -> vec3f {
  if (SCENE_ISOTROPIC_LOBE && kind == MATERIAL_ISOTROPIC) {
    return isotropic_sample(u);
  }
  return lambertian_sample(n, u);
}

/// Scattered direction of a specular material; `hero` is the hero wavelength (dispersion).
fn specular_sample(mat: Material, d: vec3f, n: vec3f, front: bool, hero: f32, u1: f32, u2: vec2f) -> vec3f {
  if (SCENE_METAL && mat.kind == MATERIAL_METAL) {
    return metal_scatter(d, n, mat.params.x, u2);
  }
  if (SCENE_DISPERSIVE && mat.kind == MATERIAL_DISPERSIVE) {
    return dispersive_scatter(d, n, front, mat.params.x, mat.params.y, hero, u1).wi;
  }
  if (SCENE_DIELECTRIC) {
    return dielectric_scatter(d, n, dielectric_eta(mat.params.x, front), u1).wi;
  }
  return reflect(d, n);
}

/// The lobe the material scatters by at this bounce: the shading data (smooth normal, UV) replaces the geometric
/// normal and the shape's UV where a mesh has them. `n` is the facing geometric normal; uc = sample block c.
fn material_lobe(mat: Material, shade: SurfaceShading, d: vec3f, n: vec3f, front: bool, p: vec3f, lambda: SampledWavelengths, uc: vec4f) -> MaterialLobe {
  if (SCENE_GLTF && mat.kind == MATERIAL_GLTF) {
    return gltf_lobe(mat, shade, d, n, front, lambda, uc);
  }
  let reflectance = material_reflectance(mat, d, shade.n, p, shade.uv, lambda);
  if (!SCENE_SPECULAR || material_is_diffuse(mat.kind)) {
    return MaterialLobe(mat.kind, shade.n, reflectance, vec3f(0.0), 0.0);
  }
  return MaterialLobe(LOBE_SPECULAR, shade.n, reflectance, specular_sample(mat, d, shade.n, front, lambda.x, uc.x, uc.yz), 0.0);
}

/// f·cos of a lobe with a density, for unit reflectance (the reflectance is already in the path throughput).
fn lobe_eval(lobe: MaterialLobe, wi: vec3f) -> f32 {
  if (SCENE_GLTF && lobe.kind == LOBE_GGX) {
    return ggx_eval(lobe.n, lobe.wi, wi, lobe.alpha);
  }
  return diffuse_eval(lobe.kind, lobe.n, wi);
}

fn lobe_pdf(lobe: MaterialLobe, wi: vec3f) -> f32 {
  if (SCENE_GLTF && lobe.kind == LOBE_GGX) {
    return ggx_pdf(lobe.n, lobe.wi, wi, lobe.alpha);
  }
  return diffuse_pdf(lobe.kind, lobe.n, wi);
}

fn lobe_sample(lobe: MaterialLobe, u: vec2f) -> vec3f {
  if (SCENE_GLTF && lobe.kind == LOBE_GGX) {
    let frame = frame_from_normal(lobe.n);
    return frame_to_world(frame, ggx_sample(frame_to_local(frame, lobe.wi), lobe.alpha, u).wi);
  }
  return diffuse_sample(lobe.kind, lobe.n, u);
}
