// Thin-lens camera of "Ray Tracing in One Weekend" (Shirley), as the reference engine sets it up: the focus
// plane is spanned by lower_left + s·horizontal + t·vertical; the lens is a disk of radius aperture/2.
// Reads the camera fields of the frame uniforms.
// #import shapes/ray
// #import sampling/sampler
// #import sampling/warp

/// (s, t) in [0,1]² with t = 0 at the bottom; `lens` is a point in the unit disk; `time` the ray time.
fn camera_ray(s: f32, t: f32, lens: vec2f, time: f32) -> Ray {
  let offset = frame.cam_u * (lens.x * frame.lens_radius) + frame.cam_v * (lens.y * frame.lens_radius);
  let origin = frame.origin + offset;
  let direction = normalize(frame.lower_left + s * frame.horizontal + t * frame.vertical - origin);
  return Ray(origin, time, direction);
}

/// The ray of camera sample `camera` in pixel (x, y), y counted from the top (rows are stored top to bottom; the
/// camera's t runs bottom to top): film jitter, lens point and shutter time as the sampler drew them.
fn camera_sample_ray(x: u32, y: u32, camera: CameraSample) -> Ray {
  let s = (f32(x) + camera.film.x) / f32(frame.width);
  let t = (f32(frame.height - 1u - y) + camera.film.y) / f32(frame.height);
  return camera_ray(s, t, sample_uniform_disk(camera.lens), mix(frame.time_0, frame.time_1, camera.time));
}
