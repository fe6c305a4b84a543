// Fuzzy mirror of "Ray Tracing in One Weekend" (Shirley, "Fuzzy Reflection"): the mirror direction plus a point
// on a sphere of radius fuzz, renormalised. A specular lobe: it has no density, the throughput is the albedo.
// fuzz is clamped to [0, 1] (project decision 11). With fuzz = 1 the direction is cosine-distributed about the
// mirror direction; with fuzz < 1 it fills the cone sin α <= fuzz.
// Directions that end up below the surface are kept, as the reference keeps them (no absorption): the next
// ray leaves through the surface, and the reference images are made that way.
// #import sampling/warp

fn metal_fuzz(fuzz: f32) -> f32 {
  return clamp(fuzz, 0.0, 1.0);
}

/// Scattered unit direction for incoming direction d (any length) at unit normal n (facing against d).
fn metal_scatter(d: vec3f, n: vec3f, fuzz: f32, u: vec2f) -> vec3f {
  let r = reflect(normalize(d), n);
  let v = r + metal_fuzz(fuzz) * sample_uniform_sphere(u);
  let len2 = dot(v, v);
  // The sphere point cancelled the mirror direction (a measure-zero event at fuzz 1): keep the mirror.
  if (len2 < 1e-12) {
    return r;
  }
  return v * inverseSqrt(len2);
}
