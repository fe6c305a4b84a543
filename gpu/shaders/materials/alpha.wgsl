// Alpha coverage of glTF surfaces (alphaMode MASK and BLEND). MASK is solid where the base colour's alpha reaches
// the cutoff (Material.film.z); BLEND is solid with probability alpha (stochastic transparency: a ray passes
// through with probability 1 − alpha, so the expected radiance is the alpha blend, without sorting). The BVH
// traversal asks material_alpha_passes before it accepts a hit on a flagged triangle (Primitive.flags &
// PRIMITIVE_FLAG_ALPHA); next-event estimation weighs a sampled point's emission by its expected coverage, which
// is what a continuation ray finds there on average.
// #import generated/primitive
// #import generated/scene_kinds
// #import generated/scene_records
// #import math/rng
// #import shapes/shape
// #import shapes/shading
// #import textures/texture

/// Expected coverage at shading uv `uv`: 0 or 1 for MASK, alpha for BLEND.
fn material_coverage(prim: Primitive, uv: vec2f) -> f32 {
  let mat = materials[prim.material];
  let alpha = texture_rgba(mat.texture, uv).a;
  if ((mat.flags & MATERIAL_FLAG_ALPHA_BLEND) != 0u) {
    return clamp(alpha, 0.0, 1.0);
  }
  return select(0.0, 1.0, alpha >= mat.film.z);
}

/// Whether the hit at t on primitive `index` is solid: with probability equal to its coverage. The random number
/// hashes the ray and the primitive, so it is independent of the path's own samples and a render stays
/// deterministic; MASK coverage (0 or 1) decides alone.
fn material_alpha_passes(prim: Primitive, index: u32, ray: Ray, t: f32) -> bool {
  let surface = primitive_surface(prim, ray, t);
  let coverage = material_coverage(prim, surface_shading(prim, surface, surface.n).uv);
  let h = pcg_hash(index ^ pcg_hash(bitcast<u32>(ray.origin.x) ^ pcg_hash(bitcast<u32>(ray.origin.y) ^ pcg_hash(
    bitcast<u32>(ray.origin.z) ^ pcg_hash(bitcast<u32>(ray.direction.x) ^ pcg_hash(bitcast<u32>(ray.direction.y)))))));
  return coverage > f32(h >> 8u) * (1.0 / 16777216.0);
}
