// Server previews: a low-limit render whose PNG is kept in Redis with a TTL and announced by 'preview.ready'
// (also when it failed for good: the worker's failure bookkeeping then writes the error with failPreview).
import { UnrecoverableError } from 'bullmq';
import { renderScene } from '../../gpu/host/render/render.ts';
import { toRenderOptions } from '../../src/lib/render-options.ts';
import { publishEvent } from '../../src/lib/server/events/channels.ts';
import { redisKeys } from '../../src/lib/server/queue/keys.ts';
import { PREVIEW_REQUEST_TTL_S, PREVIEW_RESULT_TTL_S, readPreviewOwner, readPreviewRequest, writePreviewState } from '../../src/lib/server/queue/preview.ts';
import { formatIssue, parseScene } from '../../src/lib/scene/index.ts';
import { renderToPng } from '../image/render-images.ts';
import type { JobOutcome, WorkerContext } from './context.ts';
import { ShutdownError } from './context.ts';
import { permanentRenderError } from './render-job.ts';
import { loadServiceEnvironment } from './scene-environment.ts';
import { loadServiceMeshes } from './scene-meshes.ts';
import { watchdogOf } from './settings.ts';

export async function runPreview(ctx: WorkerContext, previewId: string): Promise<JobOutcome> {
  const request = await readPreviewRequest(ctx.redis, previewId);
  if (!request) return { outcome: 'skipped', reason: 'expired' };
  const parsed = parseScene(request.scene);
  if (!parsed.ok) throw new UnrecoverableError(`invalid scene: ${parsed.errors.slice(0, 3).map(formatIssue).join('; ')}`);
  const meshes = await loadServiceMeshes(parsed.scene, { store: ctx.store, meshes: ctx.meshes, owner: request.owner });
  const environment = await loadServiceEnvironment(parsed.scene, { store: ctx.store, environments: ctx.environments, owner: request.owner });
  await writePreviewState(ctx.redis, previewId, request.owner, { status: 'running' }, PREVIEW_REQUEST_TTL_S);
  const options = toRenderOptions(request.options);
  const result = await renderScene(ctx.gpu, parsed.scene, { ...options, targetDispatchMs: ctx.settings.targetDispatchMs, watchdog: watchdogOf(ctx.settings) }, { signal: ctx.shutdown }, { meshes, environment }).catch((error: unknown) => {
    throw permanentRenderError(error);
  });
  if (result.cancelled) throw new ShutdownError();
  const png = renderToPng({ scene: `preview ${previewId}`, options, result, date: new Date() });
  await ctx.redis.set(redisKeys.previewPng(previewId), png, 'EX', PREVIEW_RESULT_TTL_S);
  await writePreviewState(ctx.redis, previewId, request.owner, { status: 'done', width: result.width, height: result.height, samples: result.samples }, PREVIEW_RESULT_TTL_S);
  await ctx.redis.del(redisKeys.previewRequest(previewId));
  await publishEvent(ctx.redis, { type: 'preview.ready', previewId });
  return { outcome: 'done', samples: result.samples };
}

export async function failPreview(ctx: WorkerContext, previewId: string, error: string): Promise<void> {
  // The request may be gone by now; the state written at enqueue time still names the owner.
  const owner = (await readPreviewOwner(ctx.redis, previewId)) ?? undefined;
  await writePreviewState(ctx.redis, previewId, owner, { status: 'failed', error }, PREVIEW_RESULT_TTL_S);
  await publishEvent(ctx.redis, { type: 'preview.ready', previewId });
}
