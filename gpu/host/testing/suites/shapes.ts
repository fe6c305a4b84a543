// Shape intersection kernels (sphere, moving sphere, quad, triangle) against float64 references written here from
// the textbook formulas, over random rays: hits, misses, grazing, inside the sphere, behind the origin, clipped by
// t_min/t_max, non-unit directions, moving spheres at several times; front faces; negative radii (inward normal,
// the same light-sampling densities).
import { packPrimitives, type PrimitiveDesc, type Vec3 } from '../../scene/primitives.ts';
import { seededRandom } from '../../math/random.ts';
import { runKernel } from '../kernel.ts';
import { CHI_SQUARE_SIGNIFICANCE, RECORD, RECORD_STRIDE, directionChiSquare, sampleRecords, type DirectionDistribution } from '../direction-tests.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

type V = [number, number, number];
const add = (a: readonly number[], b: readonly number[]): V => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: readonly number[], b: readonly number[]): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const mul = (a: readonly number[], s: number): V => [a[0] * s, a[1] * s, a[2] * s];
const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: readonly number[], b: readonly number[]): V => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0]
];
const len = (a: readonly number[]) => Math.sqrt(dot(a, a));
const unit = (a: readonly number[]) => mul(a, 1 / len(a));

interface TestRay {
  origin: V;
  time: number;
  direction: V;
  tMin: number;
  tMax: number;
}

interface Reference {
  t: number;
  p?: V;
  n?: V;
  uv?: [number, number];
  /** Too close to a hit/miss or root-selection boundary for float32 to be expected to agree. */
  ambiguous: boolean;
  /** Grows the UV tolerance for grazing rays on planes, whose in-plane hit position is ill-conditioned. */
  uvTolScale?: number;
}

const MISS: Reference = { t: -1, ambiguous: false };
const near = (x: number, edge: number, tol: number) => Math.abs(x - edge) <= tol * Math.max(1, Math.abs(edge));

function sphereRef(center: V, radius: number, ray: TestRay): Reference {
  const oc = sub(ray.origin, center);
  const a = dot(ray.direction, ray.direction);
  const h = dot(oc, ray.direction);
  const c = dot(oc, oc) - radius * radius;
  const disc = h * h - a * c;
  const ambiguousDisc = Math.abs(disc) < 1e-4 * a * radius * radius;
  if (disc <= 0) return { ...MISS, ambiguous: ambiguousDisc };
  const sq = Math.sqrt(disc);
  const roots = [(-h - sq) / a, (-h + sq) / a];
  let ambiguous = ambiguousDisc;
  for (const r of roots) ambiguous ||= near(r, ray.tMin, 1e-4) || near(r, ray.tMax, 1e-4);
  const t = roots.find((r) => r > ray.tMin && r < ray.tMax);
  if (t === undefined) return { ...MISS, ambiguous };
  const p = add(ray.origin, mul(ray.direction, t));
  const n = unit(mul(sub(p, center), 1 / radius));
  const uv: [number, number] = [
    1 - (Math.atan2(n[2], n[0]) + Math.PI) / (2 * Math.PI),
    (Math.asin(Math.max(-1, Math.min(1, n[1]))) + Math.PI / 2) / Math.PI
  ];
  return { t, p, n, uv, ambiguous };
}

function planarRef(q: V, u: V, v: V, triangle: boolean, ray: TestRay): Reference {
  const uxv = cross(u, v);
  const n = unit(uxv);
  const cosine = dot(n, ray.direction) / len(ray.direction);
  let ambiguous = Math.abs(Math.abs(cosine) - 1e-4) < 2e-5;
  if (Math.abs(cosine) < 1e-4) return { ...MISS, ambiguous };
  const t = dot(n, sub(q, ray.origin)) / dot(n, ray.direction);
  ambiguous ||= near(t, ray.tMin, 1e-4) || near(t, ray.tMax, 1e-4);
  if (!(t > ray.tMin && t < ray.tMax)) return { ...MISS, ambiguous };
  const p = add(ray.origin, mul(ray.direction, t));
  const w = mul(uxv, 1 / dot(uxv, uxv));
  const pq = sub(p, q);
  const alpha = dot(w, cross(pq, v));
  const beta = dot(w, cross(u, pq));
  const e = 1e-4;
  ambiguous ||= [alpha, beta].some((x) => Math.abs(x) < e || Math.abs(x - 1) < e);
  if (triangle) ambiguous ||= Math.abs(alpha + beta - 1) < e;
  const inside = alpha >= 0 && beta >= 0 && (triangle ? alpha + beta <= 1 : alpha <= 1 && beta <= 1);
  if (!inside) return { ...MISS, ambiguous };
  return { t, p, n, uv: [alpha, beta], ambiguous, uvTolScale: Math.max(1, 3e-2 / Math.abs(cosine)) };
}

/** The reference for a primitive as the GPU sees it (float32-rounded fields). */
function reference(prim: PrimitiveDesc, ray: TestRay): Reference {
  const f = (v: Vec3): V => [Math.fround(v[0]), Math.fround(v[1]), Math.fround(v[2])];
  switch (prim.kind) {
    case 'sphere':
      return sphereRef(f(prim.center), Math.fround(prim.radius), ray);
    case 'movingSphere': {
      const c0 = f(prim.center0);
      const c1 = f(prim.center1);
      return sphereRef(add(c0, mul(sub(c1, c0), ray.time)), Math.fround(prim.radius), ray);
    }
    case 'quad':
      return planarRef(f(prim.q), f(prim.u), f(prim.v), false, ray);
    case 'triangle':
      return planarRef(f(prim.q), f(prim.u), f(prim.v), true, ray);
  }
}

const common = { material: 0, medium: 0, flags: 0 };

/** Random direction of length in [0.3, 3]. */
function randomDirection(r: () => number): V {
  const z = 2 * r() - 1;
  const phi = 2 * Math.PI * r();
  const s = Math.sqrt(1 - z * z);
  return mul([s * Math.cos(phi), s * Math.sin(phi), z], 0.3 + 2.7 * r());
}

function orthonormal(d: V): [V, V] {
  const a: V = Math.abs(d[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const x = unit(cross(d, a));
  return [x, cross(unit(d), x)];
}

function sphereCase(r: () => number, center: V, radius: number, time: number, kind: number): TestRay {
  const dir = randomDirection(r);
  const d = unit(dir);
  const [x, y] = orthonormal(d);
  const tMax = 1e30;
  switch (kind % 5) {
    case 0: {
      // From outside, aimed at an offset up to 1.2 r from the centre (hits, misses, near-grazing).
      const off = radius * 1.2 * Math.sqrt(r());
      const ang = 2 * Math.PI * r();
      const target = add(center, add(mul(x, off * Math.cos(ang)), mul(y, off * Math.sin(ang))));
      const origin = sub(target, mul(d, radius * (2 + 8 * r())));
      return { origin, time, direction: dir, tMin: 0.001, tMax };
    }
    case 1: {
      // From inside: only the far root is in the interval.
      const origin = add(center, mul(unit(randomDirection(r)), radius * 0.9 * r()));
      return { origin, time, direction: dir, tMin: 0.001, tMax };
    }
    case 2: {
      // Sphere behind the origin: miss.
      const origin = add(center, mul(d, radius * (1.5 + 3 * r())));
      return { origin, time, direction: dir, tMin: 0.001, tMax };
    }
    case 3: {
      // Grazing: offset within 1e-3 of the radius, either side.
      const off = radius * (1 + (r() - 0.5) * 2e-3);
      const target = add(center, mul(x, off));
      return { origin: sub(target, mul(d, radius * 4)), time, direction: dir, tMin: 0.001, tMax };
    }
    default: {
      // Clipped: t_min or t_max between, before or after the roots (along a unit-speed parametrisation).
      const target = add(center, mul(x, radius * 0.5 * r()));
      const dist = radius * 4;
      const origin = sub(target, mul(d, dist));
      const scale = 1 / len(dir);
      const a = dist * scale * (0.5 + r() * 1.5);
      return r() < 0.5
        ? { origin, time, direction: dir, tMin: 0.001, tMax: a }
        : { origin, time, direction: dir, tMin: a, tMax };
    }
  }
}

function planarCase(r: () => number, q: V, u: V, v: V, kind: number): TestRay {
  const n = unit(cross(u, v));
  const alpha = -0.3 + 1.6 * r();
  const beta = -0.3 + 1.6 * r();
  const target = add(q, add(mul(u, alpha), mul(v, beta)));
  const [x] = orthonormal(n);
  // Angle to the plane: usually generic; some grazing either side of the 1e-4 threshold; some from behind.
  let cosine: number;
  if (kind % 6 === 0) cosine = 5e-5;
  else if (kind % 6 === 1) cosine = 3e-3;
  else cosine = 0.05 + 0.95 * r();
  const sign = kind % 6 === 2 ? -1 : 1;
  const d = add(mul(n, -cosine * sign), mul(x, Math.sqrt(1 - cosine * cosine)));
  const speed = 0.3 + 2.7 * r();
  const dist = 0.5 + 5 * r();
  const origin = sub(target, mul(d, dist));
  const direction = mul(d, speed);
  if (kind % 6 === 3) return { origin, time: 0, direction, tMin: 0.001, tMax: (dist / speed) * (0.5 + r()) };
  if (kind % 6 === 4) return { origin: add(target, mul(d, 0.5)), time: 0, direction, tMin: 0.001, tMax: 1e30 };
  return { origin, time: 0, direction, tMin: 0.001, tMax: 1e30 };
}

function randomPoint(r: () => number, s: number): V {
  return [(r() - 0.5) * s, (r() - 0.5) * s, (r() - 0.5) * s];
}

function makeCases(seed: number, count: number): { prims: PrimitiveDesc[]; rays: TestRay[] } {
  const r = seededRandom(seed);
  const prims: PrimitiveDesc[] = [];
  const rays: TestRay[] = [];
  const times = [0, 0.25, 0.5, 1];
  for (let i = 0; i < count; i++) {
    const which = i % 4;
    if (which === 0 || which === 1) {
      const radius = (0.05 + 3 * r()) * (i % 16 === 0 ? -1 : 1);
      const center0 = randomPoint(r, 10);
      const time = i % 8 < 4 ? times[(i >> 3) % 4] : r();
      if (which === 0) {
        prims.push({ kind: 'sphere', center: center0, radius, ...common });
        rays.push(sphereCase(r, center0, Math.abs(radius), time, i >> 2));
      } else {
        const center1 = add(center0, randomPoint(r, 4));
        prims.push({ kind: 'movingSphere', center0, center1, radius, ...common });
        const at = add(center0, mul(sub(center1, center0), time));
        rays.push(sphereCase(r, at, Math.abs(radius), time, i >> 2));
      }
    } else {
      const q = randomPoint(r, 10);
      const u = randomPoint(r, 4);
      const v = randomPoint(r, 4);
      prims.push({ kind: which === 2 ? 'quad' : 'triangle', q, u, v, ...common });
      rays.push(planarCase(r, q, u, v, i >> 2));
    }
  }
  return { prims, rays };
}

/** Runs tests/shapes_test: 12 floats per ray (t, p, n, uv, front_face), ray i against primitive i. */
async function intersectOnGpu(device: GPUDevice, prims: readonly PrimitiveDesc[], packed: Float32Array): Promise<Float32Array> {
  const n = prims.length;
  const { data } = await runKernel(device, {
    module: 'tests/shapes_test',
    entryPoint: 'intersect',
    inputs: [new Uint32Array([n]), packed, new Uint32Array(packPrimitives(prims))],
    output: { type: Float32Array, length: n * 12 },
    workgroups: Math.ceil(n / 64)
  });
  return data;
}

/** tests/lights_test's sphere light (distribution 0): params origin, centre, radius. */
const sphereLight = (origin: V, center: V, radius: number): DirectionDistribution => ({
  module: 'tests/lights_test',
  distribution: 0,
  params: [...origin, ...center, radius, 0, 0, 0, 0, 0]
});

function packRays(rays: readonly TestRay[]): Float32Array {
  const out = new Float32Array(rays.length * 12);
  rays.forEach((ray, i) => {
    out.set([...ray.origin, ray.time, ...ray.direction, ray.tMin, ray.tMax], i * 12);
  });
  return out;
}

const intersection = kernelGroup('shapes/shape intersection on the GPU', ['tests/shapes_test'], [
  [
    'matches float64 references for every kind',
    async (device) => {
      const n = 8192;
      const { prims, rays } = makeCases(12345, n);
      // The GPU sees rays as float32: make the references use the same numbers.
      const packed = packRays(rays);
      const f32Rays: TestRay[] = rays.map((_, i) => {
        const g = (k: number) => packed[i * 12 + k];
        return { origin: [g(0), g(1), g(2)], time: g(3), direction: [g(4), g(5), g(6)], tMin: g(7), tMax: g(8) };
      });
      const data = await intersectOnGpu(device, prims, packed);

      const failures: string[] = [];
      const tally = new Map<string, { hits: number; misses: number; ambiguous: number }>();
      for (let i = 0; i < n; i++) {
        const ref = reference(prims[i], f32Rays[i]);
        const entry = tally.get(prims[i].kind) ?? { hits: 0, misses: 0, ambiguous: 0 };
        tally.set(prims[i].kind, entry);
        if (ref.ambiguous) {
          entry.ambiguous++;
          continue;
        }
        const o = i * 12;
        const t = data[o];
        const gpuHit = t > f32Rays[i].tMin;
        const refHit = ref.t > f32Rays[i].tMin;
        const where = `ray ${i} (${prims[i].kind})`;
        if (gpuHit !== refHit) {
          failures.push(`${where}: gpu t ${t}, reference t ${ref.t}`);
          continue;
        }
        if (!refHit) {
          entry.misses++;
          expect(t, `${where}: miss t`).toBeLessThan(0);
          continue;
        }
        entry.hits++;
        const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
        if (!close(t, ref.t, 1e-4)) failures.push(`${where}: t ${t} vs ${ref.t}`);
        for (let k = 0; k < 3; k++) {
          if (!close(data[o + 1 + k], ref.p![k], 1e-4)) failures.push(`${where}: p[${k}] ${data[o + 1 + k]} vs ${ref.p![k]}`);
          if (Math.abs(data[o + 4 + k] - ref.n![k]) > 1e-4) failures.push(`${where}: n[${k}] ${data[o + 4 + k]} vs ${ref.n![k]}`);
        }
        const n3 = ref.n!;
        // front_face from the normal, as the integrator reads it; grazing hits may round either way.
        const cosine = dot(f32Rays[i].direction, n3) / len(f32Rays[i].direction);
        if (Math.abs(cosine) > 1e-3 && data[o + 9] !== (cosine < 0 ? 1 : 0)) failures.push(`${where}: front_face ${data[o + 9]}, cos ${cosine}`);
        const poleOrSeamFree = Math.hypot(n3[0], n3[2]) > 1e-2;
        if (prims[i].kind === 'quad' || prims[i].kind === 'triangle' || poleOrSeamFree) {
          let du = Math.abs(data[o + 7] - ref.uv![0]);
          if (prims[i].kind === 'sphere' || prims[i].kind === 'movingSphere') du = Math.min(du, Math.abs(du - 1));
          const uvTol = 1e-4 * (ref.uvTolScale ?? 1);
          if (du > uvTol) failures.push(`${where}: u ${data[o + 7]} vs ${ref.uv![0]}`);
          if (Math.abs(data[o + 8] - ref.uv![1]) > uvTol) failures.push(`${where}: v ${data[o + 8]} vs ${ref.uv![1]}`);
        }
      }
      expect(failures.slice(0, 20), 'first mismatches').toEqual([]);
      for (const [kind, c] of tally) {
        // Every kind sees plenty of decided hits and misses; ambiguous cases stay rare.
        expect(c.hits, `${kind} hits`).toBeGreaterThan(200);
        expect(c.misses, `${kind} misses`).toBeGreaterThan(200);
        expect(c.ambiguous, `${kind} ambiguous`).toBeLessThan(0.05 * n);
      }
    }
  ],
  [
    'a negative radius turns the normal inward and front_face with it, on the same surface (hollow glass)',
    async (device) => {
      // A bubble's inner wall (Shirley's radius −0.45 inside a 0.5 glass ball): seen from the glass around it, a
      // ray meets its back face; from the air inside, its front face. A positive twin gives the opposite.
      const c: V = [0.3, -0.2, 1];
      const outside: TestRay = { origin: add(c, [0.1, 0.05, -3]), time: 0.5, direction: [0, 0, 1.5], tMin: 0.001, tMax: 1e30 };
      const inside: TestRay = { origin: add(c, [0.1, -0.1, 0]), time: 0.5, direction: [0.2, 0, -1], tMin: 0.001, tMax: 1e30 };
      const prims: PrimitiveDesc[] = [];
      const rays: TestRay[] = [];
      for (const radius of [0.45, -0.45]) {
        for (const ray of [outside, inside]) {
          prims.push({ kind: 'sphere', center: c, radius, ...common }, { kind: 'movingSphere', center0: c, center1: c, radius, ...common });
          rays.push(ray, ray);
        }
      }
      const data = await intersectOnGpu(device, prims, packRays(rays));
      prims.forEach((prim, i) => {
        const o = i * 12;
        const r = prim.kind === 'sphere' || prim.kind === 'movingSphere' ? prim.radius : NaN;
        const from = rays[i] === outside ? 'outside' : 'inside';
        const where = `${prim.kind} r ${r} from ${from}`;
        expect(data[o], `${where}: t`).toBeGreaterThan(0);
        const p: V = [data[o + 1], data[o + 2], data[o + 3]];
        const n: V = [data[o + 4], data[o + 5], data[o + 6]];
        expect(Math.abs(len(sub(p, c)) - 0.45), `${where}: |p − c| − |r|`).toBeLessThan(1e-5);
        // n = (p − c)/r: outward for r > 0, inward for r < 0.
        const expected = mul(sub(p, c), 1 / r);
        for (let k = 0; k < 3; k++) expect(Math.abs(n[k] - expected[k]), `${where}: n[${k}]`).toBeLessThan(1e-5);
        const front = (from === 'outside') === (r > 0);
        expect(data[o + 9], `${where}: front_face`).toBe(front ? 1 : 0);
        // The twin of the other sign meets the same point at the same t.
        const twin = (i + 4) % 8;
        expect(data[o], `${where}: t as the twin's`).toBe(data[twin * 12]);
      });
    }
  ]
]);

/** Sphere-light sampling of a negative-radius sphere (a priority bubble wall or an inverted dome light). */
const negativeSphereLight = kernelGroup('shapes/negative-radius sphere lights', ['tests/lights_test'], [
  [
    'from outside: the same directions, distances and densities as the |r| twin, with the inward normal',
    async (device) => {
      const origin: V = [1, 2, -1];
      const center: V = [-2, 0.5, 1.5];
      const [pos, neg] = await Promise.all([1.5, -1.5].map((r) => sampleRecords(device, sphereLight(origin, center, r), 4096, 11)));
      let usable = 0;
      for (let o = 0; o < pos.length; o += RECORD_STRIDE) {
        for (const k of [RECORD.x, RECORD.y, RECORD.z, RECORD.pdf, RECORD.pdfEval, RECORD.extra0]) expect(neg[o + k]).toBe(pos[o + k]);
        if (pos[o + RECORD.pdf] > 0) usable++;
      }
      expect(usable).toBe(pos.length / RECORD_STRIDE);
    }
  ],
  [
    'from inside (a dome light facing in): histogram matches the pdf (chi-square), which integrates to 1',
    async (device) => {
      const r = await directionChiSquare(device, sphereLight([0.2, -0.3, 0.1], [0, 0, 0], -1), { samples: 200_000, seed: 31 });
      expect(Math.abs(r.integral - 1), '|∫ pdf − 1|').toBeLessThan(2e-3);
      expect(r.used, 'usable samples').toBe(200_000);
      expect(r.chi2.pValue, 'chi-square p-value').toBeGreaterThan(CHI_SQUARE_SIGNIFICANCE);
      for (let o = 0; o < r.records.length; o += RECORD_STRIDE) {
        expect(Math.abs(r.records[o + RECORD.pdf] - r.records[o + RECORD.pdfEval])).toBeLessThan(2e-3 * r.records[o + RECORD.pdf]);
      }
    }
  ]
]);

export const shapesSuite: KernelSuite = { name: 'shapes', cases: [...intersection, ...negativeSphereLight] };
