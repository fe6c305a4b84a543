// What a render leaves in storage once a job of it ends: the same rule as the storage reconciler's
// (renderOrphanReason in src/lib/server/storage/reconcile.ts), applied at once to this render's folder. A done
// render keeps its result's images; a failed, cancelled or deleted one keeps nothing (a retry starts from an empty
// folder); a queued or running one keeps everything. What a cleanup misses (storage down, a worker killed before
// it) the reconciler removes later.
import { renderPrefix } from '../../src/lib/server/storage/index.ts';
import { renderOrphanReason } from '../../src/lib/server/storage/reconcile.ts';
import type { WorkerContext } from './context.ts';

/** Chunk films live with the render's other objects, so deleting the render removes them too. */
export const chunkKeys = (renderId: string, index: number) => ({
  film: `${renderPrefix(renderId)}chunk-${index}.film`,
  checkpoint: `${renderPrefix(renderId)}chunk-${index}.checkpoint`
});

/** Removes what the render no longer needs in its present state (row included: none when deleted); never throws. */
export async function discardLeftovers(ctx: Pick<WorkerContext, 'store' | 'renders' | 'log'>, renderId: string): Promise<void> {
  try {
    const state = (await ctx.renders.storageStates([renderId])).get(renderId);
    for await (const object of ctx.store.list(renderPrefix(renderId))) {
      if (renderOrphanReason(object.key, state) !== null) await ctx.store.delete(object.key);
    }
  } catch (err) {
    ctx.log(`render ${renderId}: files it left stay until the storage reconciler runs: ${(err as Error).message}`);
  }
}
