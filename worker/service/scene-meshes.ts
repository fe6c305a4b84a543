// The meshes of a service render: an STL/PLY/GLTF object's `path` names either a bundled library model ("teapot",
// "stl/teapot.stl") or an upload as "upload:<mesh id>" (POST /api/meshes). Nothing else resolves: the service
// never opens a server path (project decision 16), so the library is loaded without search folders and uploads
// come from object storage by the key their database row holds. The uploads of one scene share one texture budget
// (MAX_TEXTURE_TEXELS), charged from image headers before anything is decoded.
import { UnrecoverableError } from 'bullmq';
import { loadMesh, MeshParseError } from '../../gpu/host/mesh/load.ts';
import type { SceneMeshes, TriangleMesh } from '../../gpu/host/mesh/mesh.ts';
import { TexelBudget } from '../../gpu/host/texture/image.ts';
import { isMeshObject, meshSource, sceneMeshPaths, unknownMeshMessage } from '../../src/lib/meshes/sources.ts';
import type { MeshRepository } from '../../src/lib/server/db/meshes.ts';
import type { ObjectStore } from '../../src/lib/server/storage/index.ts';
import { forEachObject, type SceneFile, type SceneObject } from '../../src/lib/scene/index.ts';
import { decodeImageNode } from '../image-decoder.ts';
import { loadSceneMeshes, MeshFileError } from '../mesh-files.ts';
import { isUploadId, mayUseUpload } from './upload-access.ts';

export interface MeshSources {
  readonly store: ObjectStore;
  readonly meshes: MeshRepository;
  /** The render's owner: only their own uploads resolve. Undefined (previews) skips the check. */
  readonly owner?: string;
}

/**
 * Loads every mesh the scene's STL/PLY/GLTF objects name. A path that is neither a library model nor an upload of
 * this owner, or a file that does not parse or is over the texture budget, fails the job at once
 * (UnrecoverableError naming the object path); a storage outage throws a plain error, so the job is retried.
 */
export async function loadServiceMeshes(scene: SceneFile, sources: MeshSources): Promise<SceneMeshes> {
  const meshes = new Map<string, TriangleMesh>();
  const libraryPaths = new Set<string>();
  const budget = new TexelBudget();
  for (const [path, objectPath] of sceneMeshPaths(scene)) {
    const source = meshSource(path);
    if (source?.kind === 'upload') meshes.set(path, await loadUpload(source.id, objectPath, sources, budget));
    else if (source?.kind === 'library') libraryPaths.add(path);
    else throw unrecoverable(objectPath, unknownMeshMessage(path));
  }
  if (libraryPaths.size > 0) {
    // Only library objects go to the loader: without search folders it resolves nothing else.
    const objects: SceneObject[] = [];
    forEachObject(scene.objects, (object) => {
      if (isMeshObject(object) && libraryPaths.has(object.path)) objects.push(object);
    });
    try {
      for (const [path, mesh] of await loadSceneMeshes({ ...scene, objects })) meshes.set(path, mesh);
    } catch (error) {
      // A bundled file that will not load will not load on a retry either.
      if (error instanceof MeshFileError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
  return meshes;
}

async function loadUpload(id: string, objectPath: string, { store, meshes, owner }: MeshSources, texelBudget: TexelBudget): Promise<TriangleMesh> {
  const notFound = () => unrecoverable(objectPath, `uploaded mesh ${JSON.stringify(id)} not found`);
  if (!isUploadId(id)) throw notFound();
  const record = await meshes.getMesh(id);
  if (!record || !mayUseUpload(record.owner, owner)) throw notFound();
  const bytes = await store.get(record.storageKey);
  if (!bytes) throw notFound();
  try {
    // Uploads are self-contained (GLB, or .gltf with data URIs): no resolver, so nothing else is ever opened.
    return await loadMesh(bytes, record.name, { decodeImage: decodeImageNode, texelBudget });
  } catch (error) {
    if (error instanceof MeshParseError) throw unrecoverable(objectPath, `uploaded mesh ${id}: ${error.message}`);
    throw error;
  }
}

function unrecoverable(objectPath: string, message: string): UnrecoverableError {
  return new UnrecoverableError(new MeshFileError(objectPath, message).message);
}

