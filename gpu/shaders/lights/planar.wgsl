// Ray–parallelogram intersection shared by the quad and triangle lights: the plane through q spanned by
// edge_u and edge_v, with plane coordinates (α, β) of the hit, p = q + α edge_u + β edge_v (the reference's
// Quad/Triangle parametrisation, as in Shirley, "Ray Tracing: The Next Week", "Quadrilaterals").

struct PlanarHit {
  /// Distance along the unit ray direction; <= 0 (or not finite) when the ray misses the plane ahead.
  t: f32,
  alpha: f32,
  beta: f32,
  /// Cosine between the ray direction and the unit normal normalize(edge_u × edge_v).
  cos_light: f32,
}

fn planar_hit(origin: vec3f, wi: vec3f, q: vec3f, edge_u: vec3f, edge_v: vec3f) -> PlanarHit {
  let nv = cross(edge_u, edge_v);
  let nn = dot(nv, nv);
  let denom = dot(nv, wi);
  if (!(nn > 0.0) || denom == 0.0) {
    return PlanarHit(0.0, -1.0, -1.0, 0.0);
  }
  let t = dot(nv, q - origin) / denom;
  let rel = origin + t * wi - q;
  let w = nv / nn;
  return PlanarHit(t, dot(w, cross(rel, edge_v)), dot(w, cross(edge_u, rel)), denom * inverseSqrt(nn));
}
