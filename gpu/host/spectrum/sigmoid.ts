// RGB/XYZ → spectrum by the sigmoid-polynomial of Jakob & Hanika 2019, "A Low-Dimensional Function Space for
// Efficient Spectral Upsampling": s(λ) = scale · S(c0·t² + c1·t + c2) with t = (λ − 380)/400 (normalised for
// conditioning) and S(x) = ½ + x / (2√(1 + x²)). Colours are fitted per value on the host when a scene is
// compiled (Levenberg–Marquardt on the CIELAB error, f64) and the 4 numbers are evaluated on the GPU by
// gpu/shaders/spectrum/sigmoid.wgsl with the same formula.
//
// Colour of a spectrum: spectrumToXyzE (white E, per-channel normalised), so XYZ_E (1,1,1) ↔ flat 1.0.
// Greys become exactly flat spectra. Reflectances (every component ≤ 1, in gamut) keep scale 1 and stay within
// [0,1]; brighter colours are fitted at half their maximum and scaled by 2·max ("unbounded" spectra in the
// paper). Colours no sigmoid reaches are clipped toward the grey of the same luminance.
import { cmfMean, cmfTable, LAMBDA_MIN, LAMBDA_RANGE, QUADRATURE_LAMBDAS, type Xyz } from './cmf.ts';

/** [c0, c1, c2, scale]: the vec4f sigmoid_spectrum_eval takes. */
export type SigmoidCoefficients = readonly [number, number, number, number];

/** Polynomial values are clamped to ±X_MAX on host and GPU: keeps x² finite in f32. */
export const SIGMOID_X_MAX = 1e6;
/** Coefficient magnitudes the fit may reach (|x| ≤ 3·C_MAX for t ∈ [0,1]). */
const C_MAX = 1e4;

export function sigmoid(x: number): number {
  const c = Math.min(Math.max(x, -SIGMOID_X_MAX), SIGMOID_X_MAX);
  return 0.5 + c / (2 * Math.sqrt(1 + c * c));
}

/** Inverse of `sigmoid` on (0, 1). */
function sigmoidInverse(y: number): number {
  const d = y - 0.5;
  return (2 * d) / Math.sqrt(1 - 4 * d * d);
}

export function normalisedWavelength(lambda: number): number {
  return (lambda - LAMBDA_MIN) / LAMBDA_RANGE;
}

/** s(λ) for fitted coefficients: the host twin of sigmoid_spectrum_eval. */
export function sigmoidSpectrumEval(coeffs: SigmoidCoefficients, lambda: number): number {
  const t = normalisedWavelength(lambda);
  return coeffs[3] * sigmoid((coeffs[0] * t + coeffs[1]) * t + coeffs[2]);
}

// Per-wavelength weights of the colour functional: xyz_k = Σ_i W[3i+k]·s(λ_i) (= spectrumToXyzE).
const T = Float64Array.from(QUADRATURE_LAMBDAS, normalisedWavelength);
const W = (() => {
  const mean = cmfMean();
  const n = QUADRATURE_LAMBDAS.length;
  const w = new Float64Array(3 * n);
  cmfTable().forEach((c, i) => {
    for (let k = 0; k < 3; k++) w[3 * i + k] = c[k] / (n * mean[k]);
  });
  return w;
})();

// CIELAB relative to white E (Xn = Yn = Zn = 1); the linear branch also serves negative inputs.
const DELTA = 6 / 29;
function labF(u: number): number {
  return u > DELTA ** 3 ? Math.cbrt(u) : u / (3 * DELTA * DELTA) + 4 / 29;
}
function labFDerivative(u: number): number {
  return u > DELTA ** 3 ? 1 / (3 * Math.cbrt(u * u)) : 1 / (3 * DELTA * DELTA);
}
function lab(xyz: Xyz): Xyz {
  const [fx, fy, fz] = xyz.map(labF);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Colour (XYZ_E) of the unscaled sigmoid spectrum and its Jacobian ∂xyz_k/∂c_j (jacobian[k][j]). */
function evalColour(c: readonly number[]): { xyz: Xyz; jacobian: Xyz[] } {
  const xyz: Xyz = [0, 0, 0];
  const j = new Float64Array(9);
  for (let i = 0; i < T.length; i++) {
    const t = T[i];
    const x = Math.min(Math.max((c[0] * t + c[1]) * t + c[2], -SIGMOID_X_MAX), SIGMOID_X_MAX);
    const q = 1 / (1 + x * x);
    const rq = Math.sqrt(q);
    const s = 0.5 + 0.5 * x * rq;
    const ds = 0.5 * q * rq;
    // ∂s/∂(c0, c1, c2) = S'(x)·(t², t, 1).
    const d0 = ds * t * t;
    const d1 = ds * t;
    for (let k = 0; k < 3; k++) {
      const w = W[3 * i + k];
      xyz[k] += w * s;
      j[3 * k] += w * d0;
      j[3 * k + 1] += w * d1;
      j[3 * k + 2] += w * ds;
    }
  }
  return {
    xyz,
    jacobian: [
      [j[0], j[1], j[2]],
      [j[3], j[4], j[5]],
      [j[6], j[7], j[8]]
    ]
  };
}

/** Solves the 3×3 system A·x = b by Cramer's rule; undefined when singular. */
function solve3(a: readonly Xyz[], b: Xyz): Xyz | undefined {
  const det = (m: readonly Xyz[]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(a);
  if (!Number.isFinite(d) || Math.abs(d) < 1e-300) return undefined;
  const x: Xyz = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    const m = a.map((row, r) => row.map((v, col) => (col === j ? b[r] : v)) as Xyz);
    x[j] = det(m) / d;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

interface Fit {
  readonly c: Xyz;
  /** CIE76 ΔE between the fitted and the target colour. */
  readonly deltaE: number;
}

/** Converged when ΔE (CIE76, L in 0..100) is below this: far under the 1% round-trip bound. */
const DELTA_E_TOL = 1e-6;

/** Levenberg–Marquardt from `start` toward the target colour (unit scale). */
function levenbergMarquardt(target: Xyz, start: Xyz, iterations: number): Fit {
  const goal = lab(target);
  const residualOf = (xyz: Xyz): Xyz => {
    const l = lab(xyz);
    return [l[0] - goal[0], l[1] - goal[1], l[2] - goal[2]];
  };
  let c: Xyz = [...start];
  let { xyz, jacobian } = evalColour(c);
  let r = residualOf(xyz);
  let cost = r[0] ** 2 + r[1] ** 2 + r[2] ** 2;
  let mu = 1e-3;
  for (let it = 0; it < iterations && cost > DELTA_E_TOL ** 2; it++) {
    // Chain rule through CIELAB: ∂Lab/∂c = ∂Lab/∂xyz · ∂xyz/∂c.
    const [dfx, dfy, dfz] = xyz.map(labFDerivative);
    const J: Xyz[] = [0, 1, 2].map(
      (j) => [116 * dfy * jacobian[1][j], 500 * (dfx * jacobian[0][j] - dfy * jacobian[1][j]), 200 * (dfy * jacobian[1][j] - dfz * jacobian[2][j])] as Xyz
    );
    // J[j] is column j (∂r/∂c_j). Normal equations (JᵀJ + μ·diag) δ = −Jᵀr.
    const jtj: Xyz[] = [0, 1, 2].map((a) => [0, 1, 2].map((b) => J[a][0] * J[b][0] + J[a][1] * J[b][1] + J[a][2] * J[b][2]) as Xyz);
    const jtr = [0, 1, 2].map((a) => -(J[a][0] * r[0] + J[a][1] * r[1] + J[a][2] * r[2])) as Xyz;
    let improved = false;
    for (let attempt = 0; attempt < 12 && !improved; attempt++) {
      const a = jtj.map((row, i) => row.map((v, j) => (i === j ? v + mu * Math.max(v, 1e-9) : v)) as Xyz);
      const step = solve3(a, jtr);
      if (step) {
        const next = c.map((v, j) => Math.min(Math.max(v + step[j], -C_MAX), C_MAX)) as Xyz;
        const e = evalColour(next);
        const nr = residualOf(e.xyz);
        const nextCost = nr[0] ** 2 + nr[1] ** 2 + nr[2] ** 2;
        if (nextCost < cost) {
          c = next;
          ({ xyz, jacobian } = e);
          r = nr;
          cost = nextCost;
          mu = Math.max(mu / 3, 1e-12);
          improved = true;
          continue;
        }
      }
      mu *= 4;
    }
    if (!improved) break;
  }
  return { c, deltaE: Math.sqrt(cost) };
}

function blend(from: number, to: Xyz, f: number): Xyz {
  return [from + (to[0] - from) * f, from + (to[1] - from) * f, from + (to[2] - from) * f];
}

/**
 * Fits unit-scale coefficients for a target colour. Gauss–Newton from a grey can stall on saturated colours,
 * so, as in the paper, a failed direct fit is retried by continuation: from the grey of the same luminance
 * toward the target in small steps, each warm-started from the last. A target outside the sigmoid gamut gets
 * the most saturated representable colour on that line (a gamut clip toward grey).
 */
function fitUnitScale(target: Xyz): Fit {
  const y = Math.min(Math.max(target[1], 1e-4), 1 - 1e-4);
  const grey: Xyz = [0, 0, sigmoidInverse(y)];
  const direct = levenbergMarquardt(target, grey, 50);
  if (direct.deltaE <= DELTA_E_TOL) return direct;
  const steps = 8;
  let reached = 0;
  let c = grey;
  const tryStep = (f: number): boolean => {
    const fit = levenbergMarquardt(blend(y, target, f), c, 50);
    if (fit.deltaE > DELTA_E_TOL) return false;
    c = fit.c;
    reached = f;
    return true;
  };
  for (let k = 1; k <= steps; k++) {
    const f = k / steps;
    if (tryStep(f)) continue;
    let failed = f;
    for (let b = 0; b < 8; b++) {
      const mid = (reached + failed) / 2;
      if (!tryStep(mid)) failed = mid;
    }
    break;
  }
  const clipped = { c, deltaE: deltaEOf([...c, 1], target) };
  return clipped.deltaE < direct.deltaE || direct.deltaE > GAMUT_DELTA_E ? clipped : direct;
}

function deltaEOf(coeffs: SigmoidCoefficients, target: Xyz): number {
  const { xyz } = evalColour(coeffs);
  const a = lab(xyz.map((v) => v * coeffs[3]) as Xyz);
  const b = lab(target);
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const GREY_TOLERANCE = 1e-6;
/** A reflectance fit counts as in gamut below this ΔE. */
const GAMUT_DELTA_E = 1e-3;

function fitUncached(xyzE: Xyz): SigmoidCoefficients {
  const target = xyzE.map((v) => (Number.isFinite(v) ? v : 0)) as Xyz;
  const max = Math.max(...target);
  if (!(max > 0)) return [0, 0, 0, 0];
  // Greys: S(0) = ½ exactly, so scale 2·v gives the flat value v exactly, also in f32.
  if (max - Math.min(...target) <= GREY_TOLERANCE * max) return [0, 0, 0, (2 * (target[0] + target[1] + target[2])) / 3];
  const bounded = max <= 1 ? fitUnitScale(target) : undefined;
  if (bounded && bounded.deltaE <= GAMUT_DELTA_E) return [...bounded.c, 1];
  // Unbounded: fit at half the maximum, where every sRGB colour is representable, and scale back up.
  const scale = 2 * max;
  const unbounded: SigmoidCoefficients = [...fitUnitScale(target.map((v) => v / scale) as Xyz).c, scale];
  if (!bounded) return unbounded;
  // Out of gamut either way: keep whichever is nearer.
  const reflectance: SigmoidCoefficients = [...bounded.c, 1];
  return deltaEOf(reflectance, target) <= deltaEOf(unbounded, target) ? reflectance : unbounded;
}

const cache = new Map<string, SigmoidCoefficients>();
const CACHE_LIMIT = 4096;

/**
 * Sigmoid-polynomial coefficients [c0, c1, c2, scale] whose spectrum has the colour `xyzE` (CIE XYZ, white E,
 * per-channel normalised: (1,1,1) is flat 1.0). Never throws or returns NaN: non-finite inputs count as 0,
 * non-positive colours give the zero spectrum and out-of-gamut colours the nearest fit found.
 */
export function fitSigmoidSpectrum(xyzE: readonly [number, number, number]): SigmoidCoefficients {
  const key = `${xyzE[0]},${xyzE[1]},${xyzE[2]}`;
  let coeffs = cache.get(key);
  if (!coeffs) {
    coeffs = fitUncached([xyzE[0], xyzE[1], xyzE[2]]);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, coeffs);
  }
  return coeffs;
}
