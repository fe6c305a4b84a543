// The environment map of the live preview in the browser. An Hdri environment's `path` names a bundled library
// map (fetched from /environments/<file>) or an upload ("upload:<id>", fetched from the service); the bytes go
// through the decoder the worker uses (gpu/host/environment/decode.ts). The maps of the last few paths stay
// decoded, so edits of the rotation or intensity (or switching back and forth between two maps) recompile the
// scene without fetching again; older ones are dropped, as a 4k map takes ~100 MB decoded.
import { decodeEnvironment } from '../../../../gpu/host/environment/decode.ts';
import { EnvironmentImageError, type EnvironmentImage } from '../../../../gpu/host/environment/image.ts';
import { libraryEnvironmentUrl } from '$lib/environments/library';
import { environmentSource, unknownEnvironmentMessage } from '$lib/environments/sources';
import type { SceneFile } from '$lib/scene';

const FIELD = 'environment.path';

/** Decoded maps kept, most recently used last. */
const MAPS_KEPT = 2;

/** An environment map the preview cannot load; the message names `environment.path`. */
export class PreviewEnvironmentError extends Error {
  constructor(message: string) {
    super(`${FIELD}: ${message}`);
    this.name = 'PreviewEnvironmentError';
  }
}

export interface EnvironmentResolverOptions {
  readonly fetch?: typeof fetch;
  /** URL of an upload's bytes. */
  readonly uploadUrl?: (id: string) => string;
}

/** The URL an environment `path` loads from in the browser, or undefined when it names nothing the service serves. */
export function environmentUrl(path: string, uploadUrl: (id: string) => string): string | undefined {
  const source = environmentSource(path);
  if (!source) return undefined;
  return source.kind === 'upload' ? uploadUrl(encodeURIComponent(source.id)) : libraryEnvironmentUrl(source.environment);
}

export class BrowserEnvironmentResolver {
  private readonly cache = new Map<string, Promise<EnvironmentImage>>();
  private readonly fetcher: typeof fetch;
  private readonly uploadUrl: (id: string) => string;

  constructor(options: EnvironmentResolverOptions = {}) {
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.uploadUrl = options.uploadUrl ?? ((id) => `/api/environments/${id}/file`);
  }

  /** The decoded map of the scene's Hdri environment; undefined for a Sky or no environment. */
  async resolve(scene: SceneFile): Promise<EnvironmentImage | undefined> {
    const environment = scene.environment;
    if (environment?.kind !== 'Hdri') return undefined;
    const path = environment.path;
    const pending = this.cache.get(path) ?? this.fetchAndDecode(path);
    if (!this.cache.has(path)) {
      // A failure is not cached: the next edit (or Retry) tries again.
      pending.catch(() => {
        if (this.cache.get(path) === pending) this.cache.delete(path);
      });
    }
    // Most recently used last; the oldest beyond MAPS_KEPT go.
    this.cache.delete(path);
    this.cache.set(path, pending);
    for (const key of this.cache.keys()) if (this.cache.size > MAPS_KEPT) this.cache.delete(key);
    return pending;
  }

  private async fetchAndDecode(path: string): Promise<EnvironmentImage> {
    const url = environmentUrl(path, this.uploadUrl);
    if (!url) throw new PreviewEnvironmentError(unknownEnvironmentMessage(path));
    let response: Response;
    try {
      response = await this.fetcher(url);
    } catch (error) {
      throw new PreviewEnvironmentError(`environment ${JSON.stringify(path)} could not be fetched (${(error as Error).message})`);
    }
    if (!response.ok) throw new PreviewEnvironmentError(`environment ${JSON.stringify(path)}: ${url} answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    try {
      return decodeEnvironment(bytes, path);
    } catch (error) {
      if (error instanceof EnvironmentImageError) throw new PreviewEnvironmentError(error.message);
      throw error;
    }
  }
}
