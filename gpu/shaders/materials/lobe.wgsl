// The lobe a material scatters by at one bounce (materials/material: material_lobe). Lobes with a density
// (Lambertian, isotropic, GGX) take part in next-event estimation and MIS; specular ones come with their sampled
// direction.
// #import generated/scene_kinds

/// MaterialLobe.kind of a specular lobe (no density: the direction is in `wi`).
const LOBE_SPECULAR: u32 = 0xffffffffu;
/// MaterialLobe.kind of a GGX reflection lobe (materials/ggx) with roughness `alpha` seen from `wo`.
const LOBE_GGX: u32 = 0xfffffffeu;

struct MaterialLobe {
  /// MATERIAL_LAMBERTIAN or MATERIAL_ISOTROPIC (diffuse), LOBE_GGX, or LOBE_SPECULAR.
  kind: u32,
  /// Shading normal, on the side the ray came from.
  n: vec3f,
  /// Throughput factor of the event (albedo; for specular lobes the whole weight).
  reflectance: vec4f,
  /// Specular lobes: the scattered direction. GGX: the unit direction toward the viewer.
  wi: vec3f,
  /// GGX roughness (0 for other lobes).
  alpha: f32,
}

/// The phase-function lobe of a medium vertex.
const MEDIUM_LOBE = MaterialLobe(MATERIAL_ISOTROPIC, vec3f(0.0), vec4f(1.0), vec3f(0.0), 0.0);
