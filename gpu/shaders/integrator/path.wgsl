// Spectral path tracer megakernel: one invocation per pixel traces control.sample_count samples (indices from
// control.sample_offset), each path to its end, with the bounce logic of integrator/path_step (shared with the
// wavefront integrator). Reads the scene buffers; adds XYZ sums to `film` and ray counts to `counters`.
// #import integrator/path_step

/// Runs the path to its end; returns the ray segments traced (bounce and shadow rays).
fn trace_path(path: ptr<function, PathState>) -> u32 {
  var rays = 0u;
  while (path_alive(*path)) {
    let hit = bvh_closest_hit((*path).ray, T_MIN, F32_MAX);
    rays += 1u;
    let shadow = path_shade(path, hit);
    if (shadow.t_max > 0.0) {
      rays += 1u;
      if (!bvh_any_hit(shadow.ray, T_MIN, shadow.t_max)) {
        (*path).radiance += shadow.contribution;
      }
    }
  }
  return rays;
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn render(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  let y = id.y + control.row_offset;
  if (id.x >= frame.width || y >= frame.height) {
    return;
  }
  let pixel = y * frame.width + id.x;
  // Samples are added to the film one at a time, in sample order, so the sum is bit-identical however the
  // samples are split into dispatches (renders are deterministic for a seed).
  var xyz = film_pixel(pixel).xyz;
  var rays = 0u;
  var dropped = 0u;
  for (var k = 0u; k < control.sample_count; k++) {
    var path = camera_path(id.x, y, control.sample_offset + k);
    rays += trace_path(&path);
    let sample = path_film_xyz(path);
    dropped += u32(sample.w);
    xyz += sample.xyz;
  }
  film_store(pixel, vec4f(xyz, 0.0));
  count_rays(rays);
  if (dropped > 0u) {
    count_dropped(dropped);
  }
}
