// The environment map of a service render: an Hdri environment's `path` names either a bundled library map
// ("studio", "studio.hdr") or an upload as "upload:<id>" (POST /api/environments). Nothing else resolves: the
// service never opens a server path (project decision 16), so the library is loaded without search folders and
// uploads come from object storage by the key their database row holds. A Sky needs no file (the compiler bakes
// it), nor does a scene without an environment.
import { UnrecoverableError } from 'bullmq';
import { decodeEnvironment } from '../../gpu/host/environment/decode.ts';
import { EnvironmentImageError, type EnvironmentImage } from '../../gpu/host/environment/image.ts';
import { environmentSource, unknownEnvironmentMessage } from '../../src/lib/environments/sources.ts';
import type { EnvironmentRepository } from '../../src/lib/server/db/environments.ts';
import type { ObjectStore } from '../../src/lib/server/storage/index.ts';
import type { SceneFile } from '../../src/lib/scene/index.ts';
import { EnvironmentFileError, loadSceneEnvironment } from '../environment-files.ts';
import { isUploadId, mayUseUpload } from './upload-access.ts';

/** The field every failure names, as the API's scene validation does. */
const FIELD = 'environment.path';

export interface EnvironmentSources {
  readonly store: ObjectStore;
  readonly environments: Pick<EnvironmentRepository, 'getEnvironment'>;
  /** The render's owner: only their own uploads resolve. Undefined (previews) skips the check. */
  readonly owner?: string;
}

/**
 * The decoded map of the scene's Hdri environment, or undefined when it has none to load. A path that is neither a
 * library map nor an upload of this owner, or a file that does not decode, fails the job at once
 * (UnrecoverableError naming `environment.path`); a storage outage throws a plain error, so the job is retried.
 */
export async function loadServiceEnvironment(scene: SceneFile, sources: EnvironmentSources): Promise<EnvironmentImage | undefined> {
  const environment = scene.environment;
  if (environment?.kind !== 'Hdri') return undefined;
  const source = environmentSource(environment.path);
  if (!source) throw unrecoverable(unknownEnvironmentMessage(environment.path));
  if (source.kind === 'library') {
    try {
      // Without search folders the loader resolves the library only.
      return await loadSceneEnvironment(scene);
    } catch (error) {
      // A bundled file that will not load will not load on a retry either.
      if (error instanceof EnvironmentFileError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
  const { bytes, name } = await readUpload(source.id, sources);
  try {
    return decodeEnvironment(bytes, name);
  } catch (error) {
    // An upload never changes: it will not decode on a retry either.
    if (error instanceof EnvironmentImageError) throw unrecoverable(`uploaded environment map ${source.id}: ${error.message}`);
    throw error;
  }
}

async function readUpload(id: string, { store, environments, owner }: EnvironmentSources): Promise<{ bytes: Uint8Array; name: string }> {
  const notFound = () => unrecoverable(`uploaded environment map ${JSON.stringify(id)} not found`);
  if (!isUploadId(id)) throw notFound();
  const record = await environments.getEnvironment(id);
  if (!record || !mayUseUpload(record.owner, owner)) throw notFound();
  const bytes = await store.get(record.storageKey);
  if (!bytes) throw notFound();
  return { bytes, name: record.name };
}

function unrecoverable(message: string): UnrecoverableError {
  return new UnrecoverableError(`${FIELD}: ${message}`);
}
