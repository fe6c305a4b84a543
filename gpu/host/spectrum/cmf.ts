// CIE 1931 2° colour-matching functions as the analytic multi-lobe piecewise-Gaussian fit of Wyman, Sloan &
// Shirley 2013 ("Simple Analytic Approximations to the CIE XYZ Color Matching Functions"), the lobes the
// reference engine uses (spec §2.1). gpu/shaders/spectrum/cmf.wgsl evaluates the same lobes.

export type Xyz = [number, number, number];

/** One lobe: α·exp(−½((λ−μ)/σ)²) with σ = σ₁ below μ and σ₂ above. */
type Lobe = readonly [alpha: number, mu: number, sigma1: number, sigma2: number];

export const CMF_LOBES: { readonly x: readonly Lobe[]; readonly y: readonly Lobe[]; readonly z: readonly Lobe[] } = {
  x: [
    [1.056, 599.8, 37.9, 31.0],
    [0.362, 442.0, 16.0, 26.7],
    [-0.065, 501.1, 20.4, 26.2]
  ],
  y: [
    [0.821, 568.8, 46.9, 40.5],
    [0.286, 530.9, 16.3, 31.1]
  ],
  z: [
    [1.217, 437.0, 11.8, 36.0],
    [0.681, 459.0, 26.0, 13.8]
  ]
};

/** Sampled wavelength range [LAMBDA_MIN, LAMBDA_MAX), nm. */
export const LAMBDA_MIN = 380;
export const LAMBDA_MAX = 780;
export const LAMBDA_RANGE = LAMBDA_MAX - LAMBDA_MIN;

function lobeSum(lobes: readonly Lobe[], lambda: number): number {
  let sum = 0;
  for (const [alpha, mu, s1, s2] of lobes) {
    const d = (lambda - mu) / (lambda < mu ? s1 : s2);
    sum += alpha * Math.exp(-0.5 * d * d);
  }
  return sum;
}

export function cmfX(lambda: number): number {
  return lobeSum(CMF_LOBES.x, lambda);
}
export function cmfY(lambda: number): number {
  return lobeSum(CMF_LOBES.y, lambda);
}
export function cmfZ(lambda: number): number {
  return lobeSum(CMF_LOBES.z, lambda);
}

/** (x̄, ȳ, z̄) at λ nm. */
export function cmfXyz(lambda: number): Xyz {
  return [cmfX(lambda), cmfY(lambda), cmfZ(lambda)];
}

/** The 1-nm quadrature the host uses for spectral means: λ = 380, 381, …, 779 (the reference's wavelengths). */
export const QUADRATURE_LAMBDAS: readonly number[] = Array.from({ length: LAMBDA_RANGE }, (_, i) => LAMBDA_MIN + i);

const CMF_TABLE: readonly Xyz[] = QUADRATURE_LAMBDAS.map(cmfXyz);

/** CMF at the quadrature wavelengths (index i ↔ λ = 380 + i). */
export function cmfTable(): readonly Xyz[] {
  return CMF_TABLE;
}

const CMF_MEAN: Xyz = (() => {
  const sum: Xyz = [0, 0, 0];
  for (const c of CMF_TABLE) for (let k = 0; k < 3; k++) sum[k] += c[k];
  return sum.map((s) => s / CMF_TABLE.length) as Xyz;
})();

/**
 * Mean of the CMFs over λ in [380, 780): ≈ (0.26691, 0.26730, 0.26707). A flat spectral radiance 1.0 gives this
 * film XYZ (spec Appendix B).
 */
export function cmfMean(): Xyz {
  return [...CMF_MEAN];
}

/** Film XYZ of a spectrum: mean over λ of CMF(λ)·s(λ), the scale of the renderer's film (decision 8). */
export function spectrumFilmXyz(s: (lambda: number) => number): Xyz {
  const sum: Xyz = [0, 0, 0];
  QUADRATURE_LAMBDAS.forEach((lambda, i) => {
    const v = s(lambda);
    const c = CMF_TABLE[i];
    for (let k = 0; k < 3; k++) sum[k] += c[k] * v;
  });
  return sum.map((x) => x / QUADRATURE_LAMBDAS.length) as Xyz;
}

/**
 * Colour (XYZ, white E) of a spectrum with per-channel normalisation: spectrumFilmXyz(s) / cmfMean(), so that a
 * flat 1.0 is exactly (1, 1, 1). This is the inverse the RGB → spectrum fit (sigmoid.ts) targets.
 */
export function spectrumToXyzE(s: (lambda: number) => number): Xyz {
  const film = spectrumFilmXyz(s);
  return [film[0] / CMF_MEAN[0], film[1] / CMF_MEAN[1], film[2] / CMF_MEAN[2]];
}
