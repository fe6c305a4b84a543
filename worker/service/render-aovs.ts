// The AOVs of a render split into sample-range chunks: the chunks render the image only, and the merge job
// renders the AOVs (their own pass on the scene, small beside the image) before it writes the EXR. A render of
// one job gets them from renderRange (RangeSpec.withAov).
import { renderAovs } from '../../gpu/host/render/render.ts';
import type { AovImages } from '../../gpu/host/render/types.ts';
import { compileScene } from '../../gpu/host/scene/compile.ts';
import { toRenderOptions } from '../../src/lib/render-options.ts';
import type { Render } from '../../src/lib/server/db/renders.ts';
import type { JobRef, WorkerContext } from './context.ts';
import { HOST_COMPILE_MS_PER_TRIANGLE, loadRenderScene, permanentRenderError, sceneTriangles } from './render-job.ts';
import { watchdogOf } from './settings.ts';

/** The AOVs the render's options ask for, or undefined when they ask for none. */
export async function mergeAovs(ctx: WorkerContext, job: JobRef, render: Render): Promise<AovImages | undefined> {
  const names = render.options.aov;
  if (!names?.length) return undefined;
  const { scene, meshes, environment } = await loadRenderScene(ctx, render);
  // Compiling the scene blocks the event loop: the lock is extended first, as for a range (render-job.ts).
  await job.extendLock(ctx.settings.lockMs + sceneTriangles(meshes) * HOST_COMPILE_MS_PER_TRIANGLE).catch((err: Error) => {
    ctx.log(`render ${render.id}: lock renewal failed: ${err.message}`);
  });
  try {
    const compiled = compileScene(scene, { meshes, environment });
    return await renderAovs(ctx.gpu, scene, compiled, { ...toRenderOptions(render.options), aov: names, watchdog: watchdogOf(ctx.settings) });
  } catch (error) {
    throw permanentRenderError(error);
  }
}
