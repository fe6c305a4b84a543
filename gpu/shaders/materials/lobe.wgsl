// The lobe a material scatters by at one bounce (materials/material: material_lobe). Diffuse lobes take part in
// next-event estimation and MIS; specular ones come with their sampled direction.

/// MaterialLobe.kind of a specular lobe (any other value is the diffuse material kind to evaluate).
const LOBE_SPECULAR: u32 = 0xffffffffu;

struct MaterialLobe {
  /// MATERIAL_LAMBERTIAN or MATERIAL_ISOTROPIC (diffuse), or LOBE_SPECULAR.
  kind: u32,
  /// Shading normal, on the side the ray came from.
  n: vec3f,
  /// Throughput factor of the event (albedo; for specular lobes the whole weight).
  reflectance: vec4f,
  /// Radiance the surface itself emits toward the ray (glTF emissive; 0 for other materials).
  emission: vec4f,
  /// Specular lobes: the scattered direction.
  wi: vec3f,
}
