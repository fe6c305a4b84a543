// Rays carry their time (motion blur); wavelengths travel separately with the path.

struct Ray {
  origin: vec3f,
  time: f32,
  direction: vec3f,
}

fn ray_at(ray: Ray, t: f32) -> vec3f {
  return ray.origin + t * ray.direction;
}
