// Mesh files for the live preview in the browser. A scene object's `path` names a bundled library model
// (fetched from /models/<file>) or an upload ("upload:<id>", fetched from the service); the bytes go through
// the same parsers the worker uses (gpu/host/mesh/load.ts). Each path is fetched and parsed once per page.
// Formats plug in through `parse` (glTF: a parser that may be async and may fetch its own buffers).
import { loadMesh, MeshParseError } from '../../../../gpu/host/mesh/load.ts';
import { decodeImageBrowser } from '../../../../gpu/host/texture/browser-decoder.ts';
import type { SceneMeshes, TriangleMesh } from '../../../../gpu/host/mesh/mesh.ts';
import { libraryModelUrl } from '$lib/meshes/library';
import { meshSource, sceneMeshPaths, unknownMeshMessage } from '$lib/meshes/sources';
import type { SceneFile } from '$lib/scene';

/** A mesh the preview cannot load; the message names the object's `path` field. */
export class PreviewMeshError extends Error {
  constructor(
    readonly objectPath: string,
    message: string
  ) {
    super(`${objectPath}: ${message}`);
    this.name = 'PreviewMeshError';
  }
}

export type MeshParser = (bytes: Uint8Array, name: string) => TriangleMesh | Promise<TriangleMesh>;

export interface MeshResolverOptions {
  readonly fetch?: typeof fetch;
  readonly parse?: MeshParser;
  /** URL of an upload's bytes. */
  readonly uploadUrl?: (id: string) => string;
}

/** The URL a mesh `path` loads from in the browser, or undefined when it names nothing the service serves. */
export function meshUrl(path: string, uploadUrl: (id: string) => string): string | undefined {
  const source = meshSource(path);
  if (!source) return undefined;
  return source.kind === 'upload' ? uploadUrl(encodeURIComponent(source.id)) : libraryModelUrl(source.model);
}

export class BrowserMeshResolver {
  private readonly cache = new Map<string, Promise<TriangleMesh>>();
  private readonly fetcher: typeof fetch;
  private readonly parse: MeshParser;
  private readonly uploadUrl: (id: string) => string;

  constructor(options: MeshResolverOptions = {}) {
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    // glTF uploads and library models are self-contained, so no resolver: nothing else is fetched for them.
    this.parse = options.parse ?? ((bytes, name) => loadMesh(bytes, name, { decodeImage: decodeImageBrowser }));
    this.uploadUrl = options.uploadUrl ?? ((id) => `/api/meshes/${id}/file`);
  }

  /** Loads every mesh the scene names; a path that cannot be loaded is a PreviewMeshError naming its field. */
  async resolve(scene: SceneFile): Promise<SceneMeshes> {
    const entries = [...sceneMeshPaths(scene)].map(async ([path, objectPath]) => [path, await this.load(path, objectPath)] as const);
    return new Map(await Promise.all(entries));
  }

  private load(path: string, objectPath: string): Promise<TriangleMesh> {
    let pending = this.cache.get(path);
    if (!pending) {
      pending = this.fetchAndParse(path, objectPath);
      this.cache.set(path, pending);
      // A failure is not cached: the next edit (or Retry) tries again.
      pending.catch(() => this.cache.delete(path));
    }
    return pending;
  }

  private async fetchAndParse(path: string, objectPath: string): Promise<TriangleMesh> {
    const url = meshUrl(path, this.uploadUrl);
    if (!url) throw new PreviewMeshError(objectPath, unknownMeshMessage(path));
    let response: Response;
    try {
      response = await this.fetcher(url);
    } catch (error) {
      throw new PreviewMeshError(objectPath, `mesh ${JSON.stringify(path)} could not be fetched (${(error as Error).message})`);
    }
    if (!response.ok) throw new PreviewMeshError(objectPath, `mesh ${JSON.stringify(path)}: ${url} answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // An upload's own file name (Content-Disposition) tells formats like .gltf apart, as in the worker.
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? path;
    try {
      return await this.parse(bytes, name);
    } catch (error) {
      if (error instanceof MeshParseError) throw new PreviewMeshError(objectPath, error.message);
      throw error;
    }
  }
}
