// Storage of the service: the ObjectStore of this process (S3 when S3_ENDPOINT is set, else DATA_DIR/objects),
// object keys and thumbnails.
import { join } from 'node:path';
import { config } from '../config.ts';
import { DiskObjectStore, S3ObjectStore, type ObjectStore } from './object-store.ts';

export { DiskObjectStore, S3ObjectStore, type ObjectStore, type StoredObject } from './object-store.ts';
export { CONTENT_TYPES, environmentKey, meshKey, renderKeys, renderPrefix } from './keys.ts';
export { makeThumbnail, THUMBNAIL_SIZE } from './thumbnail.ts';

const KEY = Symbol.for('clovers.objectStore');
type Holder = { [KEY]?: ObjectStore };

export function createObjectStore(): ObjectStore {
  const c = config();
  return c.s3 ? new S3ObjectStore(c.s3) : new DiskObjectStore(join(c.dataDir, 'objects'));
}

/** The process object store (one per process, shared by the web server and an in-process worker). */
export function getObjectStore(): ObjectStore {
  const holder = globalThis as Holder;
  holder[KEY] ??= createObjectStore();
  return holder[KEY];
}

/** Tests switch configuration between suites. */
export function resetObjectStoreForTests(): void {
  delete (globalThis as Holder)[KEY];
}
