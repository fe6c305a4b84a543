// Loads the map a scene's Hdri environment names, in Node. The `path` resolves first to the bundled environment
// library (by name or file name); only when the caller passes search folders (the CLI, on the user's own
// machine) is it then tried as a file path against those folders in order. The service passes none, so a scene
// can never make it open a server path (uploads are the service's own business, worker/service).
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEnvironment } from '../gpu/host/environment/decode.ts';
import { EnvironmentImageError, type EnvironmentImage } from '../gpu/host/environment/image.ts';
import { libraryEnvironment } from '../src/lib/environments/library.ts';
import { MAX_ENVIRONMENT_FILE_BYTES } from '../src/lib/limits.ts';
import type { SceneFile } from '../src/lib/scene/index.ts';

const LIBRARY_DIR = fileURLToPath(new URL('../static/environments/', import.meta.url));
const FIELD = 'environment.path';

/** A map that cannot be found, read or decoded; the message starts with `environment.path: `. */
export class EnvironmentFileError extends Error {
  constructor(message: string) {
    super(`${FIELD}: ${message}`);
    this.name = 'EnvironmentFileError';
  }
}

export interface EnvironmentFileOptions {
  /** Folders to resolve a non-library `path` against, in order (CLI: the current directory, then the scene's). */
  readonly searchDirs?: readonly string[];
}

/** The decoded map of the scene's Hdri environment; undefined without one (no environment, or a Sky). */
export async function loadSceneEnvironment(scene: SceneFile, options: EnvironmentFileOptions = {}): Promise<EnvironmentImage | undefined> {
  const environment = scene.environment;
  if (environment?.kind !== 'Hdri') return undefined;
  const file = await resolveEnvironmentFile(environment.path, options.searchDirs ?? []);
  const bytes = await readEnvironmentFile(file);
  try {
    return decodeEnvironment(bytes, environment.path);
  } catch (error) {
    if (error instanceof EnvironmentImageError) throw new EnvironmentFileError(error.message);
    throw error;
  }
}

async function resolveEnvironmentFile(path: string, searchDirs: readonly string[]): Promise<string> {
  const bundled = libraryEnvironment(path);
  if (bundled) return resolve(LIBRARY_DIR, bundled.file);
  const candidates = isAbsolute(path) ? (searchDirs.length > 0 ? [path] : []) : searchDirs.map((dir) => resolve(dir, path));
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  const where =
    searchDirs.length > 0
      ? `not a bundled environment, and no such file in ${searchDirs.join(' or ')}`
      : 'not a bundled environment (maps come from the environment library or uploads)';
  throw new EnvironmentFileError(`environment ${JSON.stringify(path)} not found: ${where}`);
}

async function readEnvironmentFile(file: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (info.size > MAX_ENVIRONMENT_FILE_BYTES) {
      throw new EnvironmentFileError(
        `${file} is ${info.size} bytes, more than the ${MAX_ENVIRONMENT_FILE_BYTES / 2 ** 20} MiB environment file limit`
      );
    }
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof EnvironmentFileError) throw error;
    throw new EnvironmentFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
