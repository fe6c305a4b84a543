// POST /api/previews {scene, options}: a low-limit server render for browsers without WebGPU → 202 {id}.
// 'preview.ready' on /api/events announces it; GET /api/previews/:id reads it.
import { createPreviewBody } from '$lib/api/schemas.ts';
import { client, json, validScene } from '$lib/server/api/params.ts';
import { limitJobCreation } from '$lib/server/api/rate.ts';
import { withTimeout } from '$lib/server/api/renders.ts';
import { config } from '$lib/server/config.ts';
import { parseWith, readBody } from '$lib/server/http/body.ts';
import { apiHandler } from '$lib/server/http/errors.ts';
import { enqueuePreview } from '$lib/server/queue/index.ts';
import { previewOptionsSchema } from '$lib/render-options.ts';

export const POST = apiHandler(async (event) => {
  const c = client(event);
  const body = await readBody(event.request, createPreviewBody, config().maxBodyBytes);
  const options = parseWith(previewOptionsSchema, body.options ?? {}, 'options', ['options']);
  const scene = validScene(body.scene);
  limitJobCreation(event, c);
  const id = await withTimeout('queueing the preview', enqueuePreview({ scene, options, owner: c.owner }));
  return json({ id, status: 'queued', url: `/api/previews/${id}` }, 202, { location: `/api/previews/${id}` });
});
