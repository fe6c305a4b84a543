// The bundled model library: the only mesh files the service reads besides uploads (project decision 16). Scenes
// name a model by its library name or by the path the reference renderer's example scenes use for the same file.
// Browser and server share this table; the files live in static/models/ (served at /models/<file>).

export interface LibraryModel {
  /** Library name, as written in a scene's `path`. */
  readonly name: string;
  /** File name under static/models/. */
  readonly file: string;
  readonly triangles: number;
  readonly credit: string;
}

export const MODEL_LIBRARY: readonly LibraryModel[] = [
  { name: 'teapot', file: 'teapot.stl', triangles: 9_438, credit: 'Utah teapot (Martin Newell, 1975), CC0' },
  { name: 'prism', file: 'prism.stl', triangles: 8, credit: 'Triangular prism, public domain' },
  {
    name: 'gltf-sample',
    file: 'gltf-sample.glb',
    triangles: 16,
    credit: 'Textured glTF sample made by scripts/make-gltf-sample.ts for this project, CC0'
  }
];

/** The reference renderer's mesh paths (scenes/*.json of clovers) that the library holds. */
const REFERENCE_PATHS: Readonly<Record<string, string>> = {
  'stl/teapot.stl': 'teapot',
  'teapot.stl': 'teapot',
  'stl/prism.stl': 'prism',
  'prism.stl': 'prism'
};

/** The library model a scene `path` names (library name, file name or reference path), if any. */
export function libraryModel(path: string): LibraryModel | undefined {
  const key = path.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const name = REFERENCE_PATHS[key] ?? key;
  return MODEL_LIBRARY.find((m) => m.name === name || m.file === name);
}

/** URL of a library model's file in the web app. */
export function libraryModelUrl(model: LibraryModel): string {
  return `/models/${model.file}`;
}
