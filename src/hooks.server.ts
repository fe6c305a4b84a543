// Server hooks: the database is opened and migrated at start-up; every /api request gets a client identity
// (owner cookie, bearer token or admin token) and JSON errors even where SvelteKit would answer in text/HTML.
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { identify, OWNER_COOKIE, OWNER_COOKIE_MAX_AGE_S } from '$lib/server/auth/owner.ts';
import { config } from '$lib/server/config.ts';
import { getDb } from '$lib/server/db/client.ts';
import { errorResponse } from '$lib/server/http/errors.ts';

export const init: ServerInit = async () => {
  try {
    await getDb();
  } catch (err) {
    // Serve anyway: /api/health reports the database as down and the next request tries again.
    console.error('database not ready at start-up:', (err as Error).message);
  }
};

export const handle: Handle = async ({ event, resolve }) => {
  if (!event.url.pathname.startsWith('/api/')) return resolve(event);
  const c = config();
  const who = identify({
    authorization: event.request.headers.get('authorization'),
    cookie: event.cookies.get(OWNER_COOKIE),
    secret: c.cookieSecret,
    adminToken: c.adminToken
  });
  if ('error' in who) return errorResponse(401, who.error);
  event.locals.client = who;
  if (who.isNew) {
    event.cookies.set(OWNER_COOKIE, who.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: c.secureCookies || event.url.protocol === 'https:',
      maxAge: OWNER_COOKIE_MAX_AGE_S
    });
  }
  const response = await resolve(event);
  if (response.status === 405 && !response.headers.get('content-type')?.includes('json')) {
    return errorResponse(405, `${event.request.method} is not allowed on ${event.url.pathname}`, undefined, {
      allow: response.headers.get('allow') ?? ''
    });
  }
  return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status >= 500) console.error(`${event.request.method} ${event.url.pathname}:`, error);
  return { message: status >= 500 ? 'internal error' : message };
};
