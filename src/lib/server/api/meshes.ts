// The mesh a request names (`:id`), if the caller may use it: its owner, or the admin.
import type { RequestEvent } from '@sveltejs/kit';
import { mayModify } from '../auth/owner.ts';
import { meshRepository } from '../db/meshes.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { client, uuidParam } from './params.ts';

export async function ownedMesh(event: RequestEvent) {
  const id = uuidParam(event);
  const repo = await meshRepository();
  const mesh = await repo.getMesh(id);
  if (!mesh) throw notFound('mesh', id);
  if (!mayModify(client(event), mesh.owner)) throw new ApiError(403, 'this mesh belongs to another client');
  return { id, repo, mesh };
}
