// Checker patterns of "Ray Tracing: The Next Week" (Shirley): the sign of a product of sines picks the cell,
// so cells are 1/density wide and a plane where a coordinate is a multiple of 1/density is all `even`.
// #import math/constants

fn spatial_checker_is_odd(p: vec3f, density: f32) -> bool {
  let k = density * PI;
  return sin(k * p.x) * sin(k * p.y) * sin(k * p.z) < 0.0;
}

fn surface_checker_is_odd(uv: vec2f, density: f32) -> bool {
  let k = density * PI;
  return sin(k * uv.x) * sin(k * uv.y) < 0.0;
}
