// Arbitrary output variables (AOVs) of the first surface a camera ray hits, for compositors and denoisers
// (host: gpu/host/render/aov.ts; kernel: integrator/aov): its albedo as linear Rec.709 RGB in [0, 1], its
// world-space shading normal turned toward the ray, and the distance along the ray. Media are looked through
// (only surfaces count); alpha-tested cut-outs are skipped by the BVH query as in the path tracer.
// Albedo is the material's own colour, whatever the lighting: a diffuse or specular surface's reflectance (with
// its thin film), a glTF surface's base colour × factor, a light's emission clamped to [0, 1].
// #import generated/scene_kinds
// #import generated/scene_features
// #import generated/color_matrices
// #import spectrum/cmf
// #import spectrum/wavelengths
// #import textures/texture
// #import materials/material
// #import shapes/shading
// #import bvh/bvh

struct AovSample {
  /// Linear Rec.709 RGB in [0, 1]; 0 for a miss.
  albedo: vec3f,
  /// Unit shading normal facing the ray; 0 for a miss.
  normal: vec3f,
}

const AOV_MISS = AovSample(vec3f(0.0), vec3f(0.0));

/// Steps of 4 wavelengths (λ, λ + 100, λ + 200, λ + 300) covering the 1-nm quadrature 380, 381, …, 779 nm.
const AOV_QUADRATURE_STEPS: u32 = 100u;

/// Linear Rec.709 RGB of what the material reflects (lights: emits) toward the ray at a hit, clamped to [0, 1];
/// d is the ray's direction, n the shading normal facing it, cos_out as material_emission takes it.
/// A spectrum's colour is taken over the 1-nm quadrature, each channel normalised by its CMF's sum
/// (spectrumToXyzE in gpu/host/spectrum/cmf.ts, which the host's RGB → spectrum fit inverts): a flat 1 gives
/// exactly XYZ_E (1, 1, 1), i.e. white, and a fitted colour comes back as the scene gave it.
fn aov_spectrum_rgb(mat: Material, d: vec3f, n: vec3f, front: bool, cos_out: f32, p: vec3f, uv: vec2f) -> vec3f {
  let emitter = material_is_emitter(mat.kind);
  var xyz = vec3f(0.0);
  var cmf_sum = vec3f(0.0);
  for (var i = 0u; i < AOV_QUADRATURE_STEPS; i++) {
    let lambda = vec4f(LAMBDA_MIN + f32(i)) + vec4f(0.0, 100.0, 200.0, 300.0);
    var s: vec4f;
    if (emitter) {
      s = material_emission(mat, front, cos_out, p, uv, lambda);
    } else {
      s = material_reflectance(mat, d, n, p, uv, lambda);
    }
    let x = cmf_x4(lambda);
    let y = cmf_y4(lambda);
    let z = cmf_z4(lambda);
    xyz += vec3f(dot(x, s), dot(y, s), dot(z, s));
    cmf_sum += vec3f(dot(x, vec4f(1.0)), dot(y, vec4f(1.0)), dot(z, vec4f(1.0)));
  }
  return clamp(XYZ_E_TO_LINEAR_SRGB * (xyz / cmf_sum), vec3f(0.0), vec3f(1.0));
}

/// Albedo and normal seen along `ray` (unit direction).
fn aov_sample(ray: Ray) -> AovSample {
  let hit = bvh_closest_hit(ray, T_MIN, F32_MAX);
  if (hit.prim == BVH_NO_HIT) {
    return AOV_MISS;
  }
  let prim = primitive_at(hit.prim);
  let surface = primitive_surface(prim, ray, hit.t);
  let mat = materials[prim.material];
  let front = surface_front_face(surface, ray.direction);
  let geometric = select(-surface.n, surface.n, front);
  let shade = surface_shading(prim, surface, geometric);
  if (SCENE_GLTF && mat.kind == MATERIAL_GLTF) {
    let base = clamp(texture_rgba(mat.texture, shade.uv).rgb, vec3f(0.0), vec3f(1.0));
    return AovSample(base, gltf_normal(mat, shade, front, geometric));
  }
  let cos_out = -dot(ray.direction, surface.n);
  return AovSample(aov_spectrum_rgb(mat, ray.direction, shade.n, front, cos_out, surface.p, shade.uv), shade.n);
}

/// Distance along `ray` (unit direction) to the first surface; `miss` when there is none.
fn aov_depth(ray: Ray, miss: f32) -> f32 {
  let hit = bvh_closest_hit(ray, T_MIN, F32_MAX);
  return select(hit.t, miss, hit.prim == BVH_NO_HIT);
}
