// POST /api/renders/:id/retry: failed or cancelled → queued again from the start.
import { client, json, uuidParam } from '$lib/server/api/params.ts';
import { limitJobCreation } from '$lib/server/api/rate.ts';
import { ownedRender, retry } from '$lib/server/api/renders.ts';
import { renderView } from '$lib/server/api/views.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const POST = apiHandler(async (event) => {
  const c = client(event);
  const id = uuidParam(event);
  await ownedRender(id, c);
  limitJobCreation(event, c);
  return json(renderView(await retry(id, c), c), 202);
});
