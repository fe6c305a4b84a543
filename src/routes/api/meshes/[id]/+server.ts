// GET /api/meshes/:id (metadata) and DELETE (owner or admin; removes the bytes too).
import type { RequestEvent } from '@sveltejs/kit';
import { client, json, uuidParam } from '$lib/server/api/params.ts';
import { meshView } from '$lib/server/api/views.ts';
import { mayModify } from '$lib/server/auth/owner.ts';
import { meshRepository } from '$lib/server/db/meshes.ts';
import { ApiError, apiHandler, notFound } from '$lib/server/http/errors.ts';
import { getObjectStore } from '$lib/server/storage/index.ts';

async function owned(event: RequestEvent) {
  const id = uuidParam(event);
  const repo = await meshRepository();
  const mesh = await repo.getMesh(id);
  if (!mesh) throw notFound('mesh', id);
  if (!mayModify(client(event), mesh.owner)) throw new ApiError(403, 'this mesh belongs to another client');
  return { id, repo, mesh };
}

export const GET = apiHandler(async (event) => json(meshView((await owned(event)).mesh)));

export const DELETE = apiHandler(async (event) => {
  const { id, repo, mesh } = await owned(event);
  await getObjectStore().delete(mesh.storageKey);
  await repo.deleteMesh(id);
  return new Response(null, { status: 204 });
});
