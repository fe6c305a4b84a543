// POST /api/environments?name=<file name>: upload an environment map (.hdr or .exr) as the raw request body, as
// mesh uploads do (src/routes/api/meshes/+server.ts): a Content-Type is required and a form is refused (415); a
// body over MAX_ENVIRONMENT_BYTES is a 413; over the owner's quotas (count, bytes) a 409 naming the quota; then
// the map is decoded by the renderer's decoder (a 422 naming the problem), the bytes stored, then the row. The 201
// body is the upload's view, with the `path` a scene's Hdri environment names it by (`upload:<id>`).
// GET: the caller's uploads and the bundled library (src/lib/environments/library.ts).
import { ENVIRONMENT_FORMATS, environmentName, listScenesQuery } from '$lib/api/schemas.ts';
import { ENVIRONMENT_LIBRARY } from '$lib/environments/library.ts';
import { environmentQuotaProblem, inspectEnvironmentUpload } from '$lib/server/api/environment-upload.ts';
import { client, json } from '$lib/server/api/params.ts';
import { requireRawBody, sha256Hex, storeThenRecord } from '$lib/server/api/uploads.ts';
import { environmentView, libraryEnvironmentView } from '$lib/server/api/views.ts';
import { config } from '$lib/server/config.ts';
import { environmentRepository } from '$lib/server/db/environments.ts';
import { parseWith, queryObject, readBytes } from '$lib/server/http/body.ts';
import { ApiError, apiHandler } from '$lib/server/http/errors.ts';
import { environmentKey } from '$lib/server/storage/index.ts';

const CONTENT_TYPES: Record<(typeof ENVIRONMENT_FORMATS)[number], string> = {
  hdr: 'image/vnd.radiance',
  exr: 'image/x-exr'
};

export const POST = apiHandler(async (event) => {
  const c = client(event);
  requireRawBody(event, 'environment map');
  const name = parseWith(environmentName, event.url.searchParams.get('name') ?? '', 'query', ['name']);
  const format = ENVIRONMENT_FORMATS.find((f) => name.toLowerCase().endsWith(`.${f}`)) ?? 'hdr';
  const bytes = await readBytes(event.request, config().maxEnvironmentBytes);
  if (bytes.byteLength === 0) throw new ApiError(422, 'invalid body: the environment map file is empty');
  const repo = await environmentRepository();
  // The admin (an operator's token) is not bound by the per-owner quotas.
  const overQuota = c.isAdmin ? undefined : environmentQuotaProblem(await repo.usage(c.owner), bytes.byteLength, config());
  if (overQuota) throw new ApiError(409, overQuota);
  const { width, height } = inspectEnvironmentUpload(bytes, name);
  const id = crypto.randomUUID();
  const key = environmentKey(id);
  const environment = await storeThenRecord(key, bytes, CONTENT_TYPES[format], () =>
    repo.createEnvironment({
      id,
      owner: c.owner,
      name,
      format,
      width,
      height,
      sizeBytes: bytes.byteLength,
      sha256: sha256Hex(bytes),
      storageKey: key,
      contentType: CONTENT_TYPES[format]
    })
  );
  return json(environmentView(environment), 201, { location: `/api/environments/${id}` });
});

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const q = parseWith(listScenesQuery, queryObject(event.url), 'query');
  const uploads = await (await environmentRepository()).listEnvironments(c.owner, q.limit);
  return json({ items: uploads.map(environmentView), library: ENVIRONMENT_LIBRARY.map(libraryEnvironmentView) });
});
