// GET /api/meshes/:id (metadata) and DELETE (owner or admin; removes the bytes too).
import { json } from '$lib/server/api/params.ts';
import { ownedMesh } from '$lib/server/api/meshes.ts';
import { meshView } from '$lib/server/api/views.ts';
import { apiHandler } from '$lib/server/http/errors.ts';
import { getObjectStore } from '$lib/server/storage/index.ts';

export const GET = apiHandler(async (event) => json(meshView((await ownedMesh(event)).mesh)));

export const DELETE = apiHandler(async (event) => {
  const { id, repo, mesh } = await ownedMesh(event);
  await getObjectStore().delete(mesh.storageKey);
  await repo.deleteMesh(id);
  return new Response(null, { status: 204 });
});
