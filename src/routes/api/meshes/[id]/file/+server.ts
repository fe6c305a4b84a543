// GET /api/meshes/:id/file: the uploaded bytes (owner or admin), for the editor's live preview. Uploads never
// change, so they are cached for good (ETag = sha256).
import { ownedMesh } from '$lib/server/api/meshes.ts';
import { ApiError, apiHandler } from '$lib/server/http/errors.ts';
import { getObjectStore } from '$lib/server/storage/index.ts';

export const GET = apiHandler(async (event) => {
  const { id, mesh } = await ownedMesh(event);
  const etag = `"${mesh.sha256}"`;
  const caching = { etag, 'cache-control': 'private, max-age=31536000, immutable' };
  if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: caching });
  const bytes = await getObjectStore().get(mesh.storageKey);
  if (!bytes) throw new ApiError(404, `the file of mesh ${id} is missing from storage`);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      ...caching,
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="${mesh.name}"`,
      'x-content-type-options': 'nosniff'
    }
  });
});
