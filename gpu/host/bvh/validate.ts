// Structural check of a flattened BVH (tests, debug tooling): every primitive referenced exactly once, child boxes
// inside the box their parent stores for them, boxes containing their primitives, and the traversal stack bound.
import { BVH_STACK_SIZE, BVH_NODE_LAYOUT, readBvhNode, type BvhChildView } from './layout.ts';
import type { Bvh } from './build.ts';

export interface BvhValidation {
  readonly errors: readonly string[];
  /** As BvhStats.maxDepth and stackDepth, measured on the node array. */
  readonly maxDepth: number;
  readonly stackDepth: number;
  readonly leafCount: number;
}

const contains = (outer: BvhChildView, min: ArrayLike<number>, max: ArrayLike<number>) =>
  [0, 1, 2].every((k) => min[k] >= outer.min[k] && max[k] <= outer.max[k]);

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
  const seen = new Uint8Array(primCount);
  const visited = new Uint8Array(nodeCount);
  let maxDepth = 0;
  let stackDepth = 0;
  let leafCount = 0;
  // Node, its depth, traversal stack entries its ancestors may hold, and the box its parent stores for it.
  const pending: [number, number, number, BvhChildView | undefined][] = [[0, 0, 0, undefined]];
  while (pending.length > 0) {
    const [index, depth, used, parentBox] = pending.pop()!;
    if (index >= nodeCount) {
      fail(`node index ${index} out of range`);
      continue;
    }
    if (visited[index]) fail(`node ${index} reached twice`);
    visited[index] = 1;
    const slots = readBvhNode(bvh.nodes, index).filter((s) => s.used);
    if (slots.length === 0 && primCount > 0) fail(`node ${index} has no children`);
    const stack = used + (slots.length > 1 ? 1 : 0);
    stackDepth = Math.max(stackDepth, stack);
    for (const slot of slots) {
      if (parentBox && !contains(parentBox, slot.min, slot.max)) fail(`a child box of node ${index} is not inside its parent's`);
      if (slot.count === 0) {
        if (slot.child <= index) fail(`node ${index}: child ${slot.child} not after its parent`);
        pending.push([slot.child, depth + 1, stack, slot]);
        continue;
      }
      leafCount++;
      maxDepth = Math.max(maxDepth, depth + 1);
      for (let i = slot.child; i < slot.child + slot.count; i++) {
        const p = bvh.primIndices[i];
        if (i >= bvh.primIndices.length || p >= primCount) {
          fail(`a leaf of node ${index} references slot ${i} / primitive ${p} out of range`);
          continue;
        }
        if (seen[p]) fail(`primitive ${p} appears twice`);
        seen[p] = 1;
        if (bounds && !contains(slot, [bounds[p * 6], bounds[p * 6 + 1], bounds[p * 6 + 2]], [bounds[p * 6 + 3], bounds[p * 6 + 4], bounds[p * 6 + 5]])) {
          fail(`a leaf box of node ${index} does not contain primitive ${p}`);
        }
      }
    }
  }
  for (let p = 0; p < primCount; p++) if (!seen[p]) fail(`primitive ${p} missing`);
  for (let i = 0; i < nodeCount; i++) if (!visited[i]) fail(`node ${i} unreachable`);
  if (stackDepth > BVH_STACK_SIZE) fail(`traversal stack needs ${stackDepth} entries, over ${BVH_STACK_SIZE}`);
  return { errors, maxDepth, stackDepth, leafCount };
}
