// The debug views' kernel (normal map, BVH and primitive heat maps): one unjittered camera ray per pixel sample at
// the shutter's opening, with the path tracer's bindings but none of its shading code, so it compiles in a fraction
// of the path tracer's time (the live preview shows it while the path tracer compiles). Same film and counters as
// integrator/path.
// #import integrator/bindings
// #import camera/camera
// #import debug/views

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn render(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  let y = id.y + control.row_offset;
  if (id.x >= frame.width || y >= frame.height) {
    return;
  }
  let pixel = y * frame.width + id.x;
  let mode = select(RENDER_MODE, control.mode, RENDER_MODE == RENDER_MODE_ANY);
  let s = f32(id.x) / f32(frame.width);
  let t = f32(frame.height - 1u - y) / f32(frame.height);
  let view = debug_view(mode, camera_ray(s, t, vec2f(0.0), frame.time_0));
  film_store(pixel, vec4f(film_pixel(pixel).xyz + f32(control.sample_count) * view.xyz, 0.0));
  count_rays(control.sample_count * view.rays);
}
