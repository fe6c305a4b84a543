// GET /api/renders/:id/image.png | thumb.png | image.exr: the result files. A finished render's files never
// change, so they are cached for good (ETag = result id); 404 while there is no result.
import { uuidParam } from '$lib/server/api/params.ts';
import { getRender } from '$lib/server/db/renders.ts';
import { ApiError, apiHandler, notFound } from '$lib/server/http/errors.ts';
import { CONTENT_TYPES, getObjectStore } from '$lib/server/storage/index.ts';

const FILES = {
  'image.png': { key: 'imageKey', type: CONTENT_TYPES.png },
  'thumb.png': { key: 'thumbKey', type: CONTENT_TYPES.png },
  'image.exr': { key: 'exrKey', type: CONTENT_TYPES.exr }
} as const;

export const GET = apiHandler(async (event) => {
  const name = (event.params as Record<string, string | undefined>).file ?? '';
  if (!Object.hasOwn(FILES, name)) throw new ApiError(404, `no file ${JSON.stringify(name.slice(0, 60))}; use image.png, thumb.png or image.exr`);
  const file = FILES[name as keyof typeof FILES];
  const id = uuidParam(event);
  const render = await getRender(id);
  if (!render) throw notFound('render', id);
  if (!render.result) throw new ApiError(404, `render ${id} has no ${name} (status ${render.status})`);
  const etag = `"${render.result.id}-${name}"`;
  const caching = { etag, 'cache-control': 'private, max-age=31536000, immutable' };
  if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: caching });
  const bytes = await getObjectStore().get(render.result[file.key]);
  if (!bytes) throw new ApiError(404, `${name} of render ${id} is missing from storage`);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      ...caching,
      'content-type': file.type,
      'content-length': String(bytes.byteLength),
      'content-disposition': `inline; filename="clovers-${id.slice(0, 8)}-${name}"`,
      'x-content-type-options': 'nosniff'
    }
  });
});
