// STL reader, binary and ASCII. Binary: an 80-byte header, a little-endian u32 triangle count, then 50 bytes per
// triangle (normal, three vertices as f32, a u16 attribute). Binary files whose header starts with "solid" exist,
// so the format is decided by size first. Stored normals are ignored: the winding gives the normal.
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import { bytesToText, failer, type Fail, MeshBuilder, textLines } from './builder.ts';
import type { TriangleMesh } from './mesh.ts';

const HEADER = 80;
const RECORD = 50;

/** True when the size matches a binary STL's own triangle count exactly. */
export function isBinaryStl(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER + 4) return false;
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(HEADER, true);
  return bytes.length === HEADER + 4 + count * RECORD;
}

/** True when the file starts (after blanks) with the ASCII keyword "solid". */
export function startsWithSolid(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && i < 256 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes.length - i >= 5 && String.fromCharCode(...bytes.subarray(i, i + 5)).toLowerCase() === 'solid';
}

export function parseStl(bytes: Uint8Array, fileName: string): TriangleMesh {
  if (isBinaryStl(bytes)) return parseBinaryStl(bytes, fileName);
  // A binary file with a "solid" header and a wrong size is still binary: its header or data hold NUL bytes.
  if (startsWithSolid(bytes) && !bytes.subarray(0, 1024).includes(0)) return parseAsciiStl(bytes, fileName);
  return parseBinaryStl(bytes, fileName);
}

export function parseBinaryStl(bytes: Uint8Array, fileName: string): TriangleMesh {
  const fail: Fail = failer(fileName, 'binary STL');
  if (bytes.length < HEADER + 4) fail(`${bytes.length} bytes is shorter than the 84-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(HEADER, true);
  if (count === 0) fail('the mesh has no triangles');
  if (count > MAX_TRIANGLES) fail(`the header claims ${count.toLocaleString('en')} triangles, more than the limit of ${MAX_TRIANGLES.toLocaleString('en')}`);
  const needed = HEADER + 4 + count * RECORD;
  if (bytes.length < needed) {
    fail(`the header claims ${count.toLocaleString('en')} triangles (${needed} bytes) but the file has ${bytes.length} bytes (truncated?)`);
  }
  const positions = new Float32Array(9 * count);
  const indices = new Uint32Array(3 * count);
  for (let t = 0; t < count; t++) {
    const base = HEADER + 4 + t * RECORD + 12;
    for (let k = 0; k < 9; k++) {
      const x = view.getFloat32(base + 4 * k, true);
      if (!Number.isFinite(x)) fail(`triangle ${t} has a vertex coordinate that is not finite (${x})`);
      positions[9 * t + k] = x;
    }
    indices[3 * t] = 3 * t;
    indices[3 * t + 1] = 3 * t + 1;
    indices[3 * t + 2] = 3 * t + 2;
  }
  return { positions, indices };
}

/** `solid name / facet normal … / outer loop / vertex x y z (×3 or more) / endloop / endfacet / … / endsolid`. */
export function parseAsciiStl(bytes: Uint8Array, fileName: string): TriangleMesh {
  const fail: Fail = failer(fileName, 'ASCII STL');
  const text = bytesToText(bytes);
  const mesh = new MeshBuilder(fail);
  const corners: number[] = [];
  let inFacet = false;
  let solids = 0;
  for (const [raw, line] of textLines(text)) {
    const words = raw.trim().split(/\s+/);
    const where = `line ${line}`;
    switch (words[0].toLowerCase()) {
      case '':
        break;
      case 'solid':
        solids++;
        break;
      case 'facet':
        if (inFacet) fail(`${where}: "facet" before the previous facet's "endfacet"`);
        inFacet = true;
        corners.length = 0;
        break;
      case 'vertex': {
        if (!inFacet) fail(`${where}: "vertex" outside a facet`);
        if (words.length !== 4) fail(`${where}: "vertex" needs 3 coordinates`);
        const [x, y, z] = words.slice(1).map(Number);
        if (corners.length >= 1024) fail(`${where}: a facet with more than 1024 vertices`);
        corners.push(mesh.vertex(x, y, z, where));
        break;
      }
      case 'endfacet':
        if (!inFacet) fail(`${where}: "endfacet" without "facet"`);
        mesh.polygon(corners, corners.length, where);
        inFacet = false;
        break;
      case 'outer':
      case 'endloop':
      case 'endsolid':
        break;
      default:
        fail(`${where}: unexpected "${words[0].slice(0, 40)}"`);
    }
  }
  if (solids === 0) fail('no "solid" line');
  if (inFacet) fail('the file ends inside a facet (truncated?)');
  return mesh.finish();
}
