// Wavefront OBJ reader: `v x y z [w]` positions, `vt u [v]` texture coordinates, `vn x y z` normals and `f`
// faces whose corners are written `v`, `v/vt`, `v/vt/vn` or `v//vn`, with 1-based or negative (relative)
// indices; polygons are fan-triangulated. Normals and texture coordinates become per-corner shading data (smooth
// shading); groups and materials are read past.
import { bytesToText, failer, type Fail, MAX_VERTICES, MeshBuilder, textLines } from './builder.ts';
import type { TriangleMesh } from './mesh.ts';

const MAX_FACE_CORNERS = 1024;
const STATEMENTS_IGNORED = new Set(['vp', 'o', 'g', 's', 'usemtl', 'mtllib', 'l', 'p', 'cstype', 'deg', 'curv', 'surf']);

/** A float list that grows by doubling up to `max` entries (checked before each allocation). */
class Floats {
  data = new Float32Array(64);
  length = 0;
  constructor(
    private readonly max: number,
    private readonly fail: Fail,
    private readonly what: string
  ) {}
  /** Room for `n` more entries; the new ones read 0 until written. */
  private reserve(n: number): void {
    if (this.length + n > this.max) this.fail(`more than ${this.max.toLocaleString('en')} ${this.what}`);
    while (this.length + n > this.data.length) {
      const next = new Float32Array(Math.min(this.data.length * 2, this.max));
      next.set(this.data);
      this.data = next;
    }
  }
  push(a: number, b: number, c?: number): void {
    this.reserve(c === undefined ? 2 : 3);
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    if (c !== undefined) this.data[this.length++] = c;
  }
  /** Appends `n` entries of `source` from `at`, or `n` zeros when `at` is negative. */
  copy(source: Floats, at: number, n: number): void {
    this.reserve(n);
    if (at >= 0) this.data.set(source.data.subarray(at, at + n), this.length);
    else this.data.fill(0, this.length, this.length + n);
    this.length += n;
  }
  /** Zeros up to `length` entries (the corners of faces read before any normal or uv). */
  padTo(length: number): void {
    if (length > this.length) this.copy(this, -1, length - this.length);
  }
  result(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

export function parseObj(bytes: Uint8Array, fileName: string): TriangleMesh {
  const fail: Fail = failer(fileName, 'OBJ');
  const text = bytesToText(bytes);
  const mesh = new MeshBuilder(fail);
  const corners = new Uint32Array(MAX_FACE_CORNERS);
  const normals = new Floats(3 * MAX_VERTICES, fail, 'normal coordinates');
  const uvs = new Floats(2 * MAX_VERTICES, fail, 'texture coordinates');
  // Per triangle corner, fanned like the positions (zeros where a face gives none).
  const cornerNormals = new Floats(9 * MAX_VERTICES, fail, 'corner normals');
  const cornerUvs = new Floats(6 * MAX_VERTICES, fail, 'corner texture coordinates');
  const normalRefs = new Int32Array(MAX_FACE_CORNERS);
  const uvRefs = new Int32Array(MAX_FACE_CORNERS);
  // Faces read so far; per-corner data is only written once a face refers to normals or uvs, and the corners of
  // earlier faces are zeros (padTo), so files without them cost nothing for it.
  let cornerTriangles = 0;
  for (const [raw, line] of textLines(text)) {
    const hash = raw.indexOf('#');
    const words = (hash >= 0 ? raw.slice(0, hash) : raw).trim().split(/\s+/);
    const where = `line ${line}`;
    const keyword = words[0];
    if (keyword === 'v') {
      // Some exporters append r g b after x y z (w is 4 numbers in all): only x y z matter.
      if (words.length < 4) fail(`${where}: "v" needs 3 coordinates`);
      mesh.vertex(Number(words[1]), Number(words[2]), Number(words[3]), where);
    } else if (keyword === 'vn' || keyword === 'vt') {
      const normal = keyword === 'vn';
      const [a, b, c] = [Number(words[1]), words.length > 2 ? Number(words[2]) : normal ? NaN : 0, normal ? Number(words[3]) : undefined];
      if (!Number.isFinite(a) || !Number.isFinite(b) || (normal && !Number.isFinite(c))) fail(`${where}: "${keyword}" needs ${normal ? 3 : '1 or 2'} finite numbers`);
      (normal ? normals : uvs).push(a, b, c);
    } else if (keyword === 'f') {
      const n = words.length - 1;
      if (n > MAX_FACE_CORNERS) fail(`${where}: a face with ${n} corners (at most ${MAX_FACE_CORNERS} accepted)`);
      let attributes = false;
      for (let k = 0; k < n; k++) {
        const fields = words[k + 1].split('/');
        corners[k] = vertexIndex(fields[0], mesh.vertices, where, fail);
        uvRefs[k] = attributeIndex(fields[1], uvs.length / 2, 'texture coordinate', where, fail);
        normalRefs[k] = attributeIndex(fields[2], normals.length / 3, 'normal', where, fail);
        attributes ||= uvRefs[k] >= 0 || normalRefs[k] >= 0;
      }
      mesh.polygon(corners, n, where);
      if (attributes) {
        cornerNormals.padTo(9 * cornerTriangles);
        cornerUvs.padTo(6 * cornerTriangles);
        for (let k = 1; k + 1 < n; k++) {
          for (const c of [0, k, k + 1]) {
            cornerNormals.copy(normals, normalRefs[c] >= 0 ? 3 * normalRefs[c] : -1, 3);
            cornerUvs.copy(uvs, uvRefs[c] >= 0 ? 2 * uvRefs[c] : -1, 2);
          }
        }
      }
      cornerTriangles += Math.max(0, n - 2);
    } else if (keyword !== '' && !STATEMENTS_IGNORED.has(keyword)) {
      fail(`${where}: unknown statement "${keyword.slice(0, 40)}"`);
    }
  }
  const result = mesh.finish();
  if (normals.length === 0 && uvs.length === 0) return result;
  cornerNormals.padTo(9 * cornerTriangles);
  cornerUvs.padTo(6 * cornerTriangles);
  return {
    ...result,
    corners: { normals: normals.length > 0 ? cornerNormals.result() : undefined, uvs: uvs.length > 0 ? cornerUvs.result() : undefined }
  };
}

/** The 0-based index of a corner's `vt` or `vn` field, or −1 when the field is absent or empty. */
function attributeIndex(field: string | undefined, count: number, what: string, where: string, fail: Fail): number {
  if (field === undefined || field === '') return -1;
  if (!/^-?\d+$/.test(field)) fail(`${where}: "${field.slice(0, 40)}" is not a ${what} index`);
  const i = Number(field);
  const index = i > 0 ? i - 1 : count + i;
  if (i === 0 || index < 0 || index >= count) fail(`${where}: ${what} index ${field} is out of range (${count} defined so far)`);
  return index;
}

/** The 0-based position index of one face corner's first field. */
function vertexIndex(field: string, vertexCount: number, where: string, fail: Fail): number {
  if (!/^-?\d+$/.test(field)) fail(`${where}: "${field.slice(0, 40)}" is not a face corner`);
  const i = Number(field);
  // Positive indices count from 1; negative ones from the latest vertex (-1 is the last one read so far).
  const index = i > 0 ? i - 1 : vertexCount + i;
  if (i === 0 || index < 0 || index >= vertexCount) {
    fail(`${where}: vertex index ${field} is out of range (${vertexCount} vertices defined so far)`);
  }
  return index;
}
