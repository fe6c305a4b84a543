// GET /api/previews/:id: the caller's preview's state; when done, image_url serves the PNG (until it expires).
// Another owner's preview is a 404 like a missing one (the admin sees all).
import { client, json, uuidParam } from '$lib/server/api/params.ts';
import { withTimeout } from '$lib/server/api/renders.ts';
import { apiHandler, notFound } from '$lib/server/http/errors.ts';
import { getPreviewFor } from '$lib/server/queue/index.ts';

export const GET = apiHandler(async (event) => {
  const id = uuidParam(event);
  const state = await withTimeout('reading the preview', getPreviewFor(client(event), id));
  if (!state) throw notFound('preview (unknown or expired)', id);
  switch (state.status) {
    case 'done':
      return json({ id, status: state.status, width: state.width, height: state.height, samples: state.samples, image_url: `/api/previews/${id}/image.png` });
    case 'failed':
      return json({ id, status: state.status, error: state.error });
    default:
      return json({ id, status: state.status });
  }
});
