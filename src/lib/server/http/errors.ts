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

/** `details` is always present (null when there is nothing more to say), so clients can rely on the shape. */
export function errorResponse(status: number, error: string, details?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error, details: details ?? null }), {
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

/** The error and its causes, outermost first: drizzle wraps driver errors (`DrizzleQueryError.cause`), and a
 * connection refused on a dual-stack host is an AggregateError of one error per address. */
function* causeChain(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const pending = [err];
  while (pending.length > 0 && seen.size < 32) {
    const e = pending.shift();
    if (e === undefined || e === null || seen.has(e)) continue;
    seen.add(e);
    yield e;
    if (e instanceof AggregateError) pending.push(...(e.errors as unknown[]));
    if (e instanceof Error) pending.push(e.cause);
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Network errors, and PostgreSQL SQLSTATEs that mean "not now": connection exceptions (class 08), shutting
 * down or starting up (57P01-57P03), too many connections (53300). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);
/** Messages of drivers that throw without a code: node-postgres, ioredis, PGlite. */
const UNAVAILABLE_MESSAGE = /Connection terminated|ECONNREFUSED|Connection is closed|timeout exceeded when trying to connect|PGlite is clos(ed|ing)/;

/** Some failures mean a backing service is down: 503 says "try again later" instead of 500. */
function isUnavailable(err: unknown): boolean {
  for (const e of causeChain(err)) {
    const code = codeOf(e);
    if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (e instanceof Error && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** PostgreSQL refusing text it cannot store (a NUL in text or jsonb): the client's data, not a server fault. Bodies
 * are checked for these up front; this is the defence in depth for any text that reaches the database. */
function isUnstorableText(err: unknown): boolean {
  for (const e of causeChain(err)) {
    const code = codeOf(e);
    if (code === '22P05' || code === '22021') return true;
  }
  return false;
}

/** The response for an error thrown while handling `what` (e.g. `GET /api/renders`). */
export function errorToResponse(err: unknown, what: string): Response {
  if (err instanceof ApiError) return errorResponse(err.status, err.message, err.details, err.headers);
  if (isUnavailable(err)) {
    // The innermost cause says what is down (drizzle's own message is the failed SQL with its parameters).
    const root = [...causeChain(err)].filter((e) => e instanceof Error).at(-1);
    console.error(`${what}: service unavailable:`, root instanceof Error ? root.message : String(err));
    return errorResponse(503, 'a backing service is unavailable; try again shortly', null, { 'retry-after': '5' });
  }
  if (isUnstorableText(err)) {
    return errorResponse(422, 'the request contains text that cannot be stored (e.g. a NUL character \\u0000)');
  }
  console.error(`${what}:`, err);
  return errorResponse(500, 'internal error');
}

export function apiHandler(handler: (event: RequestEvent) => Promise<Response>): RequestHandler {
  return async (event) => {
    try {
      return await handler(event);
    } catch (err) {
      return errorToResponse(err, `${event.request.method} ${event.url.pathname}`);
    }
  };
}
