// The triangle shading table (host) and shapes/shading.wgsl (GPU): placed normals and tangents, the UV face
// tangent when a file has none, and smooth-normal / UV interpolation at hits, flipped to the side hit.
import { describe, expect, it } from 'vitest';
import { runKernel } from '../testing/kernel.ts';
import { testDevice } from '../testing/test-device.ts';
import type { TriangleMesh } from '../mesh/mesh.ts';
import { ShadingTable } from './shading.ts';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];
/** Triangle (0,0,0), (1,0,0), (0,1,0) with tilted corner normals and uvs (0,0), (1,0), (0,1). */
const TRI: TriangleMesh = {
  positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]),
  indices: new Uint32Array([0, 1, 2]),
  corners: {
    normals: new Float32Array([0, 0, 1, 0.6, 0, 0.8, 0, 0.6, 0.8]),
    uvs: new Float32Array([0, 0, 1, 0, 0, 1])
  }
};

describe('ShadingTable', () => {
  it('returns 0 for meshes without shading data and record + 1 otherwise', () => {
    const table = new ShadingTable();
    expect(table.add({ positions: TRI.positions, indices: TRI.indices }, 0, IDENTITY, [1, 0, 0], [0, 1, 0])).toBe(0);
    expect(table.add(TRI, 0, IDENTITY, [1, 0, 0], [0, 1, 0])).toBe(1);
    expect(table.add(TRI, 0, IDENTITY, [1, 0, 0], [0, 1, 0])).toBe(2);
    expect(table.pack().byteLength).toBe(2 * 112);
  });

  it('rotates normals with the placement and derives the face tangent from the UVs (glTF handedness)', () => {
    const table = new ShadingTable();
    // Rotation +90° about z: x → y.
    const rot = [0, -1, 0, 1, 0, 0, 0, 0, 1];
    table.add(TRI, 0, rot, [0, 1, 0], [-1, 0, 0]);
    const f = new Float32Array(table.pack());
    expect(Array.from(f.subarray(4, 7)).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 0.6, 0.8]);
    // Tangent t0 (floats 12..15) = world direction of increasing u: the rotated +x edge; the bitangent
    // cross(n, t)·w must point along decreasing v (glTF), here −(rotated +y): w = −1.
    expect(Array.from(f.subarray(12, 16)).map((x) => Math.round(x * 1e6) / 1e6 + 0)).toEqual([0, 1, 0, -1]);
  });
});

describe('shapes/shading.wgsl', () => {
  it('interpolates normals (renormalised) and UVs with the barycentric weights, on the side that was hit', async () => {
    const table = new ShadingTable();
    table.add(TRI, 0, IDENTITY, [1, 0, 0], [0, 1, 0]);
    const records = new Float32Array(table.pack());
    const cases: Array<[number, number, number, number]> = [
      [0, 0, 1, 1],
      [1, 0, 1, 1],
      [0.25, 0.5, 1, 1],
      [0.25, 0.5, -1, 1],
      [0.3, 0.3, 1, 0]
    ];
    const { data } = await runKernel(await testDevice(), {
      module: 'tests/shading_test',
      entryPoint: 'shading_cases',
      inputs: [records, new Float32Array(cases.flat())],
      output: { type: Float32Array, length: cases.length * 12 },
      workgroups: 1
    });
    const n = TRI.corners!.normals!;
    cases.forEach(([a, b, side, record], i) => {
      const out = data.subarray(12 * i, 12 * i + 12);
      if (record === 0) {
        // No shading record: the geometric normal and the triangle's own (α, β).
        expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 1]);
        expect(out[4]).toBeCloseTo(a, 6);
        expect(out[5]).toBeCloseTo(b, 6);
        return;
      }
      const w = [1 - a - b, a, b];
      const sum = [0, 1, 2].map((k) => w[0] * n[k] + w[1] * n[3 + k] + w[2] * n[6 + k]);
      const len = Math.hypot(...sum);
      [0, 1, 2].forEach((k) => expect(out[k], `case ${i} n[${k}]`).toBeCloseTo((side * sum[k]) / len, 5));
      expect(out[4]).toBeCloseTo(a, 6);
      expect(out[5]).toBeCloseTo(b, 6);
      // Face tangent along +x, bitangent sign −1 (glTF: toward decreasing v).
      expect(Array.from(out.subarray(8, 12)).map((x) => Math.round(x * 1e5) / 1e5 + 0)).toEqual([1, 0, 0, -1]);
    });
  });
});
