// Where a scene's meshes come from, as the browser preview and the render workers both read it: every STL/PLY/GLTF
// object's `path` names a bundled library model or an upload (`upload:<mesh id>`). The CLI alone may also
// resolve file paths, on the user's own machine.
import { forEachObject, formatPath, type SceneFile } from '../scene/index.ts';
import { libraryModel, MODEL_LIBRARY, type LibraryModel } from './library.ts';

/** A scene object's `path` that names an uploaded mesh: `upload:` then the id POST /api/meshes returned. */
export const UPLOAD_PREFIX = 'upload:';

export type MeshSource = { readonly kind: 'upload'; readonly id: string } | { readonly kind: 'library'; readonly model: LibraryModel };

export function isMeshObject(object: { kind: string }): object is { kind: 'STL' | 'PLY' | 'GLTF'; path: string } {
  return object.kind === 'STL' || object.kind === 'PLY' || object.kind === 'GLTF';
}

/** Every STL/PLY/GLTF `path` in the scene with the issue path of the first object field naming it. */
export function sceneMeshPaths(scene: SceneFile): Map<string, string> {
  const paths = new Map<string, string>();
  forEachObject(scene.objects, (object, at) => {
    if (isMeshObject(object) && !paths.has(object.path)) paths.set(object.path, formatPath([...at, 'path']));
  });
  return paths;
}

/** What a mesh `path` names in the service (browser or worker), or undefined when it names nothing there. */
export function meshSource(path: string): MeshSource | undefined {
  if (path.startsWith(UPLOAD_PREFIX)) return { kind: 'upload', id: path.slice(UPLOAD_PREFIX.length).trim() };
  const model = libraryModel(path);
  return model ? { kind: 'library', model } : undefined;
}

/** The message for a `path` that is neither a bundled model nor an upload. */
export function unknownMeshMessage(path: string): string {
  const names = MODEL_LIBRARY.map((m) => m.name).join(', ');
  return `mesh ${JSON.stringify(path)} is neither a bundled model (${names}) nor an upload ("${UPLOAD_PREFIX}<mesh id>")`;
}
