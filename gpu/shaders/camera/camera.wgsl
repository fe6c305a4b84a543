// Thin-lens camera of "Ray Tracing in One Weekend" (Shirley), as the reference engine sets it up: the focus
// plane is spanned by lower_left + s·horizontal + t·vertical; the lens is a disk of radius aperture/2.
// Reads the camera fields of the frame uniforms.
// #import shapes/ray

/// (s, t) in [0,1]² with t = 0 at the bottom; `lens` is a point in the unit disk; `time` the ray time.
fn camera_ray(s: f32, t: f32, lens: vec2f, time: f32) -> Ray {
  let offset = frame.cam_u * (lens.x * frame.lens_radius) + frame.cam_v * (lens.y * frame.lens_radius);
  let origin = frame.origin + offset;
  let direction = normalize(frame.lower_left + s * frame.horizontal + t * frame.vertical - origin);
  return Ray(origin, time, direction);
}
