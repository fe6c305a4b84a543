// GET /api/renders/:id (status, progress, timings, error, result, scene snapshot); DELETE (owner or admin).
import { client, json, uuidParam } from '$lib/server/api/params.ts';
import { remove } from '$lib/server/api/renders.ts';
import { renderView } from '$lib/server/api/views.ts';
import { getRender } from '$lib/server/db/renders.ts';
import { apiHandler, notFound } from '$lib/server/http/errors.ts';

export const GET = apiHandler(async (event) => {
  const id = uuidParam(event);
  const render = await getRender(id);
  if (!render) throw notFound('render', id);
  return json(renderView(render, client(event), true));
});

export const DELETE = apiHandler(async (event) => {
  await remove(uuidParam(event), client(event));
  return new Response(null, { status: 204 });
});
