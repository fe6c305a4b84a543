import { describe, expect, it } from 'vitest';
import {
  PRIMITIVE_KIND,
  packPrimitives,
  primitiveArea,
  primitiveBounds,
  primitiveCentroid,
  primitiveWgsl,
  type PrimitiveDesc
} from './primitives.ts';

const common = { material: 7, medium: 2, flags: 5 };

describe('Primitive record', () => {
  it('writes kind, indices and per-kind fields', () => {
    const prims: PrimitiveDesc[] = [
      { kind: 'sphere', center: [1, 2, 3], radius: 0.5, ...common },
      { kind: 'movingSphere', center0: [1, 2, 3], center1: [4, 5, 6], radius: 2, ...common },
      { kind: 'quad', q: [0, 0, 1], u: [2, 0, 0], v: [0, 3, 0], ...common },
      { kind: 'triangle', q: [1, 1, 1], u: [1, 0, 0], v: [0, 0, 1], material: 1, medium: 0, flags: 0 }
    ];
    const buffer = packPrimitives(prims);
    expect(buffer.byteLength).toBe(4 * 64);
    const u = new Uint32Array(buffer);
    const f = new Float32Array(buffer);
    expect([u[0], u[1], u[2], u[3]]).toEqual([PRIMITIVE_KIND.sphere, 7, 2, 5]);
    expect(Array.from(f.slice(4, 8))).toEqual([1, 2, 3, 0.5]);
    expect(u[16]).toBe(PRIMITIVE_KIND.movingSphere);
    expect(Array.from(f.slice(20, 28))).toEqual([1, 2, 3, 2, 4, 5, 6, 0]);
    expect(u[32]).toBe(PRIMITIVE_KIND.quad);
    expect(Array.from(f.slice(36, 48))).toEqual([0, 0, 1, 0, 2, 0, 0, 0, 0, 3, 0, 0]);
    expect([u[48], u[49], u[50], u[51]]).toEqual([PRIMITIVE_KIND.triangle, 1, 0, 0]);
  });

  it('emits the kind tags as WGSL constants', () => {
    const wgsl = primitiveWgsl();
    expect(wgsl).toContain('const PRIMITIVE_SPHERE: u32 = 0u;');
    expect(wgsl).toContain('const PRIMITIVE_MOVING_SPHERE: u32 = 1u;');
    expect(wgsl).toContain('const PRIMITIVE_QUAD: u32 = 2u;');
    expect(wgsl).toContain('const PRIMITIVE_TRIANGLE: u32 = 3u;');
  });
});

describe('primitive bounds, centroids and areas', () => {
  it('covers a skewed quad at all four corners (decision 4)', () => {
    // q + u lies outside the q … q+u+v box.
    const b = primitiveBounds({ kind: 'quad', q: [0, 0, 0], u: [2, 1, 0], v: [-1, 1, 1], ...common });
    expect(b.min).toEqual([-1, 0, 0]);
    expect(b.max).toEqual([2, 2, 1]);
  });

  it('pads flat primitives to 1e-4 per axis', () => {
    const b = primitiveBounds({ kind: 'quad', q: [0, 0, 5], u: [1, 0, 0], v: [0, 1, 0], ...common });
    expect(b.max[2] - b.min[2]).toBeCloseTo(1e-4, 12);
    expect((b.max[2] + b.min[2]) / 2).toBeCloseTo(5, 12);
    expect(b.max[0] - b.min[0]).toBe(1);
    const t = primitiveBounds({ kind: 'triangle', q: [0, 0, 0], u: [0, 1, 0], v: [0, 0, 1], ...common });
    expect(t.max[0] - t.min[0]).toBeCloseTo(1e-4, 12);
  });

  it('bounds a moving sphere over the whole shutter and a negative radius by |r|', () => {
    const m = primitiveBounds({ kind: 'movingSphere', center0: [0, 0, 0], center1: [4, -2, 0], radius: 1, ...common });
    expect(m.min).toEqual([-1, -3, -1]);
    expect(m.max).toEqual([5, 1, 1]);
    const s = primitiveBounds({ kind: 'sphere', center: [1, 1, 1], radius: -0.5, ...common });
    expect(s.min).toEqual([0.5, 0.5, 0.5]);
    expect(s.max).toEqual([1.5, 1.5, 1.5]);
  });

  it('uses true centroids', () => {
    expect(primitiveCentroid({ kind: 'triangle', q: [0, 0, 0], u: [3, 0, 0], v: [0, 3, 0], ...common })).toEqual([1, 1, 0]);
    expect(primitiveCentroid({ kind: 'quad', q: [1, 0, 0], u: [2, 0, 0], v: [0, 2, 0], ...common })).toEqual([2, 1, 0]);
    expect(
      primitiveCentroid({ kind: 'movingSphere', center0: [0, 0, 0], center1: [2, 4, 6], radius: 1, ...common })
    ).toEqual([1, 2, 3]);
  });

  it('computes areas', () => {
    expect(primitiveArea({ kind: 'sphere', center: [0, 0, 0], radius: 2, ...common })).toBeCloseTo(16 * Math.PI);
    expect(primitiveArea({ kind: 'quad', q: [0, 0, 0], u: [2, 0, 0], v: [1, 3, 0], ...common })).toBeCloseTo(6);
    expect(primitiveArea({ kind: 'triangle', q: [0, 0, 0], u: [2, 0, 0], v: [0, 3, 0], ...common })).toBeCloseTo(3);
  });
});
