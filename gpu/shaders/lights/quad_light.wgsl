// Sampling a parallelogram light (q, q + edge_u, q + edge_v, q + edge_u + edge_v) uniformly by area and
// converting to solid angle (pbrt-v4 §6.5.4 / §12.2; Shirley, "Ray Tracing: The Rest of Your Life").
// p_ω = dist² / (|cos θ_light| · area): both faces are sampled; emission decides which face gives light.
// #import sampling/pdf
// #import lights/light_sample
// #import lights/planar

fn quad_light_sample(q: vec3f, edge_u: vec3f, edge_v: vec3f, origin: vec3f, u: vec2f) -> LightSample {
  let nv = cross(edge_u, edge_v);
  let area = length(nv);
  if (!(area > 0.0)) {
    return light_sample_none(vec3f(0.0, 0.0, 1.0), vec3f(0.0, 0.0, 1.0));
  }
  return light_sample_toward(origin, q + u.x * edge_u + u.y * edge_v, nv / area, 1.0 / area);
}

/// Solid-angle density with which quad_light_sample yields the unit direction wi from origin.
fn quad_light_pdf(q: vec3f, edge_u: vec3f, edge_v: vec3f, origin: vec3f, wi: vec3f) -> f32 {
  let hit = planar_hit(origin, wi, q, edge_u, edge_v);
  if (!(hit.t > 0.0) || !(hit.alpha >= 0.0 && hit.alpha <= 1.0 && hit.beta >= 0.0 && hit.beta <= 1.0)) {
    return 0.0;
  }
  return solid_angle_pdf_from_area(pdf_div(1.0, length(cross(edge_u, edge_v))), hit.t, hit.cos_light);
}
