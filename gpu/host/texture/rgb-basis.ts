// RGB → spectrum for texels, on the GPU (module generated/rgb_basis). Fitting a sigmoid per texel is too costly in a
// shader, so a texel's linear sRGB colour becomes a mix of three fixed smooth spectra: the sigmoid fits of the
// sRGB primaries (gpu/host/spectrum/sigmoid.ts), divided by their sum so that they add up to exactly 1 at every
// wavelength (white is the flat 1.0 spectrum, greys are flat, and a reflectance can never exceed 1), with a 3×3
// matrix M in front that makes the colour of the mix equal the texel's colour: s(λ) = Σ_k (M·rgb)_k · b_k(λ),
// clamped to ≥ 0 (and ≤ 1 for reflectances). Saturated texels then come back with a small error, measured by
// rgb-basis.test.ts; greys and white come back exactly.
import { linearSrgbToXyzE, xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { cmfMean, cmfTable, QUADRATURE_LAMBDAS } from '../spectrum/cmf.ts';
import { fitSigmoidSpectrum, sigmoidSpectrumEval, type SigmoidCoefficients } from '../spectrum/sigmoid.ts';

type V3 = [number, number, number];

export interface RgbBasis {
  /** Sigmoid coefficients of the red, green and blue basis spectra (before normalisation by their sum). */
  readonly primaries: readonly [SigmoidCoefficients, SigmoidCoefficients, SigmoidCoefficients];
  /** Row-major 3×3: basis weights = M · linear rgb. */
  readonly matrix: readonly number[];
}

function basisAt(primaries: RgbBasis['primaries'], lambda: number): V3 {
  const b = primaries.map((c) => sigmoidSpectrumEval(c, lambda)) as V3;
  const sum = b[0] + b[1] + b[2];
  return sum > 0 ? [b[0] / sum, b[1] / sum, b[2] / sum] : [1 / 3, 1 / 3, 1 / 3];
}

/** Linear sRGB of a spectrum given at the quadrature wavelengths (white E per-channel normalised, as the film). */
export function spectrumToLinearSrgb(value: (lambda: number) => number): V3 {
  const mean = cmfMean();
  const xyz: V3 = [0, 0, 0];
  cmfTable().forEach((c, i) => {
    const s = value(QUADRATURE_LAMBDAS[i]);
    for (let k = 0; k < 3; k++) xyz[k] += (c[k] * s) / mean[k];
  });
  const n = QUADRATURE_LAMBDAS.length;
  return xyzEToLinearSrgb([xyz[0] / n, xyz[1] / n, xyz[2] / n]);
}

function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d].map((x) => x / det);
}

let cached: RgbBasis | undefined;

export function rgbBasis(): RgbBasis {
  if (cached) return cached;
  const primaries = ([[1, 0, 0], [0, 1, 0], [0, 0, 1]] as V3[]).map((rgb) => fitSigmoidSpectrum(linearSrgbToXyzE(rgb))) as unknown as RgbBasis['primaries'];
  // Column k of P: the colour of normalised basis spectrum k. M = P⁻¹.
  const columns = [0, 1, 2].map((k) => spectrumToLinearSrgb((l) => basisAt(primaries, l)[k]));
  const p = [0, 1, 2].flatMap((row) => columns.map((col) => col[row]));
  cached = { primaries, matrix: invert3(p) };
  return cached;
}

/** The host twin of rgb_spectrum (textures/image.wgsl), for tests. */
export function rgbSpectrum(rgb: readonly [number, number, number], lambda: number, reflectance: boolean): number {
  const { primaries, matrix: m } = rgbBasis();
  const w = [0, 1, 2].map((r) => m[3 * r] * rgb[0] + m[3 * r + 1] * rgb[1] + m[3 * r + 2] * rgb[2]);
  const b = basisAt(primaries, lambda);
  const s = Math.max(w[0] * b[0] + w[1] * b[1] + w[2] * b[2], 0);
  return reflectance ? Math.min(s, 1) : s;
}

const f = (x: number) => {
  const s = x.toPrecision(9);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
};

export function rgbBasisWgsl(): string {
  const { primaries, matrix: m } = rgbBasis();
  const vec = (c: readonly number[]) => `vec4f(${c.map(f).join(', ')})`;
  return [
    '// Generated from gpu/host/texture/rgb-basis.ts.',
    `const RGB_BASIS_R: vec4f = ${vec(primaries[0])};`,
    `const RGB_BASIS_G: vec4f = ${vec(primaries[1])};`,
    `const RGB_BASIS_B: vec4f = ${vec(primaries[2])};`,
    // WGSL matrices are column-major: mat3x3f(col0, col1, col2).
    `const RGB_BASIS_MATRIX: mat3x3f = mat3x3f(${[0, 1, 2].map((c) => `vec3f(${[m[c], m[3 + c], m[6 + c]].map(f).join(', ')})`).join(', ')});`,
    ''
  ].join('\n');
}
