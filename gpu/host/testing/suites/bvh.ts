// BVH traversal on the GPU against brute force over every primitive (same kernel, same intersection code): the
// closest hit's primitive and t must agree exactly, and any-hit must agree with "brute force found something".
import { buildBvh } from '../../bvh/build.ts';
import { packPrimitives, type PrimitiveDesc } from '../../scene/primitives.ts';
import { seededRandom } from '../../math/random.ts';
import { runKernel } from '../kernel.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

const common = { material: 0, medium: 0, flags: 0 };
const NO_HIT = 0xffffffff;

function mixed(count: number, seed: number): PrimitiveDesc[] {
  const r = seededRandom(seed);
  const p = (s: number): [number, number, number] => [(r() - 0.5) * s, (r() - 0.5) * s, (r() - 0.5) * s];
  return Array.from({ length: count }, (_, i): PrimitiveDesc => {
    switch (i % 4) {
      case 0:
        return { kind: 'sphere', center: p(16), radius: 0.1 + r() * 0.8, ...common };
      case 1:
        return { kind: 'movingSphere', center0: p(16), center1: p(16), radius: 0.1 + r() * 0.5, ...common };
      case 2:
        return { kind: 'quad', q: p(16), u: p(4), v: p(4), ...common };
      default:
        return { kind: 'triangle', q: p(16), u: p(4), v: p(4), ...common };
    }
  });
}

/**
 * Rays from points in and around the scene toward random targets in it, with random times, non-unit lengths, some
 * axis-aligned directions (zero components) and some short t_max.
 */
function rays(count: number, seed: number, extent: number): Float32Array {
  const r = seededRandom(seed);
  const out = new Float32Array(count * 8);
  for (let i = 0; i < count; i++) {
    const o = [(r() - 0.5) * extent * 2, (r() - 0.5) * extent * 2, (r() - 0.5) * extent * 2];
    let d = [(r() - 0.5) * extent - o[0], (r() - 0.5) * extent - o[1], (r() - 0.5) * extent - o[2]];
    if (i % 7 === 0) {
      const axis = i % 3;
      d = [0, 0, 0];
      d[axis] = r() < 0.5 ? -1 : 1;
    } else if (i % 7 === 1) {
      d[i % 3] = 0;
    }
    const scale = (0.2 + 2 * r()) / Math.hypot(d[0], d[1], d[2]);
    const tMax = i % 5 === 0 ? (r() * extent) / scale / extent : 1e30;
    out.set([o[0], o[1], o[2], r(), d[0] * scale, d[1] * scale, d[2] * scale, tMax], i * 8);
  }
  return out;
}

async function compare(device: GPUDevice, prims: readonly PrimitiveDesc[], rayData: Float32Array) {
  const bvh = buildBvh(prims);
  const n = rayData.length / 8;
  const primData = prims.length > 0 ? packPrimitives(prims) : new ArrayBuffer(64);
  const { data } = await runKernel(device, {
    module: 'tests/bvh_test',
    entryPoint: 'traverse',
    inputs: [
      new Uint32Array([n, prims.length]),
      rayData,
      new Uint32Array(bvh.nodes),
      bvh.primIndices,
      new Uint32Array(primData)
    ],
    output: { type: Uint32Array, length: n * 8 },
    workgroups: Math.ceil(n / 64)
  });
  const f = new Float32Array(data.buffer);
  const mismatches: string[] = [];
  let hits = 0;
  let nodeTests = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 8;
    const [bvhT, bvhPrim, tests, bruteT, brutePrim, any] = [f[o], data[o + 1], data[o + 2], f[o + 3], data[o + 4], data[o + 5]];
    nodeTests += tests;
    if (brutePrim !== NO_HIT) hits++;
    // Coincident primitives (identical spheres) tie on t; then either index is right.
    const samePrim = bvhPrim === brutePrim || (bvhPrim !== NO_HIT && brutePrim !== NO_HIT && bvhT === bruteT);
    if (!samePrim || bvhT !== bruteT) mismatches.push(`ray ${i}: bvh (${bvhPrim}, ${bvhT}) brute (${brutePrim}, ${bruteT})`);
    if ((any === 1) !== (brutePrim !== NO_HIT)) mismatches.push(`ray ${i}: any-hit ${any}, brute ${brutePrim}`);
    if (tests < 1) mismatches.push(`ray ${i}: node_tests ${tests}`);
  }
  return { mismatches, hits, n, meanNodeTests: nodeTests / n, stats: bvh.stats };
}

export const bvhSuite: KernelSuite = {
  name: 'bvh',
  cases: kernelGroup('bvh/bvh traversal on the GPU', ['tests/bvh_test'], [
    [
      'equals brute force over random mixed primitives',
      async (device) => {
        const prims = mixed(400, 1);
        const result = await compare(device, prims, rays(6000, 2, 10));
        expect(result.mismatches.slice(0, 10), 'first mismatches').toEqual([]);
        expect(result.hits, 'hits').toBeGreaterThan(result.n * 0.3);
        expect(result.hits, 'hits').toBeLessThan(result.n * 0.95);
        // Pruning works: far fewer nodes and leaves entered than the tree holds.
        const entries = result.stats.nodeCount + result.stats.leafCount;
        expect(result.meanNodeTests, 'mean node tests per ray').toBeLessThan(entries / 8);
      }
    ],
    [
      'equals brute force over degenerate sets: identical spheres, a flat grid of quads',
      async (device) => {
        const same: PrimitiveDesc[] = Array.from({ length: 200 }, () => ({
          kind: 'sphere',
          center: [0.5, -0.25, 1],
          radius: 2,
          ...common
        }));
        const a = await compare(device, same, rays(3000, 3, 4));
        expect(a.mismatches.slice(0, 10), 'identical spheres: first mismatches').toEqual([]);
        expect(a.hits, 'identical spheres: hits').toBeGreaterThan(500);

        const grid: PrimitiveDesc[] = [];
        for (let x = 0; x < 16; x++) {
          for (let z = 0; z < 16; z++) {
            grid.push({ kind: 'quad', q: [x - 8, 0, z - 8], u: [1, 0, 0], v: [0, 0, 1], ...common });
          }
        }
        const b = await compare(device, grid, rays(3000, 4, 10));
        expect(b.mismatches.slice(0, 10), 'quad grid: first mismatches').toEqual([]);
        expect(b.hits, 'quad grid: hits').toBeGreaterThan(500);
      }
    ],
    [
      'misses everything in an empty scene and handles a single primitive',
      async (device) => {
        const empty = await compare(device, [], rays(1000, 5, 10));
        expect(empty.mismatches.slice(0, 10), 'empty scene: first mismatches').toEqual([]);
        expect(empty.hits, 'empty scene: hits').toBe(0);
        const one = await compare(device, [{ kind: 'sphere', center: [0.2, 0, -0.1], radius: 1, ...common }], rays(1000, 7, 2));
        expect(one.mismatches.slice(0, 10), 'one sphere: first mismatches').toEqual([]);
        expect(one.hits, 'one sphere: hits').toBeGreaterThan(0);
      }
    ]
  ])
};
