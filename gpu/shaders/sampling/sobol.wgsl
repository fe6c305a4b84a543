// Owen-scrambled Sobol points by hashing (Burley 2020, "Practical Hash-based Owen Scrambling", JCGT 9(4)):
// a nested uniform scramble is a bit reversal around a Laine–Karras style permutation. Points come in groups
// of 4 dimensions (the generator columns of dimensions 0..3 are in frame.sobol); a group's index is shuffled
// with one seed and each dimension scrambled with its own, so any number of dimensions is covered by padding.
// #import math/rng

fn laine_karras_permutation(x_in: u32, seed: u32) -> u32 {
  var x = x_in;
  x ^= x * 0x3d20adeau;
  x += seed;
  x *= (seed >> 16u) | 1u;
  x ^= x * 0x05526c56u;
  x ^= x * 0x53a22864u;
  return x;
}

fn nested_uniform_scramble(x: u32, seed: u32) -> u32 {
  return reverseBits(laine_karras_permutation(reverseBits(x), seed));
}

/// The unscrambled 4-D Sobol point `index` as 32-bit fixed-point values.
fn sobol4(index: u32) -> vec4u {
  var x = vec4u(0u);
  var i = index;
  var b = 0u;
  while (i != 0u) {
    if ((i & 1u) != 0u) {
      x ^= frame.sobol[b].dims;
    }
    i >>= 1u;
    b++;
  }
  return x;
}

/// Group `group` (dimensions 4·group .. 4·group + 3) of Owen-scrambled Sobol point `index` for a pixel's
/// `seed`, in [0, 1)^4, its unscrambled values XORed with `shift` first (sampling/blue_noise; 0 otherwise).
fn sobol_owen4_shifted(index: u32, group: u32, seed: u32, shift: vec4u) -> vec4f {
  let group_seed = pcg_hash(seed ^ pcg_hash(group));
  let point = sobol4(nested_uniform_scramble(index, group_seed)) ^ shift;
  var out = vec4f(0.0);
  for (var d = 0u; d < 4u; d++) {
    out[d] = f32(nested_uniform_scramble(point[d], pcg_hash(group_seed + d)) >> 8u) * (1.0 / 16777216.0);
  }
  return out;
}

/// Group `group` (dimensions 4·group .. 4·group + 3) of Owen-scrambled Sobol point `index` for a pixel's
/// `seed`, in [0, 1)^4.
fn sobol_owen4(index: u32, group: u32, seed: u32) -> vec4f {
  return sobol_owen4_shifted(index, group, seed, vec4u(0u));
}
