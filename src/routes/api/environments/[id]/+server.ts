// GET /api/environments/:id (metadata) and DELETE (owner or admin; removes the bytes too). Scenes that still name
// a deleted map fail to render with an error naming `environment.path`.
import { ownedEnvironment } from '$lib/server/api/environments.ts';
import { json } from '$lib/server/api/params.ts';
import { environmentView } from '$lib/server/api/views.ts';
import { apiHandler } from '$lib/server/http/errors.ts';
import { getObjectStore } from '$lib/server/storage/index.ts';

export const GET = apiHandler(async (event) => json(environmentView((await ownedEnvironment(event)).environment)));

export const DELETE = apiHandler(async (event) => {
  const { id, repo, environment } = await ownedEnvironment(event);
  await getObjectStore().delete(environment.storageKey);
  await repo.deleteEnvironment(id);
  return new Response(null, { status: 204 });
});
