// GET / PUT / PATCH / DELETE /api/scenes/:id — the owner's (or the admin's) saved scene.
import type { RequestEvent } from '@sveltejs/kit';
import { updateSceneBody } from '$lib/api/schemas.ts';
import { client, json, uuidParam, validScene } from '$lib/server/api/params.ts';
import { sceneView } from '$lib/server/api/views.ts';
import { mayModify } from '$lib/server/auth/owner.ts';
import { config } from '$lib/server/config.ts';
import { sceneRepository } from '$lib/server/db/scenes.ts';
import { readBody } from '$lib/server/http/body.ts';
import { ApiError, apiHandler, notFound } from '$lib/server/http/errors.ts';

async function owned(event: RequestEvent) {
  const id = uuidParam(event);
  const repo = await sceneRepository();
  const scene = await repo.getScene(id);
  if (!scene) throw notFound('scene', id);
  if (!mayModify(client(event), scene.owner)) throw new ApiError(403, 'this scene belongs to another client');
  return { id, repo, scene };
}

export const GET = apiHandler(async (event) => json(sceneView((await owned(event)).scene)));

const update = apiHandler(async (event) => {
  const { id, repo } = await owned(event);
  const body = await readBody(event.request, updateSceneBody, config().maxBodyBytes);
  const data = body.scene === undefined ? undefined : validScene(body.scene);
  const saved = await repo.updateScene(id, { name: body.name, ...(data === undefined ? {} : { data }) });
  if (!saved) throw notFound('scene', id);
  return json(sceneView(saved));
});
export const PUT = update;
export const PATCH = update;

export const DELETE = apiHandler(async (event) => {
  const { id, repo } = await owned(event);
  await repo.deleteScene(id);
  return new Response(null, { status: 204 });
});
