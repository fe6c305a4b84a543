// The wavefront integrator's kernels, one pipeline each (gpu/host/render/wavefront.ts), per wave:
//   generate → (extend → shade → advance → shadow) × (max_depth + 1) → accumulate.
// The bounce logic is integrator/path_step's, as in the megakernel; only the order of work differs, so both
// give the same image (a path draws the same random numbers in both). Each kernel binds only what it reads,
// keeping every pipeline within the 8 storage buffers a stage is guaranteed.
// #import integrator/wavefront/queues

/// Camera paths for the wave's pixels and samples, all queued for the first extend.
@compute @workgroup_size(WAVEFRONT_GROUP)
fn generate(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  let i = id.x;
  if (i >= queues.control.wave_paths) {
    return;
  }
  let pixel = queues.control.pixel_base + i % queues.control.wave_pixels;
  let sample = queues.control.sample_index + i / queues.control.wave_pixels;
  paths[i].state = camera_path(pixel % frame.width, pixel / frame.width, sample);
  queues.items[i] = i;
}

/// Closest hit of each queued path's ray.
@compute @workgroup_size(WAVEFRONT_GROUP)
fn extend(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  if (id.x >= queues.control.paths_in) {
    return;
  }
  let p = input_path(id.x);
  let hit = bvh_closest_hit(paths[p].state.ray, T_MIN, F32_MAX);
  paths[p].hit_t = hit.t;
  paths[p].hit_prim = hit.prim;
}

/// One bounce of each queued path: survivors are queued for the next extend, NEE requests for the shadow kernel.
@compute @workgroup_size(WAVEFRONT_GROUP)
fn shade(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  if (id.x >= queues.control.paths_in) {
    return;
  }
  let p = input_path(id.x);
  var state = paths[p].state;
  let shadow = path_shade(&state, BvhHit(paths[p].hit_t, paths[p].hit_prim, 0u));
  paths[p].state = state;
  if (shadow.t_max > 0.0) {
    paths[p].shadow = shadow;
    push_shadow(p);
  }
  if (path_alive(state)) {
    push_path(p);
  }
}

/// One thread: the shade kernel's output queues become the next stages' input, with their dispatch sizes; the
/// rays those stages trace are counted here.
@compute @workgroup_size(1)
fn advance() {
  let paths_next = atomicExchange(&queues.control.paths_out, 0u);
  let shadows_next = atomicExchange(&queues.control.shadows_out, 0u);
  queues.control.paths_in = paths_next;
  queues.control.shadows_in = shadows_next;
  queues.control.parity = 1u - queues.control.parity;
  dispatch_sizes.extend[0] = groups_for(paths_next);
  dispatch_sizes.shadow[0] = groups_for(shadows_next);
  count_rays(paths_next + shadows_next);
}

/// Visibility of each NEE request; an unoccluded one adds its contribution to the path's radiance.
@compute @workgroup_size(WAVEFRONT_GROUP)
fn shadow(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  if (id.x >= queues.control.shadows_in) {
    return;
  }
  let p = shadow_path(id.x);
  let request = paths[p].shadow;
  if (!bvh_any_hit(request.ray, T_MIN, request.t_max)) {
    paths[p].state.radiance += request.contribution;
  }
}

/// Adds the wave's finished paths to their pixels, one thread per pixel, samples in order: the same sums, in the
/// same order, as the megakernel's.
@compute @workgroup_size(WAVEFRONT_GROUP)
fn accumulate(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  let n = queues.control.wave_pixels;
  if (id.x >= n) {
    return;
  }
  if (id.x == 0u) {
    // The camera rays of the wave (the advance kernel counts the rest).
    count_rays(queues.control.wave_paths);
  }
  let pixel = queues.control.pixel_base + id.x;
  var xyz = film_pixel(pixel).xyz;
  var dropped = 0u;
  for (var p = id.x; p < queues.control.wave_paths; p += n) {
    let sample = path_film_xyz(paths[p].state);
    dropped += u32(sample.w);
    xyz += sample.xyz;
  }
  film_store(pixel, vec4f(xyz, 0.0));
  if (dropped > 0u) {
    count_dropped(dropped);
  }
}
