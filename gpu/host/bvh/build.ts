// BVH builder: binned surface-area heuristic (Wald, "On fast Construction of SAH-based Bounding Volume
// Hierarchies", 2007) builds a binary tree, which is then collapsed into the 4-wide node array of layout.ts by
// pulling up the grandchildren with the largest surface area (Wald, Benthin and Boulos, "Getting Rid of Packets",
// 2008). Iterative (explicit task stacks), O(n log n); binary depth bounded by BVH_MAX_DEPTH (subtrees that would
// not fit switch to object-median splits), which bounds the traversal stack (layout.ts, BVH_STACK_SIZE).
import {
  BVH_MAX_DEPTH,
  BVH_MAX_LEAF_SIZE,
  BVH_MAX_LEAF_SLOTS,
  BVH_MAX_NODES,
  BVH_NODE_LAYOUT,
  BVH_WIDTH,
  bvhLeafWord
} from './layout.ts';
import { primitiveBounds, primitiveCentroid, type PrimitiveDesc } from '../scene/primitives.ts';

export interface BvhBuildOptions {
  /** Largest leaf the SAH may choose (at most BVH_MAX_LEAF_SIZE); larger ranges are always split. Default 4. */
  readonly maxLeafSize?: number;
  /** Centroid bins per axis. Default 16. */
  readonly bins?: number;
  /** Cost of visiting a node relative to one primitive test. Default 1. */
  readonly traversalCost?: number;
  /** Deepest leaf of the binary tree allowed (root = 0); at most BVH_MAX_DEPTH. */
  readonly maxDepth?: number;
}

export interface BvhStats {
  /** 4-wide nodes. */
  readonly nodeCount: number;
  readonly leafCount: number;
  /** Depth of the deepest leaf in the 4-wide tree (the root's children are at depth 1; 0 when empty). */
  readonly maxDepth: number;
  /** Most traversal stack entries any ray can need: the most nodes of two or more children on one path. */
  readonly stackDepth: number;
  readonly buildMs: number;
  /** SAH cost of the 4-wide tree (node visits + primitive tests, weighted by area relative to the root box). */
  readonly sahCost: number;
}

export interface Bvh {
  /** BvhNode records (BVH_NODE_LAYOUT.size bytes each), root first. */
  readonly nodes: ArrayBuffer;
  /** Primitive indices referenced by the leaves. Never empty (an empty BVH holds one unused 0). */
  readonly primIndices: Uint32Array;
  readonly stats: BvhStats;
}

/** Builds the BVH over world-space primitives. */
export function buildBvh(prims: readonly PrimitiveDesc[], options: BvhBuildOptions = {}): Bvh {
  const bounds = new Float64Array(prims.length * 6);
  const centroids = new Float64Array(prims.length * 3);
  prims.forEach((p, i) => {
    const b = primitiveBounds(p);
    const c = primitiveCentroid(p);
    bounds.set(b.min, i * 6);
    bounds.set(b.max, i * 6 + 3);
    centroids.set(c, i * 3);
  });
  return buildBvhFromBounds(bounds, centroids, options);
}

// Node boxes are stored as f32 and rounded outward by a few ulps, so that a box always contains the f32
// geometry it bounds despite rounding in the packer and in the shader's intersection arithmetic.
const OUTWARD = 2 ** -21;
const TINY = 1e-30;
const lower = (x: number) => Math.fround(x - Math.abs(x) * OUTWARD - TINY);
const upper = (x: number) => Math.fround(x + Math.abs(x) * OUTWARD + TINY);

const F32_MAX = 3.4028234663852886e38;

function halfArea(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const dz = z1 - z0;
  return dx * dy + dy * dz + dz * dx;
}

/**
 * Builds the BVH from per-primitive boxes (6 numbers each: min xyz, max xyz) and centroids (3 each). Primitive i
 * of the input is index i in primIndices.
 */
export function buildBvhFromBounds(
  bounds: Float64Array | Float32Array,
  centroids: Float64Array | Float32Array,
  options: BvhBuildOptions = {}
): Bvh {
  const start = performance.now();
  const n = centroids.length / 3;
  if (bounds.length !== n * 6) throw new Error('buildBvhFromBounds: bounds and centroids disagree on the count');
  if (n > BVH_MAX_LEAF_SLOTS) throw new Error(`BVH: ${n} primitives, over the ${BVH_MAX_LEAF_SLOTS} its leaves can address`);
  const builder = new BinnedSahBuilder(bounds, centroids, options);
  const { nodes, stats } = collapse(builder.build(), options.traversalCost ?? 1);
  return { nodes, primIndices: builder.order, stats: { ...stats, buildMs: performance.now() - start } };
}

/**
 * The binary SAH tree, depth first: an interior node's left child follows it, its right child is at link; a leaf
 * holds slots [link, link + count).
 */
interface BinaryTree {
  readonly size: number;
  /** 6 per node: min xyz, max xyz (f32, rounded outward). */
  readonly box: Float32Array;
  readonly link: Uint32Array;
  /** 0 for an interior node, else the leaf's primitive count. */
  readonly count: Uint32Array;
}
/** Floats per slot of the working array: box min, box max, centroid. */
const S = 9;

/**
 * The hot loops are small methods (binning, sweeping, partitioning) rather than one large function, so V8 optimises
 * them after a few calls instead of waiting for on-stack replacement of the whole build.
 */
class BinnedSahBuilder {
  readonly order: Uint32Array;
  private readonly nodeBox: Float32Array;
  private readonly nodeLink: Uint32Array;
  private readonly nodePrims: Uint32Array;
  /** Working copy, S floats per slot of `order`, permuted along with it so every pass reads memory in sequence. */
  private readonly work: Float32Array;
  private readonly n: number;
  private readonly maxLeaf: number;
  private readonly bins: number;
  private readonly traversalCost: number;
  private readonly maxDepth: number;
  // Bins of the current node: axis k, bin j at k * nb + j.
  private readonly binCount: Int32Array;
  private readonly binBox: Float64Array;
  private readonly rightArea: Float64Array;
  private readonly rightCount: Int32Array;
  private readonly inv = new Float64Array(3);
  /** Current node's box: bounds min, max, centroid min, max. */
  private readonly box = new Float64Array(12);
  /** Boxes of the two children, 12 numbers each like `box`. */
  private readonly childBox = new Float64Array(24);
  // Best split found by sweep().
  private bestCost = Infinity;
  private splitAxis = -1;
  private splitBin = -1;

  constructor(bounds: Float64Array | Float32Array, centroids: Float64Array | Float32Array, options: BvhBuildOptions) {
    const n = centroids.length / 3;
    this.n = n;
    this.maxLeaf = Math.min(BVH_MAX_LEAF_SIZE, Math.max(1, options.maxLeafSize ?? 4));
    this.bins = Math.max(2, options.bins ?? 16);
    this.traversalCost = options.traversalCost ?? 1;
    this.maxDepth = Math.min(BVH_MAX_DEPTH, options.maxDepth ?? BVH_MAX_DEPTH);
    const capacity = Math.max(1, 2 * n - 1);
    this.nodeBox = new Float32Array(capacity * 6);
    this.nodeLink = new Uint32Array(capacity);
    this.nodePrims = new Uint32Array(capacity);
    this.order = new Uint32Array(Math.max(1, n));
    this.work = new Float32Array(n * S);
    for (let i = 0; i < n; i++) {
      this.order[i] = i;
      for (let k = 0; k < 3; k++) {
        this.work[i * S + k] = lower(bounds[i * 6 + k]);
        this.work[i * S + 3 + k] = upper(bounds[i * 6 + 3 + k]);
        this.work[i * S + 6 + k] = centroids[i * 3 + k];
      }
    }
    this.binCount = new Int32Array(3 * this.bins);
    this.binBox = new Float64Array(3 * this.bins * 6);
    this.rightArea = new Float64Array(this.bins);
    this.rightCount = new Int32Array(this.bins);
  }

  build(): BinaryTree {
    const { n, nodeBox, nodeLink, nodePrims, box, childBox, maxDepth, maxLeaf } = this;
    const tree = (size: number): BinaryTree => ({ size, box: nodeBox, link: nodeLink, count: nodePrims });
    if (n === 0) return tree(0);
    if (this.levelsNeeded(n) > maxDepth) throw new Error(`BVH: ${n} primitives cannot fit in depth ${maxDepth}`);

    // Pending ranges (a stack; depth first, left child on top): start, end, depth, parent to patch with the
    // node's index (right children) or −1; and the range's 12-number box.
    const taskCap = 2 * maxDepth + 4;
    const taskInt = new Int32Array(taskCap * 4);
    const taskBox = new Float64Array(taskCap * 12);
    let sp = 0;
    const push = (first: number, end: number, depth: number, patch: number, from: Float64Array, o: number) => {
      taskInt[sp * 4] = first;
      taskInt[sp * 4 + 1] = end;
      taskInt[sp * 4 + 2] = depth;
      taskInt[sp * 4 + 3] = patch;
      for (let k = 0; k < 12; k++) taskBox[sp * 12 + k] = from[o + k];
      sp++;
    };

    this.rangeBox(0, n, box, 0);
    push(0, n, 0, -1, box, 0);
    let nodeCount = 0;
    while (sp > 0) {
      sp--;
      const first = taskInt[sp * 4];
      const end = taskInt[sp * 4 + 1];
      const depth = taskInt[sp * 4 + 2];
      const patch = taskInt[sp * 4 + 3];
      for (let k = 0; k < 12; k++) box[k] = taskBox[sp * 12 + k];
      const index = nodeCount++;
      if (patch >= 0) nodeLink[patch] = index;
      const count = end - first;
      for (let k = 0; k < 3; k++) {
        nodeBox[index * 6 + k] = lower(box[k]);
        nodeBox[index * 6 + 3 + k] = upper(box[3 + k]);
      }
      const area = halfArea(box[0], box[1], box[2], box[3], box[4], box[5]);

      let mid = -1;
      if (count > 1 && depth < maxDepth) {
        // A subtree that might not fit below this depth with SAH splits gets object-median splits instead.
        let median = depth + 1 + this.levelsNeeded(count - 1) > maxDepth;
        if (!median) {
          const nb = Math.min(this.bins, Math.max(4, count));
          this.binRange(first, end, nb);
          this.sweep(nb);
          if (this.splitAxis < 0) {
            // All centroids coincide: no plane separates them.
            median = count > maxLeaf;
          } else {
            const splitCost = area > 0 ? this.traversalCost + this.bestCost / area : this.traversalCost + count;
            if (count > maxLeaf || splitCost < count) mid = this.partition(first, end, nb);
          }
        }
        if (median) mid = this.medianSplit(first, end);
      }

      if (mid > first && mid < end) {
        nodePrims[index] = 0;
        push(mid, end, depth + 1, index, childBox, 12);
        push(first, mid, depth + 1, -1, childBox, 0);
      } else {
        nodeLink[index] = first;
        nodePrims[index] = count;
      }
    }
    return tree(nodeCount);
  }

  /** Levels a median-split subtree of c primitives needs below its root. */
  private levelsNeeded(c: number): number {
    return c <= this.maxLeaf ? 0 : Math.ceil(Math.log2(c / this.maxLeaf));
  }

  /** Box of slots [first, end) into out[o, o + 12). */
  private rangeBox(first: number, end: number, out: Float64Array, o: number): void {
    const work = this.work;
    out.fill(Infinity, o, o + 3);
    out.fill(-Infinity, o + 3, o + 6);
    out.fill(Infinity, o + 6, o + 9);
    out.fill(-Infinity, o + 9, o + 12);
    for (let i = first; i < end; i++) {
      const w = i * S;
      for (let k = 0; k < 3; k++) {
        out[o + k] = Math.min(out[o + k], work[w + k]);
        out[o + 3 + k] = Math.max(out[o + 3 + k], work[w + 3 + k]);
        out[o + 6 + k] = Math.min(out[o + 6 + k], work[w + 6 + k]);
        out[o + 9 + k] = Math.max(out[o + 9 + k], work[w + 6 + k]);
      }
    }
  }

  /** Counts and bounds slots [first, end) into nb centroid bins per axis (axes with no centroid extent skipped). */
  private binRange(first: number, end: number, nb: number): void {
    const { work, binCount, binBox, inv, box } = this;
    for (let k = 0; k < 3; k++) {
      const extent = box[9 + k] - box[6 + k];
      inv[k] = extent > 0 ? nb / extent : 0;
    }
    for (let j = 0; j < 3 * nb; j++) {
      binCount[j] = 0;
      binBox[j * 6] = binBox[j * 6 + 1] = binBox[j * 6 + 2] = Infinity;
      binBox[j * 6 + 3] = binBox[j * 6 + 4] = binBox[j * 6 + 5] = -Infinity;
    }
    const ix = inv[0], iy = inv[1], iz = inv[2];
    const cx = box[6], cy = box[7], cz = box[8];
    for (let i = first; i < end; i++) {
      const w = i * S;
      if (ix > 0) {
        const j = ((work[w + 6] - cx) * ix) | 0;
        this.addToBin(j < nb ? j : nb - 1, w);
      }
      if (iy > 0) {
        const j = ((work[w + 7] - cy) * iy) | 0;
        this.addToBin(nb + (j < nb ? j : nb - 1), w);
      }
      if (iz > 0) {
        const j = ((work[w + 8] - cz) * iz) | 0;
        this.addToBin(2 * nb + (j < nb ? j : nb - 1), w);
      }
    }
  }

  private addToBin(j: number, w: number): void {
    const { work, binBox } = this;
    this.binCount[j]++;
    const q = j * 6;
    if (work[w] < binBox[q]) binBox[q] = work[w];
    if (work[w + 1] < binBox[q + 1]) binBox[q + 1] = work[w + 1];
    if (work[w + 2] < binBox[q + 2]) binBox[q + 2] = work[w + 2];
    if (work[w + 3] > binBox[q + 3]) binBox[q + 3] = work[w + 3];
    if (work[w + 4] > binBox[q + 4]) binBox[q + 4] = work[w + 4];
    if (work[w + 5] > binBox[q + 5]) binBox[q + 5] = work[w + 5];
  }

  /** Cheapest bin boundary over all binned axes (SAH cost without the constant terms), or splitAxis = −1. */
  private sweep(nb: number): void {
    const { binCount, binBox, rightArea, rightCount, inv } = this;
    this.bestCost = Infinity;
    this.splitAxis = -1;
    this.splitBin = -1;
    for (let k = 0; k < 3; k++) {
      if (inv[k] === 0) continue;
      const base = k * nb;
      let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
      let acc = 0;
      for (let j = nb - 1; j > 0; j--) {
        const q = (base + j) * 6;
        acc += binCount[base + j];
        x0 = Math.min(x0, binBox[q]); y0 = Math.min(y0, binBox[q + 1]); z0 = Math.min(z0, binBox[q + 2]);
        x1 = Math.max(x1, binBox[q + 3]); y1 = Math.max(y1, binBox[q + 4]); z1 = Math.max(z1, binBox[q + 5]);
        rightCount[j] = acc;
        rightArea[j] = acc > 0 ? halfArea(x0, y0, z0, x1, y1, z1) : 0;
      }
      x0 = y0 = z0 = Infinity;
      x1 = y1 = z1 = -Infinity;
      let left = 0;
      for (let j = 1; j < nb; j++) {
        const q = (base + j - 1) * 6;
        left += binCount[base + j - 1];
        x0 = Math.min(x0, binBox[q]); y0 = Math.min(y0, binBox[q + 1]); z0 = Math.min(z0, binBox[q + 2]);
        x1 = Math.max(x1, binBox[q + 3]); y1 = Math.max(y1, binBox[q + 4]); z1 = Math.max(z1, binBox[q + 5]);
        if (left === 0 || rightCount[j] === 0) continue;
        const cost = left * halfArea(x0, y0, z0, x1, y1, z1) + rightCount[j] * rightArea[j];
        if (cost < this.bestCost) {
          this.bestCost = cost;
          this.splitAxis = k;
          this.splitBin = j;
        }
      }
    }
  }

  /** Partitions slots [first, end) at the chosen bin boundary, fills childBox; returns the first right slot. */
  private partition(first: number, end: number, nb: number): number {
    const { work, childBox, box } = this;
    const k = this.splitAxis;
    const splitBin = this.splitBin;
    const lo = box[6 + k];
    const scale = this.inv[k];
    this.unionBins(k * nb, k * nb + splitBin, childBox, 0);
    this.unionBins(k * nb + splitBin, k * nb + nb, childBox, 12);
    let lx0 = Infinity, ly0 = Infinity, lz0 = Infinity, lx1 = -Infinity, ly1 = -Infinity, lz1 = -Infinity;
    let rx0 = Infinity, ry0 = Infinity, rz0 = Infinity, rx1 = -Infinity, ry1 = -Infinity, rz1 = -Infinity;
    let i = first;
    let j = end - 1;
    while (i <= j) {
      const c = i * S + 6;
      const x = work[c], y = work[c + 1], z = work[c + 2];
      const bin = ((work[c + k] - lo) * scale) | 0;
      if ((bin < nb ? bin : nb - 1) < splitBin) {
        if (x < lx0) lx0 = x;
        if (x > lx1) lx1 = x;
        if (y < ly0) ly0 = y;
        if (y > ly1) ly1 = y;
        if (z < lz0) lz0 = z;
        if (z > lz1) lz1 = z;
        i++;
      } else {
        if (x < rx0) rx0 = x;
        if (x > rx1) rx1 = x;
        if (y < ry0) ry0 = y;
        if (y > ry1) ry1 = y;
        if (z < rz0) rz0 = z;
        if (z > rz1) rz1 = z;
        this.swap(i, j);
        j--;
      }
    }
    childBox[6] = lx0; childBox[7] = ly0; childBox[8] = lz0;
    childBox[9] = lx1; childBox[10] = ly1; childBox[11] = lz1;
    childBox[18] = rx0; childBox[19] = ry0; childBox[20] = rz0;
    childBox[21] = rx1; childBox[22] = ry1; childBox[23] = rz1;
    return i;
  }

  /** Union of bins [from, to) into out[o, o + 6). */
  private unionBins(from: number, to: number, out: Float64Array, o: number): void {
    const binBox = this.binBox;
    out[o] = out[o + 1] = out[o + 2] = Infinity;
    out[o + 3] = out[o + 4] = out[o + 5] = -Infinity;
    for (let j = from; j < to; j++) {
      for (let k = 0; k < 3; k++) {
        out[o + k] = Math.min(out[o + k], binBox[j * 6 + k]);
        out[o + 3 + k] = Math.max(out[o + 3 + k], binBox[j * 6 + 3 + k]);
      }
    }
  }

  /** Splits slots [first, end) in half by centroid along the widest centroid axis; fills childBox. */
  private medianSplit(first: number, end: number): number {
    const { box, work } = this;
    const mid = first + ((end - first) >> 1);
    const ex = box[9] - box[6];
    const ey = box[10] - box[7];
    const ez = box[11] - box[8];
    const axis = ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
    if (Math.max(ex, ey, ez) > 0) {
      selectNth((i) => work[i * S + 6 + axis], (i, j) => this.swap(i, j), first, end, mid);
    }
    this.rangeBox(first, mid, this.childBox, 0);
    this.rangeBox(mid, end, this.childBox, 12);
    return mid;
  }

  private swap(i: number, j: number): void {
    const { order, work } = this;
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
    const a = i * S;
    const b = j * S;
    for (let k = 0; k < S; k++) {
      const w = work[a + k];
      work[a + k] = work[b + k];
      work[b + k] = w;
    }
  }
}

const W = BVH_NODE_LAYOUT.size / 4;
const LANE_MIN = BVH_NODE_LAYOUT.min.map((o) => o / 4);
const LANE_MAX = BVH_NODE_LAYOUT.max.map((o) => o / 4);
const LANE_CHILD = BVH_NODE_LAYOUT.child / 4;

/**
 * Collapses the binary tree into 4-wide nodes, depth first. A node starts from a binary node's two children and
 * repeatedly replaces its interior child of largest surface area by that child's two children, up to BVH_WIDTH.
 */
function collapse(tree: BinaryTree, traversalCost: number): { nodes: ArrayBuffer; stats: Omit<BvhStats, 'buildMs'> } {
  const { size, box, link, count } = tree;
  const area = (b: number) => halfArea(box[b * 6], box[b * 6 + 1], box[b * 6 + 2], box[b * 6 + 3], box[b * 6 + 4], box[b * 6 + 5]);
  let capacity = Math.max(1, Math.ceil(size / 4));
  let f = new Float32Array(capacity * W);
  let u = new Uint32Array(f.buffer);
  let nodeCount = 0;
  const allocate = () => {
    if (nodeCount === BVH_MAX_NODES) throw new Error(`BVH: over ${BVH_MAX_NODES} nodes`);
    if (nodeCount === capacity) {
      capacity *= 2;
      const grown = new Float32Array(capacity * W);
      grown.set(f);
      f = grown;
      u = new Uint32Array(f.buffer);
    }
    return nodeCount++;
  };
  const unusedLane = (o: number, lane: number) => {
    for (let k = 0; k < 3; k++) {
      f[o + LANE_MIN[k] + lane] = F32_MAX;
      f[o + LANE_MAX[k] + lane] = -F32_MAX;
    }
  };

  if (size === 0) {
    const root = allocate() * W;
    for (let lane = 0; lane < BVH_WIDTH; lane++) unusedLane(root, lane);
    return { nodes: f.buffer.slice(0, W * 4), stats: { nodeCount: 1, leafCount: 0, maxDepth: 0, stackDepth: 0, sahCost: 0 } };
  }
  // Pending nodes (a stack, 4 numbers each): binary node, traversal stack entries its ancestors may hold, depth,
  // and the parent's child word to patch with the node's index (−1 for the root).
  const tasks: number[] = [0, 0, 0, -1];
  const children: number[] = [];
  let leafCount = 0;
  let maxDepth = 0;
  let stackDepth = 0;
  let sahSum = 0;
  let primTests = 0;
  while (tasks.length > 0) {
    const patch = tasks.pop()!;
    const depth = tasks.pop()!;
    const used = tasks.pop()!;
    const b = tasks.pop()!;
    const o = allocate() * W;
    if (patch >= 0) u[patch] = o / W;
    children.length = 0;
    if (count[b] > 0) children.push(b);
    else children.push(b + 1, link[b]);
    while (children.length < BVH_WIDTH) {
      let best = -1;
      let bestArea = -1;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        if (count[c] === 0 && area(c) > bestArea) {
          best = i;
          bestArea = area(c);
        }
      }
      if (best < 0) break;
      const c = children[best];
      children[best] = c + 1;
      children.push(link[c]);
    }
    const stack = used + (children.length > 1 ? 1 : 0);
    stackDepth = Math.max(stackDepth, stack);
    sahSum += traversalCost * area(b);
    // Lanes in reverse, so that the tasks pop (and the nodes are numbered) in lane order.
    for (let lane = BVH_WIDTH - 1; lane >= 0; lane--) {
      if (lane >= children.length) {
        unusedLane(o, lane);
        continue;
      }
      const c = children[lane];
      for (let k = 0; k < 3; k++) {
        f[o + LANE_MIN[k] + lane] = box[c * 6 + k];
        f[o + LANE_MAX[k] + lane] = box[c * 6 + 3 + k];
      }
      if (count[c] > 0) {
        u[o + LANE_CHILD + lane] = bvhLeafWord(link[c], count[c]);
        leafCount++;
        maxDepth = Math.max(maxDepth, depth + 1);
        sahSum += count[c] * area(c);
        primTests += count[c];
      } else {
        tasks.push(c, stack, depth + 1, o + LANE_CHILD + lane);
      }
    }
  }
  const rootArea = area(0);
  return {
    nodes: f.buffer.slice(0, nodeCount * W * 4),
    stats: {
      nodeCount,
      leafCount,
      maxDepth,
      stackDepth,
      sahCost: rootArea > 0 ? sahSum / rootArea : traversalCost * nodeCount + primTests
    }
  };
}

/** Partially sorts slots [first, end) by key so that slot `nth` holds its order statistic (quickselect). */
function selectNth(
  key: (i: number) => number,
  swap: (i: number, j: number) => void,
  first: number,
  end: number,
  nth: number
): void {
  let lo = first;
  let hi = end - 1;
  while (hi > lo) {
    const pivot = key((lo + hi) >> 1);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
