// GET /api/environments/:id/file: the uploaded map (owner or admin), for the editor's live preview; cached for
// good (ETag = sha256).
import { ownedEnvironment } from '$lib/server/api/environments.ts';
import { uploadFileResponse } from '$lib/server/api/uploads.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const GET = apiHandler(async (event) => {
  const { id, environment } = await ownedEnvironment(event);
  return uploadFileResponse(event, environment, `environment map ${id}`);
});
