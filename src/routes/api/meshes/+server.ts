// POST /api/meshes?name=<file name>: upload a mesh file as the raw request body (a Content-Type is required, any
// but a form: no multipart parsing, no cross-site form posts; none or a form is a 415). Checks name, extension
// and size (a body over MAX_MESH_BYTES is a 413), then the owner's quotas (count and bytes: over either is a 409
// naming the quota, as for saved scenes; 429 is for rates only), then parses the file with the worker's loader and
// limits (a 422 naming the problem: src/lib/server/api/mesh-upload.ts), stores the bytes, then the metadata row.
// The 201 body is the mesh view plus what was parsed (triangles, bounds). GET: the caller's meshes.
import { listScenesQuery, MESH_FORMATS, meshName } from '$lib/api/schemas.ts';
import { client, json } from '$lib/server/api/params.ts';
import { gltfUploadProblem, inspectUpload, meshQuotaProblem } from '$lib/server/api/mesh-upload.ts';
import { requireRawBody, sha256Hex, storeThenRecord } from '$lib/server/api/uploads.ts';
import { meshView } from '$lib/server/api/views.ts';
import { config } from '$lib/server/config.ts';
import { meshRepository } from '$lib/server/db/meshes.ts';
import { parseWith, queryObject, readBytes } from '$lib/server/http/body.ts';
import { ApiError, apiHandler } from '$lib/server/http/errors.ts';
import { meshKey } from '$lib/server/storage/index.ts';

const CONTENT_TYPES: Record<(typeof MESH_FORMATS)[number], string> = {
  stl: 'model/stl',
  obj: 'model/obj',
  ply: 'application/octet-stream',
  gltf: 'model/gltf+json',
  glb: 'model/gltf-binary'
};

export const POST = apiHandler(async (event) => {
  const c = client(event);
  requireRawBody(event, 'mesh');
  const name = parseWith(meshName, event.url.searchParams.get('name') ?? '', 'query', ['name']);
  const format = MESH_FORMATS.find((f) => name.toLowerCase().endsWith(`.${f}`)) ?? 'stl';
  const bytes = await readBytes(event.request, config().maxMeshBytes);
  if (bytes.byteLength === 0) throw new ApiError(422, 'invalid body: the mesh file is empty');
  const problem = gltfUploadProblem(bytes, format);
  if (problem) throw new ApiError(422, `invalid body: ${problem}`);
  const repo = await meshRepository();
  // The admin (an operator's token) is not bound by the per-owner quotas.
  const overQuota = c.isAdmin ? undefined : meshQuotaProblem(await repo.usage(c.owner), bytes.byteLength, config());
  if (overQuota) throw new ApiError(409, overQuota);
  const parsed = await inspectUpload(bytes, name);
  const id = crypto.randomUUID();
  const key = meshKey(id);
  const mesh = await storeThenRecord(key, bytes, CONTENT_TYPES[format], () =>
    repo.createMesh({
      id,
      owner: c.owner,
      name,
      format,
      sizeBytes: bytes.byteLength,
      sha256: sha256Hex(bytes),
      storageKey: key,
      contentType: CONTENT_TYPES[format]
    })
  );
  return json({ ...meshView(mesh), triangles: parsed.triangles, bounds: parsed.bounds }, 201, { location: `/api/meshes/${id}` });
});

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const q = parseWith(listScenesQuery, queryObject(event.url), 'query');
  return json({ items: (await (await meshRepository()).listMeshes(c.owner, q.limit)).map(meshView) });
});
