// Wavefront OBJ reader, geometry only: `v x y z [w]` positions and `f` faces whose corners are written `v`,
// `v/vt`, `v/vt/vn` or `v//vn`, with 1-based or negative (relative) indices; polygons are fan-triangulated.
// Normals, texture coordinates, groups and materials are read past (flat shading needs none of them).
import { bytesToText, failer, type Fail, MeshBuilder, textLines } from './builder.ts';
import type { TriangleMesh } from './mesh.ts';

const MAX_FACE_CORNERS = 1024;
const STATEMENTS_IGNORED = new Set(['vt', 'vn', 'vp', 'o', 'g', 's', 'usemtl', 'mtllib', 'l', 'p', 'cstype', 'deg', 'curv', 'surf']);

export function parseObj(bytes: Uint8Array, fileName: string): TriangleMesh {
  const fail: Fail = failer(fileName, 'OBJ');
  const text = bytesToText(bytes);
  const mesh = new MeshBuilder(fail);
  const corners = new Uint32Array(MAX_FACE_CORNERS);
  for (const [raw, line] of textLines(text)) {
    const hash = raw.indexOf('#');
    const words = (hash >= 0 ? raw.slice(0, hash) : raw).trim().split(/\s+/);
    const where = `line ${line}`;
    const keyword = words[0];
    if (keyword === 'v') {
      // Some exporters append r g b after x y z (w is 4 numbers in all): only x y z matter.
      if (words.length < 4) fail(`${where}: "v" needs 3 coordinates`);
      const [x, y, z] = words.slice(1, 4).map(Number);
      mesh.vertex(x, y, z, where);
    } else if (keyword === 'f') {
      const n = words.length - 1;
      if (n > MAX_FACE_CORNERS) fail(`${where}: a face with ${n} corners (at most ${MAX_FACE_CORNERS} accepted)`);
      for (let k = 0; k < n; k++) corners[k] = vertexIndex(words[k + 1], mesh.vertices, where, fail);
      mesh.polygon(corners, n, where);
    } else if (keyword !== '' && !STATEMENTS_IGNORED.has(keyword)) {
      fail(`${where}: unknown statement "${keyword.slice(0, 40)}"`);
    }
  }
  return mesh.finish();
}

/** The 0-based position index of one face corner (`v`, `v/vt`, `v/vt/vn`, `v//vn`). */
function vertexIndex(corner: string, vertexCount: number, where: string, fail: Fail): number {
  const slash = corner.indexOf('/');
  const field = slash >= 0 ? corner.slice(0, slash) : corner;
  if (!/^-?\d+$/.test(field)) fail(`${where}: "${corner.slice(0, 40)}" is not a face corner`);
  const i = Number(field);
  // Positive indices count from 1; negative ones from the latest vertex (-1 is the last one read so far).
  const index = i > 0 ? i - 1 : vertexCount + i;
  if (i === 0 || index < 0 || index >= vertexCount) {
    fail(`${where}: vertex index ${field} is out of range (${vertexCount} vertices defined so far)`);
  }
  return index;
}
