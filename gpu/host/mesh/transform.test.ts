import { describe, expect, it } from 'vitest';
import { compose, IDENTITY, rotationY, translation, type V3 } from '../math/vec3.ts';
import { eulerRotation, forEachPlacedTriangle, placementTransform, placeVertices, type MeshPlacement } from './transform.ts';

function place(point: V3, placement: Partial<MeshPlacement>, to = IDENTITY): number[] {
  const full = { scale: 1, center: [0, 0, 0] as V3, rotation: [0, 0, 0] as V3, ...placement };
  return Array.from(placeVertices(new Float32Array(point), placementTransform(full, to)));
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
}

describe('mesh placement (rotate → scale → translate, spec §1.9)', () => {
  it('rotates roll about X, pitch about Y, yaw about Z (right-handed)', () => {
    expectClose(place([0, 1, 0], { rotation: [90, 0, 0] }), [0, 0, 1]);
    expectClose(place([0, 0, 1], { rotation: [90, 0, 0] }), [0, -1, 0]);
    expectClose(place([1, 0, 0], { rotation: [0, 90, 0] }), [0, 0, -1]);
    expectClose(place([0, 0, 1], { rotation: [0, 90, 0] }), [1, 0, 0]);
    expectClose(place([1, 0, 0], { rotation: [0, 0, 90] }), [0, 1, 0]);
  });

  it('applies roll first, then pitch, then yaw: Rz(yaw)·Ry(pitch)·Rx(roll)', () => {
    // Roll then yaw: (0,1,0) → (0,0,1) → (0,0,1); yaw first would give (−1,0,0).
    expectClose(place([0, 1, 0], { rotation: [90, 0, 90] }), [0, 0, 1]);
    // Roll then pitch: (0,1,0) → (0,0,1) → (1,0,0); pitch first would give (0,0,1).
    expectClose(place([0, 1, 0], { rotation: [90, 90, 0] }), [1, 0, 0]);
    // Pitch then yaw: (0,0,1) → (1,0,0) → (0,1,0).
    expectClose(place([0, 0, 1], { rotation: [0, 90, 90] }), [0, 1, 0]);
    const r = eulerRotation([30, -45, 120]);
    // Orthonormal with determinant +1.
    const det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
    expect(det).toBeCloseTo(1, 12);
  });

  it('scales after rotating and then offsets by center (the mesh origin lands on center)', () => {
    expectClose(place([1, 0, 0], { rotation: [0, 0, 90], scale: 2, center: [10, 20, 30] }), [10, 22, 30]);
    expectClose(place([0, 0, 0], { rotation: [12, 34, 56], scale: 7, center: [1, 2, 3] }), [1, 2, 3]);
    // The teapot example's [-90, 0, 0]: file z (height) becomes world y.
    expectClose(place([0, 0, 8], { rotation: [-90, 0, 0], scale: 25 }), [0, 200, 0]);
  });

  it('then applies the enclosing Translate and RotateY', () => {
    // (1,0,0) → yaw 90 → (0,1,0) → ×2 → (0,2,0) → +center → (10,22,30) → RotateY 90 → (30,22,−10) → +(1,2,3).
    const to = compose(translation([1, 2, 3]), rotationY(90));
    expectClose(place([1, 0, 0], { rotation: [0, 0, 90], scale: 2, center: [10, 20, 30] }, to), [31, 24, -7]);
  });

  it('emits q = a, u = b − a, v = c − a and skips zero-area triangles', () => {
    const mesh = {
      positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0]),
      indices: new Uint32Array([0, 1, 2, 0, 1, 3, 2, 2, 1])
    };
    const out: V3[][] = [];
    const stats = forEachPlacedTriangle(mesh, placementTransform({ scale: 3, center: [0, 0, 5], rotation: [0, 0, 0] }), (q, u, v) => out.push([q, u, v]));
    expect(out).toEqual([[[0, 0, 5], [3, 0, 0], [0, 3, 0]]]);
    expect(stats).toEqual({ triangles: 1, degenerate: 2, nonFinite: 0 });
  });

  it('counts triangles pushed outside the f32 range', () => {
    const mesh = { positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]), indices: new Uint32Array([0, 1, 2]) };
    const stats = forEachPlacedTriangle(mesh, placementTransform({ scale: 1e39, center: [0, 0, 0], rotation: [0, 0, 0] }), () => {});
    expect(stats.nonFinite).toBe(1);
  });
});
