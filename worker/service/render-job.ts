// Rendering a sample range of a render job on this worker's GPU: resume from the range's checkpoint when one
// exists, report progress (database + event) and renew the job lock between dispatches, checkpoint the film
// periodically, stop promptly on cancel or shutdown.
import { UnrecoverableError } from 'bullmq';
import type { EnvironmentImage } from '../../gpu/host/environment/image.ts';
import { sceneMeshNotes, type SceneMeshes } from '../../gpu/host/mesh/mesh.ts';
import { renderScene } from '../../gpu/host/render/render.ts';
import { isUnrenderableScene } from '../../gpu/host/render/unrenderable.ts';
import type { RenderProgress, RenderResult } from '../../gpu/host/render/types.ts';
import { toRenderOptions } from '../../src/lib/render-options.ts';
import type { Render } from '../../src/lib/server/db/renders.ts';
import { publishEvent } from '../../src/lib/server/events/channels.ts';
import { CONTENT_TYPES } from '../../src/lib/server/storage/index.ts';
import { formatIssue, parseScene, type SceneFile } from '../../src/lib/scene/index.ts';
import type { JobRef, WorkerContext } from './context.ts';
import { ShutdownError } from './context.ts';
import { decodeFilm, encodeFilm, resumePoint } from './film.ts';
import { loadServiceEnvironment } from './scene-environment.ts';
import { loadServiceMeshes } from './scene-meshes.ts';
import { putWithRetry } from './upload.ts';
import { watchdogOf } from './settings.ts';

export function parseRenderScene(render: Pick<Render, 'scene'>): SceneFile {
  const parsed = parseScene(render.scene);
  if (!parsed.ok) throw new UnrecoverableError(`invalid scene: ${parsed.errors.slice(0, 3).map(formatIssue).join('; ')}`);
  return parsed.scene;
}

/** A scene the renderer refuses (atlas, bindings, compiler, camera) fails the job at once: a retry is refused too. */
export function permanentRenderError(error: unknown): unknown {
  return isUnrenderableScene(error) ? new UnrecoverableError(error.message) : error;
}

/** A render's scene with the meshes its STL/PLY/GLTF objects name and its environment map, ready for the renderer. */
export interface LoadedScene {
  readonly scene: SceneFile;
  readonly meshes: SceneMeshes;
  /** The decoded map of an Hdri environment (undefined without one, or for a Sky). */
  readonly environment?: EnvironmentImage;
  /** What the mesh files ask for that the renderer does not do (TriangleMesh.notes), for the render's record. */
  readonly warnings: readonly string[];
}

/** Parses the render's scene and loads its meshes and environment map (library files, the owner's uploads); bad ones fail the job at once. */
export async function loadRenderScene(ctx: WorkerContext, render: Pick<Render, 'id' | 'scene' | 'owner'>): Promise<LoadedScene> {
  const scene = parseRenderScene(render);
  const meshes = await loadServiceMeshes(scene, { store: ctx.store, meshes: ctx.meshes, owner: render.owner });
  const environment = await loadServiceEnvironment(scene, { store: ctx.store, environments: ctx.environments, owner: render.owner });
  const warnings = sceneMeshNotes(meshes);
  for (const warning of warnings) ctx.log(`render ${render.id}: warning: ${warning}`);
  return { scene, meshes, environment, warnings };
}

/**
 * Host time per mesh triangle to compile a scene, with a wide margin: a 170k-triangle mesh took 5.1 s on a loaded
 * 2-core machine (0.03 ms per triangle).
 */
export const HOST_COMPILE_MS_PER_TRIANGLE = 0.1;

export function sceneTriangles(meshes: SceneMeshes): number {
  let triangles = 0;
  for (const mesh of meshes.values()) triangles += mesh.indices.length / 3;
  return triangles;
}

export interface RangeSpec {
  readonly sampleOffset: number;
  readonly samples: number;
  /** Where this range's checkpoints go. */
  readonly checkpointKey: string;
  /** Progress of this range (samples done within it, rate, ETA); the caller turns it into the render's progress. */
  readonly onProgress: (progress: RenderProgress) => Promise<void>;
  /** Called once the checkpoint is loaded, before the first dispatch; false: the render is no longer runnable. */
  readonly onStart: (resumedFrom: number) => Promise<boolean>;
  /** Render the AOVs the render's options ask for after the range (a whole render; chunks leave them to the merge). */
  readonly withAov?: boolean;
}

export type RangeOutcome =
  | { readonly kind: 'done'; readonly result: RenderResult }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'not-runnable' };

/** Renders one sample range; throws ShutdownError when the process is stopping (a checkpoint was written). */
export async function renderRange(
  ctx: WorkerContext,
  job: JobRef,
  render: Render,
  { scene, meshes, environment }: LoadedScene,
  spec: RangeSpec,
  cancel: AbortSignal
): Promise<RangeOutcome> {
  const base = toRenderOptions(render.options);
  const options = {
    ...base,
    ...(spec.withAov && render.options.aov?.length ? { aov: render.options.aov } : {}),
    samples: spec.samples,
    sampleOffset: spec.sampleOffset,
    targetDispatchMs: ctx.settings.targetDispatchMs,
    watchdog: watchdogOf(ctx.settings)
  };
  const saved = await ctx.store.get(spec.checkpointKey).catch((err: Error) => {
    // Starting over costs only time; failing the attempt over an unreadable checkpoint would cost more.
    ctx.log(`render ${render.id}: checkpoint not readable, starting the range over: ${err.message}`);
    return null;
  });
  const resume = resumePoint(saved ? decodeFilm(saved) : null, {
    width: options.width,
    height: options.height,
    sampleOffset: spec.sampleOffset,
    samples: spec.samples
  });
  if (resume) ctx.log(`render ${render.id}: resuming samples ${spec.sampleOffset}+${resume.samplesDone} from checkpoint`);
  if (!(await spec.onStart(resume?.samplesDone ?? 0))) return { kind: 'not-runnable' };
  // Compiling the scene (BVH builds) blocks the event loop before the first dispatch, so BullMQ's renewal timer
  // cannot run: the lock is extended first for a generous estimate of that time.
  await job.extendLock(ctx.settings.lockMs + sceneTriangles(meshes) * HOST_COMPILE_MS_PER_TRIANGLE).catch((err: Error) => {
    ctx.log(`render ${render.id}: lock renewal failed: ${err.message}`);
  });
  const signal = AbortSignal.any([cancel, ctx.shutdown]);
  let lastReport = 0;
  let lastLock = performance.now();
  let reporting: Promise<void> = Promise.resolve();
  const result = await renderScene(ctx.gpu, scene, { ...options, resume }, {
    signal,
    checkpointIntervalMs: ctx.settings.checkpointIntervalMs,
    onProgress: (progress) => {
      const now = performance.now();
      // The lock must outlive the gap between two dispatches; renew it well before it could lapse.
      if (now - lastLock >= ctx.settings.lockMs / 4) {
        lastLock = now;
        job.extendLock().catch((err: Error) => ctx.log(`render ${render.id}: lock renewal failed: ${err.message}`));
      }
      if (now - lastReport < ctx.settings.progressIntervalMs && progress.samplesDone < progress.samplesTotal) return;
      lastReport = now;
      reporting = reporting.then(() => spec.onProgress(progress)).catch((err: Error) => ctx.log(`render ${render.id}: progress: ${err.message}`));
    },
    onCheckpoint: async (checkpoint) => {
      const film = encodeFilm({
        width: options.width,
        height: options.height,
        sampleOffset: spec.sampleOffset,
        samplesDone: checkpoint.samplesDone,
        stats: { elapsedMs: 0, compileMs: 0, dispatches: 0, raySegments: 0, droppedSamples: 0 },
        adapter: ctx.gpu.adapterName,
        xyzSum: checkpoint.xyzSum
      });
      try {
        await ctx.store.put(spec.checkpointKey, film, CONTENT_TYPES.bin);
      } catch (err) {
        // A missed checkpoint costs only re-rendering time after a crash: keep rendering.
        ctx.log(`render ${render.id}: checkpoint not written: ${(err as Error).message}`);
      }
    }
  }, { meshes, environment }).catch((error: unknown) => {
    throw permanentRenderError(error);
  });
  await reporting;
  // On a CPU adapter the compile can be most of a small job's time: worth seeing next to the render time.
  ctx.log(`render ${render.id}: kernels compiled in ${(result.stats.compileMs / 1000).toFixed(1)} s, rendered in ${(result.stats.elapsedMs / 1000).toFixed(1)} s`);
  if (result.cancelled) {
    if (cancel.aborted) return { kind: 'cancelled' };
    if (ctx.shutdown.aborted) throw new ShutdownError();
  }
  return { kind: 'done', result };
}

/** Uploads the finished images (retrying through storage outages), then stores the result row. */
export async function uploadAndComplete(
  ctx: WorkerContext,
  render: Render,
  keys: { png: string; thumb: string; exr: string },
  images: { png: Uint8Array; thumb: Uint8Array; exr: Uint8Array },
  result: RenderResult
): Promise<boolean> {
  const policy = {
    attempts: ctx.settings.uploadAttempts,
    backoffMs: ctx.settings.uploadBackoffMs,
    onRetry: (key: string, attempt: number, err: Error) => ctx.log(`render ${render.id}: upload of ${key} failed (try ${attempt}): ${err.message}`)
  };
  await putWithRetry(ctx.store, keys.png, images.png, CONTENT_TYPES.png, policy);
  await putWithRetry(ctx.store, keys.thumb, images.thumb, CONTENT_TYPES.png, policy);
  await putWithRetry(ctx.store, keys.exr, images.exr, CONTENT_TYPES.exr, policy);
  const completed = await ctx.renders.completeRender(render.id, {
    imageKey: keys.png,
    thumbKey: keys.thumb,
    exrKey: keys.exr,
    width: result.width,
    height: result.height,
    samples: result.samples,
    renderMs: Math.round(result.stats.elapsedMs),
    adapter: result.adapter
  });
  if (completed) await publishEvent(ctx.redis, { type: 'render.done', renderId: render.id });
  return completed;
}
