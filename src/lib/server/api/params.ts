// Path parameters and per-request helpers shared by the API routes.
import type { RequestEvent } from '@sveltejs/kit';
import { ENVIRONMENT_UPLOAD_PREFIX, environmentSource, unknownEnvironmentMessage } from '../../environments/sources.ts';
import { meshSource, sceneMeshPaths, unknownMeshMessage, UPLOAD_PREFIX } from '../../meshes/sources.ts';
import { parseScene } from '../../scene/index.ts';
import type { Client } from '../auth/owner.ts';
import { ApiError, validationError, type FieldIssue } from '../http/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID path parameter; anything else is a 400 that says so (never a 500 from the database). */
export function uuidParam(event: RequestEvent, name = 'id'): string {
  const value = (event.params as Record<string, string | undefined>)[name] ?? '';
  if (!UUID.test(value)) throw new ApiError(400, `${name} must be a UUID, got ${JSON.stringify(value.slice(0, 60))}`);
  return value.toLowerCase();
}

export function client(event: RequestEvent): Client {
  const c = event.locals.client;
  if (!c) throw new ApiError(500, 'no client identity (hooks.server.ts did not run)');
  return c;
}

/**
 * Scene JSON checked by the scene parser, and every mesh `path` and the Hdri `environment.path` checked to be one
 * the service can resolve (a bundled model or environment, or `upload:<uuid>`; whether that upload exists is the
 * worker's check); 422 with every located error (`scene.objects[0].radius`). Returns the input as sent: the
 * worker parses the stored snapshot again with the same parser.
 */
export function validScene(value: unknown, field = 'scene'): unknown {
  const parsed = parseScene(value);
  const located = (path: string) => (path === '' ? field : `${field}.${path}`.replace('.[', '['));
  if (!parsed.ok) throw validationError(field, parsed.errors.map((e) => ({ path: located(e.path), message: e.message })));
  const pathIssues: FieldIssue[] = [];
  for (const [path, objectPath] of sceneMeshPaths(parsed.scene)) {
    const message = unresolvable(path, meshSource(path), unknownMeshMessage(path), UPLOAD_PREFIX, 'a mesh id');
    if (message) pathIssues.push({ path: located(objectPath), message });
  }
  const environment = parsed.scene.environment;
  if (environment?.kind === 'Hdri') {
    const { path } = environment;
    const message = unresolvable(path, environmentSource(path), unknownEnvironmentMessage(path), ENVIRONMENT_UPLOAD_PREFIX, 'an environment map id');
    if (message) pathIssues.push({ path: located('environment.path'), message });
  }
  if (pathIssues.length > 0) throw validationError(field, pathIssues);
  return value;
}

/** Why a scene `path` naming `source` (undefined: nothing) can never resolve, or undefined when it may. */
function unresolvable(path: string, source: { kind: 'upload'; id: string } | { kind: 'library' } | undefined, unknown: string, prefix: string, idName: string): string | undefined {
  if (!source) return unknown;
  if (source.kind === 'upload' && !UUID.test(source.id)) {
    return `${JSON.stringify(path.slice(0, 100))} is not an upload reference: "${prefix}" must be followed by ${idName} (a UUID)`;
  }
  return undefined;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
  });
}
