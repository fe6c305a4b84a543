// API errors: every failure is JSON `{error, details}` with the status that says what went wrong. Handlers
// throw ApiError; `apiHandler` turns it (and anything unexpected, as a 500 without internals) into a response.
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { formatPath } from '../../scene/issues.ts';

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the body itself. */
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

export function errorResponse(status: number, error: string, details?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(details === undefined ? { error } : { error, details }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
  });
}

/** Paths as the scene parser writes them: `options.width`, `scene.objects[3].radius`. */
export function zodIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/** 422 naming every offending field. */
export function validationError(what: string, issues: FieldIssue[]): ApiError {
  const first = issues[0];
  const summary = first ? `${first.path === '' ? what : first.path}: ${first.message}` : what;
  return new ApiError(422, `invalid ${what}: ${summary}`, { issues });
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, `no ${what} with id ${id}`);
}

/** Some failures mean a backing service is down: 503 says "try again later" instead of 500. */
function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01'].includes(code)) ||
    (err instanceof Error && /Connection terminated|ECONNREFUSED|Connection is closed/.test(err.message))
  );
}

export function apiHandler(handler: (event: RequestEvent) => Promise<Response>): RequestHandler {
  return async (event) => {
    try {
      return await handler(event);
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err.status, err.message, err.details, err.headers);
      if (isUnavailable(err)) {
        console.error(`${event.request.method} ${event.url.pathname}: service unavailable:`, (err as Error).message);
        return errorResponse(503, 'a backing service is unavailable; try again shortly', undefined, { 'retry-after': '5' });
      }
      console.error(`${event.request.method} ${event.url.pathname}:`, err);
      return errorResponse(500, 'internal error');
    }
  };
}
