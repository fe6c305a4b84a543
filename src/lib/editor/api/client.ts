// Typed fetch wrappers of the HTTP API (docs/api.md) for the browser: the editor's toolbar and queue, the gallery
// and server previews. Responses are checked with the shared schemas; errors become ApiRequestError carrying the
// server's message and located issues (`options.width`, `scene.objects[0].radius`).
import { z } from 'zod';
import {
  errorBody,
  renderPage,
  renderView,
  sceneView,
  type RenderStatus,
  type RenderView,
  type SceneView
} from '$lib/api';

export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly ApiIssue[] = []
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const issuesDetails = z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) });

/** A one-line description of any failure, listing located issues (`options.width: Too big…`). */
export function describeError(err: unknown): string {
  if (err instanceof ApiRequestError) {
    // The server's message already names the first issue; list every one when there are several.
    if (err.issues.length <= 1) return err.message;
    return `${err.message.split(':')[0]}: ${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The ApiRequestError of a failed response (an `{error, details}` body, or whatever the server sent). */
export async function errorFromResponse(res: Response): Promise<ApiRequestError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return new ApiRequestError(res.status, `${res.status} ${res.statusText || 'error'}`);
  }
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return new ApiRequestError(res.status, `${res.status} ${res.statusText || 'error'}`);
  const details = issuesDetails.safeParse(parsed.data.details);
  return new ApiRequestError(res.status, parsed.data.error, details.success ? details.data.issues : []);
}

let session: Promise<void> | undefined;

/**
 * Makes sure this browser has its owner cookie before anything else asks the API. The server gives a cookie-less
 * request a new owner, so concurrent first requests (list, event stream, a render) would each get a different
 * owner and the last cookie would win: renders and events would then belong to an owner this browser no longer is.
 */
export function ensureSession(): Promise<void> {
  session ??= fetch('/api/session').then(
    (res) => {
      if (!res.ok) session = undefined; // try again with the next request
    },
    () => {
      session = undefined;
    }
  );
  return session;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  await ensureSession();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  } catch (err) {
    throw new ApiRequestError(0, `the server could not be reached (${(err as Error).message})`);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

async function call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.output<S>> {
  const res = await send(method, path, body);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiRequestError(res.status, `unexpected answer from ${method} ${path}`);
  return parsed.data;
}

export interface RenderListQuery {
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly status?: RenderStatus;
}

const sceneList = z.object({ items: z.array(sceneView) });

export const api = {
  listRenders(query: RenderListQuery = {}) {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.status) params.set('status', query.status);
    const qs = params.toString();
    return call(renderPage, 'GET', `/api/renders${qs ? `?${qs}` : ''}`);
  },
  getRender: (id: string): Promise<RenderView> => call(renderView, 'GET', `/api/renders/${encodeURIComponent(id)}`),
  createRender: (body: { scene: Record<string, unknown>; options: Record<string, unknown>; name?: string }): Promise<RenderView> =>
    call(renderView, 'POST', '/api/renders', body),
  cancelRender: (id: string): Promise<RenderView> => call(renderView, 'POST', `/api/renders/${encodeURIComponent(id)}/cancel`),
  retryRender: (id: string): Promise<RenderView> => call(renderView, 'POST', `/api/renders/${encodeURIComponent(id)}/retry`),
  async deleteRender(id: string): Promise<void> {
    await send('DELETE', `/api/renders/${encodeURIComponent(id)}`);
  },
  listScenes: async (): Promise<SceneView[]> => (await call(sceneList, 'GET', '/api/scenes?limit=100')).items,
  getScene: (id: string): Promise<SceneView> => call(sceneView, 'GET', `/api/scenes/${encodeURIComponent(id)}`),
  createScene: (body: { name: string; scene: Record<string, unknown> }): Promise<SceneView> =>
    call(sceneView, 'POST', '/api/scenes', body),
  updateScene: (id: string, body: { name?: string; scene?: Record<string, unknown> }): Promise<SceneView> =>
    call(sceneView, 'PUT', `/api/scenes/${encodeURIComponent(id)}`, body)
};
