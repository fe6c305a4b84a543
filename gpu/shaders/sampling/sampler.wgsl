// The sampler a path draws its random numbers from: independent uniforms (math/rng), Owen-scrambled Sobol
// points (sampling/sobol), or the same points spread over pixels so that the error is blue noise
// (sampling/blue_noise). Numbers come in blocks of 12 dimensions — block 0 for the camera sample, block
// 1 + depth for each bounce — so the same decision uses the same dimension in every sample, and the Sobol code
// is instantiated per call site, not per draw. The blocks are handed out named (CameraSample, BounceSample, as
// pbrt-v4's CameraSample and RaySamples). Draws with no fixed place (free flights in media) use the independent
// stream.
// #import generated/scene_kinds
// #import math/rng
// #import sampling/sobol
// #import sampling/blue_noise

struct Sampler {
  /// SAMPLER_* in the low SAMPLER_KIND_BITS; the blue-noise sampler keeps its pixel above them (films stay under
  /// 2^28 pixels: 16 bytes each in one binding; a field of its own would outgrow the wavefront's 256-byte path).
  kind_pixel: u32,
  index: u32,
  /// The pixel's seed; the blue-noise sampler's is its tile's (a tile's pixels share one sequence).
  seed: u32,
  rng: Rng,
}

const SAMPLER_KIND_BITS: u32 = 4u;

/// 12 uniforms: dimensions 12·block_index .. 12·block_index + 11, in a, b, c.
struct SampleBlock {
  a: vec4f,
  b: vec4f,
  c: vec4f,
}

fn sampler_new(kind: u32, pixel: u32, index: u32, seed: u32) -> Sampler {
  let rng = rng_new(pixel, index, seed);
  if (kind == SAMPLER_BLUE) {
    return Sampler(kind | (pixel << SAMPLER_KIND_BITS), index, blue_noise_seed(pixel, pcg_hash(seed ^ 0x9e3779b9u)), rng);
  }
  return Sampler(kind, index, pcg_hash(pixel ^ pcg_hash(seed ^ 0x9e3779b9u)), rng);
}

/// Four uniforms: dimensions 4·group .. 4·group + 3.
fn sampler_group(s: ptr<function, Sampler>, group: u32) -> vec4f {
  let kind = (*s).kind_pixel & ((1u << SAMPLER_KIND_BITS) - 1u);
  if (kind == SAMPLER_SOBOL) {
    return sobol_owen4((*s).index, group, (*s).seed);
  }
  if (kind == SAMPLER_BLUE) {
    return blue_noise4((*s).kind_pixel >> SAMPLER_KIND_BITS, (*s).index, group, (*s).seed);
  }
  let x = rng_next(&(*s).rng);
  let y = rng_next(&(*s).rng);
  let z = rng_next(&(*s).rng);
  return vec4f(x, y, z, rng_next(&(*s).rng));
}

fn sampler_block(s: ptr<function, Sampler>, block_index: u32) -> SampleBlock {
  let a = sampler_group(s, block_index * 3u);
  let b = sampler_group(s, block_index * 3u + 1u);
  return SampleBlock(a, b, sampler_group(s, block_index * 3u + 2u));
}

/// Block 0: where a camera ray starts. Dimensions a.xy film, a.zw lens, b.x time, b.y wavelength (b.zw and c
/// unused).
struct CameraSample {
  /// Jitter within the pixel.
  film: vec2f,
  /// A point on the lens (unit square; the camera maps it to the disk).
  lens: vec2f,
  /// Where in the shutter interval the ray falls.
  time: f32,
  /// The hero wavelength.
  wavelength: f32,
}

/// Block 1 + depth: the numbers of one bounce. Dimensions a.x roulette, a.y light choice, a.zw light point, b.x
/// strategy, b.yz direction, b.w guide choice, c lobe. Host-shareable and as large as SampleBlock (48 bytes):
/// the wavefront integrator stores it in its 256-byte path record; fields are ordered to pack without padding.
struct BounceSample {
  /// A point on the chosen emitter (next-event estimation).
  light_point: vec2f,
  /// Russian roulette.
  roulette: f32,
  /// Which emitter next-event estimation samples.
  light_choice: f32,
  /// The continuation direction, drawn from the BSDF or a guide.
  direction: vec2f,
  /// Whether the continuation follows the BSDF or the guides (< 0.5: guides, when there are any).
  strategy: f32,
  /// Which guide the continuation samples.
  guide_choice: f32,
  /// The material's lobe choice (x) and a specular lobe's direction (yz), w unused: materials/material's `uc`.
  lobe: vec4f,
}

fn sampler_camera(s: ptr<function, Sampler>) -> CameraSample {
  // The whole block is drawn: the independent stream advances as for any block.
  let u = sampler_block(s, 0u);
  return CameraSample(u.a.xy, u.a.zw, u.b.x, u.b.y);
}

fn sampler_bounce(s: ptr<function, Sampler>, depth: u32) -> BounceSample {
  let u = sampler_block(s, 1u + depth);
  return BounceSample(u.a.zw, u.a.x, u.a.y, u.b.yz, u.b.x, u.b.w, u.c);
}

/// An independent uniform, whatever the sampler.
fn sampler_independent(s: ptr<function, Sampler>) -> f32 {
  return rng_next(&(*s).rng);
}
