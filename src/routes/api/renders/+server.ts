// POST /api/renders: validate → create → queue → 202. GET /api/renders: the caller's renders, newest first.
import { createRenderBody, listRendersQuery } from '$lib/api/schemas.ts';
import { client, json, validScene } from '$lib/server/api/params.ts';
import { limitJobCreation } from '$lib/server/api/rate.ts';
import { createAndQueue } from '$lib/server/api/renders.ts';
import { renderView } from '$lib/server/api/views.ts';
import { mayModify } from '$lib/server/auth/owner.ts';
import { config } from '$lib/server/config.ts';
import { listRenders } from '$lib/server/db/renders.ts';
import { sceneRepository } from '$lib/server/db/scenes.ts';
import { parseWith, queryObject, readBody } from '$lib/server/http/body.ts';
import { ApiError, apiHandler, notFound } from '$lib/server/http/errors.ts';
import { renderOptionsSchema } from '$lib/render-options.ts';

export const POST = apiHandler(async (event) => {
  const c = client(event);
  const body = await readBody(event.request, createRenderBody, config().maxBodyBytes);
  const options = parseWith(renderOptionsSchema, body.options ?? {}, 'options', ['options']);
  let scene: unknown;
  let sceneId: string | null = null;
  let name = body.name ?? null;
  if (body.scene_id !== undefined) {
    const saved = await (await sceneRepository()).getScene(body.scene_id);
    if (!saved || !mayModify(c, saved.owner)) throw notFound('scene', body.scene_id);
    scene = validScene(saved.data);
    sceneId = saved.id;
    name ??= saved.name;
  } else {
    scene = validScene(body.scene);
  }
  limitJobCreation(event, c);
  const render = await createAndQueue({ sceneId, name, scene, options, owner: c.owner });
  return json(renderView(render, c), 202, { location: `/api/renders/${render.id}` });
});

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const q = parseWith(listRendersQuery, queryObject(event.url), 'query');
  if (q.owner !== undefined && !c.isAdmin) throw new ApiError(403, 'only the admin may list other owners\' renders');
  try {
    const page = await listRenders({
      owner: c.isAdmin ? q.owner : c.owner,
      status: q.status,
      sceneId: q.scene_id,
      limit: q.limit,
      cursor: q.cursor
    });
    return json({ items: page.items.map((r) => renderView(r, c)), next_cursor: page.nextCursor });
  } catch (err) {
    if (err instanceof RangeError) throw new ApiError(400, 'invalid cursor: pass next_cursor from a previous page');
    throw err;
  }
});
