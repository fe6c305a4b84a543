// One entry point for mesh files: picks STL, PLY or OBJ from the content where it is unambiguous (the PLY magic,
// a binary STL whose size matches its count), else from the file name's extension, else from the text. glTF
// (GLB magic, or a .gltf/.glb name) loads asynchronously through loadMesh: its images need a decoder.
import { MeshParseError } from './builder.ts';
import type { TriangleMesh } from './mesh.ts';
import { parseObj } from './obj.ts';
import { isPly, parsePly } from './ply.ts';
import { isBinaryStl, parseStl, startsWithSolid } from './stl.ts';
import { isGlb, loadGltf, type GltfLoadOptions } from './gltf.ts';

export { MeshParseError } from './builder.ts';

/** Largest mesh file accepted, in bytes (a binary STL at the triangle limit is 250 MB). */
export const MAX_MESH_FILE_BYTES = 512 * 1024 * 1024;

export type MeshFormat = 'stl' | 'ply' | 'obj';

export function detectMeshFormat(bytes: Uint8Array, fileName: string): MeshFormat | undefined {
  if (isPly(bytes)) return 'ply';
  if (isBinaryStl(bytes)) return 'stl';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'stl' || ext === 'ply' || ext === 'obj') return ext;
  if (startsWithSolid(bytes)) return 'stl';
  if (/^\s*(#[^\n]*\n\s*)*(v|o|g|mtllib)\s/.test(new TextDecoder().decode(bytes.subarray(0, 4096)))) return 'obj';
  return undefined;
}

/** Parses a mesh file; every problem is a MeshParseError naming the file. */
export function parseMesh(bytes: Uint8Array, fileName: string): TriangleMesh {
  if (bytes.length > MAX_MESH_FILE_BYTES) {
    throw new MeshParseError(`${fileName}: ${bytes.length} bytes is more than the ${MAX_MESH_FILE_BYTES / 2 ** 20} MiB mesh file limit`);
  }
  if (bytes.length === 0) throw new MeshParseError(`${fileName}: the file is empty`);
  const format = detectMeshFormat(bytes, fileName);
  if (!format) throw new MeshParseError(`${fileName}: not a mesh file this renderer reads (STL, PLY or OBJ)`);
  try {
    return PARSERS[format](bytes, fileName);
  } catch (error) {
    if (error instanceof MeshParseError) throw error;
    // Parsers check sizes before reading; anything else is still reported as this file's problem.
    throw new MeshParseError(`${fileName}: ${format.toUpperCase()}: cannot be read (${(error as Error).message})`);
  }
}

const PARSERS: Record<MeshFormat, (bytes: Uint8Array, fileName: string) => TriangleMesh> = {
  stl: parseStl,
  ply: parsePly,
  obj: parseObj
};

/** A glTF file: the GLB magic, or a .gltf/.glb name. */
export function isGltfFile(bytes: Uint8Array, fileName: string): boolean {
  return isGlb(bytes) || /\.(gltf|glb)$/i.test(fileName);
}

/** Loads any mesh file this renderer reads (glTF included); every problem is a MeshParseError naming the file. */
export async function loadMesh(bytes: Uint8Array, fileName: string, options: GltfLoadOptions): Promise<TriangleMesh> {
  if (!isGltfFile(bytes, fileName)) return parseMesh(bytes, fileName);
  if (bytes.length > MAX_MESH_FILE_BYTES) {
    throw new MeshParseError(`${fileName}: ${bytes.length} bytes is more than the ${MAX_MESH_FILE_BYTES / 2 ** 20} MiB mesh file limit`);
  }
  return loadGltf(bytes, fileName, options);
}
