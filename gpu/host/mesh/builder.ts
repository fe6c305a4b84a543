// Shared plumbing of the mesh parsers: the error every rejection throws, and a growable mesh whose size limits
// are checked before each allocation, so no header count or file content can make a parser allocate unchecked.
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import type { TriangleMesh } from './mesh.ts';

/** Vertices one mesh may hold: more than three per triangle at the triangle limit is never needed. */
export const MAX_VERTICES = 3 * MAX_TRIANGLES;

/** A file rejected by a parser; the message names the file and says what is wrong. */
export class MeshParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeshParseError';
  }
}

/** Accumulates vertices and triangles; capacities double, bounded by MAX_VERTICES and MAX_TRIANGLES. */
export class MeshBuilder {
  private positions: Float32Array;
  private indices: Uint32Array;
  private vertexCount = 0;
  private triangleCount = 0;

  constructor(
    private readonly fail: Fail,
    vertexHint = 1024,
    triangleHint = 1024
  ) {
    this.positions = new Float32Array(3 * Math.min(Math.max(vertexHint, 16), MAX_VERTICES));
    this.indices = new Uint32Array(3 * Math.min(Math.max(triangleHint, 16), MAX_TRIANGLES));
  }

  get vertices(): number {
    return this.vertexCount;
  }

  get triangles(): number {
    return this.triangleCount;
  }

  /** Adds a vertex (rejecting NaN and infinities) and returns its index. */
  vertex(x: number, y: number, z: number, where: string): number {
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      this.fail(`${where}: vertex (${x}, ${y}, ${z}) is not finite`);
    }
    if (this.vertexCount >= MAX_VERTICES) this.fail(`more than ${MAX_VERTICES} vertices`);
    if (3 * this.vertexCount === this.positions.length) this.positions = grow(this.positions, 3 * MAX_VERTICES);
    const i = 3 * this.vertexCount;
    this.positions[i] = x;
    this.positions[i + 1] = y;
    this.positions[i + 2] = z;
    // Finite doubles beyond the f32 range become infinite in the Float32Array.
    if (!Number.isFinite(this.positions[i] + this.positions[i + 1] + this.positions[i + 2])) {
      this.fail(`${where}: vertex (${x}, ${y}, ${z}) is outside the 32-bit float range`);
    }
    return this.vertexCount++;
  }

  /** Adds a triangle of existing vertex indices (checked by `finish`). */
  triangle(a: number, b: number, c: number): void {
    if (this.triangleCount >= MAX_TRIANGLES) this.fail(`more than ${MAX_TRIANGLES.toLocaleString('en')} triangles (the limit per mesh)`);
    if (3 * this.triangleCount === this.indices.length) this.indices = grow(this.indices, 3 * MAX_TRIANGLES);
    const i = 3 * this.triangleCount++;
    this.indices[i] = a;
    this.indices[i + 1] = b;
    this.indices[i + 2] = c;
  }

  /** Fan-triangulates a polygon (v0, v1, v2), (v0, v2, v3), …, keeping its winding. */
  polygon(corners: ArrayLike<number>, count: number, where: string): void {
    if (count < 3) this.fail(`${where}: a face needs at least 3 vertices, got ${count}`);
    for (let k = 1; k + 1 < count; k++) this.triangle(corners[0], corners[k], corners[k + 1]);
  }

  /** The mesh, with every index checked against the vertex count; an empty mesh is an error. */
  finish(): TriangleMesh {
    if (this.triangleCount === 0) this.fail('the mesh has no triangles');
    const indices = this.indices.subarray(0, 3 * this.triangleCount);
    for (let i = 0; i < indices.length; i++) {
      if (indices[i] >= this.vertexCount) {
        this.fail(`triangle ${Math.floor(i / 3)} refers to vertex ${indices[i]}, but there are only ${this.vertexCount} vertices`);
      }
    }
    return {
      positions: this.positions.slice(0, 3 * this.vertexCount),
      indices: indices.slice()
    };
  }
}

function grow<T extends Float32Array | Uint32Array>(array: T, max: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.min(array.length * 2, max));
  next.set(array);
  return next;
}

/** Rejects the file being parsed (never returns). */
export type Fail = (message: string) => never;

/** A `fail` function that throws MeshParseError prefixed with the file name and format. */
export function failer(fileName: string, format: string): Fail {
  return (message: string) => {
    throw new MeshParseError(`${fileName}: ${format}: ${message}`);
  };
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Bytes as text (invalid UTF-8 becomes U+FFFD, which every parser then rejects as a bad token). */
export function bytesToText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The lines of a text with their 1-based numbers (for the line-oriented ASCII formats). */
export function* textLines(text: string): Generator<[line: string, number: number]> {
  let number = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield [text.slice(start, end), ++number];
    start = end + 1;
  }
}
