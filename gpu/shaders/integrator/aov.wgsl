// The AOV pass's kernel (film/aov; host: gpu/host/render/aov.ts): one invocation per pixel of a band of rows.
// Albedo and normal are the means over control.sample_count camera samples from control.sample_offset, drawn
// as the path tracer draws its camera rays (same sampler, seed and indices: the same sub-pixel positions, lens
// points and times as the image's samples), so they are antialiased and blurred like the image. Depth is the
// distance along the pixel centre's ray through the lens centre at mid-shutter: one exact value per pixel (a mean
// over an edge is no surface's distance), +∞ where that ray hits nothing. Writes means, not sums: a dispatch
// holds every sample of its rows. Binds a subset of the path tracer's group 0 (aov.ts) and, as group 1, the
// output's range for the dispatch's band of rows.
// #import integrator/bindings
// #import camera/camera
// #import sampling/sampler
// #import film/aov

/// One pixel of the output (AOV_PIXEL_BYTES in aov.ts).
struct AovPixel {
  albedo: vec3f,
  depth: f32,
  normal: vec3f,
  pad: f32,
}

/// The rows [control.row_offset, …) of the dispatch.
@group(1) @binding(0) var<storage, read_write> aov_band: array<AovPixel>;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn render(@builtin(global_invocation_id) id: vec3u) {
  frame_control_load(id.x);
  let y = id.y + control.row_offset;
  // A dispatch of no samples compiles the pipeline (aov.ts) and leaves the output alone.
  if (id.x >= frame.width || y >= frame.height || control.sample_count == 0u) {
    return;
  }
  let pixel = y * frame.width + id.x;
  var albedo = vec3f(0.0);
  var normal = vec3f(0.0);
  for (var k = 0u; k < control.sample_count; k++) {
    var sampler = sampler_new(control.sampler, pixel, control.sample_offset + k, frame.seed);
    let s = aov_sample(camera_sample_ray(id.x, y, sampler_camera(&sampler)));
    albedo += s.albedo;
    normal += s.normal;
  }
  let n = f32(control.sample_count);
  let s = (f32(id.x) + 0.5) / f32(frame.width);
  let t = (f32(frame.height - 1u - y) + 0.5) / f32(frame.height);
  let centre = camera_ray(s, t, vec2f(0.0), mix(frame.time_0, frame.time_1, 0.5));
  // +∞ from a value the compiler cannot fold (a constant expression may not overflow): the invocation index
  // shifted right by 31 is 0.
  let infinity = bitcast<f32>(0x7f800000u | (id.x >> 31u));
  aov_band[id.y * frame.width + id.x] = AovPixel(albedo / n, aov_depth(centre, infinity), normal / n, 0.0);
}
