// The environment map a request names (`:id`), if the caller may use it: its owner, or the admin. Another owner's
// upload is a 404, as it reads in the worker (missing): ids of other owners' maps are not confirmed.
import type { RequestEvent } from '@sveltejs/kit';
import { mayModify } from '../auth/owner.ts';
import { environmentRepository } from '../db/environments.ts';
import { notFound } from '../http/errors.ts';
import { client, uuidParam } from './params.ts';

export async function ownedEnvironment(event: RequestEvent) {
  const id = uuidParam(event);
  const repo = await environmentRepository();
  const environment = await repo.getEnvironment(id);
  if (!environment || !mayModify(client(event), environment.owner)) throw notFound('environment map', id);
  return { id, repo, environment };
}
