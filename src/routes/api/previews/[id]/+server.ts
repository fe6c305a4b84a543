// GET /api/previews/:id: the preview's state; when done, image_url serves the PNG (until it expires).
import { json, uuidParam } from '$lib/server/api/params.ts';
import { withTimeout } from '$lib/server/api/renders.ts';
import { apiHandler, notFound } from '$lib/server/http/errors.ts';
import { getPreview } from '$lib/server/queue/index.ts';

export const GET = apiHandler(async (event) => {
  const id = uuidParam(event);
  const state = await withTimeout('reading the preview', getPreview(id));
  if (!state) throw notFound('preview (unknown or expired)', id);
  if (state.status !== 'done') return json({ id, ...state });
  const { png: _png, ...info } = state;
  return json({ id, ...info, image_url: `/api/previews/${id}/image.png` });
});
