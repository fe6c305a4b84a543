// POST /api/meshes?name=<file name>: upload a mesh file as the raw request body (any content type but a
// form: no multipart parsing, no cross-site form posts). Checks name, extension and size, stores the bytes,
// then the metadata row. Parsing (and triangle limits) comes with the mesh loader; glTF uploads must be
// self-contained (src/lib/server/api/mesh-upload.ts). GET: the caller's meshes.
import { createHash } from 'node:crypto';
import { listScenesQuery, MESH_FORMATS, meshName } from '$lib/api/schemas.ts';
import { client, json } from '$lib/server/api/params.ts';
import { gltfUploadProblem } from '$lib/server/api/mesh-upload.ts';
import { meshView } from '$lib/server/api/views.ts';
import { config } from '$lib/server/config.ts';
import { meshRepository } from '$lib/server/db/meshes.ts';
import { parseWith, queryObject, readBytes } from '$lib/server/http/body.ts';
import { ApiError, apiHandler } from '$lib/server/http/errors.ts';
import { getObjectStore, meshKey } from '$lib/server/storage/index.ts';

const CONTENT_TYPES: Record<(typeof MESH_FORMATS)[number], string> = {
  stl: 'model/stl',
  obj: 'model/obj',
  ply: 'application/octet-stream',
  gltf: 'model/gltf+json',
  glb: 'model/gltf-binary'
};

export const POST = apiHandler(async (event) => {
  const c = client(event);
  const type = event.request.headers.get('content-type') ?? '';
  if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
    throw new ApiError(415, 'send the mesh file as the raw request body (e.g. application/octet-stream), not as a form');
  }
  const name = parseWith(meshName, event.url.searchParams.get('name') ?? '', 'query', ['name']);
  const format = MESH_FORMATS.find((f) => name.toLowerCase().endsWith(`.${f}`)) ?? 'stl';
  const bytes = await readBytes(event.request, config().maxMeshBytes);
  if (bytes.byteLength === 0) throw new ApiError(422, 'invalid body: the mesh file is empty');
  const problem = gltfUploadProblem(bytes, format);
  if (problem) throw new ApiError(422, `invalid body: ${problem}`);
  const id = crypto.randomUUID();
  const key = meshKey(id);
  const store = getObjectStore();
  await store.put(key, bytes, CONTENT_TYPES[format]);
  try {
    const mesh = await (await meshRepository()).createMesh({
      id,
      owner: c.owner,
      name,
      format,
      sizeBytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey: key,
      contentType: CONTENT_TYPES[format]
    });
    return json(meshView(mesh), 201, { location: `/api/meshes/${id}` });
  } catch (err) {
    await store.delete(key).catch(() => undefined);
    throw err;
  }
});

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const q = parseWith(listScenesQuery, queryObject(event.url), 'query');
  return json({ items: (await (await meshRepository()).listMeshes(c.owner, q.limit)).map(meshView) });
});
