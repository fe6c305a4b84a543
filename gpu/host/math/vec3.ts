// Minimal 3-vector and rigid-transform helpers for scene compilation (host side, f64).

export type V3 = readonly [number, number, number];

export const add = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: V3, s: number): V3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: V3, b: V3): V3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0]
];
export const length = (a: V3): number => Math.sqrt(dot(a, a));
export function normalize(a: V3): V3 {
  const l = length(a);
  return l > 0 ? scale(a, 1 / l) : [0, 0, 0];
}

/** A rigid transform: p ↦ R·p + t, R row-major 3×3. */
export interface Rigid {
  readonly r: readonly number[];
  readonly t: V3;
}

export const IDENTITY: Rigid = { r: [1, 0, 0, 0, 1, 0, 0, 0, 1], t: [0, 0, 0] };

export function rotateVector(m: Rigid, v: V3): V3 {
  const r = m.r;
  return [
    r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
    r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
    r[6] * v[0] + r[7] * v[1] + r[8] * v[2]
  ];
}

export const transformPoint = (m: Rigid, p: V3): V3 => add(rotateVector(m, p), m.t);

/** outer ∘ inner: applies inner first. */
export function compose(outer: Rigid, inner: Rigid): Rigid {
  const a = outer.r;
  const b = inner.r;
  const r: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) r.push(a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j]);
  }
  return { r, t: transformPoint(outer, inner.t) };
}

export const translation = (offset: V3): Rigid => ({ r: IDENTITY.r, t: offset });

/** Rotation by `degrees` about +Y (right-handed), as the reference's RotateY. */
export function rotationY(degrees: number): Rigid {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return { r: [c, 0, s, 0, 1, 0, -s, 0, c], t: [0, 0, 0] };
}
