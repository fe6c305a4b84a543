// Sampling a triangle light (q, q + edge_u, q + edge_v) uniformly by area, by folding the unit square onto the
// triangle (a + b > 1 → (1 − a, 1 − b), as the reference does; see Turk, "Generating Random Points in
// Triangles", Graphics Gems 1990), then converting to solid angle: p_ω = dist² / (|cos θ_light| · area).
// #import sampling/pdf
// #import lights/light_sample
// #import lights/planar

fn triangle_light_sample(q: vec3f, edge_u: vec3f, edge_v: vec3f, origin: vec3f, u: vec2f) -> LightSample {
  let nv = cross(edge_u, edge_v);
  let len = length(nv);
  if (!(len > 0.0)) {
    return light_sample_none(vec3f(0.0, 0.0, 1.0), vec3f(0.0, 0.0, 1.0));
  }
  let ab = select(u, 1.0 - u, u.x + u.y > 1.0);
  return light_sample_toward(origin, q + ab.x * edge_u + ab.y * edge_v, nv / len, 2.0 / len);
}

/// Solid-angle density with which triangle_light_sample yields the unit direction wi from origin.
fn triangle_light_pdf(q: vec3f, edge_u: vec3f, edge_v: vec3f, origin: vec3f, wi: vec3f) -> f32 {
  let hit = planar_hit(origin, wi, q, edge_u, edge_v);
  if (!(hit.t > 0.0) || !(hit.alpha >= 0.0 && hit.beta >= 0.0 && hit.alpha + hit.beta <= 1.0)) {
    return 0.0;
  }
  return solid_angle_pdf_from_area(pdf_div(2.0, length(cross(edge_u, edge_v))), hit.t, hit.cos_light);
}
