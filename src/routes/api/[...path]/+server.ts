// Any other /api path: a JSON 404 instead of SvelteKit's error page.
import type { RequestHandler } from './$types';
import { errorResponse } from '$lib/server/http/errors.ts';

export const fallback: RequestHandler = ({ url }) => errorResponse(404, `no API route ${url.pathname}`);
