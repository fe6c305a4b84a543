import { describe, expect, it } from 'vitest';
import { primitiveBounds, type PrimitiveDesc } from '../scene/primitives.ts';
import { buildBvh, buildBvhFromBounds, type Bvh } from './build.ts';
import { BVH_MAX_DEPTH, BVH_NODE_LAYOUT, BVH_STACK_SIZE, readBvhNode } from './layout.ts';
import { validateBvh } from './validate.ts';
import { seededRandom } from '../math/random.ts';


const common = { material: 0, medium: 0, flags: 0 };

function mixedPrimitives(count: number, seed: number): PrimitiveDesc[] {
  const r = seededRandom(seed);
  const p = (s: number): [number, number, number] => [(r() - 0.5) * s, (r() - 0.5) * s, (r() - 0.5) * s];
  return Array.from({ length: count }, (_, i): PrimitiveDesc => {
    switch (i % 4) {
      case 0:
        return { kind: 'sphere', center: p(20), radius: 0.05 + r(), ...common };
      case 1:
        return { kind: 'movingSphere', center0: p(20), center1: p(20), radius: 0.05 + r() * 0.5, ...common };
      case 2:
        return { kind: 'quad', q: p(20), u: p(3), v: p(3), ...common };
      default:
        return { kind: 'triangle', q: p(20), u: p(3), v: p(3), ...common };
    }
  });
}

function boundsOf(prims: readonly PrimitiveDesc[]): Float64Array {
  const out = new Float64Array(prims.length * 6);
  prims.forEach((p, i) => {
    const b = primitiveBounds(p);
    out.set(b.min, i * 6);
    out.set(b.max, i * 6 + 3);
  });
  return out;
}

function expectValid(bvh: Bvh, count: number, bounds?: ArrayLike<number>) {
  const v = validateBvh(bvh, count, bounds);
  expect(v.errors).toEqual([]);
  expect(v.maxDepth).toBe(bvh.stats.maxDepth);
  expect(v.stackDepth).toBe(bvh.stats.stackDepth);
  expect(v.stackDepth).toBeLessThanOrEqual(BVH_STACK_SIZE);
  expect(v.leafCount).toBe(bvh.stats.leafCount);
  expect(bvh.stats.nodeCount).toBe(bvh.nodes.byteLength / BVH_NODE_LAYOUT.size);
}

describe('BVH builder', () => {
  it('builds a valid tree over mixed primitives: each primitive once, children inside parents', () => {
    for (const count of [2, 3, 5, 17, 300, 5000]) {
      const prims = mixedPrimitives(count, count);
      const bvh = buildBvh(prims);
      expectValid(bvh, count, boundsOf(prims));
      expect(bvh.stats.sahCost).toBeGreaterThan(0);
      for (let i = 0; i < bvh.stats.nodeCount; i++) {
        for (const slot of readBvhNode(bvh.nodes, i)) expect(slot.count).toBeLessThanOrEqual(4);
      }
    }
  });

  it('gives an empty scene one root node whose slots all hold inverted boxes', () => {
    const bvh = buildBvh([]);
    expectValid(bvh, 0);
    expect(bvh.stats).toMatchObject({ nodeCount: 1, leafCount: 0, maxDepth: 0 });
    expect(bvh.primIndices.length).toBeGreaterThan(0);
    for (const slot of readBvhNode(bvh.nodes, 0)) {
      expect(slot.used).toBe(false);
      expect(slot.min[0]).toBeGreaterThan(slot.max[0]);
    }
  });

  it('gives a single primitive a root with one leaf', () => {
    const prims = mixedPrimitives(1, 9);
    const bvh = buildBvh(prims);
    expectValid(bvh, 1, boundsOf(prims));
    const [leaf, ...rest] = readBvhNode(bvh.nodes, 0);
    expect(leaf).toMatchObject({ count: 1, child: 0, used: true });
    expect(rest.every((s) => !s.used)).toBe(true);
  });

  it('collapses to wide nodes: far fewer nodes than a binary tree over the same leaves', () => {
    const prims = mixedPrimitives(5000, 3);
    const bvh = buildBvh(prims);
    let children = 0;
    for (let i = 0; i < bvh.stats.nodeCount; i++) children += readBvhNode(bvh.nodes, i).filter((s) => s.used).length;
    expect(children / bvh.stats.nodeCount).toBeGreaterThan(2.8);
    // A binary tree over these leaves has leafCount − 1 interior nodes.
    expect(bvh.stats.nodeCount).toBeLessThan(bvh.stats.leafCount / 1.8);
  });

  it('handles degenerate inputs: identical primitives, zero-size boxes, a flat grid', () => {
    const same: PrimitiveDesc[] = Array.from({ length: 1000 }, () => ({
      kind: 'sphere',
      center: [1, 2, 3],
      radius: 0.5,
      ...common
    }));
    const a = buildBvh(same);
    expectValid(a, same.length, boundsOf(same));
    expect(a.stats.maxDepth).toBeLessThanOrEqual(Math.ceil(Math.log2(1000 / 4)) + 1);

    const points = new Float64Array(600);
    const centroids = new Float64Array(300);
    const b = buildBvhFromBounds(points, centroids);
    expectValid(b, 100, points);

    const grid: PrimitiveDesc[] = [];
    for (let x = 0; x < 30; x++) {
      for (let z = 0; z < 30; z++) grid.push({ kind: 'quad', q: [x, 0, z], u: [1, 0, 0], v: [0, 0, 1], ...common });
    }
    expectValid(buildBvh(grid), grid.length, boundsOf(grid));
  });

  it('keeps depth within the traversal stack on adversarial distributions', () => {
    // Centroids at 2^-i: each SAH split peels off few primitives, which would make a deep chain.
    const n = 4000;
    const bounds = new Float64Array(n * 6);
    const centroids = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const x = 2 ** -(i % 1000) * (1 + i / n);
      centroids.set([x, 0, 0], i * 3);
      bounds.set([x, 0, 0, x, 0, 0], i * 6);
    }
    const bvh = buildBvhFromBounds(bounds, centroids);
    expectValid(bvh, n, bounds);
    expect(bvh.stats.maxDepth).toBeLessThanOrEqual(BVH_MAX_DEPTH);
    const shallow = buildBvhFromBounds(bounds, centroids, { maxDepth: 12 });
    expectValid(shallow, n, bounds);
    expect(shallow.stats.maxDepth).toBeLessThanOrEqual(12);
  });

  it('builds a large triangle soup quickly (timing printed, validity asserted)', () => {
    const n = Number(process.env.BVH_BENCH_TRIANGLES ?? 200_000);
    const r = seededRandom(1);
    const bounds = new Float64Array(n * 6);
    const centroids = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      // Small triangles scattered over a noisy sphere shell: a mesh-like distribution.
      const z = 2 * r() - 1;
      const phi = 2 * Math.PI * r();
      const s = Math.sqrt(1 - z * z);
      const rad = 10 + r();
      const q = [rad * s * Math.cos(phi), rad * s * Math.sin(phi), rad * z];
      const v = [q, q.map((c) => c + (r() - 0.5) * 0.05), q.map((c) => c + (r() - 0.5) * 0.05)];
      for (let k = 0; k < 3; k++) {
        const lo = Math.min(v[0][k], v[1][k], v[2][k]);
        const hi = Math.max(v[0][k], v[1][k], v[2][k]);
        bounds[i * 6 + k] = lo;
        bounds[i * 6 + 3 + k] = hi;
        centroids[i * 3 + k] = (v[0][k] + v[1][k] + v[2][k]) / 3;
      }
    }
    const bvh = buildBvhFromBounds(bounds, centroids);
    console.log(
      `BVH over ${n} triangles: ${bvh.stats.buildMs.toFixed(0)} ms, ${bvh.stats.nodeCount} nodes, ` +
        `${bvh.stats.leafCount} leaves, depth ${bvh.stats.maxDepth}, stack ${bvh.stats.stackDepth}, SAH cost ${bvh.stats.sahCost.toFixed(1)}`
    );
    expectValid(bvh, n, bounds);
  });
});
