// Storage reconciliation: removes objects that no database row accounts for, whatever path left them (a worker
// killed between an upload and its bookkeeping, a delete racing a job, storage down during a cleanup). Under
// renders/<id>/ a queued or running render keeps everything, a done one its result's images only, and a failed
// or cancelled one nothing (a retry starts from an empty folder); a render with no row keeps nothing. meshes/<id>
// lives as long as its mesh row, environments/<id> as long as its environment map row. Objects younger than the
// grace period are never touched: their row may not be written yet (an upload stores the bytes first), or their
// render may have just been retried.
import type { EnvironmentRepository } from '../db/environments.ts';
import type { MeshRepository } from '../db/meshes.ts';
import type { RenderRepository, RenderStorageState } from '../db/renders.ts';
import type { ObjectStore, StoredObject } from './object-store.ts';

export interface ReconcileDeps {
  readonly store: ObjectStore;
  readonly renders: Pick<RenderRepository, 'storageStates'>;
  readonly meshes: Pick<MeshRepository, 'getMesh'>;
  readonly environments: Pick<EnvironmentRepository, 'getEnvironment'>;
}

export interface ReconcileOptions {
  /** Objects last written less than this long ago are left alone. */
  readonly graceMs: number;
  /** Reports what it would remove, removes nothing. */
  readonly dryRun?: boolean;
  /** The clock (tests age objects with it). */
  readonly now?: () => number;
  /** Called for each orphan, once removed (or found, on a dry run). */
  readonly onOrphan?: (orphan: Orphan) => void;
}

export interface Orphan {
  readonly key: string;
  readonly size: number;
  readonly reason: string;
}

export interface ReconcileReport {
  /** Objects listed (the whole store). */
  readonly scanned: number;
  /** Removed, or on a dry run to be removed. */
  readonly orphans: Orphan[];
  readonly failures: { readonly key: string; readonly error: string }[];
}

/** Objects classified per batch: one database query per batch of render ids. */
const BATCH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RENDER_OBJECT = /^renders\/([^/]+)\/./;
const MESH_OBJECT = /^meshes\/([^/]+)$/;
const ENVIRONMENT_OBJECT = /^environments\/([^/]+)$/;

/** Why a render's object is garbage, or null while something needs it (the workers' cleanup applies it too). */
export function renderOrphanReason(key: string, state: RenderStorageState | undefined): string | null {
  if (!state) return 'render deleted';
  switch (state.status) {
    case 'queued':
    case 'running':
      return null;
    case 'done':
      return state.resultKeys.includes(key) ? null : 'render done; not part of its result';
    default:
      return `render ${state.status}`;
  }
}

export async function reconcileStorage(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? Date.now;
  let scanned = 0;
  const orphansFound: Orphan[] = [];
  const failures: { key: string; error: string }[] = [];
  let batch: StoredObject[] = [];
  const flush = async () => {
    const objects = batch;
    batch = [];
    let orphans = await classify(deps, objects);
    // Classified again right before removal: a render may have been retried since the batch was listed.
    if (!options.dryRun) orphans = await classify(deps, orphans);
    for (const orphan of orphans) {
      if (!options.dryRun) {
        try {
          await deps.store.delete(orphan.key);
        } catch (err) {
          failures.push({ key: orphan.key, error: (err as Error).message });
          continue;
        }
      }
      orphansFound.push(orphan);
      options.onOrphan?.(orphan);
    }
  };
  for await (const object of deps.store.list('')) {
    scanned++;
    if (now() - object.lastModified.getTime() < options.graceMs) continue;
    batch.push(object);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { scanned, orphans: orphansFound, failures };
}

async function classify(deps: ReconcileDeps, objects: readonly Pick<StoredObject, 'key' | 'size'>[]): Promise<Orphan[]> {
  const renderIds = new Set<string>();
  for (const { key } of objects) {
    const id = RENDER_OBJECT.exec(key)?.[1];
    if (id && UUID.test(id)) renderIds.add(id);
  }
  const states = await deps.renders.storageStates([...renderIds]);
  const orphans: Orphan[] = [];
  for (const { key, size } of objects) {
    const reason = await orphanReason(deps, key, states);
    if (reason) orphans.push({ key, size, reason });
  }
  return orphans;
}

/** Objects outside renders/, meshes/ and environments/ are not the service's: left alone. */
async function orphanReason(deps: ReconcileDeps, key: string, states: ReadonlyMap<string, RenderStorageState>): Promise<string | null> {
  const renderId = RENDER_OBJECT.exec(key)?.[1];
  if (renderId !== undefined) return renderOrphanReason(key, UUID.test(renderId) ? states.get(renderId) : undefined);
  const meshId = MESH_OBJECT.exec(key)?.[1];
  if (meshId !== undefined) return UUID.test(meshId) && (await deps.meshes.getMesh(meshId)) ? null : 'mesh deleted';
  const environmentId = ENVIRONMENT_OBJECT.exec(key)?.[1];
  if (environmentId !== undefined) {
    return UUID.test(environmentId) && (await deps.environments.getEnvironment(environmentId)) ? null : 'environment map deleted';
  }
  return null;
}
