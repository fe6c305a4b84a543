// Layout of the flattened BVH shared by the builder (build.ts) and the WGSL traversal (gpu/shaders/bvh/bvh.wgsl).
//
// Nodes are stored depth first, 32 bytes each (struct BvhNode in bvh.wgsl):
//   min: vec3f, left_or_first: u32, max: vec3f, count: u32
// - count = 0: interior node. Its left child is the next node (index + 1); its right child is at left_or_first.
// - count > 0: leaf holding bvh_prim_indices[left_or_first .. left_or_first + count).
// The root is node 0. An empty BVH is a single interior node whose box is inverted (min = +F32_MAX,
// max = −F32_MAX); the traversal's slab test rejects it for every ray, so its children are never read.
import { defineStruct, structWgsl } from '../shader/struct-layout.ts';

/** The BvhNode record (one source: the WGSL struct is generated from it, module generated/bvh_layout). */
export const BVH_NODE_RECORD = defineStruct('BvhNode', [
  ['min', 'vec3f'],
  ['left_or_first', 'u32'],
  ['max', 'vec3f'],
  /** 0 for an interior node, else the number of primitives in the leaf. */
  ['count', 'u32']
]);

const offsetOf = (name: string) => BVH_NODE_RECORD.fieldByName.get(name)!.offset;

/** Byte offsets of BvhNode's fields, for the builder's typed-array writes. */
export const BVH_NODE_LAYOUT = {
  size: BVH_NODE_RECORD.size,
  min: offsetOf('min'),
  leftOrFirst: offsetOf('left_or_first'),
  max: offsetOf('max'),
  count: offsetOf('count')
} as const;

/**
 * Entries in the traversal's fixed stack. The traversal pushes at most one entry per level, so the builder keeps
 * every leaf at depth ≤ BVH_MAX_DEPTH (root = depth 0) and the stack can never overflow.
 */
export const BVH_STACK_SIZE = 48;
export const BVH_MAX_DEPTH = BVH_STACK_SIZE;

/** WGSL source of generated/bvh_layout: the stack size and the BvhNode struct. */
export function bvhLayoutWgsl(): string {
  return [
    '// Generated from gpu/host/bvh/layout.ts.',
    `const BVH_STACK_SIZE: u32 = ${BVH_STACK_SIZE}u;`,
    '',
    structWgsl(BVH_NODE_RECORD)
  ].join('\n');
}

export interface BvhNodeView {
  readonly min: [number, number, number];
  readonly max: [number, number, number];
  readonly leftOrFirst: number;
  readonly count: number;
}

/** Reads node `index` of a flattened node buffer (for tests and debugging tools). */
export function readBvhNode(nodes: ArrayBuffer, index: number): BvhNodeView {
  const L = BVH_NODE_LAYOUT;
  const f = new Float32Array(nodes, index * L.size, L.size / 4);
  const u = new Uint32Array(nodes, index * L.size, L.size / 4);
  return {
    min: [f[L.min / 4], f[L.min / 4 + 1], f[L.min / 4 + 2]],
    max: [f[L.max / 4], f[L.max / 4 + 1], f[L.max / 4 + 2]],
    leftOrFirst: u[L.leftOrFirst / 4],
    count: u[L.count / 4]
  };
}
