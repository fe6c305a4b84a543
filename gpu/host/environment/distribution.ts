// The environment's sampling distribution: piecewise constant over the cells of an equirectangular grid, in
// proportion to luminance × sin θ (the map's texels shrink toward the poles), sampled by the inversion method
// row then column (pbrt-v4 §A.5, "Sampling Multidimensional Functions"). The GPU reads the cumulative
// distributions from one r32float texture; the density of a cell is the difference of two of its values times the
// grid size, so the density the sampler reports and the density evaluated for a direction agree exactly.
import type { EnvironmentImage } from './image.ts';

/** Cells of the distribution: finer than this gains nothing a 4k map's sun needs and costs texture memory. */
export const MAX_DISTRIBUTION_WIDTH = 2048;

export interface EnvironmentDistribution {
  /** Cells across (u) and down (v); width = 2 × height. */
  readonly width: number;
  readonly height: number;
  /**
   * (width + 1) × (height + 1) floats, row-major: row j < height is the cdf of row j's cells (width + 1 values,
   * 0 first, 1 last); row `height` holds the cdf over rows in its first height + 1 values (the rest 0).
   */
  readonly cdf: Float32Array;
}

/** Rec.709 luminance weights. */
const LUMINANCE = [0.2126, 0.7152, 0.0722] as const;

/** The distribution of a map, on a grid of at most MAX_DISTRIBUTION_WIDTH cells across (box-filtered). */
export function buildDistribution(image: EnvironmentImage, maxWidth = MAX_DISTRIBUTION_WIDTH): EnvironmentDistribution {
  // Cells are independent of the texels' aspect; a grid twice as wide as high has cells of equal (u, v) area.
  const width = Math.min(maxWidth, Math.max(2, image.width + (image.width % 2)));
  const height = width / 2;
  const f = cellValues(image, width, height);
  const stride = width + 1;
  const cdf = new Float32Array(stride * (height + 1));
  const rowSums = new Float64Array(height);
  for (let j = 0; j < height; j++) {
    let sum = 0;
    for (let i = 0; i < width; i++) sum += f[j * width + i];
    rowSums[j] = sum;
    let running = 0;
    for (let i = 0; i <= width; i++) {
      cdf[j * stride + i] = i === width ? 1 : sum > 0 ? Math.fround(running / sum) : i / width;
      if (i < width) running += f[j * width + i];
    }
  }
  const total = rowSums.reduce((a, b) => a + b, 0);
  let running = 0;
  for (let j = 0; j <= height; j++) {
    cdf[height * stride + j] = j === height ? 1 : total > 0 ? Math.fround(running / total) : j / height;
    if (j < height) running += rowSums[j];
  }
  return { width, height, cdf };
}

/**
 * Luminance × sin θ of each cell: the mean, over the map texels the cell covers, of the luminance the radiance
 * lookup reconstructs (bilinear between texel centres), times sin θ at the row centre. Averaged over a texel, the
 * bilinear reconstruction is the texel blurred by [1/8, 3/4, 1/8] along each axis; sampling in proportion to it
 * keeps radiance / density within a factor 16 everywhere, where the raw texels would give the sky texels beside a
 * sun, into which the filter spreads half the sun, a density thousands of times too low (fireflies).
 */
function cellValues(image: EnvironmentImage, width: number, height: number): Float64Array {
  const { width: w, height: h } = image;
  const lum = reconstructedLuminance(image);
  const f = new Float64Array(width * height);
  const sx = w / width;
  const sy = h / height;
  for (let j = 0; j < height; j++) {
    const sinTheta = Math.sin((Math.PI * (j + 0.5)) / height);
    const y0 = Math.floor(j * sy);
    const y1 = Math.max(y0 + 1, Math.floor((j + 1) * sy));
    for (let i = 0; i < width; i++) {
      const x0 = Math.floor(i * sx);
      const x1 = Math.max(x0 + 1, Math.floor((i + 1) * sx));
      let sum = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) sum += lum[y * w + x];
      }
      f[j * width + i] = (sum / ((y1 - y0) * (x1 - x0))) * sinTheta;
    }
  }
  return f;
}

/** Per texel, the mean luminance of the bilinear reconstruction over the texel: u wraps, v stops at the poles. */
function reconstructedLuminance(image: EnvironmentImage): Float32Array {
  const { width: w, height: h, rgb } = image;
  const lum = new Float32Array(w * h);
  for (let t = 0; t < w * h; t++) lum[t] = LUMINANCE[0] * rgb[3 * t] + LUMINANCE[1] * rgb[3 * t + 1] + LUMINANCE[2] * rgb[3 * t + 2];
  const across = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      across[row + x] = 0.75 * lum[row + x] + 0.125 * (lum[row + ((x + w - 1) % w)] + lum[row + ((x + 1) % w)]);
    }
  }
  for (let y = 0; y < h; y++) {
    const up = Math.max(0, y - 1) * w;
    const down = Math.min(h - 1, y + 1) * w;
    for (let x = 0; x < w; x++) lum[y * w + x] = 0.75 * across[y * w + x] + 0.125 * (across[up + x] + across[down + x]);
  }
  return lum;
}

/** Index of the interval of a cdf (n + 1 values from `at`) that u falls in: the last i < n with cdf(i) <= u. An
 * interval of zero width is never chosen. (The WGSL sampler searches the same way.) */
export function findInterval(n: number, at: (i: number) => number, u: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (at(mid) <= u) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Density over (u, v) ∈ [0,1)² of the cell holding (u, v). */
export function distributionPdfUv(d: EnvironmentDistribution, u: number, v: number): number {
  const stride = d.width + 1;
  const i = Math.min(d.width - 1, Math.max(0, Math.floor(u * d.width)));
  const j = Math.min(d.height - 1, Math.max(0, Math.floor(v * d.height)));
  const m = d.cdf[d.height * stride + j + 1] - d.cdf[d.height * stride + j];
  const c = d.cdf[j * stride + i + 1] - d.cdf[j * stride + i];
  return m * d.height * c * d.width;
}
