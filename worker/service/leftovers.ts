// What a render leaves in storage once it has ended. A done render keeps its result's images; the chunk films and
// checkpoints that served the rendering go. A failed or cancelled render keeps nothing (a retry starts from an
// empty folder), nor does a deleted one. Whatever a cleanup misses (storage down, a worker killed before it)
// the storage reconciler (src/lib/server/storage/reconcile.ts) removes later.
import type { RenderStatus } from '../../src/lib/server/db/schema.ts';
import { renderKeys, renderPrefix } from '../../src/lib/server/storage/index.ts';
import type { WorkerContext } from './context.ts';

export const ENDED_STATUSES: ReadonlySet<RenderStatus> = new Set(['done', 'failed', 'cancelled']);

/** Chunk films live with the render's other objects, so deleting the render removes them too. */
export const chunkKeys = (renderId: string, index: number) => ({
  film: `${renderPrefix(renderId)}chunk-${index}.film`,
  checkpoint: `${renderPrefix(renderId)}chunk-${index}.checkpoint`
});

/** Removes what the render no longer needs in its state (`null`: deleted); never throws. */
export async function discardLeftovers(ctx: Pick<WorkerContext, 'store' | 'log'>, renderId: string, status: RenderStatus | null): Promise<void> {
  if (status !== null && !ENDED_STATUSES.has(status)) return;
  try {
    if (status !== 'done') {
      await ctx.store.deletePrefix(renderPrefix(renderId));
      return;
    }
    // Every chunk's film and checkpoint: `chunk-` is the prefix of both (chunkKeys).
    for await (const object of ctx.store.list(`${renderPrefix(renderId)}chunk-`)) await ctx.store.delete(object.key);
    await ctx.store.delete(renderKeys(renderId).checkpoint);
  } catch (err) {
    ctx.log(`render ${renderId}: files it left stay until the storage reconciler runs: ${(err as Error).message}`);
  }
}
