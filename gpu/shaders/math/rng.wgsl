// PCG hash based random numbers (Jarzynski & Olano 2020, "Hash Functions for GPU Rendering").
// A stream is seeded from (pixel, sample, seed) so renders are deterministic and any sample range can be
// rendered independently (chunks of one render on different workers).

struct Rng {
  state: u32,
}

fn pcg_hash(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn rng_new(pixel_index: u32, sample_index: u32, seed: u32) -> Rng {
  return Rng(pcg_hash(pixel_index ^ pcg_hash(sample_index ^ pcg_hash(seed))));
}

/// Next uniform float in [0, 1) (24 random bits, so 1.0 is never returned).
fn rng_next(rng: ptr<function, Rng>) -> f32 {
  (*rng).state = (*rng).state * 747796405u + 2891336453u;
  let s = (*rng).state;
  let word = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return f32(((word >> 22u) ^ word) >> 8u) * (1.0 / 16777216.0);
}

fn rng_next2(rng: ptr<function, Rng>) -> vec2f {
  let a = rng_next(rng);
  return vec2f(a, rng_next(rng));
}
