// Server hooks: the database is opened and migrated at start-up; every /api request gets a client identity
// (owner cookie, bearer token or admin token) and JSON errors even where SvelteKit would answer in text/HTML.
// Every response gets the security headers; state-changing requests from other origins are refused; the old
// clovers-service paths redirect to their new homes.
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { identify, OWNER_COOKIE, OWNER_COOKIE_MAX_AGE_S } from '$lib/server/auth/owner.ts';
import { config } from '$lib/server/config.ts';
import { closeDb, getDb } from '$lib/server/db/client.ts';
import { closeEventHub } from '$lib/server/events/hub.ts';
import { errorResponse } from '$lib/server/http/errors.ts';
import { legacyLocation } from '$lib/server/http/legacy-paths.ts';
import { SECURITY_HEADERS } from '$lib/server/http/security-headers.js';
import { endsOnShutdown, installShutdown } from '$lib/server/http/shutdown.ts';
import { closeQueues } from '$lib/server/queue/index.ts';

export const init: ServerInit = async () => {
  // Production only: the dev server (and the tests running it in-process) manage their own lifetime.
  if (!dev && !building) {
    installShutdown(async () => {
      await Promise.allSettled([closeQueues(), closeEventHub()]);
      await closeDb();
    });
  }
  try {
    await getDb();
  } catch (err) {
    // Serve anyway: /api/health reports the database as down and the next request tries again.
    console.error('database not ready at start-up:', (err as Error).message);
  }
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why this request may not change state, or undefined. Browsers send Origin with every state-changing
 * request; clients without one (CLI, curl, servers with a bearer token) are not browsers acting for a site.
 * Sec-Fetch-Site catches the rest: a sibling (same-site) origin would pass SameSite=Lax cookies. */
function crossOriginRefusal(event: RequestEvent): string | undefined {
  const { method, headers } = event.request;
  if (!STATE_CHANGING.has(method)) return undefined;
  const origin = headers.get('origin');
  if (origin !== null) {
    if (origin === event.url.origin || config().allowedOrigins.has(origin)) return undefined;
    return `${method} from origin ${origin} is not allowed (only ${event.url.origin} and ALLOWED_ORIGINS)`;
  }
  const site = headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site' ? `${site} ${method} is not allowed` : undefined;
}

async function route(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
  const refusal = crossOriginRefusal(event);
  if (refusal !== undefined) return errorResponse(403, refusal);
  if (event.request.method === 'GET' || event.request.method === 'HEAD') {
    const location = legacyLocation(event.url);
    if (location !== undefined) return new Response(null, { status: 301, headers: { location } });
  }
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
    return errorResponse(405, `${event.request.method} is not allowed on ${event.url.pathname}`, null, {
      allow: response.headers.get('allow') ?? ''
    });
  }
  return endsOnShutdown(response);
}

/** Adds the headers a response lacks (SvelteKit's pages bring their own CSP, with nonces). */
function withSecurityHeaders(response: Response): Response {
  const fill = (r: Response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!r.headers.has(name)) r.headers.set(name, value);
    return r;
  };
  try {
    return fill(response);
  } catch {
    return fill(new Response(response.body, response)); // immutable headers (a fetched response): a copy
  }
}

export const handle: Handle = async ({ event, resolve }) => withSecurityHeaders(await route(event, resolve));

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status >= 500) console.error(`${event.request.method} ${event.url.pathname}:`, error);
  return { message: status >= 500 ? 'internal error' : message };
};
