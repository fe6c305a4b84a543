// Presents a resolved film (RGBA8 per pixel from film/resolve) on a canvas: one full-screen triangle whose
// fragments read the film pixel under them, nearest-neighbour, so a low-resolution pass fills the same canvas.

struct PresentParams {
  width: u32,
  height: u32,
  target_width: u32,
  target_height: u32,
}

@group(0) @binding(0) var<uniform> present: PresentParams;
@group(0) @binding(1) var<storage, read> film_rgba8: array<u32>;

@vertex
fn present_vertex(@builtin(vertex_index) index: u32) -> @builtin(position) vec4f {
  let corner = vec2f(f32((index << 1u) & 2u), f32(index & 2u));
  return vec4f(corner * 2.0 - 1.0, 0.0, 1.0);
}

@fragment
fn present_fragment(@builtin(position) position: vec4f) -> @location(0) vec4f {
  // Framebuffer y grows downwards, as the film's rows do.
  let scale = vec2f(f32(present.width), f32(present.height)) / vec2f(f32(present.target_width), f32(present.target_height));
  let pixel = min(vec2u(position.xy * scale), vec2u(present.width - 1u, present.height - 1u));
  return unpack4x8unorm(film_rgba8[pixel.y * present.width + pixel.x]);
}
