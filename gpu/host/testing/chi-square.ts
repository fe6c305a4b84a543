// Pearson's chi-square goodness-of-fit test for sampling routines, in the manner of pbrt's and Mitsuba's
// sampling tests: observed histogram against expected counts from the integrated pdf, bins with a low
// expectation pooled, p-value from the regularised upper incomplete gamma function
// (Press et al., "Numerical Recipes", §6.2). Pure TypeScript: used by the GPU sampling tests.

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (Lanczos approximation, relative error below 1e-13). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function, for a > 0, x >= 0. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x), then Q = 1 − P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS && Math.abs(term) > Math.abs(sum) * EPS; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.min(1, Math.exp(logPrefix) * h);
}

/** Probability that a chi-square variable with `dof` degrees of freedom exceeds `statistic`. */
export function chiSquarePValue(statistic: number, dof: number): number {
  if (dof <= 0) return 1;
  return regularizedGammaQ(dof / 2, statistic / 2);
}

export interface ChiSquareResult {
  readonly statistic: number;
  readonly dof: number;
  readonly pValue: number;
  /** Samples that fell in bins whose expected count is 0 (a sampler putting mass where its pdf has none). */
  readonly stray: number;
  /** Number of bins pooled into one because their expected counts were below the threshold. */
  readonly pooledBins: number;
}

export interface ChiSquareOptions {
  /** Bins expecting fewer samples than this are pooled (5 is the classic rule). */
  readonly minExpected?: number;
}

/** Pearson's test of observed counts against expected counts (same length, same total up to quadrature error). */
export function chiSquareTest(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: ChiSquareOptions = {}
): ChiSquareResult {
  if (observed.length !== expected.length) throw new Error('observed and expected differ in length');
  const minExpected = options.minExpected ?? 5;
  const order = Array.from({ length: expected.length }, (_, i) => i).sort((a, b) => expected[a] - expected[b]);
  let stray = 0;
  let poolObserved = 0;
  let poolExpected = 0;
  let pooledBins = 0;
  let statistic = 0;
  let terms = 0;
  for (const i of order) {
    const e = expected[i];
    const o = observed[i];
    if (!(e > 0)) {
      stray += o;
      continue;
    }
    // Ascending order: pool every low bin, then keep pooling until the pool itself is large enough.
    if (e < minExpected || (pooledBins > 0 && poolExpected < minExpected)) {
      poolObserved += o;
      poolExpected += e;
      pooledBins++;
      continue;
    }
    statistic += ((o - e) * (o - e)) / e;
    terms++;
  }
  if (pooledBins > 0) {
    statistic += ((poolObserved - poolExpected) * (poolObserved - poolExpected)) / poolExpected;
    terms++;
  }
  const dof = terms - 1;
  return { statistic, dof, pValue: chiSquarePValue(statistic, dof), stray, pooledBins };
}
