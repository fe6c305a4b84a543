// The sampler a path draws its random numbers from: independent uniforms (math/rng) or Owen-scrambled Sobol
// points (sampling/sobol). Numbers come in blocks of 12 dimensions — block 0 for the camera sample, block
// 1 + depth for each bounce — so the same decision uses the same dimension in every sample, and the Sobol code
// is instantiated per call site, not per draw. Draws with no fixed place (free flights in media) use the
// independent stream.
// #import generated/scene_kinds
// #import math/rng
// #import sampling/sobol

struct Sampler {
  kind: u32,
  index: u32,
  seed: u32,
  rng: Rng,
}

/// 12 uniforms: dimensions 12·block .. 12·block + 11, in a, b, c.
struct SampleBlock {
  a: vec4f,
  b: vec4f,
  c: vec4f,
}

fn sampler_new(kind: u32, pixel: u32, index: u32, seed: u32) -> Sampler {
  return Sampler(kind, index, pcg_hash(pixel ^ pcg_hash(seed ^ 0x9e3779b9u)), rng_new(pixel, index, seed));
}

/// Four uniforms: dimensions 4·group .. 4·group + 3.
fn sampler_group(s: ptr<function, Sampler>, group: u32) -> vec4f {
  if ((*s).kind == SAMPLER_SOBOL) {
    return sobol_owen4((*s).index, group, (*s).seed);
  }
  let x = rng_next(&(*s).rng);
  let y = rng_next(&(*s).rng);
  let z = rng_next(&(*s).rng);
  return vec4f(x, y, z, rng_next(&(*s).rng));
}

fn sampler_block(s: ptr<function, Sampler>, block: u32) -> SampleBlock {
  let a = sampler_group(s, block * 3u);
  let b = sampler_group(s, block * 3u + 1u);
  return SampleBlock(a, b, sampler_group(s, block * 3u + 2u));
}

/// An independent uniform, whatever the sampler.
fn sampler_independent(s: ptr<function, Sampler>) -> f32 {
  return rng_next(&(*s).rng);
}
