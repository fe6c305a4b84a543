// POST /api/scenes: save a scene (validated by the scene parser). GET /api/scenes: the caller's scenes.
import { createSceneBody, listScenesQuery } from '$lib/api/schemas.ts';
import { client, json, validScene } from '$lib/server/api/params.ts';
import { sceneView } from '$lib/server/api/views.ts';
import { config } from '$lib/server/config.ts';
import { sceneRepository } from '$lib/server/db/scenes.ts';
import { parseWith, queryObject, readBody } from '$lib/server/http/body.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const POST = apiHandler(async (event) => {
  const c = client(event);
  const body = await readBody(event.request, createSceneBody, config().maxBodyBytes);
  const data = validScene(body.scene);
  const saved = await (await sceneRepository()).createScene({ owner: c.owner, name: body.name, data });
  return json(sceneView(saved), 201, { location: `/api/scenes/${saved.id}` });
});

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const q = parseWith(listScenesQuery, queryObject(event.url), 'query');
  const items = await (await sceneRepository()).listScenes({ owner: c.isAdmin ? undefined : c.owner, limit: q.limit });
  return json({ items: items.map(sceneView) });
});
