// Spatial edge-avoiding à-trous denoiser (host: gpu/host/film/denoise.ts), after
//   H. Dammertz, D. Sewtz, J. Hanika, H. Lensch, "Edge-Avoiding À-Trous Wavelet Transform for fast Global
//   Illumination Filtering", HPG 2010 (the 5×5 B3-spline kernel dilated by 2^i, edge-stopping weights), and
//   C. Schied et al., "Spatiotemporal Variance-Guided Filtering", HPG 2017 (demodulation by albedo, the
//   luminance edge-stop σ_l·sqrt(prefiltered variance), the variance filtered with squared weights, a 7×7
//   spatial variance estimate where no variance is known, the depth edge-stop scaled by the depth gradient).
// Temporal accumulation is left to the caller. Passes: denoise_prepare → denoise_variance → denoise_atrous × N
// → denoise_finish. The colour may be in any linear space (XYZ, linear RGB): channels are filtered alike and
// "luminance" is the caller's weighted sum (params.luminance), the same one its variance input was taken of.
//
// Pixel classes (decided in denoise_prepare, kept as guide.w):
//   filtered  — finite colour ≤ MAX_RADIANCE (negative channels taken as 0) on a surface: guide.w = depth;
//   kept      — a miss (depth not finite, ≤ 0 or > MAX_DEPTH) or colour > MAX_RADIANCE: output = input (negatives → 0),
//               never a neighbour of a filtered pixel;
//   dropped   — a colour channel not finite: output 0, never a neighbour.

struct DenoiseParams {
  /// Luminance weights (xyz); w unused.
  luminance: vec4f,
  colour_scale: f32,
  variance_scale: f32,
  sigma_luminance: f32,
  sigma_normal: f32,
  sigma_depth: f32,
  depth_relative: f32,
  albedo_epsilon: f32,
  /// À-trous step 2^i of this pass.
  step: u32,
  width: u32,
  height: u32,
  has_variance: u32,
  pad: u32,
  /// Views of the caller's buffers, in floats: (offset, stride).
  colour_view: vec2u,
  albedo_view: vec2u,
  normal_view: vec2u,
  depth_view: vec2u,
  variance_view: vec2u,
  output_view: vec2u,
}

@group(0) @binding(0) var<uniform> params: DenoiseParams;
@group(0) @binding(1) var<storage, read> colour_in: array<f32>;
@group(0) @binding(2) var<storage, read> albedo_in: array<f32>;
@group(0) @binding(3) var<storage, read> normal_in: array<f32>;
@group(0) @binding(4) var<storage, read> depth_in: array<f32>;
@group(0) @binding(5) var<storage, read> variance_in: array<f32>;
/// normal.xyz, depth (GUIDE_KEPT / GUIDE_DROPPED for pixels not filtered).
@group(0) @binding(6) var<storage, read> guide_in: array<vec4f>;
/// Screen-space depth gradient (per pixel).
@group(0) @binding(7) var<storage, read> gradient_in: array<vec2f>;
/// Demodulated colour (illumination) .rgb, its luminance variance .w.
@group(0) @binding(8) var<storage, read> illum_in: array<vec4f>;
@group(0) @binding(9) var<storage, read_write> guide_out: array<vec4f>;
@group(0) @binding(10) var<storage, read_write> gradient_out: array<vec2f>;
@group(0) @binding(11) var<storage, read_write> illum_out: array<vec4f>;
@group(0) @binding(12) var<storage, read_write> colour_out: array<f32>;

const GUIDE_KEPT: f32 = -1.0;
const GUIDE_DROPPED: f32 = -2.0;
/// Colours above this are kept as they are: demodulated by albedo_epsilon ≥ 1e-6 and squared in the variance
/// sums, they stay far below f32's range.
const MAX_RADIANCE: f32 = 1e12;
/// Depths beyond this count as misses (keeps depth differences and gradients finite).
const MAX_DEPTH: f32 = 1e30;
/// Variances are clamped here so that sqrt and the squared-weight sums cannot overflow.
const MAX_VARIANCE: f32 = 1e34;
/// Cap of the depth edge-stop's scale (finite, so that d ≥ EXP_CUTOFF · scale still decides).
const MAX_SCALE: f32 = 1e36;
/// Floor of the edge-stop denominators: a positive difference over a zero scale stops the edge.
const TINY: f32 = 1e-30;
/// Relative part of the luminance edge-stop's scale: differences at float precision still blend when the
/// variance is 0, real differences do not.
const LUMINANCE_RELATIVE: f32 = 1e-6;
/// exp(-x) is taken as 0 beyond this.
const EXP_CUTOFF: f32 = 80.0;
/// B3-spline taps 1/16, 1/4, 3/8, 1/4, 1/16 (Dammertz et al. 2010).
const B3 = array<f32, 5>(0.0625, 0.25, 0.375, 0.25, 0.0625);

/// IEEE test on the bits: the optimiser may assume finite floats, so `x != x` style tests are unreliable.
fn is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

fn all_finite(v: vec3f) -> bool {
  return is_finite(v.x) && is_finite(v.y) && is_finite(v.z);
}

fn colour_at(p: u32) -> vec3f {
  let i = params.colour_view.x + p * params.colour_view.y;
  return vec3f(colour_in[i], colour_in[i + 1u], colour_in[i + 2u]) * params.colour_scale;
}

/// The albedo that divides the colour and multiplies it back: non-finite → 0, then at least albedo_epsilon.
fn albedo_at(p: u32) -> vec3f {
  let i = params.albedo_view.x + p * params.albedo_view.y;
  let a = vec3f(albedo_in[i], albedo_in[i + 1u], albedo_in[i + 2u]);
  return max(select(vec3f(0.0), a, all_finite(a)), vec3f(params.albedo_epsilon));
}

fn luminance(c: vec3f) -> f32 {
  return dot(params.luminance.xyz, c);
}

fn pixel_index(x: i32, y: i32) -> u32 {
  return u32(y) * params.width + u32(x);
}

fn inside(x: i32, y: i32) -> bool {
  return x >= 0 && y >= 0 && x < i32(params.width) && y < i32(params.height);
}

/// exp(-d / scale) for d, scale ≥ 0, without dividing by 0 or overflowing.
fn edge_stop(d: f32, scale: f32) -> f32 {
  if (d <= 0.0) {
    return 1.0;
  }
  if (d >= EXP_CUTOFF * scale) {
    return 0.0;
  }
  return exp(-d / scale);
}

/// Normal edge-stop max(0, n_p·n_q)^σ_n (SVGF eq. 4).
fn normal_weight(np: vec3f, nq: vec3f) -> f32 {
  let c = min(dot(np, nq), 1.0);
  if (c <= 0.0) {
    return 0.0;
  }
  return pow(c, params.sigma_normal);
}

/// Depth edge-stop (SVGF eq. 3): the difference against the one the gradient predicts over the offset, plus a
/// relative tolerance so that curved or grazing surfaces (distance is not linear in screen space) still blend.
fn depth_weight(zp: f32, zq: f32, gradient: vec2f, offset: vec2f) -> f32 {
  let scale = min(params.sigma_depth * abs(dot(gradient, offset)) + params.depth_relative * zp + TINY, MAX_SCALE);
  return edge_stop(abs(zp - zq), scale);
}

/// Luminance distance: the weighted L1 distance of the colours, |Δluminance| when the channels move together and
/// 0 only for equal colours (with positive weights), so that a noiseless image at zero variance is a fixed point.
fn luminance_distance(a: vec3f, b: vec3f) -> f32 {
  return dot(params.luminance.xyz, abs(a - b));
}

/// A variance in [0, MAX_VARIANCE]: NaN and negatives → 0, +∞ → MAX_VARIANCE.
fn clamp_variance(v: f32) -> f32 {
  if (bitcast<u32>(v) == 0x7f800000u) {
    return MAX_VARIANCE;
  }
  return select(0.0, min(v, MAX_VARIANCE), is_finite(v) && v > 0.0);
}

/// Classifies the pixel, demodulates its colour by its albedo and converts a given luminance variance to the
/// demodulated colour's (exact for grey albedo).
@compute @workgroup_size(8, 8)
fn denoise_prepare(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let p = id.y * params.width + id.x;
  let c = colour_at(p);
  let ni = params.normal_view.x + p * params.normal_view.y;
  let raw_n = vec3f(normal_in[ni], normal_in[ni + 1u], normal_in[ni + 2u]);
  let len = length(raw_n);
  let n = select(vec3f(0.0), raw_n / len, all_finite(raw_n) && len > 1e-6 && is_finite(len));
  let z = depth_in[params.depth_view.x + p * params.depth_view.y];
  var guide = z;
  if (!all_finite(c)) {
    guide = GUIDE_DROPPED;
  } else if (!is_finite(z) || z <= 0.0 || z > MAX_DEPTH || any(c > vec3f(MAX_RADIANCE))) {
    guide = GUIDE_KEPT;
  }
  guide_out[p] = vec4f(n, guide);
  if (guide < 0.0) {
    illum_out[p] = vec4f(0.0);
    return;
  }
  let a = albedo_at(p);
  var variance = 0.0;
  if (params.has_variance != 0u) {
    let v = clamp_variance(variance_in[params.variance_view.x + p * params.variance_view.y] * params.variance_scale);
    let la = luminance(a);
    variance = clamp_variance(v / (la * la));
  }
  illum_out[p] = vec4f(max(c, vec3f(0.0)) / a, variance);
}

/// One-sided difference of smaller magnitude, so that the gradient of a surface does not take in its silhouette.
fn depth_slope(z: f32, left: vec4f, right: vec4f, has_left: bool, has_right: bool) -> f32 {
  let l_ok = has_left && left.w >= 0.0;
  let r_ok = has_right && right.w >= 0.0;
  let back = z - left.w;
  let forward = right.w - z;
  if (l_ok && r_ok) {
    return select(forward, back, abs(back) < abs(forward));
  }
  if (l_ok) {
    return back;
  }
  if (r_ok) {
    return forward;
  }
  return 0.0;
}

/// Depth gradient of every filtered pixel; without a given variance, the luminance variance over a 7×7
/// neighbourhood weighted by the normal and depth edge-stops (SVGF §4.3, its estimate for short histories).
@compute @workgroup_size(8, 8)
fn denoise_variance(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let x = i32(id.x);
  let y = i32(id.y);
  let p = pixel_index(x, y);
  let g = guide_in[p];
  var centre = illum_in[p];
  if (g.w < 0.0) {
    gradient_out[p] = vec2f(0.0);
    illum_out[p] = centre;
    return;
  }
  let w = i32(params.width);
  let h = i32(params.height);
  let gx = depth_slope(g.w, guide_in[pixel_index(max(x - 1, 0), y)], guide_in[pixel_index(min(x + 1, w - 1), y)], x > 0, x + 1 < w);
  let gy = depth_slope(g.w, guide_in[pixel_index(x, max(y - 1, 0))], guide_in[pixel_index(x, min(y + 1, h - 1))], y > 0, y + 1 < h);
  let gradient = select(vec2f(0.0), vec2f(gx, gy), is_finite(gx) && is_finite(gy));
  gradient_out[p] = gradient;
  if (params.has_variance == 0u) {
    // Moments of the luminance difference to the centre, which keeps E[d²] − E[d]² clear of cancellation.
    let lp = luminance(centre.rgb);
    var sum_w = 1.0;
    var sum_d = 0.0;
    var sum_d2 = 0.0;
    for (var dy = -3; dy <= 3; dy++) {
      for (var dx = -3; dx <= 3; dx++) {
        let qx = x + dx;
        let qy = y + dy;
        if ((dx == 0 && dy == 0) || !inside(qx, qy)) {
          continue;
        }
        let q = pixel_index(qx, qy);
        let gq = guide_in[q];
        if (gq.w < 0.0) {
          continue;
        }
        let wq = normal_weight(g.xyz, gq.xyz) * depth_weight(g.w, gq.w, gradient, vec2f(f32(dx), f32(dy)));
        let d = luminance(illum_in[q].rgb) - lp;
        sum_w += wq;
        sum_d += wq * d;
        sum_d2 += wq * d * d;
      }
    }
    let mean = sum_d / sum_w;
    centre.w = clamp_variance(sum_d2 / sum_w - mean * mean);
  }
  illum_out[p] = centre;
}

/// 3×3 Gaussian of the variance around p over filtered pixels (SVGF eq. 5's g_3×3, which steadies the edge-stop).
fn prefiltered_variance(x: i32, y: i32) -> f32 {
  let taps = array<f32, 3>(0.25, 0.5, 0.25);
  var sum = 0.0;
  var sum_w = 0.0;
  for (var dy = -1; dy <= 1; dy++) {
    for (var dx = -1; dx <= 1; dx++) {
      let qx = x + dx;
      let qy = y + dy;
      if (!inside(qx, qy)) {
        continue;
      }
      let q = pixel_index(qx, qy);
      if (guide_in[q].w < 0.0) {
        continue;
      }
      let k = taps[dx + 1] * taps[dy + 1];
      sum += k * illum_in[q].w;
      sum_w += k;
    }
  }
  return clamp_variance(sum / max(sum_w, TINY));
}

/// One à-trous level at step params.step: the colour as a normalised weighted mean, the variance with the
/// squared weights (SVGF eq. 2), weights = B3 kernel × normal × depth × luminance edge-stops.
@compute @workgroup_size(8, 8)
fn denoise_atrous(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let x = i32(id.x);
  let y = i32(id.y);
  let p = pixel_index(x, y);
  let g = guide_in[p];
  let centre = illum_in[p];
  if (g.w < 0.0) {
    illum_out[p] = centre;
    return;
  }
  let gradient = gradient_in[p];
  let lp = luminance(centre.rgb);
  let luminance_scale = params.sigma_luminance * sqrt(prefiltered_variance(x, y)) + LUMINANCE_RELATIVE * lp + TINY;
  let step = i32(params.step);
  let w0 = B3[2] * B3[2];
  var sum_w = w0;
  var sum_c = w0 * centre.rgb;
  var sum_v = w0 * w0 * centre.w;
  for (var j = 0; j < 5; j++) {
    for (var i = 0; i < 5; i++) {
      if (i == 2 && j == 2) {
        continue;
      }
      let offset = vec2i(i - 2, j - 2) * step;
      let qx = x + offset.x;
      let qy = y + offset.y;
      if (!inside(qx, qy)) {
        continue;
      }
      let q = pixel_index(qx, qy);
      let gq = guide_in[q];
      if (gq.w < 0.0) {
        continue;
      }
      let cq = illum_in[q];
      let wq = B3[i] * B3[j] * normal_weight(g.xyz, gq.xyz) * depth_weight(g.w, gq.w, gradient, vec2f(offset))
        * edge_stop(luminance_distance(centre.rgb, cq.rgb), luminance_scale);
      sum_w += wq;
      sum_c += wq * cq.rgb;
      sum_v += wq * wq * cq.w;
    }
  }
  // sum_w ≥ w0 > 0: the centre always counts.
  illum_out[p] = vec4f(sum_c / sum_w, clamp_variance(sum_v / (sum_w * sum_w)));
}

/// Multiplies the filtered illumination back by the albedo (textures stay as sharp as the albedo input), keeps
/// or drops the pixels not filtered, and writes 3 floats per pixel to the output view.
@compute @workgroup_size(8, 8)
fn denoise_finish(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let p = id.y * params.width + id.x;
  let g = guide_in[p].w;
  var c = vec3f(0.0);
  if (g >= 0.0) {
    c = illum_in[p].rgb * albedo_at(p);
  } else if (g == GUIDE_KEPT) {
    c = max(colour_at(p), vec3f(0.0));
  }
  // Filtered values are convex combinations of finite, non-negative ones; the guard is for a NaN that an
  // optimiser could still produce from an out-of-range intermediate.
  c = select(vec3f(0.0), max(c, vec3f(0.0)), all_finite(c));
  let o = params.output_view.x + p * params.output_view.y;
  colour_out[o] = c.x;
  colour_out[o + 1u] = c.y;
  colour_out[o + 2u] = c.z;
}
