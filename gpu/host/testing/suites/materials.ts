// Material sampling on the GPU: Lambertian and isotropic lobes (furnace and chi-square), fuzzy metal against its
// closed-form distribution, dielectric Fresnel/Snell/total internal reflection, Cauchy dispersion, thin film.
import { runKernel } from '../kernel.ts';
import { chiSquareTest } from '../chi-square.ts';
import {
  CHI_SQUARE_SIGNIFICANCE,
  RECORD,
  RECORD_STRIDE,
  directionChiSquare,
  recordStats,
  sampleRecords,
  type DirectionDistribution
} from '../direction-tests.ts';
import { expect } from './assert.ts';
import { WGSL_SIN_COS_ABS } from './precision.ts';
import { kernelGroup, type CaseBody, type KernelSuite } from './suite.ts';

type V3 = [number, number, number];
const MODULE = 'tests/materials_test';
/** Thin-film factor 1 + cos(2π m) against the host: WGSL's sin/cos bound (the kernel keeps the argument in
 * [−π, π], where it holds) plus 5e-5 for the rounding of m (up to ~12, so ~1e-6) times 2π. */
const FILM_TOLERANCE = WGSL_SIN_COS_ABS + 5e-5;
const LAMBERTIAN = 0;
const ISOTROPIC = 1;
const METAL = 2;

const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const scale = (a: V3, s: number): V3 => [a[0] * s, a[1] * s, a[2] * s];
const add = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const normalize = (a: V3): V3 => scale(a, 1 / Math.hypot(...a));
/** Any unit vector perpendicular to unit n. */
const perpendicular = (n: V3): V3 => normalize(cross(n, Math.abs(n[0]) > 0.9 ? [0, 1, 0] : [1, 0, 0]));

const lambertian = (n: V3): DirectionDistribution => ({ module: MODULE, distribution: LAMBERTIAN, params: n });

async function rows(device: GPUDevice, entryPoint: string, input: number[], rowCount: number, outStride: number) {
  const { data } = await runKernel(device, {
    module: MODULE,
    entryPoint,
    inputs: [new Uint32Array([rowCount, 0, 0, 0, 0, 0]), new Float32Array(input)],
    output: { type: Float32Array, length: rowCount * outStride },
    workgroups: Math.ceil(rowCount / 64)
  });
  return data;
}

const lobeChiSquare = (title: string, dist: DirectionDistribution, seed: number): [string, CaseBody] => [
  `${title}: histogram matches the pdf (chi-square) and the pdf integrates to 1`,
  async (device) => {
    const r = await directionChiSquare(device, dist, { samples: 500_000, seed });
    expect(Math.abs(r.integral - 1), '|∫ pdf − 1|').toBeLessThan(2e-3);
    expect(r.chi2.stray, 'samples where the pdf is 0').toBeLessThanOrEqual(5);
    expect(r.chi2.pValue, 'chi-square p-value').toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
    if (dist.distribution === ISOTROPIC) {
      let worst = 0;
      for (let o = 0; o < r.records.length; o += RECORD_STRIDE) {
        worst = Math.max(worst, Math.abs(r.records[o + RECORD.extra0] - 1));
      }
      expect(worst, 'isotropic: worst |f/pdf − 1|').toBeLessThan(1e-6);
    }
  }
];

const diffuse = kernelGroup('materials/lambertian and materials/isotropic', [MODULE], [
  [
    'Lambertian with albedo 1 has f·cos/pdf = 1 for every sample (furnace at the lobe level)',
    async (device) => {
      for (const n of [[0, 0, 1], [0, 0, -1], normalize([0.3, -0.8, 0.2]), normalize([1e-4, 0, -1])] as V3[]) {
        const records = await sampleRecords(device, lambertian(n), 65_536, 21);
        let worst = 0;
        let zeroPdf = 0;
        let below = 0;
        for (let o = 0; o < records.length; o += RECORD_STRIDE) {
          if (!(records[o + RECORD.pdf] > 0)) {
            zeroPdf++;
            continue;
          }
          worst = Math.max(worst, Math.abs(records[o + RECORD.extra0] - 1), Math.abs(records[o + RECORD.extra1] - 1));
          if (dot([records[o], records[o + 1], records[o + 2]], n) < 0) below++;
        }
        const at = `normal (${n.join(', ')})`;
        expect(worst, `${at}: worst |f·cos/pdf − 1|`).toBeLessThan(1e-6);
        expect(zeroPdf, `${at}: samples with pdf 0`).toBeLessThan(5);
        expect(below, `${at}: samples below the surface`).toBe(0);
        expect(recordStats(records).allFinite, `${at}: records finite`).toBe(true);
      }
    }
  ],
  lobeChiSquare('Lambertian about an oblique normal', lambertian(normalize([0.5, -0.4, 0.6])), 31),
  lobeChiSquare('isotropic phase function', { module: MODULE, distribution: ISOTROPIC, params: [] }, 32)
]);

/** P(cos α >= c) for the fuzzy-mirror direction normalize(r + f s), s uniform on the unit sphere, α its angle
 * to r. With y = 1 + f s_z (uniform on [1 − f, 1 + f]), cos α >= c  ⟺  y² >= c² (2y − 1 + f²), whose roots are
 * y± = c² ± c √(c² − 1 + f²); f = 1 gives 1 − c², the cosine lobe about r. */
function fuzzyMirrorTail(c: number, f: number): number {
  const disc = c * c - 1 + f * f;
  if (c <= 0 || disc <= 0) return 1;
  const root = c * Math.sqrt(disc);
  const hi = c * c + root;
  const lo = c * c - root;
  const upper = Math.max(0, 1 + f - Math.max(hi, 1 - f));
  const lower = Math.max(0, Math.min(lo, 1 + f) - (1 - f));
  return Math.min(1, (upper + lower) / (2 * f));
}

const incident = normalize([0.8, 0.1, -0.6]);
const up: V3 = [0, 0, 1];
const mirror = add(incident, scale(up, -2 * dot(incident, up)));

const fuzzyMetal = (fuzz: number, seed: number): [string, CaseBody] => [
  `fuzz ${fuzz}: directions follow the closed-form distribution about the mirror direction (chi-square)`,
  async (device) => {
    const f = Math.min(1, fuzz);
    const samples = 500_000;
    const records = await sampleRecords(device, { module: MODULE, distribution: METAL, params: [...incident, ...up, fuzz] }, samples, seed);
    const t = perpendicular(mirror);
    const b = cross(mirror, t);
    const cMin = Math.sqrt(Math.max(0, 1 - f * f));
    const nCos = 40;
    const nPhi = 16;
    const observed = new Float64Array(nCos * nPhi);
    let worstUnit = 0;
    let below = 0;
    for (let o = 0; o < records.length; o += RECORD_STRIDE) {
      const w: V3 = [records[o], records[o + 1], records[o + 2]];
      worstUnit = Math.max(worstUnit, Math.abs(records[o + RECORD.extra0]));
      if (records[o + RECORD.extra1] < 0) below++;
      const c = dot(w, mirror);
      const ic = Math.min(nCos - 1, Math.max(0, Math.floor(((c - cMin) / (1 - cMin)) * nCos)));
      let phi = Math.atan2(dot(w, b), dot(w, t));
      if (phi < 0) phi += 2 * Math.PI;
      const ip = Math.min(nPhi - 1, Math.floor((phi / (2 * Math.PI)) * nPhi));
      observed[ic * nPhi + ip]++;
    }
    const expected = new Float64Array(nCos * nPhi);
    for (let ic = 0; ic < nCos; ic++) {
      const c0 = cMin + ((1 - cMin) * ic) / nCos;
      const c1 = cMin + ((1 - cMin) * (ic + 1)) / nCos;
      const p = fuzzyMirrorTail(c0, f) - fuzzyMirrorTail(c1, f);
      for (let ip = 0; ip < nPhi; ip++) expected[ic * nPhi + ip] = (p / nPhi) * samples;
    }
    const chi2 = chiSquareTest(observed, expected);
    expect(worstUnit, 'worst ||wi| − 1|').toBeLessThan(1e-5);
    expect(chi2.pValue, 'chi-square p-value').toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
    // Grazing incidence with fuzz pushes some directions below the surface; they are kept, not absorbed.
    if (f === 1) expect(below, 'directions below the surface').toBeGreaterThan(0);
  }
];

const metal = kernelGroup('materials/metal', [MODULE], [
  fuzzyMetal(0.3, 41),
  fuzzyMetal(0.8, 42),
  fuzzyMetal(5, 43),
  [
    'fuzz 0 (and negative fuzz) is the exact mirror',
    async (device) => {
      for (const fuzz of [0, -2]) {
        const records = await sampleRecords(device, { module: MODULE, distribution: METAL, params: [...incident, ...up, fuzz] }, 256, 1);
        let worst = 0;
        for (let o = 0; o < records.length; o += RECORD_STRIDE) {
          for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(records[o + k] - mirror[k]));
        }
        expect(worst, `fuzz ${fuzz}: worst distance from the mirror direction`).toBeLessThan(1e-6);
      }
    }
  ]
]);

function schlick(cos: number, eta: number): number {
  const r0 = ((1 - eta) / (1 + eta)) ** 2;
  return r0 + (1 - r0) * (1 - cos) ** 5;
}

const dielectric = kernelGroup('materials/dielectric', [MODULE], [
  [
    'reflects with the Schlick probability, refracts by Snell, and reflects exactly beyond the critical angle',
    async (device) => {
      let seed = 7;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
      const configs: [number, number][] = [
        [1, 1 / 1.5],
        [0.7, 1 / 1.5],
        [0.3, 1 / 1.5],
        [0.1, 1 / 1.5],
        [1, 1.5],
        [0.9, 1.5],
        [0.8, 1.5],
        [0.5, 1 / 2.4]
      ];
      const strata = 1000;
      const input: number[] = [];
      const meta: { cos: number; eta: number; d: V3; n: V3 }[] = [];
      for (const [cos, eta] of configs) {
        const nv = normalize([rand(), rand(), rand()]);
        const d = add(scale(perpendicular(nv), Math.sqrt(1 - cos * cos)), scale(nv, -cos));
        for (let k = 0; k < strata; k++) {
          input.push(...d, ...nv, eta, (k + 0.5) / strata);
          meta.push({ cos, eta, d, n: nv });
        }
      }
      const out = await rows(device, 'dielectric_cases', input, meta.length, 8);
      for (let c = 0; c < configs.length; c++) {
        const [cos, eta] = configs[c];
        const at = `cos ${cos}, η ${eta.toFixed(4)}`;
        let reflected = 0;
        let worstSnell = 0;
        let worstMirror = 0;
        let worstPlane = 0;
        for (let k = 0; k < strata; k++) {
          const i = c * strata + k;
          const { d, n } = meta[i];
          const o = i * 8;
          const w: V3 = [out[o], out[o + 1], out[o + 2]];
          expect(out[o + 4], `${at}: Fresnel reflectance`).toBeCloseTo(schlick(cos, eta), 5);
          worstPlane = Math.max(worstPlane, Math.abs(dot(w, cross(d, n))));
          if (out[o + 3] === 1) {
            reflected++;
            const m = add(d, scale(n, -2 * dot(d, n)));
            worstMirror = Math.max(worstMirror, Math.hypot(w[0] - m[0], w[1] - m[1], w[2] - m[2]));
          } else {
            // Snell: sin θt = η sin θi, on the far side, bent toward the same tangent direction.
            const cosT = -dot(w, n);
            expect(cosT, `${at}: cos θt`).toBeGreaterThan(0);
            const tangent = add(w, scale(n, cosT));
            expect(dot(tangent, d), `${at}: refracted tangent · incident`).toBeGreaterThanOrEqual(0);
            worstSnell = Math.max(worstSnell, Math.abs(Math.hypot(...tangent) - eta * Math.sqrt(1 - cos * cos)));
          }
        }
        expect(Math.abs(reflected / strata - schlick(cos, eta)), `${at}: |reflected fraction − Schlick|`).toBeLessThanOrEqual(1.5 / strata);
        expect(worstSnell, `${at}: worst Snell residual`).toBeLessThan(2e-5);
        expect(worstMirror, `${at}: worst mirror residual`).toBeLessThan(2e-5);
        expect(worstPlane, `${at}: worst out-of-plane component`).toBeLessThan(2e-5);
      }

      // Sweep across the critical angle leaving glass (η = 1.5, sin θc = 1/1.5) with u just below 1, so only
      // total internal reflection reflects; and entering glass nothing is totally reflected.
      const sweep: number[] = [];
      const sines: number[] = [];
      for (let k = 0; k <= 2000; k++) {
        const s = 1 / 1.5 + (k - 1000) * 1e-5;
        sines.push(s);
        sweep.push(s, 0, -Math.sqrt(1 - s * s), 0, 0, 1, 1.5, 0.99999);
      }
      for (let k = 0; k <= 200; k++) {
        const s = (0.995 * k) / 200;
        sines.push(s);
        sweep.push(s, 0, -Math.sqrt(1 - s * s), 0, 0, 1, 1 / 1.5, 0.99999);
      }
      const tir = await rows(device, 'dielectric_cases', sweep, sines.length, 8);
      let wrong = 0;
      for (let k = 0; k < sines.length; k++) {
        const eta = sweep[k * 8 + 6];
        const x = eta * sines[k];
        const reflected = tir[k * 8 + 3] === 1;
        if (Math.abs(x - 1) > 2e-6 && reflected !== x > 1) wrong++;
      }
      expect(wrong, 'wrong total-internal-reflection decisions').toBe(0);
    }
  ]
]);

const spectral = kernelGroup('materials/dispersive and materials/thin_film', [MODULE], [
  [
    'gives the Appendix B Cauchy indices and refracts with the hero wavelength’s index',
    async (device) => {
      const glasses: [string, number, number, number[]][] = [
        ['BK7', 1.5046, 0.0042, [1.53085, 1.51848, 1.51317]],
        ['SF10', 1.728, 0.01342, [1.81187, 1.77236, 1.75539]]
      ];
      const lambdas = [400, 550, 700];
      const input: number[] = [];
      const expected: { ior: number; front: boolean; sinI: number; at: string }[] = [];
      for (const [glass, a, b, iors] of glasses) {
        lambdas.forEach((l, i) => {
          input.push(a, b, l, 1, Math.SQRT1_2, 0, -Math.SQRT1_2, 0);
          expected.push({ ior: iors[i], front: true, sinI: Math.SQRT1_2, at: `${glass} at ${l} nm, entering` });
          input.push(a, b, l, 0, 0.3, 0, -Math.sqrt(1 - 0.09), 0);
          expected.push({ ior: iors[i], front: false, sinI: 0.3, at: `${glass} at ${l} nm, leaving` });
        });
      }
      const out = await rows(device, 'cauchy_cases', input, expected.length, 4);
      expected.forEach(({ ior, front, sinI, at }, i) => {
        expect(Math.abs(out[i * 4] - ior), `${at}: |ior − expected|`).toBeLessThan(1e-5);
        const sinT = Math.hypot(out[i * 4 + 1], out[i * 4 + 2]);
        expect(out[i * 4 + 3], `${at}: refracted z`).toBeLessThan(0);
        expect(sinT, `${at}: sin θt`).toBeCloseTo(front ? sinI / ior : sinI * ior, 4);
      });
    }
  ],
  [
    'gives the §2.7 thin-film factors and follows Snell inside the film at oblique incidence',
    async (device) => {
      const host = (cos: number, nf: number, d: number, l: number) => {
        const cos2 = Math.sqrt(1 - (1 - cos * cos) / (nf * nf));
        return 1 + Math.cos(2 * Math.PI * ((2 * nf * d * cos2) / l));
      };
      const cases: [number, number, number, number[]][] = [
        [1, 1.5, 256, [400, 500, 600, 700]],
        [0.6, 1.5, 256, [400, 500, 600, 700]],
        [0.2, 1.33, 500, [380, 455.5, 612, 779]],
        [0.9, 2.1, 1200, [420, 520, 620, 720]]
      ];
      const out = await rows(device, 'thin_film_cases', cases.flatMap(([c, nf, d, l]) => [c, nf, d, ...l, 0]), cases.length, 4);
      // The spec's vector (3 decimals); its 0.026 at 500 nm is 0.02547 exactly (1 + cos(2π·1.536)).
      [1.876, 0.026, 0.813, 1.819].forEach((f, k) => expect(Math.abs(out[k] - f), `spec factor ${k}`).toBeLessThan(1e-3));
      cases.forEach(([c, nf, d, l], i) => {
        l.forEach((lambda, k) => {
          const at = `cos ${c}, n ${nf}, d ${d}, λ ${lambda}`;
          expect(Math.abs(out[i * 4 + k] - host(c, nf, d, lambda)), `${at}: |F − host|`).toBeLessThan(FILM_TOLERANCE);
        });
      });
    }
  ]
]);

export const materialsSuite: KernelSuite = { name: 'materials', cases: [...diffuse, ...metal, ...dielectric, ...spectral] };
