// The ranking matrix of the blue-noise sampler (gpu/shaders/sampling/blue_noise.wgsl): a 32 × 32 matrix K over
// GF(2) that turns a pixel's rank r (its place in a hierarchical Z-order, low bits the finest quadtree levels) into
// the key XORed into its sample indices, key = K·r. Pixel p's sample i is Sobol point i ⊕ key(p). The sampler
// needs, for every tile size 2^a × 2^a and every sample count 2^j (j + 2a ≤ 32), that the tile's 2^j samples per
// pixel have 2^(j+2a) distinct low j + 2a index bits (then they form a (0, j + 2a, 2)-net, Owen-scrambled Sobol
// points depending on the low index bits only down to that depth). The low j bits of i ⊕ key run over all values
// for each pixel, so this holds when key bits j .. j + 2a − 1 are a bijection of the tile's varying rank bits
// 0 .. 2a − 1: rows j .. j + 2a − 1 of K restricted to columns 0 .. 2a − 1 invertible, for every such window.
// Found here by a depth-first search, two columns at a time; scripts/gen-blue-noise-ranking.ts prints the table the
// shader holds.

export const RANKING_BITS = 32;

/** Whether the n × n matrix of the rows (bit c of row k = entry (k, c)), restricted to columns 0 .. n − 1, is
 * invertible over GF(2). */
function invertible(rows: readonly number[], n: number): boolean {
  const mask = n >= 32 ? 0xffffffff : 2 ** n - 1;
  const m = rows.map((r) => (r & mask) >>> 0);
  for (let c = 0; c < n; c++) {
    const pivot = m.findIndex((r, i) => i >= c && ((r >>> c) & 1) === 1);
    if (pivot < 0) return false;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) if (r !== c && ((m[r] >>> c) & 1) === 1) m[r] = (m[r] ^ m[c]) >>> 0;
  }
  return true;
}

/** Whether every window of rows j .. j + 2a − 1 (j + 2a ≤ 32) is invertible on columns 0 .. 2a − 1. */
export function windowsInvertible(rows: readonly number[]): boolean {
  for (let n = 2; n <= RANKING_BITS; n += 2) {
    for (let j = 0; j + n <= RANKING_BITS; j++) if (!invertible(rows.slice(j, j + n), n)) return false;
  }
  return true;
}

/** The matrix's rows (index bits), each a 32-bit mask of rank bits. */
export function rankingRows(): number[] {
  const rows = new Array<number>(RANKING_BITS).fill(0);
  // Columns 2a − 2 and 2a − 1 are chosen row by row; a choice must keep the window of 2a rows ending at it
  // invertible. Earlier levels are never revisited: every level so far has a solution given the previous ones.
  for (let n = 2; n <= RANKING_BITS; n += 2) {
    const fill = (k: number): boolean => {
      if (k === RANKING_BITS) return true;
      const base = rows[k] & (2 ** (n - 2) - 1);
      for (const pair of [1, 2, 3, 0]) {
        rows[k] = (base | (pair << (n - 2))) >>> 0;
        if (k + 1 >= n && !invertible(rows.slice(k + 1 - n, k + 1), n)) continue;
        if (fill(k + 1)) return true;
      }
      rows[k] = base;
      return false;
    };
    if (!fill(0)) throw new Error(`no ranking matrix with invertible windows of ${n} rows`);
  }
  return rows;
}

/** The matrix by columns, as the shader applies it (one per rank bit, XORed in when that bit is set). */
export function rankingColumns(rows: readonly number[] = rankingRows()): number[] {
  return Array.from({ length: RANKING_BITS }, (_, c) => rows.reduce((col, row, k) => (col | (((row >>> c) & 1) << k)) >>> 0, 0));
}
