// POST /api/scenes: save a scene (validated by the scene parser). GET /api/scenes: the caller's scenes.
// An owner keeps at most MAX_SCENES_PER_OWNER saved scenes (the admin is exempt): saving one more is a 409 that
// names the limit (the collection is full until a scene is deleted; updating one is always allowed). Concurrent
// saves may pass the count together and overshoot it by a few: it bounds storage, it is not an exact quota.
import { createSceneBody, listScenesQuery } from '$lib/api/schemas.ts';
import { client, json, validScene } from '$lib/server/api/params.ts';
import { sceneView } from '$lib/server/api/views.ts';
import { config } from '$lib/server/config.ts';
import { sceneRepository } from '$lib/server/db/scenes.ts';
import { parseWith, queryObject, readBody } from '$lib/server/http/body.ts';
import { ApiError, apiHandler } from '$lib/server/http/errors.ts';

export const POST = apiHandler(async (event) => {
  const c = client(event);
  const body = await readBody(event.request, createSceneBody, config().maxBodyBytes);
  const data = validScene(body.scene);
  const repo = await sceneRepository();
  const max = config().maxScenesPerOwner;
  if (!c.isAdmin && (await repo.countScenes(c.owner)) >= max) {
    throw new ApiError(409, `too many saved scenes: at most ${max} saved scenes per client; delete one to save another`);
  }
  const saved = await repo.createScene({ owner: c.owner, name: body.name, data });
  return json(sceneView(saved), 201, { location: `/api/scenes/${saved.id}` });
});

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const q = parseWith(listScenesQuery, queryObject(event.url), 'query');
  const items = await (await sceneRepository()).listScenes({ owner: c.isAdmin ? undefined : c.owner, limit: q.limit });
  return json({ items: items.map(sceneView) });
});
