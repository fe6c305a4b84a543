// GET /api/session: who the caller is, and the bearer token non-browser clients send to act as this owner.
import { client, json } from '$lib/server/api/params.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const GET = apiHandler(async (event) => {
  const c = client(event);
  return json({ owner: c.owner, admin: c.isAdmin, token: c.isAdmin ? null : c.token });
});
