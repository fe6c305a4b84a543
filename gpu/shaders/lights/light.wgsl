// The priority set as seen by the integrator: lights[0, emitter_count) are priority emitters sampled by
// next-event estimation (chosen by their cdf); the next guide_count entries are priority non-emitters (glass,
// say) that only guide bounce directions, as in the reference's mixture pdf. Shapes dispatch to lights/*.
// #import generated/primitive
// #import generated/scene_features
// #import shapes/shape
// #import shapes/moving_sphere
// #import lights/sphere_light
// #import lights/quad_light
// #import lights/triangle_light

/// Index of the emitter whose cdf interval contains u (binary search).
fn emitter_select(u: f32) -> u32 {
  var lo = 0u;
  var hi = control.emitter_count - 1u;
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (u < lights[mid].cdf) {
      hi = mid;
    } else {
      lo = mid + 1u;
    }
  }
  return lo;
}

/// A direction from `p` toward a point of `prim`, with its solid-angle pdf.
fn primitive_light_sample(prim: Primitive, p: vec3f, u: vec2f, time: f32) -> LightSample {
  if (SCENE_QUAD && prim.kind == PRIMITIVE_QUAD) {
    return quad_light_sample(prim.a.xyz, prim.b.xyz, prim.c.xyz, p, u);
  }
  if (SCENE_SPHERE && prim.kind == PRIMITIVE_SPHERE) {
    return sphere_light_sample(prim.a.xyz, prim.a.w, p, u);
  }
  if (SCENE_MOVING_SPHERE && prim.kind == PRIMITIVE_MOVING_SPHERE) {
    return sphere_light_sample(moving_sphere_center(prim, time), prim.a.w, p, u);
  }
  return triangle_light_sample(prim.a.xyz, prim.b.xyz, prim.c.xyz, p, u);
}

/// Solid-angle pdf of primitive_light_sample choosing direction `wi` from `p` (0 when wi misses the shape).
fn primitive_light_pdf(prim: Primitive, p: vec3f, wi: vec3f, time: f32) -> f32 {
  let ray = Ray(p, time, wi);
  let t = primitive_intersect(prim, ray, 0.0, F32_MAX);
  if (t < 0.0) {
    return 0.0;
  }
  if (SCENE_QUAD && prim.kind == PRIMITIVE_QUAD) {
    return quad_light_pdf(prim.a.xyz, prim.b.xyz, prim.c.xyz, p, wi);
  }
  if (SCENE_SPHERE && prim.kind == PRIMITIVE_SPHERE) {
    return sphere_light_pdf(prim.a.xyz, prim.a.w, p, wi);
  }
  if (SCENE_MOVING_SPHERE && prim.kind == PRIMITIVE_MOVING_SPHERE) {
    return sphere_light_pdf(moving_sphere_center(prim, time), prim.a.w, p, wi);
  }
  return triangle_light_pdf(prim.a.xyz, prim.b.xyz, prim.c.xyz, p, wi);
}

/// Mixture pdf of the guide strategy: uniform choice of a guide, then its shape's solid-angle pdf.
fn guide_pdf(p: vec3f, wi: vec3f, time: f32) -> f32 {
  var sum = 0.0;
  for (var i = 0u; i < control.guide_count; i++) {
    sum += primitive_light_pdf(primitive_at(lights[control.emitter_count + i].prim), p, wi, time);
  }
  return sum / f32(max(control.guide_count, 1u));
}

fn guide_sample(p: vec3f, u_select: f32, u: vec2f, time: f32) -> vec3f {
  let i = min(u32(u_select * f32(control.guide_count)), control.guide_count - 1u);
  return primitive_light_sample(primitive_at(lights[control.emitter_count + i].prim), p, u, time).wi;
}
