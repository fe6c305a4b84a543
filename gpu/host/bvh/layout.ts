// Layout of the flattened 4-wide BVH shared by the builder (build.ts) and the WGSL traversal
// (gpu/shaders/bvh/bvh.wgsl).
//
// Each node holds up to BVH_WIDTH children: their boxes (one vec4f per coordinate, lane i = child i, so one fetch
// tests four boxes), and per child one word, which the traversal stack also holds:
// - BVH_LEAF clear: an interior child, the node index;
// - BVH_LEAF set: a leaf holding `count` slots of bvh_leaf_primitive from `first`, packed as
//   BVH_LEAF | count << BVH_LEAF_COUNT_SHIFT | first;
// - an unused slot has an inverted box (min = +F32_MAX, max = −F32_MAX), which the slab test rejects for every
//   ray, so its word is never read.
// Nodes are stored depth first; the root is node 0. An empty BVH is a single node whose four slots are unused;
// a BVH of one leaf is a root with one used slot.
import { defineStruct, structWgsl } from '../shader/struct-layout.ts';

/** Children per node: the lanes of the vec4 fields below. */
export const BVH_WIDTH = 4;

/** The BvhNode record (one source: the WGSL struct is generated from it, module generated/bvh_layout). */
export const BVH_NODE_RECORD = defineStruct('BvhNode', [
  ['min_x', 'vec4f'],
  ['min_y', 'vec4f'],
  ['min_z', 'vec4f'],
  ['max_x', 'vec4f'],
  ['max_y', 'vec4f'],
  ['max_z', 'vec4f'],
  /** Per child: a node index or a packed leaf (see above). */
  ['child', 'vec4u']
]);

/** Flag of a leaf's child word. */
export const BVH_LEAF = 0x8000_0000;
/** A leaf's primitive count sits above its first slot, below BVH_LEAF. */
export const BVH_LEAF_COUNT_SHIFT = 27;
/** Largest leaf the child word can hold. */
export const BVH_MAX_LEAF_SIZE = (BVH_LEAF >>> BVH_LEAF_COUNT_SHIFT) - 1;
/** Leaf slots (primitives) the child word can address. */
export const BVH_MAX_LEAF_SLOTS = 2 ** BVH_LEAF_COUNT_SHIFT;

/** The child word of a leaf of `count` (1 ..= BVH_MAX_LEAF_SIZE) slots from `first` (< BVH_MAX_LEAF_SLOTS). */
export function bvhLeafWord(first: number, count: number): number {
  if (count < 1 || count > BVH_MAX_LEAF_SIZE || first >= BVH_MAX_LEAF_SLOTS) {
    throw new Error(`BVH: a leaf of ${count} slots from ${first} does not fit its child word`);
  }
  return (BVH_LEAF | (count << BVH_LEAF_COUNT_SHIFT) | first) >>> 0;
}

const offsetOf = (name: string) => BVH_NODE_RECORD.fieldByName.get(name)!.offset;

/** Byte offsets of BvhNode's fields, for the builder's typed-array writes (lane i is 4·i bytes further). */
export const BVH_NODE_LAYOUT = {
  size: BVH_NODE_RECORD.size,
  min: [offsetOf('min_x'), offsetOf('min_y'), offsetOf('min_z')],
  max: [offsetOf('max_x'), offsetOf('max_y'), offsetOf('max_z')],
  child: offsetOf('child')
} as const;

/** Leaves of the binary SAH tree the 4-wide tree is collapsed from lie at depth ≤ BVH_MAX_DEPTH (root = 0). */
export const BVH_MAX_DEPTH = 48;

/**
 * Entries in the traversal's fixed stack. Visiting a node pushes at most one entry (the node's hit children but the
 * nearest, as a list of lanes), which stays until that list is used up, so the stack holds at most one entry per
 * node of two or more children on the path to the current node. Each such node was collapsed from at least one
 * interior node of the binary tree on that path, of which a leaf at depth ≤ BVH_MAX_DEPTH has at most
 * BVH_MAX_DEPTH (BvhStats.stackDepth measures it; validate.ts checks it).
 */
export const BVH_STACK_SIZE = BVH_MAX_DEPTH;

/** A stack entry packs its node's index above 8 bits of lanes, so the tree holds at most this many nodes. */
export const BVH_MAX_NODES = 2 ** 24;

/** WGSL source of generated/bvh_layout: the stack size and the BvhNode struct. */
export function bvhLayoutWgsl(): string {
  return [
    '// Generated from gpu/host/bvh/layout.ts.',
    `const BVH_STACK_SIZE: u32 = ${BVH_STACK_SIZE}u;`,
    `const BVH_LEAF: u32 = ${BVH_LEAF}u;`,
    `const BVH_LEAF_COUNT_SHIFT: u32 = ${BVH_LEAF_COUNT_SHIFT}u;`,
    '',
    structWgsl(BVH_NODE_RECORD)
  ].join('\n');
}

export interface BvhChildView {
  readonly min: [number, number, number];
  readonly max: [number, number, number];
  /** Node index (count = 0) or first leaf slot. */
  readonly child: number;
  /** 0 for an interior child (or an unused slot), else the leaf's primitive count. */
  readonly count: number;
  /** False for an unused slot (inverted box). */
  readonly used: boolean;
}

/** Reads the BVH_WIDTH child slots of node `index` of a flattened node buffer (for tests and debugging tools). */
export function readBvhNode(nodes: ArrayBuffer, index: number): BvhChildView[] {
  const L = BVH_NODE_LAYOUT;
  const f = new Float32Array(nodes, index * L.size, L.size / 4);
  const u = new Uint32Array(nodes, index * L.size, L.size / 4);
  return Array.from({ length: BVH_WIDTH }, (_, i) => {
    const min = L.min.map((o) => f[o / 4 + i]) as [number, number, number];
    const max = L.max.map((o) => f[o / 4 + i]) as [number, number, number];
    const word = u[L.child / 4 + i];
    const leaf = (word & BVH_LEAF) !== 0;
    return {
      min,
      max,
      child: leaf ? word & (BVH_MAX_LEAF_SLOTS - 1) : word,
      count: leaf ? (word & ~BVH_LEAF) >>> BVH_LEAF_COUNT_SHIFT : 0,
      used: min[0] <= max[0]
    };
  });
}
