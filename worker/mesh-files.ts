// Loads the mesh files a scene's STL/PLY/GLTF objects name, in Node. A `path` resolves first to the bundled model
// library (by name or the reference renderer's path); only when the caller passes search folders (the CLI, on
// the user's own machine) is it then tried as a file path against those folders in order. The service passes
// none, so a scene can never make it open a server path (project decision 16). A .gltf file's external buffers
// and images resolve against the .gltf file's own folder; images decode with sharp.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMesh, MAX_MESH_FILE_BYTES, MeshParseError } from '../gpu/host/mesh/load.ts';
import { decodeImageNode } from './image-decoder.ts';
import type { SceneMeshes, TriangleMesh } from '../gpu/host/mesh/mesh.ts';
import { libraryModel } from '../src/lib/meshes/library.ts';
import { sceneMeshPaths } from '../src/lib/meshes/sources.ts';
import type { SceneFile } from '../src/lib/scene/index.ts';

const LIBRARY_DIR = fileURLToPath(new URL('../static/models/', import.meta.url));

/** A mesh that cannot be found or read; the message names the object's `path` field. */
export class MeshFileError extends Error {
  constructor(
    readonly objectPath: string,
    message: string
  ) {
    super(`${objectPath}: ${message}`);
    this.name = 'MeshFileError';
  }
}

export interface MeshFileOptions {
  /** Folders to resolve a non-library `path` against, in order (CLI: the current directory, then the scene's). */
  readonly searchDirs?: readonly string[];
}

/** Loads and parses each mesh once; missing, unreadable or invalid files are MeshFileErrors. */
export async function loadSceneMeshes(scene: SceneFile, options: MeshFileOptions = {}): Promise<SceneMeshes> {
  const meshes = new Map<string, TriangleMesh>();
  for (const [path, objectPath] of sceneMeshPaths(scene)) {
    const file = await resolveMeshFile(path, objectPath, options.searchDirs ?? []);
    try {
      const bytes = await readMeshFile(file, objectPath);
      // External glTF resources sit next to the .gltf file.
      const resolveResource = (uri: string) => readMeshFile(resolve(dirname(file), uri), objectPath);
      meshes.set(path, await loadMesh(bytes, path, { decodeImage: decodeImageNode, resolve: resolveResource }));
    } catch (error) {
      if (error instanceof MeshParseError) throw new MeshFileError(objectPath, error.message);
      throw error;
    }
  }
  return meshes;
}

async function resolveMeshFile(path: string, objectPath: string, searchDirs: readonly string[]): Promise<string> {
  const model = libraryModel(path);
  if (model) return resolve(LIBRARY_DIR, model.file);
  const candidates = isAbsolute(path) ? (searchDirs.length > 0 ? [path] : []) : searchDirs.map((dir) => resolve(dir, path));
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  const where = searchDirs.length > 0 ? `not a bundled model, and no such file in ${searchDirs.join(' or ')}` : 'not a bundled model (meshes come from the model library or uploads)';
  throw new MeshFileError(objectPath, `mesh ${JSON.stringify(path)} not found: ${where}`);
}

async function readMeshFile(file: string, objectPath: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (info.size > MAX_MESH_FILE_BYTES) {
      throw new MeshFileError(objectPath, `${file} is ${info.size} bytes, more than the ${MAX_MESH_FILE_BYTES / 2 ** 20} MiB mesh file limit`);
    }
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof MeshFileError) throw error;
    throw new MeshFileError(objectPath, `cannot read ${file}: ${(error as Error).message}`);
  }
}
