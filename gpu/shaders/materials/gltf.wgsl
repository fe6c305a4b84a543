// glTF 2.0 metallic-roughness material (glTF spec appendix B) as a stochastic choice of one lobe per bounce:
// with probability `metallic` a GGX metal whose Fresnel is Schlick's with f0 = base colour; otherwise a
// dielectric coat (f0 = 0.04, ior 1.5) chosen with probability F(cos θo) — a white GGX reflection — or else the
// diffuse base (Lambertian, base colour × occlusion). Fresnel is taken at the shading normal (cos θo), not per
// microfacet, so that each lobe is a fixed weight times a density the integrator samples, evaluates for
// next-event estimation and weighs by MIS. Each lobe's weight is ≤ 1 at every wavelength and the choices
// partition the unit interval, so the material never gains energy (the furnace test checks it). Factors
// are linear and multiply the texels (project decision 13); textures are sampled at the mesh uvs. The normal map
// perturbs the shading normal in the tangent frame (the compiler derives per-face tangents from the UVs when the
// file has none). Emission (emissive texture × all three factors, gltf_emission) is scored by the integrator
// through material_emission, like any emitter's: emissive glTF triangles are in the light set.
// #import generated/scene_kinds
// #import generated/scene_records
// #import textures/texture
// #import shapes/shading
// #import sampling/frame
// #import materials/ggx

/// Reflectance at normal incidence of the dielectric part (ior 1.5).
const GLTF_DIELECTRIC_F0: f32 = 0.04;
/// Roughness below this is treated as this (a perfect mirror has no GGX sample).
const GLTF_MIN_ALPHA: f32 = 1e-3;

/// Shading normal after the normal map; `n` is the (possibly smooth) normal facing the incoming ray, `front`
/// whether the ray hit the front side, `geometric` the facing geometric normal.
fn gltf_normal(mat: Material, shade: SurfaceShading, front: bool, geometric: vec3f) -> vec3f {
  if (mat.maps.y == NO_TEXTURE || shade.tangent.w == 0.0) {
    return shade.n;
  }
  // The tangent frame belongs to the front side: map there, then turn the result toward the ray again.
  let nf = select(-shade.n, shade.n, front);
  let t = normalize(shade.tangent.xyz - nf * dot(nf, shade.tangent.xyz));
  let b = cross(nf, t) * shade.tangent.w;
  var m = texture_rgba(mat.maps.y, shade.uv).xyz * 2.0 - 1.0;
  m = vec3f(m.xy * mat.film.x, m.z);
  let mapped = normalize(t * m.x + b * m.y + nf * m.z);
  let facing = select(-mapped, mapped, front);
  // A mapped normal facing away from the geometry (extreme maps or grazing hits) is not usable.
  return select(shade.n, facing, dot(facing, geometric) > 0.0 && all(mapped == mapped));
}

/// Radiance emitted at uv: the emissive texture times its factors, the same from either face (the loader does not
/// read doubleSided; every glTF surface is two-sided).
fn gltf_emission(mat: Material, uv: vec2f, lambda: vec4f) -> vec4f {
  return rgb_spectrum(max(texture_rgba(mat.maps.w, uv).rgb, vec3f(0.0)), lambda, false);
}

/// One lobe of the material for this bounce (uc.x chooses it).
fn gltf_lobe(mat: Material, shade: SurfaceShading, d: vec3f, geometric: vec3f, front: bool, lambda: vec4f, uc: vec4f) -> MaterialLobe {
  let base = texture_rgba(mat.texture, shade.uv).rgb;
  let mr = texture_rgba(mat.maps.x, shade.uv);
  let roughness = clamp(mr.g, 0.0, 1.0);
  let metallic = clamp(mr.b, 0.0, 1.0);
  let n = gltf_normal(mat, shade, front, geometric);
  let frame = frame_from_normal(n);
  let wo = frame_to_local(frame, -normalize(d));
  if (wo.z <= 0.0) {
    // Seen from below its shading normal (interpolation at a silhouette): absorbed.
    return MaterialLobe(LOBE_SPECULAR, n, vec4f(0.0), n, 0.0);
  }
  let alpha = max(roughness * roughness, GLTF_MIN_ALPHA);
  let view = -normalize(d);
  var u = uc.x;
  if (u < metallic) {
    let f = schlick_fresnel(clamp(base, vec3f(0.0), vec3f(1.0)), wo.z);
    return MaterialLobe(LOBE_GGX, n, rgb_spectrum(f, lambda, true), view, alpha);
  }
  u = (u - metallic) / max(1.0 - metallic, 1e-6);
  if (u < schlick_fresnel(vec3f(GLTF_DIELECTRIC_F0), wo.z).x) {
    return MaterialLobe(LOBE_GGX, n, vec4f(1.0), view, alpha);
  }
  var occlusion = 1.0;
  if (mat.maps.z != NO_TEXTURE) {
    occlusion = 1.0 + mat.film.y * (clamp(texture_rgba(mat.maps.z, shade.uv).r, 0.0, 1.0) - 1.0);
  }
  let albedo = rgb_spectrum(clamp(base, vec3f(0.0), vec3f(1.0)) * occlusion, lambda, true);
  return MaterialLobe(MATERIAL_LAMBERTIAN, n, albedo, vec3f(0.0), 0.0);
}
