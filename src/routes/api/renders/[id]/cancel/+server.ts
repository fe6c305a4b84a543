// POST /api/renders/:id/cancel: queued or running → cancelled; the worker stops within about a second.
import { client, json, uuidParam } from '$lib/server/api/params.ts';
import { cancel } from '$lib/server/api/renders.ts';
import { renderView } from '$lib/server/api/views.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const POST = apiHandler(async (event) => {
  const c = client(event);
  return json(renderView(await cancel(uuidParam(event), c), c));
});
