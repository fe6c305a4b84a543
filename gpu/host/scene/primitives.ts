// World-space primitives: the closed list of shape kinds, their host-side description, and the packer for the
// `Primitive` records read by gpu/shaders/shapes/primitive.wgsl. Kind tags are emitted as WGSL constants
// (generated/primitive) so TypeScript and WGSL share one list. Bounds and centroids feed the BVH builder.

import { defineStruct, structWgsl } from '../shader/struct-layout.ts';

export const PRIMITIVE_KIND = { sphere: 0, movingSphere: 1, quad: 2, triangle: 3 } as const;
export type PrimitiveKind = keyof typeof PRIMITIVE_KIND;

export type Vec3 = readonly [number, number, number];

interface PrimitiveCommon {
  /** Index into the material table. */
  readonly material: number;
  /** Index into the medium table + 1 when this primitive bounds a medium, else 0. */
  readonly medium: number;
  readonly flags: number;
}

export type PrimitiveDesc = PrimitiveCommon &
  (
    | { readonly kind: 'sphere'; readonly center: Vec3; readonly radius: number }
    | { readonly kind: 'movingSphere'; readonly center0: Vec3; readonly center1: Vec3; readonly radius: number }
    /** Parallelogram q + α·u + β·v, α, β ∈ [0, 1]. */
    | { readonly kind: 'quad'; readonly q: Vec3; readonly u: Vec3; readonly v: Vec3 }
    /** Triangle q, q + u, q + v; `shading`: its TriangleShading record + 1 (gpu/host/scene/shading.ts), 0 or absent for none. */
    | { readonly kind: 'triangle'; readonly q: Vec3; readonly u: Vec3; readonly v: Vec3; readonly shading?: number }
  );

/** The `Primitive` record (one source: the WGSL struct is generated from it, module generated/primitive). */
export const PRIMITIVE_RECORD = defineStruct('Primitive', [
  ['kind', 'u32'],
  /** Index into the material table. */
  ['material', 'u32'],
  /** Index into the medium table + 1 when this primitive bounds a medium, else 0. */
  ['medium', 'u32'],
  /** Emitters in the light set: light index + 1 (PRIMITIVE_LIGHT_MASK), else 0; PRIMITIVE_FLAG_ALPHA. */
  ['flags', 'u32'],
  /** Sphere: center, radius (negative: inward normal). MovingSphere: center at t=0, radius. Quad/Triangle: corner q;
   * a triangle's w is its shading record + 1 (an f32, exact below 2²⁴), 0 without one. */
  ['a', 'vec4f'],
  /** MovingSphere: center at t=1. Quad/Triangle: edge u. */
  ['b', 'vec4f'],
  /** Quad/Triangle: edge v. */
  ['c', 'vec4f']
]);

/** Primitive.flags bit of triangles whose material is alpha-tested (glTF MASK or BLEND): traversal asks
 * bvh_alpha_passes before it accepts a hit on one. */
export const PRIMITIVE_FLAG_ALPHA = 0x8000_0000;
/** Primitive.flags bits holding the light index + 1. */
export const PRIMITIVE_LIGHT_MASK = 0x7fff_ffff;

/** Byte offsets of the record's fields, for the fast typed-array packer below. */
export const PRIMITIVE_LAYOUT = {
  size: PRIMITIVE_RECORD.size,
  ...(Object.fromEntries(PRIMITIVE_RECORD.fields.map((f) => [f.name, f.offset])) as Record<
    'kind' | 'material' | 'medium' | 'flags' | 'a' | 'b' | 'c',
    number
  >)
};

/** Minimum extent per axis of a flat primitive's box (the reference pads quads and triangles the same way). */
export const BOUNDS_PADDING = 1e-4;

export interface Aabb {
  readonly min: Vec3;
  readonly max: Vec3;
}

function wgslConstName(kind: string): string {
  return 'PRIMITIVE_' + kind.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}

/** WGSL source of generated/primitive: one `const PRIMITIVE_<KIND>: u32` per kind and the record struct. */
export function primitiveWgsl(): string {
  const lines = ['// Generated from PRIMITIVE_KIND and PRIMITIVE_RECORD in gpu/host/scene/primitives.ts.'];
  for (const [kind, tag] of Object.entries(PRIMITIVE_KIND)) {
    lines.push(`const ${wgslConstName(kind)}: u32 = ${tag}u;`);
  }
  lines.push(`const PRIMITIVE_FLAG_ALPHA: u32 = ${PRIMITIVE_FLAG_ALPHA}u;`, `const PRIMITIVE_LIGHT_MASK: u32 = ${PRIMITIVE_LIGHT_MASK}u;`);
  lines.push('', structWgsl(PRIMITIVE_RECORD));
  return lines.join('\n');
}

/** Packs primitives into consecutive `Primitive` records (PRIMITIVE_LAYOUT.size bytes each). */
export function packPrimitives(list: readonly PrimitiveDesc[]): ArrayBuffer {
  const L = PRIMITIVE_LAYOUT;
  const buffer = new ArrayBuffer(list.length * L.size);
  const u32 = new Uint32Array(buffer);
  const f32 = new Float32Array(buffer);
  const put = (word: number, v: Vec3, w: number) => {
    f32[word] = v[0];
    f32[word + 1] = v[1];
    f32[word + 2] = v[2];
    f32[word + 3] = w;
  };
  const zero: Vec3 = [0, 0, 0];
  list.forEach((p, i) => {
    const base = (i * L.size) / 4;
    u32[base + L.kind / 4] = PRIMITIVE_KIND[p.kind];
    u32[base + L.material / 4] = p.material;
    u32[base + L.medium / 4] = p.medium;
    u32[base + L.flags / 4] = p.flags;
    const a = base + L.a / 4;
    const b = base + L.b / 4;
    const c = base + L.c / 4;
    switch (p.kind) {
      case 'sphere':
        put(a, p.center, p.radius);
        put(b, zero, 0);
        put(c, zero, 0);
        break;
      case 'movingSphere':
        put(a, p.center0, p.radius);
        put(b, p.center1, 0);
        put(c, zero, 0);
        break;
      case 'quad':
      case 'triangle':
        put(a, p.q, p.kind === 'triangle' ? (p.shading ?? 0) : 0);
        put(b, p.u, 0);
        put(c, p.v, 0);
        break;
    }
  });
  return buffer;
}

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const crossLength = (a: Vec3, b: Vec3): number =>
  Math.hypot(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);

function boxOfPoints(points: readonly Vec3[], pad: number): Aabb {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const p of points) {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], p[k]);
      max[k] = Math.max(max[k], p[k]);
    }
  }
  for (let k = 0; k < 3; k++) {
    const short = pad - (max[k] - min[k]);
    if (short > 0) {
      min[k] -= short / 2;
      max[k] += short / 2;
    }
  }
  return { min: [min[0], min[1], min[2]], max: [max[0], max[1], max[2]] };
}

function sphereBox(center: Vec3, radius: number): Aabb {
  const r = Math.abs(radius);
  return { min: [center[0] - r, center[1] - r, center[2] - r], max: [center[0] + r, center[1] + r, center[2] + r] };
}

/**
 * World-space bounding box. A moving sphere's box covers it over the whole shutter (t ∈ [0, 1]); quads cover all
 * four corners (project decision 4); flat primitives are padded to BOUNDS_PADDING per axis.
 */
export function primitiveBounds(p: PrimitiveDesc): Aabb {
  switch (p.kind) {
    case 'sphere':
      return sphereBox(p.center, p.radius);
    case 'movingSphere': {
      const a = sphereBox(p.center0, p.radius);
      const b = sphereBox(p.center1, p.radius);
      return {
        min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
        max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])]
      };
    }
    case 'quad':
      return boxOfPoints([p.q, add(p.q, p.u), add(p.q, p.v), add(add(p.q, p.u), p.v)], BOUNDS_PADDING);
    case 'triangle':
      return boxOfPoints([p.q, add(p.q, p.u), add(p.q, p.v)], BOUNDS_PADDING);
  }
}

/** True centroid (a moving sphere's at mid-shutter), used by the BVH builder to sort primitives. */
export function primitiveCentroid(p: PrimitiveDesc): Vec3 {
  switch (p.kind) {
    case 'sphere':
      return p.center;
    case 'movingSphere':
      return scale(add(p.center0, p.center1), 0.5);
    case 'quad':
      return add(p.q, scale(add(p.u, p.v), 0.5));
    case 'triangle':
      return add(p.q, scale(add(p.u, p.v), 1 / 3));
  }
}

/** Surface area. */
export function primitiveArea(p: PrimitiveDesc): number {
  switch (p.kind) {
    case 'sphere':
    case 'movingSphere':
      return 4 * Math.PI * p.radius * p.radius;
    case 'quad':
      return crossLength(p.u, p.v);
    case 'triangle':
      return crossLength(p.u, p.v) / 2;
  }
}
