// GET /api/meshes/:id/file: the uploaded bytes (owner or admin), for the editor's live preview. Uploads never
// change, so they are cached for good (ETag = sha256).
import { ownedMesh } from '$lib/server/api/meshes.ts';
import { uploadFileResponse } from '$lib/server/api/uploads.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const GET = apiHandler(async (event) => {
  const { id, mesh } = await ownedMesh(event);
  return uploadFileResponse(event, mesh, `mesh ${id}`);
});
