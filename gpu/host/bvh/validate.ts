// Structural check of a flattened BVH (tests, debug tooling): every primitive referenced exactly once, children
// inside their parents, boxes containing their primitives, depth within the traversal's stack.
import { BVH_MAX_DEPTH, BVH_NODE_LAYOUT, readBvhNode, type BvhNodeView } from './layout.ts';
import type { Bvh } from './build.ts';

export interface BvhValidation {
  readonly errors: readonly string[];
  readonly maxDepth: number;
  readonly leafCount: number;
}

/**
 * `bounds` (6 numbers per primitive: min xyz, max xyz), when given, lets the check also verify that each leaf box
 * contains its primitives. Stops collecting after 20 errors.
 */
export function validateBvh(bvh: Bvh, primCount: number, bounds?: ArrayLike<number>): BvhValidation {
  const errors: string[] = [];
  const fail = (m: string) => {
    if (errors.length < 20) errors.push(m);
  };
  const nodeCount = bvh.nodes.byteLength / BVH_NODE_LAYOUT.size;
  if (primCount === 0) {
    const root = readBvhNode(bvh.nodes, 0);
    if (nodeCount !== 1 || root.count !== 0 || !(root.min[0] > root.max[0])) fail('empty BVH is not one inverted node');
    return { errors, maxDepth: 0, leafCount: 0 };
  }
  const seen = new Uint8Array(primCount);
  const visited = new Uint8Array(nodeCount);
  const L = BVH_NODE_LAYOUT;
  const f = new Float32Array(bvh.nodes);
  const u = new Uint32Array(bvh.nodes);
  const W = L.size / 4;
  /** Whether box `a` (min at a[ai], max at a[ai + amax]) lies inside node `node`'s box. */
  const inside = (a: ArrayLike<number>, ai: number, amax: number, node: number) => {
    const n = node * W;
    for (let k = 0; k < 3; k++) {
      if (!(a[ai + k] >= f[n + L.min / 4 + k] && a[ai + amax + k] <= f[n + L.max / 4 + k])) return false;
    }
    return true;
  };
  let maxDepth = 0;
  let leafCount = 0;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [index, depth] = stack.pop()!;
    if (index >= nodeCount) {
      fail(`node index ${index} out of range`);
      continue;
    }
    if (visited[index]) fail(`node ${index} reached twice`);
    visited[index] = 1;
    maxDepth = Math.max(maxDepth, depth);
    const node: Pick<BvhNodeView, 'count' | 'leftOrFirst'> = {
      count: u[index * W + L.count / 4],
      leftOrFirst: u[index * W + L.leftOrFirst / 4]
    };
    if (node.count > 0) {
      leafCount++;
      for (let i = node.leftOrFirst; i < node.leftOrFirst + node.count; i++) {
        const p = bvh.primIndices[i];
        if (i >= bvh.primIndices.length || p >= primCount) {
          fail(`leaf ${index} references slot ${i} / primitive ${p} out of range`);
          continue;
        }
        if (seen[p]) fail(`primitive ${p} appears twice`);
        seen[p] = 1;
        if (bounds && !inside(bounds, p * 6, 3, index)) fail(`leaf ${index} box does not contain primitive ${p}`);
      }
    } else {
      const children = [index + 1, node.leftOrFirst];
      if (node.leftOrFirst <= index + 1) fail(`node ${index}: right child ${node.leftOrFirst} not after the left`);
      for (const c of children) {
        if (c < nodeCount && !inside(f, c * W + L.min / 4, (L.max - L.min) / 4, index)) {
          fail(`node ${c} not inside parent ${index}`);
        }
        stack.push([c, depth + 1]);
      }
    }
  }
  for (let p = 0; p < primCount; p++) if (!seen[p]) fail(`primitive ${p} missing`);
  for (let i = 0; i < nodeCount; i++) if (!visited[i]) fail(`node ${i} unreachable`);
  if (maxDepth > BVH_MAX_DEPTH) fail(`depth ${maxDepth} exceeds ${BVH_MAX_DEPTH}`);
  return { errors, maxDepth, leafCount };
}
