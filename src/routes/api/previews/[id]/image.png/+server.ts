// GET /api/previews/:id/image.png: the caller's preview PNG while it lives in Redis; 404 before and after, and
// for another owner's preview (the admin sees all).
import { client, uuidParam } from '$lib/server/api/params.ts';
import { withTimeout } from '$lib/server/api/renders.ts';
import { ApiError, apiHandler, notFound } from '$lib/server/http/errors.ts';
import { getPreviewFor } from '$lib/server/queue/index.ts';

export const GET = apiHandler(async (event) => {
  const id = uuidParam(event);
  const state = await withTimeout('reading the preview', getPreviewFor(client(event), id));
  if (!state) throw notFound('preview (unknown or expired)', id);
  if (state.status !== 'done') throw new ApiError(404, `preview ${id} has no image yet (status ${state.status})`);
  return new Response(state.png as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=60', 'x-content-type-options': 'nosniff' }
  });
});
