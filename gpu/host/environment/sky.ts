// The `Sky` environment baked into an equirectangular map (image.ts) on the host, so the renderer lights it and
// importance-samples it like any HDR map, sun included.
//
// Sky dome: Preetham, Shirley & Smits 1999, "A Practical Analytic Model for Daylight": the Perez distribution
// F(θ, γ) = (1 + A·e^{B/cos θ})·(1 + C·e^{Dγ} + E·cos²γ) for Y, x and y with the paper's turbidity-linear
// coefficients (appendix A.2), scaled by the paper's zenith luminance and chromaticities. Preetham rather than
// Hosek–Wilkie 2012 because it is a compact closed form taken straight from the paper, with no large fitted
// dataset to vendor, and the map is RGB anyway: the renderer turns its RGB radiance into spectra like any other
// RGB emission. The model is spectral where the model allows: the sun is.
//
// Sun: a uniform disk of angular radius 0.2667° whose radiance is computed per wavelength: a 5778 K blackbody
// (the Sun's effective temperature, so the solar constant comes out right) attenuated by Rayleigh scattering and
// Ångström aerosol extinction as in the paper's appendix A.1, along the relative air mass of Kasten & Young 1989,
// then integrated against the project's CIE 1931 CMFs. Gas and water absorption are left out (they need tables).
//
// Colour: Preetham's Yxy and the sun's CMF integral are both CIE XYZ; they are taken as the renderer's XYZ
// (white E) and go through the film's own output path (Bradford E→D65 → linear Rec.709), so the sun looks as a
// spectral emitter of the same spectrum would.
import type { SkyEnvironment } from '../../../src/lib/scene/schema.ts';
import { xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { LINEAR_SRGB_TO_XYZ_D65 } from '../../../src/lib/color/matrices.ts';
import { cmfMean, spectrumToXyzE } from '../spectrum/cmf.ts';
import { checkEnvironmentSize, EnvironmentImageError, type EnvironmentImage } from './image.ts';

type Vec3 = [number, number, number];
export type Rgb = Vec3;

/** Angular radius of the sun's disk, radians (0.2667°). */
export const SUN_ANGULAR_RADIUS = (0.2667 * Math.PI) / 180;
/** Solid angle of the sun's disk, sr. */
export const SUN_SOLID_ANGLE = 2 * Math.PI * (1 - Math.cos(SUN_ANGULAR_RADIUS));
/** Blackbody temperature standing in for the extraterrestrial solar spectrum, K. */
export const SUN_TEMPERATURE = 5778;
/** Preetham's Perez fits go negative below about T = 1.7 (1 + A·e^B < 0 for Y); the dome clamps to this. */
export const SKY_MIN_TURBIDITY = 2;

export const DEFAULT_SKY_WIDTH = 2048;

export interface BakeSkyOptions {
  /** Map width in texels (even); height is width / 2. Default 2048. */
  readonly width?: number;
  /** Include the sun's disk (default true). false bakes the dome alone, ground lit by the dome only. */
  readonly sun?: boolean;
}

/** Luminance Y (kcd/m²) and CIE xy chromaticity. */
export interface Yxy {
  readonly Y: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Preetham's zenith luminance (kcd/m²) and chromaticity for turbidity T and the sun's zenith angle (radians):
 * Y_z = (4.0453·T − 4.9710)·tan χ − 0.2155·T + 2.4192 with χ = (4/9 − T/120)(π − 2θs), and x_z, y_z cubic in θs,
 * quadratic in T. Evaluated as given (no clamping of T).
 */
export function preethamZenith(turbidity: number, sunZenith: number): Yxy {
  const t = turbidity;
  const s = sunZenith;
  const chi = (4 / 9 - t / 120) * (Math.PI - 2 * s);
  const Y = (4.0453 * t - 4.971) * Math.tan(chi) - 0.2155 * t + 2.4192;
  const s2 = s * s;
  const s3 = s2 * s;
  const x =
    t * t * (0.00166 * s3 - 0.00375 * s2 + 0.00209 * s) +
    t * (-0.02903 * s3 + 0.06377 * s2 - 0.03202 * s + 0.00394) +
    (0.11693 * s3 - 0.21196 * s2 + 0.06052 * s + 0.25886);
  const y =
    t * t * (0.00275 * s3 - 0.0061 * s2 + 0.00317 * s) +
    t * (-0.04214 * s3 + 0.0897 * s2 - 0.04153 * s + 0.00516) +
    (0.15346 * s3 - 0.26756 * s2 + 0.0667 * s + 0.26688);
  return { Y, x, y };
}

/** Perez coefficients A..E. */
type Perez = readonly [a: number, b: number, c: number, d: number, e: number];

/** Preetham appendix A.2: each coefficient is linear in T, [slope, intercept]. */
const PEREZ_FITS: Record<'Y' | 'x' | 'y', readonly (readonly [number, number])[]> = {
  Y: [[0.1787, -1.463], [-0.3554, 0.4275], [-0.0227, 5.3251], [0.1206, -2.5771], [-0.067, 0.3703]],
  x: [[-0.0193, -0.2592], [-0.0665, 0.0008], [-0.0004, 0.2125], [-0.0641, -0.8989], [-0.0033, 0.0452]],
  y: [[-0.0167, -0.2608], [-0.095, 0.0092], [-0.0079, 0.2102], [-0.0441, -1.6537], [-0.0109, 0.0529]]
};

function perezCoefficients(channel: 'Y' | 'x' | 'y', turbidity: number): Perez {
  return PEREZ_FITS[channel].map(([k, c]) => k * turbidity + c) as unknown as Perez;
}

/** (1 + A·e^{B/cos θ}): the part of F that depends on the view's zenith angle only. cos θ → 0 gives 1 (B < 0). */
function perezZenithFactor(p: Perez, cosTheta: number): number {
  return 1 + p[0] * Math.exp(p[1] / Math.max(cosTheta, 1e-9));
}

/** (1 + C·e^{Dγ} + E·cos²γ): the part of F that depends on the angle γ to the sun only. */
function perezSunFactor(p: Perez, gamma: number, cosGamma: number): number {
  return 1 + p[2] * Math.exp(p[3] * gamma) + p[4] * cosGamma * cosGamma;
}

/** The dome for one turbidity and sun zenith angle; Y in kcd/m². */
class PreethamDome {
  private readonly pY: Perez;
  private readonly px: Perez;
  private readonly py: Perez;
  /** Zenith value / F(0, θs) per channel: Y(θ, γ) = yScale · F(θ, γ). */
  private readonly yScale: number;
  private readonly xScale: number;
  private readonly chromaYScale: number;

  constructor(turbidity: number, sunZenith: number) {
    const t = Math.min(Math.max(turbidity, SKY_MIN_TURBIDITY), 10);
    this.pY = perezCoefficients('Y', t);
    this.px = perezCoefficients('x', t);
    this.py = perezCoefficients('y', t);
    const z = preethamZenith(t, sunZenith);
    const cs = Math.cos(sunZenith);
    const f0 = (p: Perez): number => perezZenithFactor(p, 1) * perezSunFactor(p, sunZenith, cs);
    this.yScale = Math.max(z.Y, 0) / f0(this.pY);
    this.xScale = z.x / f0(this.px);
    this.chromaYScale = z.y / f0(this.py);
  }

  /** Per-row factors [Y, x, y] for a view zenith angle with this cosine (precomputed once per map row). */
  rowFactors(cosTheta: number): Vec3 {
    return [
      this.yScale * perezZenithFactor(this.pY, cosTheta),
      this.xScale * perezZenithFactor(this.px, cosTheta),
      this.chromaYScale * perezZenithFactor(this.py, cosTheta)
    ];
  }

  /** CIE XYZ (kcd/m²) of the sky at angle γ from the sun, for a row's factors; written into out. */
  xyz(row: Vec3, gamma: number, cosGamma: number, out: Vec3): void {
    const Y = row[0] * perezSunFactor(this.pY, gamma, cosGamma);
    const x = row[1] * perezSunFactor(this.px, gamma, cosGamma);
    const y = row[2] * perezSunFactor(this.py, gamma, cosGamma);
    const k = y > 1e-9 ? Y / y : 0;
    out[0] = x * k;
    out[1] = Y;
    out[2] = (1 - x - y) * k;
  }
}

/** Relative optical air mass at a zenith angle (radians), Kasten & Young 1989; ≈ 38 at the horizon. */
export function relativeAirMass(zenith: number): number {
  const zDeg = Math.min((zenith * 180) / Math.PI, 90);
  return 1 / (Math.cos((zDeg * Math.PI) / 180) + 0.50572 * Math.pow(96.07995 - zDeg, -1.6364));
}

/** Planck spectral radiance, W·m⁻²·sr⁻¹·nm⁻¹, at λ nm. */
function planck(lambdaNm: number, temperature: number): number {
  const c1 = 1.191042972e-16; // 2hc², W·m²/sr
  const c2 = 1.438776877e-2; // hc/k, m·K
  const l = lambdaNm * 1e-9;
  return (c1 / (l ** 5 * Math.expm1(c2 / (l * temperature)))) * 1e-9;
}

/**
 * Spectral radiance of the sun's disk seen from the ground, W·m⁻²·sr⁻¹·nm⁻¹: the blackbody times the Rayleigh
 * (exp(−0.008735·λ^−4.08·m)) and aerosol (exp(−β·λ^−α·m), α = 1.3, β = 0.04608·T − 0.04586) transmittances,
 * λ in µm, m the relative air mass (Preetham appendix A.1).
 */
export function sunSpectralRadiance(lambdaNm: number, turbidity: number, sunZenith: number): number {
  const m = relativeAirMass(sunZenith);
  const lu = lambdaNm / 1000;
  const beta = Math.max(0.04608 * turbidity - 0.04586, 0);
  const rayleigh = Math.exp(-0.008735 * Math.pow(lu, -4.08) * m);
  const aerosol = Math.exp(-beta * Math.pow(lu, -1.3) * m);
  return planck(lambdaNm, SUN_TEMPERATURE) * rayleigh * aerosol;
}

/**
 * Photopic XYZ in kcd/m² (Preetham's unit) of a spectral radiance: 683 lm/W · Σ CMF·L·1 nm. spectrumToXyzE's
 * per-channel normalisation keeps the sun's colour exactly what the renderer's film gives that spectrum.
 */
function spectralRadianceToXyz(s: (lambda: number) => number): Vec3 {
  const scale = 0.683 * 400 * cmfMean()[1];
  const e = spectrumToXyzE(s);
  return [e[0] * scale, e[1] * scale, e[2] * scale];
}

/** Row-major XYZ (white E) → linear Rec.709, the film's output conversion as one matrix. */
const XYZ_TO_RGB: readonly number[] = (() => {
  const cols = [xyzEToLinearSrgb([1, 0, 0]), xyzEToLinearSrgb([0, 1, 0]), xyzEToLinearSrgb([0, 0, 1])];
  return [0, 1, 2].flatMap((r) => cols.map((c) => c[r]));
})();

function xyzToRgb(xyz: Vec3): Rgb {
  const m = XYZ_TO_RGB;
  return [
    m[0] * xyz[0] + m[1] * xyz[1] + m[2] * xyz[2],
    m[3] * xyz[0] + m[4] * xyz[1] + m[5] * xyz[2],
    m[6] * xyz[0] + m[7] * xyz[1] + m[8] * xyz[2]
  ];
}

/** Rec.709 luminance of linear RGB. */
export function luminance(rgb: readonly number[]): number {
  return LINEAR_SRGB_TO_XYZ_D65[3] * rgb[0] + LINEAR_SRGB_TO_XYZ_D65[4] * rgb[1] + LINEAR_SRGB_TO_XYZ_D65[5] * rgb[2];
}

/** The sun's disk radiance as RGB in kcd/m²-scaled units, before normalisation. */
function sunRadianceRaw(turbidity: number, sunZenith: number): Rgb {
  const rgb = xyzToRgb(spectralRadianceToXyz((l) => sunSpectralRadiance(l, turbidity, sunZenith)));
  return [Math.max(rgb[0], 0), Math.max(rgb[1], 0), Math.max(rgb[2], 0)];
}

let cachedNormalisation: number | undefined;

/**
 * The one scale from kcd/m²-units to the project's radiance: with T = 3 and the sun at the zenith the horizontal
 * irradiance from sky + sun has luminance π (a white Lambertian ground would have radiance 1). By symmetry the
 * dome's part is a 1-D integral over θ (γ = θ); the disk's is L·π·sin²r.
 */
export function skyNormalisation(): number {
  if (cachedNormalisation !== undefined) return cachedNormalisation;
  const dome = new PreethamDome(3, 0);
  const steps = 8192;
  const dTheta = Math.PI / 2 / steps;
  const xyz: Vec3 = [0, 0, 0];
  let sky = 0;
  for (let k = 0; k < steps; k++) {
    const theta = (k + 0.5) * dTheta;
    const c = Math.cos(theta);
    dome.xyz(dome.rowFactors(c), theta, c, xyz);
    sky += luminance(xyzToRgb(xyz)) * c * Math.sin(theta);
  }
  const eSky = 2 * Math.PI * sky * dTheta;
  const eSun = luminance(sunRadianceRaw(3, 0)) * Math.PI * Math.sin(SUN_ANGULAR_RADIUS) ** 2;
  cachedNormalisation = Math.PI / (eSky + eSun);
  return cachedNormalisation;
}

/** Unit vector toward the sun and its zenith angle. */
function sunFrame(sky: SkyEnvironment): { s: Vec3; zenith: number } {
  // The schema keeps y >= 0; clamping here keeps a hand-built value from putting the sun under the ground.
  const [x, rawY, z] = sky.sun_direction;
  const y = Math.max(rawY, 0);
  const n = Math.hypot(x, y, z);
  if (!(n > 0 && Number.isFinite(n))) {
    throw new EnvironmentImageError('sky sun_direction must be a finite vector at or above the horizon');
  }
  const s: Vec3 = [x / n, y / n, z / n];
  return { s, zenith: Math.acos(Math.min(s[1], 1)) };
}

/** The radiance (linear Rec.709, project scale, × intensity) baked inside the sun's disk, on top of the sky. */
export function sunDiskRadiance(sky: SkyEnvironment): Rgb {
  const { zenith } = sunFrame(sky);
  const k = skyNormalisation() * sky.intensity;
  return sunRadianceRaw(sky.turbidity, zenith).map((v) => v * k) as Rgb;
}

/**
 * Bakes the sky (dome + sun + ground) into a width × width/2 equirectangular map, linear Rec.709 radiance on the
 * project's scale times `intensity`. Rows whose centre is below the horizon are ground: albedo · E_h / π with E_h
 * the horizontal irradiance of the baked upper rows.
 */
export function bakeSky(sky: SkyEnvironment, options: BakeSkyOptions = {}): EnvironmentImage {
  const width = options.width ?? DEFAULT_SKY_WIDTH;
  if (!(Number.isInteger(width) && width >= 2 && width % 2 === 0)) {
    throw new EnvironmentImageError(`sky map width ${width} must be an even integer >= 2`);
  }
  const height = width / 2;
  checkEnvironmentSize(width, height);
  const rgb = new Float32Array(width * height * 3);
  const { s, zenith: sunZenith } = sunFrame(sky);
  const scale = skyNormalisation() * sky.intensity;
  const dTheta = Math.PI / height;
  const dPhi = (2 * Math.PI) / width;
  /** Rows 0..skyRows−1 have their centre above the horizon. */
  const skyRows = Math.floor(height / 2);

  // Direction of texel (i, j): φ = 2π(u − ½), d = (sin θ sin φ, cos θ, −sin θ cos φ), so u = ½ + atan2(d.x, −d.z)/2π.
  const sinPhi = new Float64Array(width);
  const cosPhi = new Float64Array(width);
  for (let i = 0; i < width; i++) {
    const phi = (i + 0.5) * dPhi - Math.PI;
    sinPhi[i] = Math.sin(phi);
    cosPhi[i] = Math.cos(phi);
  }

  const dome = new PreethamDome(sky.turbidity, sunZenith);
  const m = XYZ_TO_RGB.map((v) => v * scale);
  const xyz: Vec3 = [0, 0, 0];
  for (let j = 0; j < skyRows; j++) {
    const theta = (j + 0.5) * dTheta;
    const st = Math.sin(theta);
    const ct = Math.cos(theta);
    const row = dome.rowFactors(ct);
    // cos γ = d·s = sin φ·(st·sx) + cos φ·(−st·sz) + ct·sy
    const a = st * s[0];
    const b = -st * s[2];
    const c = ct * s[1];
    let o = j * width * 3;
    for (let i = 0; i < width; i++, o += 3) {
      const cg = Math.min(Math.max(sinPhi[i] * a + cosPhi[i] * b + c, -1), 1);
      dome.xyz(row, Math.acos(cg), cg, xyz);
      rgb[o] = Math.max(m[0] * xyz[0] + m[1] * xyz[1] + m[2] * xyz[2], 0);
      rgb[o + 1] = Math.max(m[3] * xyz[0] + m[4] * xyz[1] + m[5] * xyz[2], 0);
      rgb[o + 2] = Math.max(m[6] * xyz[0] + m[7] * xyz[1] + m[8] * xyz[2], 0);
    }
  }

  if (options.sun !== false && scale > 0) {
    addSunDisk(rgb, width, skyRows, s, sunZenith, sunRadianceRaw(sky.turbidity, sunZenith).map((v) => v * scale) as Rgb);
  }

  // Horizontal irradiance of the baked upper rows, with the texels' solid angles sin θ·Δθ·Δφ.
  const eh = [0, 0, 0];
  for (let j = 0; j < skyRows; j++) {
    const theta = (j + 0.5) * dTheta;
    const w = Math.cos(theta) * Math.sin(theta) * dTheta * dPhi;
    const rowSum = [0, 0, 0];
    for (let o = j * width * 3, end = o + width * 3; o < end; o += 3) {
      rowSum[0] += rgb[o];
      rowSum[1] += rgb[o + 1];
      rowSum[2] += rgb[o + 2];
    }
    for (let k = 0; k < 3; k++) eh[k] += rowSum[k] * w;
  }
  const ground = eh.map((e) => (sky.ground_albedo * e) / Math.PI);
  for (let o = skyRows * width * 3; o < rgb.length; o += 3) {
    rgb[o] = ground[0];
    rgb[o + 1] = ground[1];
    rgb[o + 2] = ground[2];
  }
  return { width, height, rgb };
}

/**
 * Adds the sun's disk to the sky rows, energy-preserving: each texel the disk may touch is supersampled N×N in
 * (u, v) and gets radiance × its solid-angle-weighted coverage, so Σ texel · solid angle = radiance · disk solid
 * angle. The disk's edge is a linear ramp one subsample wide (radius shrunk so the ramped area is the disk's),
 * which makes the quadrature error second order in the subsample spacing instead of first.
 */
function addSunDisk(rgb: Float32Array, width: number, skyRows: number, s: Vec3, sunZenith: number, radiance: Rgb): void {
  const height = width / 2;
  const dTheta = Math.PI / height;
  const dPhi = (2 * Math.PI) / width;
  // Subsample spacing (≤ dTheta/n in both directions since dPhi = dTheta) at most a quarter of the radius.
  const n = Math.max(16, Math.ceil((4 * dTheta) / SUN_ANGULAR_RADIUS));
  const ramp = dTheta / n;
  const r = Math.sqrt(SUN_ANGULAR_RADIUS ** 2 - (ramp * ramp) / 12);
  const reach = r + ramp / 2;

  const j0 = Math.max(Math.floor((sunZenith - reach) / dTheta), 0);
  const j1 = Math.min(Math.floor((sunZenith + reach) / dTheta), skyRows - 1);
  // Columns: a cap away from the pole spans ±asin(sin reach / sin θs) in φ; one containing it spans all.
  const sunPhi = Math.atan2(s[0], -s[2]);
  const sinSun = Math.sin(sunZenith);
  let i0 = 0;
  let count = width;
  if (sunZenith - reach > 0 && Math.sin(reach) < sinSun) {
    const half = Math.asin(Math.sin(reach) / sinSun);
    i0 = Math.floor((sunPhi - half + Math.PI) / dPhi) - 1;
    count = Math.min(Math.floor((sunPhi + half + Math.PI) / dPhi) + 1 - i0 + 1, width);
  }

  for (let j = j0; j <= j1; j++) {
    for (let c = 0; c < count; c++) {
      const i = (((i0 + c) % width) + width) % width;
      let covered = 0;
      let total = 0;
      for (let a = 0; a < n; a++) {
        const theta = (j + (a + 0.5) / n) * dTheta;
        const st = Math.sin(theta);
        const ct = Math.cos(theta);
        total += st * n;
        if (ct <= 0) continue; // the part of the disk below the horizon is hidden by the ground
        for (let b = 0; b < n; b++) {
          const phi = (i + (b + 0.5) / n) * dPhi - Math.PI;
          const dx = st * Math.sin(phi) - s[0];
          const dy = ct - s[1];
          const dz = -st * Math.cos(phi) - s[2];
          const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
          if (chord >= 2 * Math.sin(reach / 2)) continue;
          const angle = 2 * Math.asin(chord / 2);
          covered += st * Math.min(Math.max((reach - angle) / ramp, 0), 1);
        }
      }
      if (covered === 0) continue;
      const f = covered / total;
      const o = (j * width + i) * 3;
      rgb[o] += radiance[0] * f;
      rgb[o + 1] += radiance[1] * f;
      rgb[o + 2] += radiance[2] * f;
    }
  }
}
